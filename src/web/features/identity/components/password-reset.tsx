import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { PasswordInput } from '../../../components/ui/password-input.js';
import { useFocusHeading, useFocusOnError } from '../../../lib/focus.js';
import { problemsOf } from '../../../lib/form-errors.js';
import { useRequestPasswordReset, useResetPassword } from '../api/identity.js';
import { PasswordWithRules } from './password-with-rules.js';

/** Asking for the reset e-mail: the link goes to the address given. */
export function RequestReset() {
  const { t } = useTranslation();
  const request = useRequestPasswordReset();
  const [email, setEmail] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const done = useRef<HTMLHeadingElement>(null);
  useFocusOnError(form, request.error ?? missing);
  useFocusHeading(done, request.isSuccess);
  const problems = problemsOf(request.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!email.trim()) return setMissing(t('auth.required'));
    setMissing(null);
    request.mutate(email.trim());
  }

  if (request.isSuccess) {
    return (
      <Stack gap="md" maw={480}>
        <Title order={2} ref={done} tabIndex={-1}>
          {t('auth.reset.sentTitle')}
        </Title>
        <Alert color="teal">{t('auth.reset.sent', { email: email.trim() })}</Alert>
      </Stack>
    );
  }
  return (
    <form ref={form} onSubmit={submit} noValidate>
      <Stack gap="md" maw={480}>
        <Title order={2}>{t('auth.reset.requestTitle')}</Title>
        <Text size="sm">{t('auth.reset.requestIntro')}</Text>
        <FormAlert problems={problems} />
        <TextInput label={t('auth.email')} type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={missing ?? problems.fields.email} autoComplete="email" required />
        <Button type="submit" loading={request.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('auth.reset.requestSubmit')}
        </Button>
      </Stack>
    </form>
  );
}

/** Setting the new password with the token of the e-mailed link. */
export function SetNewPassword({ token }: { token: string }) {
  const { t } = useTranslation();
  const reset = useResetPassword();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const done = useRef<HTMLHeadingElement>(null);
  useFocusOnError(form, reset.error ?? mismatch);
  useFocusHeading(done, reset.isSuccess);
  const problems = problemsOf(reset.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (password !== repeat) return setMismatch(t('auth.password.mismatch'));
    setMismatch(null);
    reset.mutate({ token, password }, { onSuccess: () => window.history.replaceState(null, '', window.location.pathname) });
  }

  if (reset.isSuccess) {
    return (
      <Stack gap="md" maw={480}>
        <Title order={2} ref={done} tabIndex={-1}>
          {t('auth.reset.doneTitle')}
        </Title>
        <Alert color="teal">{t('auth.reset.done')}</Alert>
        <Anchor component={Link} to="/masuk">
          {t('auth.toSignIn')}
        </Anchor>
      </Stack>
    );
  }
  return (
    <form ref={form} onSubmit={submit} noValidate>
      <Stack gap="md" maw={480}>
        <Title order={2}>{t('auth.reset.setTitle')}</Title>
        <FormAlert problems={problems.fields.password ? { ...problems, message: t('auth.password.refused') } : problems} />
        <PasswordWithRules label={t('auth.newPassword')} value={password} onChange={setPassword} error={problems.fields.password} context={{ resetToken: token }} />
        <PasswordInput label={t('auth.repeatPassword')} value={repeat} onChange={(e) => setRepeat(e.currentTarget.value)} error={mismatch} autoComplete="new-password" required />
        <Button type="submit" loading={reset.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('auth.reset.setSubmit')}
        </Button>
      </Stack>
    </form>
  );
}
