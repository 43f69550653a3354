import type { z } from 'zod';
import type { Language } from './i18n/languages.js';
import { isRuleKey, ruleMessages, type RuleKey } from './i18n/rules.js';

/** One thing wrong with an input, as the API returns it and the web shows it. */
export interface FieldProblem {
  /** Dotted path of the field, e.g. `requester.nik`; empty for the whole input. */
  field: string;
  /** The rule broken: a key of `ruleMessages`. */
  rule: string;
  /** The rule in the reader's language. */
  message: string;
}

type Issue = z.core.$ZodIssue & { input?: unknown };

function fill(template: string, values: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (Array.isArray(value)) return value.map(String).join(', ');
    if (value instanceof Date) return value.toISOString();
    return value === undefined ? `{${name}}` : String(value);
  });
}

/** Which rule an issue broke: the key the contract named, or one derived from zod's issue code. */
export function ruleOf(issue: Issue): RuleKey {
  if (isRuleKey(issue.message)) return issue.message;
  // A field that is absent breaks "required", whatever type or choice it would have needed.
  // (An explicit null is different: the field is there with a wrong value.)
  if ('input' in issue && issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) {
    return 'required';
  }
  switch (issue.code) {
    case 'invalid_type':
      return 'invalid_type';
    case 'too_small':
    case 'too_big': {
      const key = `${issue.code}.${issue.origin === 'bigint' ? 'number' : issue.origin}`;
      return isRuleKey(key) ? key : 'custom';
    }
    case 'invalid_format': {
      const key = `invalid_format.${issue.format}`;
      return isRuleKey(key) ? key : 'invalid_format';
    }
    default:
      return isRuleKey(issue.code) ? issue.code : 'custom';
  }
}

export function describeIssue(issue: Issue, lang: Language): FieldProblem {
  const rule = ruleOf(issue);
  // A required string left empty reads better as "is required" than "at least 1 character".
  const effective: RuleKey =
    rule === 'too_small.string' && 'minimum' in issue && Number(issue.minimum) === 1 && issue.input === ''
      ? 'required'
      : rule;
  const params: Record<string, unknown> = { ...issue };
  return {
    field: issue.path.map(String).join('.'),
    rule: effective,
    message: fill(ruleMessages[effective][lang], params),
  };
}

export function describeIssues(issues: readonly Issue[], lang: Language): FieldProblem[] {
  return issues.map((issue) => describeIssue(issue, lang));
}

/**
 * Text no database column can hold: NUL (PostgreSQL text refuses U+0000) and UTF-16 halves of a
 * character sent alone (a lone surrogate, which no UTF-8 can encode). Looked for in every string
 * of an input, keys included, before any contract runs, so every route refuses them alike with
 * the field named instead of failing in the database.
 */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function unsafeTextIssues(input: unknown, path: PropertyKey[] = []): Issue[] {
  if (typeof input === 'string') {
    if (input.includes('\u0000')) return [{ code: 'custom', path, message: 'text.nul', input } as Issue];
    if (loneSurrogate.test(input)) return [{ code: 'custom', path, message: 'text.surrogate', input } as Issue];
    return [];
  }
  if (input === null || typeof input !== 'object' || ArrayBuffer.isView(input)) return [];
  const issues: Issue[] = [];
  for (const [key, value] of Object.entries(input)) {
    issues.push(...unsafeTextIssues(key, [...path, key]), ...unsafeTextIssues(value, [...path, key]));
    if (issues.length >= 20) break;
  }
  return issues;
}
