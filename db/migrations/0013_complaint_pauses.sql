ALTER TABLE "complaints" ADD COLUMN "pauses" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "paused_since" timestamp with time zone;--> statement-breakpoint
-- Hand-added: each complaint's pauses move from complaint_clock_pauses onto its row, stored as the
-- requests store theirs: {from, to} in epoch milliseconds in start order, the open one (to: null)
-- also as paused_since. The reason column is not kept: 'incomplete' is the only one ever written,
-- and the timeline's verified_incomplete event says it.
UPDATE "complaints" AS c
SET "pauses" = p."pauses", "paused_since" = p."open_since"
FROM (
  SELECT
    "agency_id",
    "complaint_id",
    jsonb_agg(
      jsonb_build_object('from', (extract(epoch FROM "started_at") * 1000)::bigint, 'to', (extract(epoch FROM "ended_at") * 1000)::bigint)
      ORDER BY "started_at"
    ) AS "pauses",
    max("started_at") FILTER (WHERE "ended_at" IS NULL) AS "open_since"
  FROM "complaint_clock_pauses"
  GROUP BY "agency_id", "complaint_id"
) AS p
WHERE c."agency_id" = p."agency_id" AND c."id" = p."complaint_id";--> statement-breakpoint
DROP TABLE "complaint_clock_pauses" CASCADE;
