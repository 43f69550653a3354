CREATE TABLE "survey_import_batches" (
	"agency_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"row_count" integer NOT NULL,
	"imported_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_import_batches_agency_id_id_pk" PRIMARY KEY("agency_id","id")
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"agency_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"service_code" text NOT NULL,
	"channel" text,
	"request_id" uuid,
	"mode" text NOT NULL,
	"u1" smallint NOT NULL,
	"u2" smallint NOT NULL,
	"u3" smallint NOT NULL,
	"u4" smallint NOT NULL,
	"u5" smallint NOT NULL,
	"u6" smallint NOT NULL,
	"u7" smallint NOT NULL,
	"u8" smallint NOT NULL,
	"u9" smallint NOT NULL,
	"sex" text,
	"age_band" text,
	"education" text,
	"occupation" text,
	"suggestion" text,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"import_batch_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_responses_agency_id_id_pk" PRIMARY KEY("agency_id","id"),
	CONSTRAINT "survey_responses_mode_valid" CHECK ("survey_responses"."mode" in ('online', 'kiosk', 'paper')),
	CONSTRAINT "survey_responses_answers_range" CHECK ("survey_responses"."u1" between 1 and 4 and "survey_responses"."u2" between 1 and 4 and "survey_responses"."u3" between 1 and 4 and "survey_responses"."u4" between 1 and 4 and "survey_responses"."u5" between 1 and 4 and "survey_responses"."u6" between 1 and 4 and "survey_responses"."u7" between 1 and 4 and "survey_responses"."u8" between 1 and 4 and "survey_responses"."u9" between 1 and 4),
	CONSTRAINT "survey_responses_sex_valid" CHECK ("survey_responses"."sex" is null or "survey_responses"."sex" in ('male', 'female')),
	CONSTRAINT "survey_responses_age_band_valid" CHECK ("survey_responses"."age_band" is null or "survey_responses"."age_band" in ('under_20', '20_29', '30_39', '40_49', '50_59', '60_plus')),
	CONSTRAINT "survey_responses_education_valid" CHECK ("survey_responses"."education" is null or "survey_responses"."education" in ('sd', 'smp', 'sma', 'diploma', 's1', 's2', 's3')),
	CONSTRAINT "survey_responses_occupation_valid" CHECK ("survey_responses"."occupation" is null or "survey_responses"."occupation" in ('pns', 'tni', 'polri', 'swasta', 'wirausaha', 'penyedia', 'lainnya')),
	CONSTRAINT "survey_responses_paper_batch" CHECK (("survey_responses"."mode" = 'paper') = ("survey_responses"."import_batch_id" is not null)),
	CONSTRAINT "survey_responses_online_request" CHECK ("survey_responses"."mode" <> 'kiosk' or "survey_responses"."request_id" is null)
);
--> statement-breakpoint
ALTER TABLE "survey_import_batches" ADD CONSTRAINT "survey_import_batches_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_agency_id_import_batch_id_survey_import_batches_agency_id_id_fk" FOREIGN KEY ("agency_id","import_batch_id") REFERENCES "public"."survey_import_batches"("agency_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_request_unique" ON "survey_responses" USING btree ("agency_id","request_id") WHERE "survey_responses"."request_id" is not null;--> statement-breakpoint
CREATE INDEX "survey_responses_period_idx" ON "survey_responses" USING btree ("agency_id","submitted_at");--> statement-breakpoint
CREATE INDEX "survey_responses_service_period_idx" ON "survey_responses" USING btree ("agency_id","service_code","submitted_at");--> statement-breakpoint
CREATE INDEX "survey_responses_batch_idx" ON "survey_responses" USING btree ("agency_id","import_batch_id");