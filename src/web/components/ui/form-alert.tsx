import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatInstant } from '../../lib/format.js';
import type { FormProblems } from '../../lib/form-errors.js';

/** The form-level error: a lockout is said with its local end time, anything else as the API said it. */
export function FormAlert({ problems, id }: { problems: FormProblems; id?: string }) {
  const { t, i18n } = useTranslation();
  if (!problems.message) return null;
  const text = problems.lockedUntil ? t('auth.lockedUntil', { time: formatInstant(problems.lockedUntil, i18n.language) }) : problems.message;
  return (
    <Alert color="red" role="alert" id={id} title={problems.lockedUntil ? t('auth.lockedTitle') : undefined}>
      {text}
    </Alert>
  );
}
