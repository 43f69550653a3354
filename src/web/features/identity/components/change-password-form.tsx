import { Button, Card, Stack, Text, Title } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { PasswordInput } from '../../../components/ui/password-input.js';
import { useFocusOnError } from '../../../lib/focus.js';
import { problemsOf } from '../../../lib/form-errors.js';
import { useChangePassword, useMe } from '../api/identity.js';
import { PasswordWithRules } from './password-with-rules.js';

/** Changing one's password: the current one, and a new one checked rule by rule; other sessions end. */
export function ChangePasswordForm() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const me = useMe();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  useFocusOnError(form, change.error ?? mismatch);
  // The policy names its field `password`; here that is the new one.
  const problems = problemsOf(change.error, { password: 'newPassword' });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (next !== repeat) return setMismatch(t('auth.password.mismatch'));
    setMismatch(null);
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setRepeat('');
        },
      },
    );
  }
  return (
    <Card withBorder component="section" aria-labelledby="password-heading">
      <form ref={form} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={3} size="h4" id="password-heading">
            {t('account.changePassword')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('account.changePasswordIntro')}
          </Text>
          <FormAlert problems={problems.fields.newPassword || problems.fields.currentPassword ? { ...problems, message: null } : problems} />
          <PasswordInput label={t('account.currentPassword')} value={current} onChange={(e) => setCurrent(e.currentTarget.value)} error={problems.fields.currentPassword} autoComplete="current-password" required />
          <PasswordWithRules label={t('auth.newPassword')} name="new-password" value={next} onChange={setNext} error={problems.fields.newPassword} context={{}} policy={me.data?.securityPolicy} />
          <PasswordInput label={t('auth.repeatPassword')} value={repeat} onChange={(e) => setRepeat(e.currentTarget.value)} error={mismatch} autoComplete="new-password" required />
          {change.isSuccess && <Text role="status" c="teal.8" size="sm">{t('account.passwordChanged')}</Text>}
          <Button type="submit" loading={change.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('account.changePassword')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
