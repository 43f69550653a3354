CREATE TABLE "vendor_name_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
DROP INDEX "vendors_name_trgm_idx";--> statement-breakpoint
CREATE INDEX "vendor_name_words_trgm_idx" ON "vendor_name_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "vendors_name_tsv_idx" ON "vendors" USING gin (to_tsvector('simple', "name"));--> statement-breakpoint
-- The vocabulary of the names already registered (split as the application splits them: on anything not a letter or digit).
INSERT INTO "vendor_name_words" ("word")
SELECT DISTINCT lower(w) FROM "vendors", regexp_split_to_table("name", '[^[:alnum:]]+') AS w WHERE w <> ''
ON CONFLICT DO NOTHING;
