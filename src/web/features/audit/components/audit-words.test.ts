import { describe, expect, it } from 'vitest';
import { actionWords, readableCode, targetWords } from './audit-words.js';

// A translator knowing one action and one target kind, like i18n with a partial dictionary.
const known: Record<string, string> = { 'audit.actions.users.role_granted': 'Peran diberikan', 'audit.targetTypes.request': 'Permohonan' };
const t = (key: string, options: { defaultValue: string }) => known[key] ?? options.defaultValue;

describe('an audit entry in words', () => {
  it('names an action by its words, or makes an unknown one readable without its code', () => {
    expect(actionWords('users.role_granted', t)).toBe('Peran diberikan');
    expect(actionWords('vendors.npwp_changed', t)).toBe('Npwp changed');
    expect(readableCode('calendar.ics_imported')).toBe('Ics imported');
  });

  it('shows a target by its number or name, never by its UUID', () => {
    const uuid = '3f2b6c1e-8d4a-4b7e-9c1a-2e5f6a7b8c9d';
    expect(targetWords({ targetType: 'request', after: { id: uuid, number: 'KALSEL-2026-000012' } }, t)).toBe('Permohonan KALSEL-2026-000012');
    expect(targetWords({ targetType: 'user', before: { email: 'rahmat@contoh.go.id' }, after: null }, t)).toBe('User rahmat@contoh.go.id');
    expect(targetWords({ targetType: 'session', after: { id: uuid } }, t)).toBe('Session');
    expect(targetWords({ targetType: null }, t)).toBeNull();
  });
});
