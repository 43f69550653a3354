/**
 * Indonesia's national holidays and cuti bersama, shipped as data (holidays/id-<year>.json),
 * from the joint decrees of the three ministers. The database is seeded from these; from
 * then on the dates are data an administrator keeps.
 */
import id2025 from './holidays/id-2025.json' with { type: 'json' };
import id2026 from './holidays/id-2026.json' with { type: 'json' };

export const nonWorkingKinds = ['holiday', 'cuti_bersama', 'closure'] as const;
export type NonWorkingKind = (typeof nonWorkingKinds)[number];

export interface ShippedDate {
  date: string;
  kind: 'holiday' | 'cuti_bersama';
  name: string;
  /** 'domain.md': a checked fact; anything else must be checked against the decree. */
  source: string;
}

export interface ShippedYear {
  country: string;
  year: number;
  decree: string;
  note: string;
  dates: ShippedDate[];
}

export const shippedNationalYears: readonly ShippedYear[] = [id2025 as ShippedYear, id2026 as ShippedYear];

/** A shipped date counts as confirmed only when its source is a checked fact. */
export function isCheckedSource(source: string): boolean {
  return source === 'domain.md';
}
