import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RequesterType } from '../../../../shared/contracts/identity.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { PasswordInput } from '../../../components/ui/password-input.js';
import { useFocusHeading, useFocusOnError } from '../../../lib/focus.js';
import { problemsOf } from '../../../lib/form-errors.js';
import { useRegister } from '../api/identity.js';
import { PasswordWithRules } from './password-with-rules.js';
import { RequesterTypeChoice } from './requester-type.js';

/** Registration of an external user (vendor, OPD/PPK officer, member of the public) registers; a link verifies the e-mail. */
export function RegisterForm() {
  const { t } = useTranslation();
  const register = useRegister();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [requesterType, setRequesterType] = useState<RequesterType | null>(null);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const form = useRef<HTMLFormElement>(null);
  const done = useRef<HTMLHeadingElement>(null);
  useFocusOnError(form, register.error ?? (Object.keys(local).length ? local : null));
  useFocusHeading(done, register.isSuccess);
  const problems = problemsOf(register.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = t('auth.required');
    if (!email.trim()) found.email = t('auth.required');
    if (password !== repeat) found.repeat = t('auth.password.mismatch');
    setLocal(found);
    if (Object.keys(found).length) return;
    register.mutate({ name: name.trim(), email: email.trim(), password, ...(birthDate ? { birthDate } : {}), ...(requesterType ? { requesterType } : {}) });
  }

  if (register.isSuccess) {
    return (
      <Stack gap="md" maw={520}>
        <Title order={2} ref={done} tabIndex={-1}>
          {t('auth.register.sentTitle')}
        </Title>
        <Alert color="teal">{t('auth.register.sent', { email: email.trim() })}</Alert>
        <Anchor component={Link} to="/masuk">
          {t('auth.toSignIn')}
        </Anchor>
      </Stack>
    );
  }

  return (
    <form ref={form} onSubmit={submit} noValidate>
      <Stack gap="md" maw={520}>
        <Title order={2}>{t('auth.register.title')}</Title>
        <Text size="sm">{t('auth.register.intro')}</Text>
        <FormAlert problems={problems} />
        <RequesterTypeChoice value={requesterType} onChange={setRequesterType} error={problems.fields.requesterType} />
        <TextInput label={t('auth.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={local.name ?? problems.fields.name} autoComplete="name" required />
        <TextInput
          label={t('auth.email')}
          type="email"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={local.email ?? problems.fields.email}
          autoComplete="email"
          required
        />
        <TextInput
          label={t('auth.birthDate')}
          description={t('auth.birthDateHint')}
          type="date"
          value={birthDate}
          onChange={(e) => setBirthDate(e.currentTarget.value)}
          error={problems.fields.birthDate}
        />
        <PasswordWithRules
          label={t('auth.newPassword')}
          value={password}
          onChange={setPassword}
          error={problems.fields.password}
          context={{ ...(email.trim() ? { email: email.trim() } : {}), ...(name.trim() ? { name: name.trim() } : {}), ...(birthDate ? { birthDate } : {}) }}
        />
        <PasswordInput label={t('auth.repeatPassword')} value={repeat} onChange={(e) => setRepeat(e.currentTarget.value)} error={local.repeat} autoComplete="new-password" required />
        <Button type="submit" loading={register.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('auth.register.submit')}
        </Button>
        <Anchor component={Link} to="/masuk" size="sm">
          {t('auth.register.haveAccount')}
        </Anchor>
      </Stack>
    </form>
  );
}
