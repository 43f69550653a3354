import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeIssues } from './validation.js';

const schema = z.object({
  name: z.string().min(1),
  email: z.email(),
  age: z.number().int().min(17),
  code: z.string().regex(/^[a-z-]+$/, 'agency.code'),
  level: z.enum(['provinsi', 'kota']),
});

function problems(input: unknown, lang: 'id' | 'en') {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) throw new Error('expected a failure');
  return describeIssues(result.error.issues, lang);
}

describe('describeIssues', () => {
  const bad = { name: '', email: 'nope', age: 12, code: 'Kalsel Prov', level: 'desa' };

  it('names each field and the rule it broke, in Indonesian', () => {
    expect(problems(bad, 'id')).toEqual([
      { field: 'name', rule: 'required', message: 'wajib diisi' },
      { field: 'email', rule: 'invalid_format.email', message: 'bukan alamat e-mail yang valid' },
      { field: 'age', rule: 'too_small.number', message: 'minimal 17' },
      { field: 'code', rule: 'agency.code', message: 'hanya huruf kecil, angka dan tanda hubung (contoh: kalsel-prov)' },
      { field: 'level', rule: 'invalid_value', message: 'harus salah satu dari: provinsi, kota' },
    ]);
  });

  it('says the same in English', () => {
    expect(problems(bad, 'en').map((p) => p.message)).toEqual([
      'is required',
      'is not a valid e-mail address',
      'must be at least 17',
      'only lower-case letters, digits and hyphens (e.g. kalsel-prov)',
      'must be one of: provinsi, kota',
    ]);
  });

  it('calls a missing field required and a wrong type by its expected type', () => {
    const result = problems({ email: 'a@b.id', age: '17', code: 'x' }, 'en');
    expect(result).toEqual([
      { field: 'name', rule: 'required', message: 'is required' },
      { field: 'age', rule: 'invalid_type', message: 'must be of type number' },
      { field: 'level', rule: 'required', message: 'is required' },
    ]);
    expect(problems({ name: null, email: 'a@b.id', age: 20, code: 'x', level: 'kota' }, 'id')).toEqual([
      { field: 'name', rule: 'invalid_type', message: 'harus bertipe string' },
    ]);
  });
});
