import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

export const agencyLevels = ['national', 'provinsi', 'kabupaten', 'kota'] as const;
export type AgencyLevel = (typeof agencyLevels)[number];

/**
 * A service unit (UKPBJ / Biro or Bagian PBJ with its LPSE), or a national tier such as LKPP.
 * Its `id` is the `agency_id` that leads the primary key of every agency-owned table.
 */
export const agencies = pgTable(
  'agencies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    level: text('level', { enum: agencyLevels }).notNull(),
    timeZone: text('time_zone').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => agencies.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('agencies_parent_idx').on(t.parentId),
    check('agencies_code_format', sql`${t.code} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check('agencies_level_valid', sql`${t.level} in ('national', 'provinsi', 'kabupaten', 'kota')`),
  ],
);
