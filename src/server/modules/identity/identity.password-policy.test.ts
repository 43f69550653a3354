import { describe, expect, it } from 'vitest';
import { checkPassword, personalTerms } from './identity.password-policy.js';

const budi = { name: 'Budi Santoso', email: 'budi.s@nttprov.go.id', birthDate: '1985-03-12', agencies: ['ntt-prov'] };

describe('checkPassword', () => {
  it.each([
    ['short', 'Ab1!xyz', 'password.min_length'],
    ['no lower case', 'QWXZ7!PLMN#K', 'password.lowercase'],
    ['no upper case', 'qwxz7!plmn#k', 'password.uppercase'],
    ['no digit', 'Qwxz!plmn#Kr', 'password.digit'],
    ['no punctuation', 'Qwxz7plmnKr9', 'password.punctuation'],
  ])('reports %s', (_, password, rule) => {
    expect(checkPassword(password)).toContain(rule);
  });

  it('accepts a long random password that follows every rule', () => {
    expect(checkPassword('tR7!qLw9#zPm', budi)).toEqual([]);
  });

  it.each(['Password123!', 'P@ssw0rd2024!', 'Qwerty12345!'])('refuses the common password %s', (password) => {
    expect(checkPassword(password)).toContain('password.guessable');
  });

  it.each(['Bismillah123!', 'Merdeka1945!', 'Sayangku123!', 'Indonesia@123'])('refuses the Indonesian favourite %s', (password) => {
    expect(checkPassword(password)).toContain('password.guessable');
  });

  it.each(['Budi.Santoso1985', 'S4ntoso!Kupang9', 'Xk!1985pqRw#t', 'Qp#12031985wZ', 'Nttprov!2023Zx'])(
    'refuses %s, built from the person’s own name, birth date, e-mail or agency',
    (password) => {
      expect(checkPassword(password, budi)).toContain('password.personal');
    },
  );

  it('reports every failing rule at once', () => {
    expect(checkPassword('abc')).toEqual(
      expect.arrayContaining(['password.min_length', 'password.uppercase', 'password.digit', 'password.punctuation', 'password.guessable']),
    );
  });

  it('holds the password to the policy given: a longer minimum, or no character classes', () => {
    expect(checkPassword('tR7!qLw9#zPm', budi, { minLength: 14, allClasses: true })).toEqual(['password.min_length']);
    expect(checkPassword('tR7!qLw9#zPm7', budi, { minLength: 13, allClasses: true })).toEqual([]);
    expect(checkPassword('trqlwzpmvkxj', budi, { minLength: 10, allClasses: false })).toEqual([]);
  });

  it('refuses an overlong password without scoring it', () => {
    expect(checkPassword(`Aa1!${'x'.repeat(300)}`)).toContain('password.max_length');
  });
});

describe('personalTerms', () => {
  it('splits names, e-mail and agency into words and spells the birth date the usual ways', () => {
    const terms = personalTerms(budi);
    expect(terms).toEqual(expect.arrayContaining(['budi', 'santoso', 'nttprov', 'ntt', 'prov', '1985', '12031985', '120385']));
    expect(terms).not.toContain('go');
  });
});
