CREATE TABLE "agency_non_working_dates" (
	"agency_id" uuid NOT NULL,
	"date" date NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"source" text NOT NULL,
	"confirmed" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agency_non_working_dates_agency_id_date_pk" PRIMARY KEY("agency_id","date"),
	CONSTRAINT "agency_non_working_dates_kind" CHECK ("agency_non_working_dates"."kind" in ('holiday', 'cuti_bersama', 'closure'))
);
--> statement-breakpoint
CREATE TABLE "calendar_settings" (
	"agency_id" uuid PRIMARY KEY NOT NULL,
	"weekly_hours" jsonb,
	"profiles" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"warning_threshold" real DEFAULT 0.75 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_settings_threshold_range" CHECK ("calendar_settings"."warning_threshold" > 0 and "calendar_settings"."warning_threshold" <= 1)
);
--> statement-breakpoint
CREATE TABLE "national_non_working_dates" (
	"date" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"source" text NOT NULL,
	"confirmed" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "national_non_working_dates_kind" CHECK ("national_non_working_dates"."kind" in ('holiday', 'cuti_bersama'))
);
--> statement-breakpoint
ALTER TABLE "agency_non_working_dates" ADD CONSTRAINT "agency_non_working_dates_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_settings" ADD CONSTRAINT "calendar_settings_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;