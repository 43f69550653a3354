ALTER TABLE "complaints" ADD COLUMN "clocks_from" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "auto_close_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "complaints_auto_close_idx" ON "complaints" USING btree ("agency_id","auto_close_at") WHERE "complaints"."auto_close_at" is not null;