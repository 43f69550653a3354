CREATE TABLE "canned_replies" (
	"agency_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"service_code" text,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "canned_replies_agency_id_id_pk" PRIMARY KEY("agency_id","id")
);
--> statement-breakpoint
CREATE TABLE "request_attachments" (
	"agency_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"sha256" text NOT NULL,
	"encrypted" boolean NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" integer NOT NULL,
	"confidential" boolean NOT NULL,
	"requirement_code" text,
	"uploaded_by_type" text NOT NULL,
	"uploaded_by" text,
	"uploaded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "request_attachments_agency_id_request_id_id_pk" PRIMARY KEY("agency_id","request_id","id")
);
--> statement-breakpoint
CREATE TABLE "request_checklist_items" (
	"agency_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"code" text NOT NULL,
	"position" integer NOT NULL,
	"label" text NOT NULL,
	"kind" text NOT NULL,
	"required" boolean NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"value" text,
	"note" text,
	"marked_by" text,
	"marked_at" timestamp with time zone,
	CONSTRAINT "request_checklist_items_agency_id_request_id_code_pk" PRIMARY KEY("agency_id","request_id","code"),
	CONSTRAINT "request_checklist_state_valid" CHECK ("request_checklist_items"."state" in ('pending', 'received', 'original_shown', 'missing'))
);
--> statement-breakpoint
CREATE TABLE "request_counters" (
	"agency_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last_seq" integer NOT NULL,
	CONSTRAINT "request_counters_agency_id_year_pk" PRIMARY KEY("agency_id","year")
);
--> statement-breakpoint
CREATE TABLE "request_events" (
	"agency_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"seq" bigserial NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"actor_label" text,
	"actor_agency_id" uuid,
	"action" text,
	"from_step" text,
	"to_step" text,
	"comment" text,
	"visibility" text NOT NULL,
	"data" jsonb,
	CONSTRAINT "request_events_agency_id_request_id_seq_pk" PRIMARY KEY("agency_id","request_id","seq"),
	CONSTRAINT "request_events_visibility_valid" CHECK ("request_events"."visibility" in ('public', 'internal'))
);
--> statement-breakpoint
CREATE TABLE "request_priority_grants" (
	"agency_id" uuid NOT NULL,
	"requester_key" text NOT NULL,
	"granted_for_request_id" uuid NOT NULL,
	"granted_at" timestamp with time zone NOT NULL,
	"used_by_request_id" uuid,
	"used_at" timestamp with time zone,
	CONSTRAINT "request_priority_grants_agency_id_requester_key_granted_for_request_id_pk" PRIMARY KEY("agency_id","requester_key","granted_for_request_id")
);
--> statement-breakpoint
CREATE TABLE "request_settings" (
	"agency_id" uuid PRIMARY KEY NOT NULL,
	"auto_close_working_days" integer DEFAULT 5 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "requests" (
	"agency_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"tracking_secret_hash" text NOT NULL,
	"service_code" text NOT NULL,
	"standard_version" integer NOT NULL,
	"channel" text NOT NULL,
	"channel_kind" text NOT NULL,
	"source" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"requester_type" text NOT NULL,
	"requester_name" text NOT NULL,
	"requester_nik" text,
	"requester_phone" text,
	"requester_email" text,
	"requester_user_id" uuid,
	"organisation_name" text,
	"organisation_npwp" text,
	"organisation_nib" text,
	"government_unit" text,
	"event_date" date,
	"current_step" text NOT NULL,
	"current_role" text,
	"handling_agency_id" uuid NOT NULL,
	"involved_agency_ids" uuid[] NOT NULL,
	"tier" text,
	"external_system" text,
	"external_reference" text,
	"status" text NOT NULL,
	"outcome" text,
	"assignee_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"priority" boolean DEFAULT false NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"clock_started_at" timestamp with time zone,
	"response_limit" jsonb,
	"resolution_limit" jsonb,
	"response_due_at" timestamp with time zone,
	"resolution_due_at" timestamp with time zone,
	"responded_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"pauses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"paused_since" timestamp with time zone,
	"sort_due_at" timestamp with time zone,
	"clock_state" text DEFAULT 'ok' NOT NULL,
	"warned_at" timestamp with time zone,
	"breached_at" timestamp with time zone,
	"next_check_at" timestamp with time zone,
	"auto_close_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"product_text" text,
	"product_attachment_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "requests_agency_id_id_pk" PRIMARY KEY("agency_id","id"),
	CONSTRAINT "requests_status_valid" CHECK ("requests"."status" in ('open', 'waiting', 'confirming', 'closed')),
	CONSTRAINT "requests_clock_state_valid" CHECK ("requests"."clock_state" in ('ok', 'warning', 'breached')),
	CONSTRAINT "requests_source_valid" CHECK ("requests"."source" in ('staff', 'portal', 'public', 'api')),
	CONSTRAINT "requests_contact" CHECK ("requests"."requester_email" is not null or "requests"."requester_phone" is not null or "requests"."requester_user_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "stored_files" (
	"agency_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"encrypted" boolean NOT NULL,
	"size" integer NOT NULL,
	"mime_type" text NOT NULL,
	"storage_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stored_files_agency_id_sha256_encrypted_pk" PRIMARY KEY("agency_id","sha256","encrypted")
);
--> statement-breakpoint
ALTER TABLE "canned_replies" ADD CONSTRAINT "canned_replies_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_attachments" ADD CONSTRAINT "request_attachments_agency_id_request_id_requests_agency_id_id_fk" FOREIGN KEY ("agency_id","request_id") REFERENCES "public"."requests"("agency_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_attachments" ADD CONSTRAINT "request_attachments_agency_id_sha256_encrypted_stored_files_agency_id_sha256_encrypted_fk" FOREIGN KEY ("agency_id","sha256","encrypted") REFERENCES "public"."stored_files"("agency_id","sha256","encrypted") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_checklist_items" ADD CONSTRAINT "request_checklist_items_agency_id_request_id_requests_agency_id_id_fk" FOREIGN KEY ("agency_id","request_id") REFERENCES "public"."requests"("agency_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_counters" ADD CONSTRAINT "request_counters_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_events" ADD CONSTRAINT "request_events_agency_id_request_id_requests_agency_id_id_fk" FOREIGN KEY ("agency_id","request_id") REFERENCES "public"."requests"("agency_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_priority_grants" ADD CONSTRAINT "request_priority_grants_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_settings" ADD CONSTRAINT "request_settings_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stored_files" ADD CONSTRAINT "stored_files_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "canned_replies_service_idx" ON "canned_replies" USING btree ("agency_id","service_code");--> statement-breakpoint
CREATE INDEX "request_priority_grants_grant_idx" ON "request_priority_grants" USING btree ("agency_id","granted_for_request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "requests_number_unique" ON "requests" USING btree ("agency_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "requests_seq_unique" ON "requests" USING btree ("agency_id","year","seq");--> statement-breakpoint
CREATE INDEX "requests_queue_role_idx" ON "requests" USING btree ("agency_id","current_role","priority" DESC NULLS LAST,"sort_due_at","id") WHERE "requests"."status" <> 'closed' and "requests"."handling_agency_id" = "requests"."agency_id";--> statement-breakpoint
CREATE INDEX "requests_queue_assignee_idx" ON "requests" USING btree ("agency_id","assignee_id","priority" DESC NULLS LAST,"sort_due_at","id") WHERE "requests"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "requests_queue_clock_idx" ON "requests" USING btree ("agency_id","clock_state","priority" DESC NULLS LAST,"sort_due_at","id") WHERE "requests"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "requests_escalated_idx" ON "requests" USING btree ("handling_agency_id","current_role","priority" DESC NULLS LAST,"sort_due_at","id") WHERE "requests"."status" <> 'closed' and "requests"."handling_agency_id" <> "requests"."agency_id";--> statement-breakpoint
CREATE INDEX "requests_received_idx" ON "requests" USING btree ("agency_id","received_at");--> statement-breakpoint
CREATE INDEX "requests_requester_user_idx" ON "requests" USING btree ("agency_id","requester_user_id");--> statement-breakpoint
CREATE INDEX "requests_requester_email_idx" ON "requests" USING btree ("agency_id","requester_email");--> statement-breakpoint
CREATE INDEX "requests_next_check_idx" ON "requests" USING btree ("agency_id","next_check_at") WHERE "requests"."next_check_at" is not null;