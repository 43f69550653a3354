import { sql } from 'drizzle-orm';
import {
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type { AgencyStandard, ServiceStandard } from '../../../shared/standard/schema.js';
import { agencies } from './agencies.js';
import { users } from './identity.js';

/**
 * One version of an agency's service standard, as imported from `standards/<agency>/`. Versions
 * are never changed or deleted: a request stays pinned to the version in force when it was filed,
 * which is the highest version whose decree is effective on that local date.
 */
export const standardVersions = pgTable(
  'standard_versions',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    version: integer('version').notNull(),
    /** Null when the source document does not state the decree's number (or its date). */
    decreeNumber: text('decree_number'),
    decreeDate: date('decree_date', { mode: 'string' }),
    /** Sigap's application date: always present, whether or not the decree states a date. */
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    /** SHA-256 of the canonical JSON of agency + services: an unchanged import is a no-op. */
    contentHash: text('content_hash').notNull(),
    /** The whole agency.yaml as parsed (AgencyStandard); the services are in standard_services. */
    document: jsonb('document').$type<AgencyStandard>().notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
    /** The user who imported it; null for the command line and the import at start-up. */
    importedBy: uuid('imported_by').references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.version] }),
    // "In force at a date" walks an agency's versions by effective date.
    index('standard_versions_effective_idx').on(t.agencyId, t.effectiveFrom),
    check('standard_versions_version_positive', sql`${t.version} > 0`),
    // Only a stated decree date can be checked against; no date, nothing to order.
    check('standard_versions_dates_ordered', sql`${t.decreeDate} is null or ${t.effectiveFrom} >= ${t.decreeDate}`),
  ],
);

/**
 * The services of one standard version, one row each, so the catalogue can be searched and
 * filtered across agencies without unpacking documents. `definition` is the whole service file.
 */
export const standardServices = pgTable(
  'standard_services',
  {
    agencyId: uuid('agency_id').notNull(),
    version: integer('version').notNull(),
    serviceCode: text('service_code').notNull(),
    /** 1-based, in the order the standard numbers its services. */
    position: integer('position').notNull(),
    name: text('name').notNull(),
    requesterTypes: text('requester_types').array().notNull(),
    /** Distinct channel kinds (walk_in, website, …), for the catalogue filter. */
    channels: text('channels').array().notNull(),
    definition: jsonb('definition').$type<ServiceStandard>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.version, t.serviceCode] }),
    foreignKey({ columns: [t.agencyId, t.version], foreignColumns: [standardVersions.agencyId, standardVersions.version] }),
    check('standard_services_position_positive', sql`${t.position} > 0`),
  ],
);
