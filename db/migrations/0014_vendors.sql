-- Trigram similarity for the typo-tolerant vendor search (vendors_name_trgm_idx below).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "vendor_accounts" (
	"agency_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"vendor_id" uuid NOT NULL,
	"user_login" text NOT NULL,
	"user_login_key" text NOT NULL,
	"email" text NOT NULL,
	"status" text NOT NULL,
	"registered_at" timestamp with time zone NOT NULL,
	"activated_at" timestamp with time zone,
	"activated_by_label" text,
	"activated_request_id" uuid,
	"activated_request_number" text,
	"deactivated_at" timestamp with time zone,
	"deactivated_by_label" text,
	"deactivated_request_id" uuid,
	"deactivated_request_number" text,
	"deactivation_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vendor_accounts_agency_id_id_pk" PRIMARY KEY("agency_id","id"),
	CONSTRAINT "vendor_accounts_status" CHECK ("vendor_accounts"."status" in ('awaiting_verification', 'active', 'inactive')),
	CONSTRAINT "vendor_accounts_email_lower" CHECK ("vendor_accounts"."email" = lower("vendor_accounts"."email"))
);
--> statement-breakpoint
CREATE TABLE "vendor_aggregations" (
	"agency_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"vendor_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"request_id" uuid,
	"request_number" text,
	"state" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"submitted_by_label" text,
	"lkpp_reference" text,
	"result_at" timestamp with time zone,
	"result_by_label" text,
	"result_reference" text,
	"result_note" text,
	CONSTRAINT "vendor_aggregations_agency_id_id_pk" PRIMARY KEY("agency_id","id"),
	CONSTRAINT "vendor_aggregations_state" CHECK ("vendor_aggregations"."state" in ('submitted', 'approved', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "vendor_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vendor_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text,
	"number" text,
	"issued_on" date,
	"person_id" uuid,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	"uploaded_by_label" text,
	"superseded_at" timestamp with time zone,
	"superseded_by" uuid,
	"verified_at" timestamp with time zone,
	"verified_by_id" uuid,
	"verified_by_label" text,
	"verified_agency_id" uuid,
	"original_shown" boolean,
	"verification_note" text,
	CONSTRAINT "vendor_documents_kind" CHECK ("vendor_documents"."kind" in ('akta_pendirian', 'akta_perubahan', 'nib', 'npwp', 'ktp', 'izin_usaha', 'tdp', 'surat_kuasa', 'lainnya'))
);
--> statement-breakpoint
CREATE TABLE "vendor_email_changes" (
	"agency_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"vendor_id" uuid NOT NULL,
	"request_id" uuid,
	"request_number" text,
	"old_email" text NOT NULL,
	"new_email" text NOT NULL,
	"token_hash" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone,
	"superseded_at" timestamp with time zone,
	"requested_by_label" text,
	CONSTRAINT "vendor_email_changes_agency_id_id_pk" PRIMARY KEY("agency_id","id")
);
--> statement-breakpoint
CREATE TABLE "vendor_history" (
	"vendor_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"agency_id" uuid,
	"account_id" uuid,
	"field" text NOT NULL,
	"old_value" text,
	"new_value" text,
	"request_id" uuid,
	"request_number" text,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"actor_label" text,
	CONSTRAINT "vendor_history_vendor_id_seq_pk" PRIMARY KEY("vendor_id","seq"),
	CONSTRAINT "vendor_history_field" CHECK ("vendor_history"."field" in ('registered', 'name', 'legalForm', 'npwp', 'nib', 'address', 'email', 'phone', 'person.added', 'person.removed', 'document.added', 'document.verified', 'document.superseded', 'account.registered', 'account.status', 'account.email', 'account.userId', 'account.aggregation'))
);
--> statement-breakpoint
CREATE TABLE "vendor_persons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vendor_id" uuid NOT NULL,
	"role" text NOT NULL,
	"name" text NOT NULL,
	"nik" text NOT NULL,
	"position" text,
	"email" text,
	"phone" text,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	CONSTRAINT "vendor_persons_role" CHECK ("vendor_persons"."role" in ('direktur', 'pemilik', 'kuasa'))
);
--> statement-breakpoint
CREATE TABLE "vendor_receipts" (
	"agency_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"vendor_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"request_number" text NOT NULL,
	"kind" text NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "vendor_receipts_agency_id_id_pk" PRIMARY KEY("agency_id","id"),
	CONSTRAINT "vendor_receipts_kind" CHECK ("vendor_receipts"."kind" in ('activation'))
);
--> statement-breakpoint
CREATE TABLE "vendor_requests" (
	"agency_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"vendor_id" uuid NOT NULL,
	"service_code" text NOT NULL,
	"service_name" text NOT NULL,
	"effect" text,
	"state" text NOT NULL,
	"reference" text NOT NULL,
	"change" jsonb NOT NULL,
	"documents" jsonb NOT NULL,
	"requester_user_id" uuid,
	"request_id" uuid,
	"request_number" text,
	"prepared_by_label" text,
	"on_behalf" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"filed_at" timestamp with time zone,
	"applied_at" timestamp with time zone,
	"result" jsonb,
	CONSTRAINT "vendor_requests_agency_id_id_pk" PRIMARY KEY("agency_id","id"),
	CONSTRAINT "vendor_requests_state" CHECK ("vendor_requests"."state" in ('prepared', 'filed', 'applied', 'withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "vendors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"legal_form" text NOT NULL,
	"npwp" text NOT NULL,
	"npwp_key" text NOT NULL,
	"nib" text,
	"address" text NOT NULL,
	"email" text NOT NULL,
	"phone" text,
	"version" integer DEFAULT 1 NOT NULL,
	"history_seq" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vendors_legal_form" CHECK ("vendors"."legal_form" in ('pt', 'cv', 'firma', 'koperasi', 'persekutuan_perdata', 'usaha_perorangan', 'perseorangan')),
	CONSTRAINT "vendors_npwp_digits" CHECK ("vendors"."npwp" ~ '^[0-9]{15,16}$' and "vendors"."npwp_key" ~ '^[0-9]{16}$'),
	CONSTRAINT "vendors_nib_digits" CHECK ("vendors"."nib" ~ '^[0-9]{13}$'),
	CONSTRAINT "vendors_email_lower" CHECK ("vendors"."email" = lower("vendors"."email"))
);
--> statement-breakpoint
ALTER TABLE "vendor_accounts" ADD CONSTRAINT "vendor_accounts_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_accounts" ADD CONSTRAINT "vendor_accounts_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_aggregations" ADD CONSTRAINT "vendor_aggregations_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_aggregations" ADD CONSTRAINT "vendor_aggregations_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_aggregations" ADD CONSTRAINT "vendor_aggregations_agency_id_account_id_vendor_accounts_agency_id_id_fk" FOREIGN KEY ("agency_id","account_id") REFERENCES "public"."vendor_accounts"("agency_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_documents" ADD CONSTRAINT "vendor_documents_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_documents" ADD CONSTRAINT "vendor_documents_person_id_vendor_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."vendor_persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_documents" ADD CONSTRAINT "vendor_documents_verified_agency_id_agencies_id_fk" FOREIGN KEY ("verified_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_email_changes" ADD CONSTRAINT "vendor_email_changes_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_email_changes" ADD CONSTRAINT "vendor_email_changes_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_email_changes" ADD CONSTRAINT "vendor_email_changes_agency_id_account_id_vendor_accounts_agency_id_id_fk" FOREIGN KEY ("agency_id","account_id") REFERENCES "public"."vendor_accounts"("agency_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_history" ADD CONSTRAINT "vendor_history_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_history" ADD CONSTRAINT "vendor_history_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_persons" ADD CONSTRAINT "vendor_persons_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_persons" ADD CONSTRAINT "vendor_persons_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_receipts" ADD CONSTRAINT "vendor_receipts_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_receipts" ADD CONSTRAINT "vendor_receipts_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_requests" ADD CONSTRAINT "vendor_requests_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_requests" ADD CONSTRAINT "vendor_requests_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "vendor_accounts_vendor_unique" ON "vendor_accounts" USING btree ("agency_id","vendor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vendor_accounts_login_unique" ON "vendor_accounts" USING btree ("agency_id","user_login_key");--> statement-breakpoint
CREATE INDEX "vendor_accounts_email_idx" ON "vendor_accounts" USING btree ("agency_id","email");--> statement-breakpoint
CREATE INDEX "vendor_accounts_email_any_idx" ON "vendor_accounts" USING btree ("email");--> statement-breakpoint
CREATE INDEX "vendor_accounts_vendor_idx" ON "vendor_accounts" USING btree ("vendor_id");--> statement-breakpoint
CREATE INDEX "vendor_aggregations_vendor_idx" ON "vendor_aggregations" USING btree ("agency_id","vendor_id");--> statement-breakpoint
CREATE INDEX "vendor_documents_vendor_idx" ON "vendor_documents" USING btree ("vendor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vendor_email_changes_token_unique" ON "vendor_email_changes" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "vendor_email_changes_account_idx" ON "vendor_email_changes" USING btree ("agency_id","account_id");--> statement-breakpoint
CREATE INDEX "vendor_persons_vendor_idx" ON "vendor_persons" USING btree ("vendor_id");--> statement-breakpoint
CREATE INDEX "vendor_persons_user_idx" ON "vendor_persons" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vendor_persons_nik_unique" ON "vendor_persons" USING btree ("vendor_id","nik") WHERE "vendor_persons"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "vendor_receipts_vendor_idx" ON "vendor_receipts" USING btree ("agency_id","vendor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vendor_requests_request_unique" ON "vendor_requests" USING btree ("agency_id","request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vendor_requests_reference_unique" ON "vendor_requests" USING btree ("agency_id","reference");--> statement-breakpoint
CREATE INDEX "vendor_requests_state_idx" ON "vendor_requests" USING btree ("agency_id","state","created_at");--> statement-breakpoint
CREATE INDEX "vendor_requests_vendor_idx" ON "vendor_requests" USING btree ("vendor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vendors_npwp_key_unique" ON "vendors" USING btree ("npwp_key");--> statement-breakpoint
CREATE UNIQUE INDEX "vendors_nib_unique" ON "vendors" USING btree ("nib");--> statement-breakpoint
CREATE INDEX "vendors_name_trgm_idx" ON "vendors" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "vendors_email_idx" ON "vendors" USING btree ("email");--> statement-breakpoint
CREATE INDEX "vendors_name_idx" ON "vendors" USING btree ("name","id");