import { describe, expect, it } from 'vitest';
import { companyName, formatNpwpShown, tokenFromHash, withoutShownMessage } from './format.js';

describe('formatNpwpShown', () => {
  it('dots the old 15-digit form and keeps it dotted as the server sends it', () => {
    expect(formatNpwpShown('013121660091000')).toBe('01.312.166.0-091.000');
    expect(formatNpwpShown('01.312.166.0-091.000')).toBe('01.312.166.0-091.000');
  });
  it('groups the 16-digit form by four instead of showing 16 bare digits', () => {
    expect(formatNpwpShown('0013121660091000')).toBe('0013 1216 6009 1000');
  });
  it('leaves anything else as it came', () => {
    expect(formatNpwpShown('12345')).toBe('12345');
  });
});

describe('companyName', () => {
  it('writes the legal form before the name, but not for a natural person', () => {
    expect(companyName({ legalForm: 'cv', name: 'Maju Jaya' })).toBe('CV Maju Jaya');
    expect(companyName({ legalForm: 'perseorangan', name: 'Budi Santoso' })).toBe('Budi Santoso');
  });
});

describe('tokenFromHash', () => {
  it('reads the token after the # of the e-mail change link, decoded', () => {
    expect(tokenFromHash('#token=abcdefghijklmnopqrstuvwxyz%2D012')).toBe('abcdefghijklmnopqrstuvwxyz-012');
  });
  it('gives nothing for a missing or cut-off token', () => {
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#token=short')).toBeNull();
    expect(tokenFromHash('#other=abcdefghijklmnopqrstuvwxyz')).toBeNull();
  });
});

describe('withoutShownMessage', () => {
  const problems = { message: 'npwp: angka kontrol NPWP tidak cocok', fields: { npwp: 'angka kontrol NPWP tidak cocok' } };
  it('drops the form message when every problem is shown on a field of the form', () => {
    expect(withoutShownMessage(problems, (f) => f === 'npwp').message).toBeNull();
  });
  it('keeps it when a problem names a field the form does not show', () => {
    expect(withoutShownMessage(problems, () => false).message).toBe(problems.message);
    expect(withoutShownMessage({ message: 'conflict', fields: {} }, () => true).message).toBe('conflict');
  });
});
