ALTER TABLE "standard_versions" DROP CONSTRAINT "standard_versions_dates_ordered";--> statement-breakpoint
ALTER TABLE "standard_versions" ALTER COLUMN "decree_number" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "standard_versions" ALTER COLUMN "decree_date" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "standard_versions" ADD CONSTRAINT "standard_versions_dates_ordered" CHECK ("standard_versions"."decree_date" is null or "standard_versions"."effective_from" >= "standard_versions"."decree_date");