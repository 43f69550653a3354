ALTER TABLE "requests" ADD COLUMN "stage_clocks" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "timeline_variant" text;