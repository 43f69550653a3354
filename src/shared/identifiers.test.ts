import { describe, expect, it } from 'vitest';
import { formatNpwp, isValidNib, isValidNik, luhnValid, nikSchema, normalizeNpwp, normalizePhone, npwpSchema } from './identifiers.js';

describe('identifiers', () => {
  it('accepts the NPWP examples of the domain notes in both forms and normalises to 16 digits', () => {
    expect(normalizeNpwp('01.312.166.0-091.000')).toEqual({ ok: true, value: '0013121660091000' });
    expect(normalizeNpwp('01.855.081.4-005.000')).toEqual({ ok: true, value: '0018550814005000' });
    expect(normalizeNpwp('013121660091000')).toEqual({ ok: true, value: '0013121660091000' });
    expect(normalizeNpwp('0013121660091000')).toEqual({ ok: true, value: '0013121660091000' });
    expect(formatNpwp('0013121660091000')).toBe('01.312.166.0-091.000');
  });

  it('refuses a wrong check digit (digit 9, Luhn over digits 1–9) in either form', () => {
    expect(normalizeNpwp('01.312.166.1-091.000')).toEqual({ ok: false, problem: 'npwp.check_digit' });
    expect(normalizeNpwp('0013121661091000')).toEqual({ ok: false, problem: 'npwp.check_digit' });
    expect(luhnValid('013121660')).toBe(true);
    expect(luhnValid('013121661')).toBe(false);
  });

  it('reads a 16-digit NPWP not starting with 0 as the NIK of a resident individual', () => {
    expect(normalizeNpwp('6371011505800003')).toEqual({ ok: true, value: '6371011505800003' });
    expect(normalizeNpwp('6371019905800003')).toEqual({ ok: false, problem: 'npwp.format' });
    expect(normalizeNpwp('12345')).toEqual({ ok: false, problem: 'npwp.format' });
  });

  it('checks the NIK structure: region codes, birth date with women +40, serial', () => {
    expect(isValidNik('6371011505800003')).toBe(true);
    // A woman born 15 May 1980: day 55.
    expect(isValidNik('6371015505800003')).toBe(true);
    expect(isValidNik('6371013205800003')).toBe(false);
    expect(isValidNik('6371011513800003')).toBe(false);
    expect(isValidNik('0071011505800003')).toBe(false);
    expect(isValidNik('6371011505800000')).toBe(false);
    expect(isValidNik('637101150580000')).toBe(false);
  });

  it('names the rule in zod issues', () => {
    expect(nikSchema.safeParse('123').error?.issues[0]?.message).toBe('nik.format');
    expect(nikSchema.safeParse('6371013205800003').error?.issues[0]?.message).toBe('nik.structure');
    expect(npwpSchema.safeParse('01.312.166.1-091.000').error?.issues[0]?.message).toBe('npwp.check_digit');
    expect(npwpSchema.parse('01.312.166.0-091.000')).toBe('0013121660091000');
  });

  it('checks NIB (13 digits) and normalises phone numbers', () => {
    expect(isValidNib('9120001234567')).toBe(true);
    expect(isValidNib('912000123456')).toBe(false);
    expect(normalizePhone('0811 500 550')).toBe('62811500550');
    expect(normalizePhone('+62 811-500-550')).toBe('62811500550');
    expect(normalizePhone('12')).toBeUndefined();
  });
});
