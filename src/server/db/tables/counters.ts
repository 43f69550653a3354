import { integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { agencies } from './agencies.js';

/**
 * The last number given per agency, series and year, for every gap-free numbering: request
 * numbers, complaint numbers, and the letter agendas and queue tickets that follow. Incremented in
 * the caller's transaction, so a rolled-back filing gives its number back: numbers have no gaps.
 */
export const counters = pgTable(
  'counters',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    /** What is numbered: `request`, `complaint`, … */
    series: text('series').notNull(),
    year: integer('year').notNull(),
    lastSeq: integer('last_seq').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.series, t.year] })],
);
