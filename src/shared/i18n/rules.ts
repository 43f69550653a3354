import type { Localized } from './languages.js';

/**
 * Validation rules with their messages in both languages. A contract names a rule by its key
 * (`z.string().regex(re, 'nik.format')`), so the same key reaches the API client, the log
 * and the web form, and each shows it in its reader's language. `{name}` placeholders are
 * filled from the zod issue (minimum, maximum, format, values…).
 */
export const ruleMessages = {
  required: { id: 'wajib diisi', en: 'is required' },
  invalid_type: { id: 'harus bertipe {expected}', en: 'must be of type {expected}' },
  'too_small.string': { id: 'minimal {minimum} karakter', en: 'must be at least {minimum} characters' },
  'too_big.string': { id: 'maksimal {maximum} karakter', en: 'must be at most {maximum} characters' },
  'too_small.number': { id: 'minimal {minimum}', en: 'must be at least {minimum}' },
  'too_big.number': { id: 'maksimal {maximum}', en: 'must be at most {maximum}' },
  'too_small.array': { id: 'minimal {minimum} item', en: 'must have at least {minimum} items' },
  'too_big.array': { id: 'maksimal {maximum} item', en: 'must have at most {maximum} items' },
  'too_small.date': { id: 'tidak boleh sebelum {minimum}', en: 'must not be before {minimum}' },
  'too_big.date': { id: 'tidak boleh setelah {maximum}', en: 'must not be after {maximum}' },
  invalid_format: { id: 'format {format} tidak valid', en: 'is not a valid {format}' },
  'invalid_format.email': { id: 'bukan alamat e-mail yang valid', en: 'is not a valid e-mail address' },
  'invalid_format.uuid': { id: 'bukan UUID yang valid', en: 'is not a valid UUID' },
  'invalid_format.regex': { id: 'formatnya tidak sesuai', en: 'does not match the required format' },
  invalid_value: { id: 'harus salah satu dari: {values}', en: 'must be one of: {values}' },
  unrecognized_keys: { id: 'kolom tidak dikenal: {keys}', en: 'unknown fields: {keys}' },
  not_multiple_of: { id: 'harus kelipatan {divisor}', en: 'must be a multiple of {divisor}' },
  invalid_union: { id: 'tidak cocok dengan bentuk yang diizinkan', en: 'matches none of the allowed shapes' },
  invalid_key: { id: 'kunci tidak valid', en: 'has an invalid key' },
  invalid_element: { id: 'berisi elemen yang tidak valid', en: 'has an invalid element' },
  custom: { id: 'tidak valid', en: 'is not valid' },
  'agency.code': {
    id: 'hanya huruf kecil, angka dan tanda hubung (contoh: kalsel-prov)',
    en: 'only lower-case letters, digits and hyphens (e.g. kalsel-prov)',
  },
  'hours.interval_format': {
    id: 'harus berbentuk JJ:MM-JJ:MM, contoh 08:00-12:00',
    en: 'must look like HH:MM-HH:MM, e.g. 08:00-12:00',
  },
  'hours.interval_order': { id: 'jam mulai harus sebelum jam selesai', en: 'the start must be before the end' },
  'hours.overlap': {
    id: 'interval harus berurutan dan tidak tumpang tindih',
    en: 'intervals must be in order and must not overlap',
  },
} satisfies Record<string, Localized>;

export type RuleKey = keyof typeof ruleMessages;

export function isRuleKey(value: unknown): value is RuleKey {
  return typeof value === 'string' && Object.hasOwn(ruleMessages, value);
}
