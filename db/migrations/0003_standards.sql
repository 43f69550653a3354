CREATE TABLE "standard_services" (
	"agency_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"service_code" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"requester_types" text[] NOT NULL,
	"channels" text[] NOT NULL,
	"definition" jsonb NOT NULL,
	CONSTRAINT "standard_services_agency_id_version_service_code_pk" PRIMARY KEY("agency_id","version","service_code"),
	CONSTRAINT "standard_services_position_positive" CHECK ("standard_services"."position" > 0)
);
--> statement-breakpoint
CREATE TABLE "standard_versions" (
	"agency_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"decree_number" text NOT NULL,
	"decree_date" date NOT NULL,
	"effective_from" date NOT NULL,
	"content_hash" text NOT NULL,
	"document" jsonb NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imported_by" uuid,
	CONSTRAINT "standard_versions_agency_id_version_pk" PRIMARY KEY("agency_id","version"),
	CONSTRAINT "standard_versions_version_positive" CHECK ("standard_versions"."version" > 0),
	CONSTRAINT "standard_versions_dates_ordered" CHECK ("standard_versions"."effective_from" >= "standard_versions"."decree_date")
);
--> statement-breakpoint
ALTER TABLE "standard_services" ADD CONSTRAINT "standard_services_agency_id_version_standard_versions_agency_id_version_fk" FOREIGN KEY ("agency_id","version") REFERENCES "public"."standard_versions"("agency_id","version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standard_versions" ADD CONSTRAINT "standard_versions_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standard_versions" ADD CONSTRAINT "standard_versions_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "standard_versions_effective_idx" ON "standard_versions" USING btree ("agency_id","effective_from");