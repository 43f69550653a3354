import { z } from 'zod';

export const agencyLevel = z.enum(['national', 'provinsi', 'kabupaten', 'kota']);

export const agencySummary = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    level: agencyLevel,
    timeZone: z.string(),
    parentCode: z.string().nullable(),
  })
  .meta({ id: 'AgencySummary' });
export type AgencySummary = z.infer<typeof agencySummary>;

export const agencyList = z.object({ items: z.array(agencySummary) }).meta({ id: 'AgencyList' });
export type AgencyList = z.infer<typeof agencyList>;

export const agencyCode = z.string().min(2).max(64).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'agency.code');
