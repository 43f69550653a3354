import { describe, expect, it } from 'vitest';
import { companyName, formatNpwpShown } from './format.js';

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
