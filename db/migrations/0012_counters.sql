CREATE TABLE "counters" (
	"agency_id" uuid NOT NULL,
	"series" text NOT NULL,
	"year" integer NOT NULL,
	"last_seq" integer NOT NULL,
	CONSTRAINT "counters_agency_id_series_year_pk" PRIMARY KEY("agency_id","series","year")
);
--> statement-breakpoint
-- Hand-added: the numbers given so far carry over, so the next request or complaint continues its series.
INSERT INTO "counters" ("agency_id", "series", "year", "last_seq") SELECT "agency_id", 'request', "year", "last_seq" FROM "request_counters";--> statement-breakpoint
INSERT INTO "counters" ("agency_id", "series", "year", "last_seq") SELECT "agency_id", 'complaint', "year", "last_seq" FROM "complaint_counters";--> statement-breakpoint
DROP TABLE "complaint_counters" CASCADE;--> statement-breakpoint
DROP TABLE "request_counters" CASCADE;--> statement-breakpoint
ALTER TABLE "counters" ADD CONSTRAINT "counters_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;