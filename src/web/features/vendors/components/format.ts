import { legalFormLabels, type LegalForm } from '../../../../shared/contracts/vendors.js';

/**
 * An NPWP as people read it, never as bare digits: the old 15-digit form dotted
 * (`01.312.166.0-091.000`, as the server already sends it), the 16-digit form in four groups
 * (`0013 1216 6009 1000`).
 */
export function formatNpwpShown(npwp: string): string {
  const digits = npwp.replace(/\D/g, '');
  if (digits.length === 15) return `${digits.slice(0, 2)}.${digits.slice(2, 5)}.${digits.slice(5, 8)}.${digits.slice(8, 9)}-${digits.slice(9, 12)}.${digits.slice(12, 15)}`;
  if (digits.length === 16 && digits === npwp) return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
  return npwp;
}

/** "CV Maju Jaya": the legal form before the name, as it is written on the deed. */
export function companyName(vendor: { legalForm: LegalForm; name: string }): string {
  return vendor.legalForm === 'perseorangan' ? vendor.name : `${legalFormLabels[vendor.legalForm]} ${vendor.name}`;
}

/** The browser's own time zone, for times of the vendor's own things that belong to no agency. */
export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Asia/Jakarta';
}

/**
 * The form-level message only when a problem is not shown beside a field of the form: a message
 * that repeats what the fields already say is noise, one about a field the form does not show is
 * not.
 */
export function withoutShownMessage<P extends { message: string | null; fields: Record<string, string> }>(problems: P, shown: (field: string) => boolean): P {
  const named = Object.keys(problems.fields);
  return named.length > 0 && named.every(shown) ? { ...problems, message: null } : problems;
}

/** The token of the link `…/penyedia/konfirmasi-email#token=…`: after the #, so it never reaches a server log. */
export function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && token.length >= 20 ? token : null;
}
