import { Alert } from '@mantine/core';
import { useEffect, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api.js';

/** What an API error says about a form: a message for the whole form and one per named field. */
export interface FormProblems {
  message: string | null;
  fields: Record<string, string>;
  lockedUntil: Date | null;
}

export const noProblems: FormProblems = { message: null, fields: {}, lockedUntil: null };

/**
 * Splits an API error into per-field messages (the API names field and rule; the message is
 * already in the reader's language) and the message for the form. `rename` maps the API's field
 * names to the form's (the password policy names its field `password` on every route).
 */
export function problemsOf(error: unknown, rename: Record<string, string> = {}): FormProblems {
  if (!error) return noProblems;
  if (!(error instanceof ApiError)) return { message: error instanceof Error ? error.message : String(error), fields: {}, lockedUntil: null };
  const fields: Record<string, string> = {};
  let lockedUntil: Date | null = null;
  for (const d of error.details) {
    if (d.rule === 'locked_until') {
      const at = new Date(d.message);
      if (!Number.isNaN(at.getTime())) lockedUntil = at;
      continue;
    }
    if (!d.field) continue;
    const field = rename[d.field] ?? d.field;
    fields[field] = fields[field] ? `${fields[field]}; ${d.message}` : d.message;
  }
  return { message: error.message, fields, lockedUntil };
}

/** The form-level error: a lockout is said with its local end time, anything else as the API said it. */
export function FormAlert({ problems, id }: { problems: FormProblems; id?: string }) {
  const { t, i18n } = useTranslation();
  if (!problems.message) return null;
  const text = problems.lockedUntil
    ? t('auth.lockedUntil', {
        time: new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'medium', timeStyle: 'short' }).format(problems.lockedUntil),
      })
    : problems.message;
  return (
    <Alert color="red" role="alert" id={id} title={problems.lockedUntil ? t('auth.lockedTitle') : undefined}>
      {text}
    </Alert>
  );
}

/**
 * After a failed submit, moves the focus to the first field marked invalid (Mantine sets
 * aria-invalid on inputs given an `error`), else to the form's alert, so a keyboard or screen
 * reader user lands on what needs fixing.
 */
export function useFocusOnError(formRef: RefObject<HTMLElement | null>, error: unknown) {
  const last = useRef<unknown>(null);
  useEffect(() => {
    if (!error || error === last.current) return;
    last.current = error;
    const root = formRef.current;
    if (!root) return;
    const target = root.querySelector<HTMLElement>('[aria-invalid="true"]') ?? root.querySelector<HTMLElement>('[role="alert"]');
    if (target) {
      if (target.getAttribute('role') === 'alert' && !target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus();
    }
  }, [error, formRef]);
}

/** Focuses a step's heading when the step appears, so the reader hears where they are. */
export function useFocusHeading(ref: RefObject<HTMLElement | null>, key: unknown) {
  useEffect(() => {
    ref.current?.focus();
  }, [ref, key]);
}
