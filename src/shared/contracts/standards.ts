import { z } from 'zod';
import {
  agencyStandard,
  channelKinds,
  code,
  decreeInstruments,
  requesterTypes,
  serviceStandard,
  timeLimit,
} from '../standard/schema.js';
import { agencyCode, agencyLevel } from './agencies.js';

/**
 * The public API of service standards: an agency's standard (the version in force, or any
 * version), one service, and the catalogue across agencies. The documents themselves are the
 * schemas of `standard/schema.ts`, so the API serves exactly what the YAML says.
 */

export const requesterType = z.enum(requesterTypes);
export const channelKind = z.enum(channelKinds);
export const languageParam = z.enum(['id', 'en']);

/** The agency a standard belongs to, as the agencies table has it. */
export const standardAgency = z
  .object({
    code: z.string(),
    name: z.string(),
    level: agencyLevel,
    timeZone: z.string(),
    parentCode: z.string().nullable(),
  })
  .meta({ id: 'StandardAgency' });

/** One imported version: its decree, and whether it is the one in force today. */
export const standardVersionInfo = z
  .object({
    version: z.number().int().positive(),
    /** The kind of instrument that enacted it: a Keputusan (the usual) or a Peraturan. */
    decreeInstrument: z.enum(decreeInstruments),
    /** Null when the source document does not state the decree's number. */
    decreeNumber: z.string().nullable(),
    /** Null when the source document does not state the decree's date. */
    decreeDate: z.string().nullable(),
    /** The date from which Sigap judges requests by this version; always present. */
    effectiveFrom: z.string(),
    importedAt: z.iso.datetime({ offset: true }),
    /** The version in force today in the agency's time zone. */
    inForce: z.boolean(),
    /** Its decree is not effective yet. */
    upcoming: z.boolean(),
    serviceCount: z.number().int().min(0),
  })
  .meta({ id: 'StandardVersionInfo' });
export type StandardVersionInfo = z.infer<typeof standardVersionInfo>;

export const serviceChannelSummary = z.object({
  code: z.string(),
  kind: channelKind,
  label: z.string(),
  timeLimit: timeLimit.optional(),
  responseLimit: timeLimit.optional(),
  /** The standard's words where it names the limit but gives no figure: no deadline. */
  limitNotStated: z.string().optional(),
});

/** What a list of services shows: enough to choose one. */
export const serviceSummary = z
  .object({
    position: z.number().int().positive(),
    code: z.string(),
    name: z.string(),
    description: z.string(),
    requesterTypes: z.array(requesterType),
    channels: z.array(serviceChannelSummary),
    /** Rupiah, 0 free; null where the standard states no fee ("tidak dinyatakan"). */
    feeAmount: z.number().nullable(),
    /** The agency's task the service is derived from, where the document lists no services. */
    derivedFrom: z.string().nullable(),
  })
  .meta({ id: 'ServiceSummary' });
export type ServiceSummary = z.infer<typeof serviceSummary>;

/** An agency's standard: the agency part (agency.yaml) and its services, summarised. */
export const agencyStandardView = z
  .object({
    agency: standardAgency,
    version: standardVersionInfo,
    standard: agencyStandard,
    services: z.array(serviceSummary),
  })
  .meta({ id: 'AgencyStandardView' });
export type AgencyStandardView = z.infer<typeof agencyStandardView>;

export const standardVersionList = z
  .object({ agency: standardAgency, items: z.array(standardVersionInfo) })
  .meta({ id: 'StandardVersionList' });
export type StandardVersionList = z.infer<typeof standardVersionList>;

/** One service in full, with the agency parts its page needs (hours, complaint channels). */
export const serviceView = z
  .object({
    agency: standardAgency,
    version: standardVersionInfo,
    service: serviceStandard,
    position: z.number().int().positive(),
    /** From agency.yaml: the complaint channels and rules the service refers to. */
    complaints: agencyStandard.shape.complaints,
    serviceHours: agencyStandard.shape.serviceHours,
    roles: z.array(z.object({ code: z.string(), name: z.string() })),
  })
  .meta({ id: 'ServiceView' });
export type ServiceView = z.infer<typeof serviceView>;

export const standardParams = z.object({ code: agencyCode });
export const versionParams = z.object({ code: agencyCode, version: z.coerce.number().int().positive() });
export const serviceParams = z.object({ code: agencyCode, service: code });
export const serviceQuery = z.object({ version: z.coerce.number().int().positive().optional() });
export const pdfQuery = z.object({
  lang: languageParam.default('id'),
  version: z.coerce.number().int().positive().optional(),
});

export const catalogueQuery = z.object({
  requesterType: requesterType.optional(),
  channel: channelKind.optional(),
  q: z.string().trim().max(100).optional(),
  agency: agencyCode.optional(),
});
export type CatalogueQuery = z.infer<typeof catalogueQuery>;

export const catalogueEntry = serviceSummary
  .extend({
    agency: z.object({ code: z.string(), name: z.string(), level: agencyLevel }),
    version: z.number().int().positive(),
  })
  .meta({ id: 'CatalogueEntry' });
export type CatalogueEntry = z.infer<typeof catalogueEntry>;

export const catalogue = z.object({ items: z.array(catalogueEntry) }).meta({ id: 'Catalogue' });
export type Catalogue = z.infer<typeof catalogue>;
