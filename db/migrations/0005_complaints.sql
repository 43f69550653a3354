CREATE TABLE "complaint_clock_pauses" (
	"agency_id" uuid NOT NULL,
	"complaint_id" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"reason" text NOT NULL,
	CONSTRAINT "complaint_clock_pauses_agency_id_complaint_id_started_at_pk" PRIMARY KEY("agency_id","complaint_id","started_at"),
	CONSTRAINT "complaint_clock_pauses_order" CHECK ("complaint_clock_pauses"."ended_at" is null or "complaint_clock_pauses"."ended_at" >= "complaint_clock_pauses"."started_at")
);
--> statement-breakpoint
CREATE TABLE "complaint_complainants" (
	"agency_id" uuid NOT NULL,
	"complaint_id" uuid NOT NULL,
	"name" text,
	"address" text,
	"email" text,
	"phone" text,
	CONSTRAINT "complaint_complainants_agency_id_complaint_id_pk" PRIMARY KEY("agency_id","complaint_id")
);
--> statement-breakpoint
CREATE TABLE "complaint_counters" (
	"agency_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last_seq" integer NOT NULL,
	CONSTRAINT "complaint_counters_agency_id_year_pk" PRIMARY KEY("agency_id","year")
);
--> statement-breakpoint
CREATE TABLE "complaint_events" (
	"agency_id" uuid NOT NULL,
	"complaint_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"type" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"actor_label" text,
	"note" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"visible_to_complainant" boolean DEFAULT true NOT NULL,
	CONSTRAINT "complaint_events_agency_id_complaint_id_seq_pk" PRIMARY KEY("agency_id","complaint_id","seq")
);
--> statement-breakpoint
CREATE TABLE "complaint_lapor_sync" (
	"agency_id" uuid PRIMARY KEY NOT NULL,
	"cursor" text,
	"last_synced_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"agency_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"tracking_secret_hash" text NOT NULL,
	"standard_version" integer,
	"channel" text NOT NULL,
	"channel_kind" text NOT NULL,
	"service_code" text,
	"request_number" text,
	"request_id" uuid,
	"lapor_tracking_id" text,
	"anonymous" boolean DEFAULT false NOT NULL,
	"confidential" boolean DEFAULT false NOT NULL,
	"subject" text NOT NULL,
	"description" text NOT NULL,
	"loss" text,
	"requested_resolution" text,
	"place" text,
	"signed" boolean DEFAULT false NOT NULL,
	"other_contents" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"additions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"service_date" date,
	"file_by" date,
	"late" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"class_code" text,
	"assignee_id" uuid,
	"assignee_name" text,
	"response_limit" jsonb,
	"response_due_at" timestamp with time zone,
	"responded_at" timestamp with time zone,
	"resolution_limit" jsonb,
	"resolution_due_at" timestamp with time zone,
	"hard_due_at" timestamp with time zone NOT NULL,
	"answer" text,
	"outcome" text,
	"answered_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"reopen_until" timestamp with time zone,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "complaints_agency_id_id_pk" PRIMARY KEY("agency_id","id"),
	CONSTRAINT "complaints_status_valid" CHECK ("complaints"."status" in ('received', 'incomplete', 'verified', 'classified', 'assigned', 'followed_up', 'answered', 'closed', 'reopened')),
	CONSTRAINT "complaints_outcome_valid" CHECK ("complaints"."outcome" is null or "complaints"."outcome" in ('substantiated', 'unsubstantiated', 'referred')),
	CONSTRAINT "complaints_seq_positive" CHECK ("complaints"."seq" > 0)
);
--> statement-breakpoint
ALTER TABLE "complaint_clock_pauses" ADD CONSTRAINT "complaint_clock_pauses_agency_id_complaint_id_complaints_agency_id_id_fk" FOREIGN KEY ("agency_id","complaint_id") REFERENCES "public"."complaints"("agency_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_complainants" ADD CONSTRAINT "complaint_complainants_agency_id_complaint_id_complaints_agency_id_id_fk" FOREIGN KEY ("agency_id","complaint_id") REFERENCES "public"."complaints"("agency_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_counters" ADD CONSTRAINT "complaint_counters_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_events" ADD CONSTRAINT "complaint_events_agency_id_complaint_id_complaints_agency_id_id_fk" FOREIGN KEY ("agency_id","complaint_id") REFERENCES "public"."complaints"("agency_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_lapor_sync" ADD CONSTRAINT "complaint_lapor_sync_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "complaint_clock_pauses_open_unique" ON "complaint_clock_pauses" USING btree ("agency_id","complaint_id") WHERE "complaint_clock_pauses"."ended_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_number_unique" ON "complaints" USING btree ("agency_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_seq_unique" ON "complaints" USING btree ("agency_id","year","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_lapor_unique" ON "complaints" USING btree ("agency_id","lapor_tracking_id") WHERE "complaints"."lapor_tracking_id" is not null;--> statement-breakpoint
CREATE INDEX "complaints_status_idx" ON "complaints" USING btree ("agency_id","status","received_at");--> statement-breakpoint
CREATE INDEX "complaints_received_idx" ON "complaints" USING btree ("agency_id","received_at");--> statement-breakpoint
CREATE INDEX "complaints_request_idx" ON "complaints" USING btree ("agency_id","request_id");