DROP INDEX "requests_queue_role_idx";--> statement-breakpoint
DROP INDEX "requests_queue_all_idx";--> statement-breakpoint
DROP INDEX "requests_queue_clock_idx";--> statement-breakpoint
CREATE INDEX "requests_queue_role_idx" ON "requests" USING btree ("agency_id","handling_agency_id","current_role","priority" DESC NULLS LAST,"sort_due_at","id") WHERE "requests"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "requests_queue_all_idx" ON "requests" USING btree ("agency_id","handling_agency_id","priority" DESC NULLS LAST,"sort_due_at","id") WHERE "requests"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "requests_queue_clock_idx" ON "requests" USING btree ("agency_id","handling_agency_id","clock_state","priority" DESC NULLS LAST,"sort_due_at","id") WHERE "requests"."status" <> 'closed';