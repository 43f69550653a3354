import { z } from 'zod';

/**
 * Indonesian identifiers a requester gives (see /work/shared/domain.md): NIK, NPWP in its old
 * (15 digits, `99.999.999.9-999.999`) and new (16 digits) forms, and the OSS business number NIB.
 * Pure functions, so the web form and the server check the same way; each schema names a rule
 * key of `i18n/rules.ts`.
 */

const digitsOnly = (value: string) => value.replace(/[\s.\-/]/g, '');

/**
 * NIK: province (2) regency (2) district (2) birth date DDMMYY, with 40 added to the day for
 * women (4), serial (4). There is no check digit, so the structure is all that can be checked.
 */
export function isValidNik(value: string): boolean {
  if (!/^\d{16}$/.test(value)) return false;
  const province = Number(value.slice(0, 2));
  const regency = Number(value.slice(2, 4));
  const district = Number(value.slice(4, 6));
  let day = Number(value.slice(6, 8));
  const month = Number(value.slice(8, 10));
  const serial = Number(value.slice(12, 16));
  if (province < 11 || regency < 1 || district < 1 || serial < 1) return false;
  if (day > 40) day -= 40;
  if (month < 1 || month > 12 || day < 1) return false;
  // Any year: the two digits do not say the century, so 29 February is allowed.
  const daysIn = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= daysIn;
}

/** Luhn check over a string of digits whose last digit is the check digit. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** An old-form NPWP (15 digits): digit 9 is a Luhn check over digits 1–9. */
function isValidOldNpwp(digits: string): boolean {
  return /^\d{15}$/.test(digits) && luhnValid(digits.slice(0, 9));
}

export type NpwpProblem = 'npwp.format' | 'npwp.check_digit';

/**
 * Reads an NPWP written in either form, with or without dots and dashes, and gives its
 * normalised 16-digit form: `0` + the old 15 digits, or the NIK of a resident individual.
 */
export function normalizeNpwp(value: string): { ok: true; value: string } | { ok: false; problem: NpwpProblem } {
  const digits = digitsOnly(value);
  if (/^\d{15}$/.test(digits)) {
    return isValidOldNpwp(digits) ? { ok: true, value: `0${digits}` } : { ok: false, problem: 'npwp.check_digit' };
  }
  if (/^\d{16}$/.test(digits)) {
    if (digits.startsWith('0')) {
      return isValidOldNpwp(digits.slice(1)) ? { ok: true, value: digits } : { ok: false, problem: 'npwp.check_digit' };
    }
    // A 16-digit NPWP not starting with 0 is the NIK of a resident individual.
    return isValidNik(digits) ? { ok: true, value: digits } : { ok: false, problem: 'npwp.format' };
  }
  return { ok: false, problem: 'npwp.format' };
}

/** `01.312.166.0-091.000` for a normalised NPWP of the old kind; the 16 digits otherwise. */
export function formatNpwp(normalized: string): string {
  if (!/^0\d{15}$/.test(normalized)) return normalized;
  const d = normalized.slice(1);
  return `${d.slice(0, 2)}.${d.slice(2, 5)}.${d.slice(5, 8)}.${d.slice(8, 9)}-${d.slice(9, 12)}.${d.slice(12, 15)}`;
}

export function isValidNib(value: string): boolean {
  return /^\d{13}$/.test(value);
}

export const nikSchema = z
  .string()
  .trim()
  .transform(digitsOnly)
  .pipe(z.string().regex(/^\d{16}$/, 'nik.format').refine(isValidNik, 'nik.structure'));

export const npwpSchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const result = normalizeNpwp(value);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.problem, input: value });
    return z.NEVER;
  });

export const nibSchema = z.string().trim().transform(digitsOnly).pipe(z.string().regex(/^\d{13}$/, 'nib.format'));

/** Indonesian mobile or landline numbers as people write them, stored as digits with the country code. */
export function normalizePhone(value: string): string | undefined {
  const digits = value.replace(/[\s\-().]/g, '');
  const m = /^(?:\+?62|0)(\d{7,13})$/.exec(digits);
  return m ? `62${m[1]}` : undefined;
}

export const phoneSchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const phone = normalizePhone(value);
    if (phone) return phone;
    ctx.addIssue({ code: 'custom', message: 'phone.format', input: value });
    return z.NEVER;
  });
