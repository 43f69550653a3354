import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as id from '@zxcvbn-ts/language-id';
import type { Language } from '../../../shared/i18n/languages.js';
import { ruleMessages } from '../../../shared/i18n/rules.js';

/**
 * Password rules. The length and the character classes come from the agency's `securityPolicy`
 * (identity.policy.ts merges a person's agencies, strictest first); where every agency is silent
 * the floor applies, which is the policy of the NTT LPSE (Kebijakan Operasional LPSE NTT 2023,
 * III.3.6): at least 10 characters; upper and lower case letters, digits and punctuation. Always:
 * nothing easy to guess — no common password, nothing built from the person's own name, e-mail,
 * birth date or agency. Each failing rule is returned as a key of `src/shared/i18n/rules.ts`.
 */
export const passwordRules = [
  'password.min_length',
  'password.max_length',
  'password.lowercase',
  'password.uppercase',
  'password.digit',
  'password.punctuation',
  'password.personal',
  'password.guessable',
] as const;
export type PasswordRule = (typeof passwordRules)[number];

export const passwordMinLength = 10;

/** What an agency's security policy decides about a password. */
export interface PasswordPolicy {
  minLength: number;
  /** Upper case, lower case, digit and punctuation all required. */
  allClasses: boolean;
}

/** The floor no agency's policy goes below (Sigap's own, the NTT policy's rules). */
export const passwordFloor: PasswordPolicy = { minLength: passwordMinLength, allClasses: true };

/** A broken rule in the person's language, with the policy's figures (the minimum length). */
export function passwordRuleMessage(rule: PasswordRule, language: Language, policy: PasswordPolicy): string {
  return ruleMessages[rule][language].replaceAll('{min}', String(policy.minLength));
}
// argon2 hashes anything, but an unbounded input is a cheap way to burn server CPU.
export const passwordMaxLength = 256;

/**
 * Bases of passwords Indonesians commonly choose, beyond the words of the language package:
 * religious phrases, endearments, national symbols and cities. Ranked ahead of the language lists so
 * that "Bismillah123!" or "Merdeka1945!" count as guessable. Our own compact list.
 */
const indonesianPasswordWords = [
  'bismillah', 'alhamdulillah', 'subhanallah', 'assalamualaikum', 'insyaallah', 'masyaallah', 'allahuakbar',
  'sayang', 'sayangku', 'cinta', 'cintaku', 'kasih', 'rindu', 'bunda', 'ibu', 'ayah', 'mama', 'papa', 'anakku',
  'rahasia', 'katasandi', 'sandi', 'kunci', 'masuk', 'admin', 'operator', 'petugas', 'pegawai', 'kantor',
  'merdeka', 'indonesia', 'garuda', 'pancasila', 'nusantara', 'bhinneka', 'proklamasi', 'republik',
  'jakarta', 'bandung', 'surabaya', 'semarang', 'yogyakarta', 'jogja', 'medan', 'makassar', 'palembang',
  'kupang', 'banjarmasin', 'denpasar', 'pontianak', 'manado', 'ambon', 'jayapura', 'mataram', 'padang',
  'lpse', 'ukpbj', 'pengadaan', 'barangjasa', 'pemprov', 'pemkab', 'pemkot', 'setda', 'biro', 'lkpp', 'spse',
  'ganteng', 'cantik', 'manis', 'sukses', 'berkah', 'bahagia', 'selamat', 'semangat', 'juara', 'mantap',
  'persib', 'persija', 'arema', 'bonek', 'timnas', 'kopi', 'nasigoreng', 'rendang', 'bakso', 'sate',
];

// Built on the first check, not at import: ranking the dictionaries takes a noticeable part of a
// second, which every process that loads the identity service (each `sigap` command) would pay.
let zxcvbn: ZxcvbnFactory | undefined;
const guesser = () =>
  (zxcvbn ??= new ZxcvbnFactory({
    dictionary: {
      ...common.dictionary,
      ...en.dictionary,
      ...id.dictionary,
      'passwords-id': indonesianPasswordWords,
    },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  }));

/** What is known about the person, to refuse passwords built from it. */
export interface PasswordContext {
  name?: string | null | undefined;
  email?: string | null | undefined;
  /** ISO date, yyyy-mm-dd. */
  birthDate?: string | null | undefined;
  /** Agency codes and names the person belongs to or registers with. */
  agencies?: readonly (string | null | undefined)[] | undefined;
}

const normalise = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    // Undo the usual substitutions, so "Bud1" still reads as "budi".
    .replace(/[@4]/g, 'a')
    .replace(/[3]/g, 'e')
    .replace(/[1!|]/g, 'i')
    .replace(/[0]/g, 'o')
    .replace(/[$5]/g, 's')
    .replace(/[7]/g, 't');

/** Words and numbers a guesser would try first for this person. */
export function personalTerms(context: PasswordContext): string[] {
  const terms = new Set<string>();
  const addWords = (text: string | null | undefined) => {
    if (!text) return;
    for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (word.length >= 3) terms.add(word);
  };
  addWords(context.name);
  if (context.email) {
    const [local, domain] = context.email.toLowerCase().split('@');
    addWords(local);
    if (local && local.length >= 3) terms.add(local.replace(/[^\p{L}\p{N}]/gu, ''));
    // Only the distinctive part of the domain: "nttprov" from nttprov.go.id, not "go" or "co".
    addWords(domain?.split('.')[0]);
  }
  for (const agency of context.agencies ?? []) addWords(agency);
  const date = context.birthDate?.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (date) {
    const [, yyyy, mm, dd] = date as unknown as [string, string, string, string];
    const yy = yyyy.slice(2);
    for (const t of [yyyy, `${dd}${mm}${yyyy}`, `${dd}${mm}${yy}`, `${yyyy}${mm}${dd}`, `${mm}${dd}${yyyy}`, `${dd}${mm}`, `${mm}${dd}`, `${yy}${mm}${dd}`]) {
      terms.add(t);
    }
  }
  return [...terms];
}

export function checkPassword(password: string, context: PasswordContext = {}, policy: PasswordPolicy = passwordFloor): PasswordRule[] {
  const failed: PasswordRule[] = [];
  if ([...password].length < policy.minLength) failed.push('password.min_length');
  if (password.length > passwordMaxLength) return [...failed, 'password.max_length'];
  if (policy.allClasses) {
    if (!/\p{Ll}/u.test(password)) failed.push('password.lowercase');
    if (!/\p{Lu}/u.test(password)) failed.push('password.uppercase');
    if (!/\p{Nd}/u.test(password)) failed.push('password.digit');
    if (!/[\p{P}\p{S}]/u.test(password)) failed.push('password.punctuation');
  }

  const terms = personalTerms(context);
  const plain = password.toLowerCase();
  const folded = normalise(password);
  // Digits are compared as typed (a birth year), words also after undoing l33t substitutions.
  if (terms.some((t) => plain.includes(t) || (/\D/.test(t) && folded.includes(normalise(t))))) {
    failed.push('password.personal');
  }
  if (guesser().check(password, terms).score < 3) failed.push('password.guessable');
  return failed;
}
