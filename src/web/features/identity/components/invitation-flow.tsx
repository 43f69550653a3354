import { Alert, Anchor, Button, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { PasswordInput } from '../../../components/ui/password-input.js';
import { useFocusHeading, useFocusOnError } from '../../../lib/focus.js';
import { problemsOf } from '../../../lib/form-errors.js';
import { refreshMe, useAcceptInvitation, useInvitation, useSignIn, type InvitationInfo } from '../api/identity.js';
import { PasswordWithRules } from './password-with-rules.js';
import { RecoveryCodesPanel } from './recovery-codes.js';
import { TotpEnrolment } from './totp-enrolment.js';

type Stage = { kind: 'password' } | { kind: 'enrol' } | { kind: 'codes'; codes: string[] } | { kind: 'signIn' };

/**
 * Accepting an invitation with the token of its e-mailed link: the officer sets a password with the
 * policy shown rule by rule, is signed in with it, enrols an authenticator app, and keeps the
 * recovery codes.
 */
export function InvitationFlow({ token }: { token: string | null }) {
  const { t } = useTranslation();
  const invitation = useInvitation(token);
  const [stage, setStage] = useState<Stage>({ kind: 'password' });
  const navigate = useNavigate();
  const client = useQueryClient();

  if (!token) return <DeadLink />;
  if (invitation.isPending) return <Loader aria-label={t('auth.invitation.loading')} />;
  if (invitation.isError) return <DeadLink message={invitation.error.message} />;
  const info = invitation.data;

  return (
    <Stack gap="md" maw={520}>
      {stage.kind === 'password' && <SetPassword token={token} info={info} onSignedIn={(needsEnrolment) => setStage(needsEnrolment ? { kind: 'enrol' } : { kind: 'signIn' })} />}
      {stage.kind === 'enrol' && <TotpEnrolment onEnrolled={(codes) => setStage({ kind: 'codes', codes })} />}
      {stage.kind === 'codes' && (
        <RecoveryCodesPanel
          codes={stage.codes}
          doneLabel={t('auth.continue')}
          onDone={() => {
            void refreshMe(client).then(() => navigate('/akun', { replace: true }));
          }}
        />
      )}
      {stage.kind === 'signIn' && (
        <Alert color="teal" title={t('auth.invitation.passwordSet')}>
          <Anchor component={Link} to="/masuk">
            {t('auth.toSignIn')}
          </Anchor>
        </Alert>
      )}
    </Stack>
  );
}

function DeadLink({ message }: { message?: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" maw={520}>
      <Title order={2}>{t('auth.invitation.title')}</Title>
      <Alert color="red" role="alert">
        {message ?? t('auth.linkMissing')}
      </Alert>
      <Text size="sm">{t('auth.invitation.askAgain')}</Text>
    </Stack>
  );
}

function SetPassword({ token, info, onSignedIn }: { token: string; info: InvitationInfo; onSignedIn: (needsEnrolment: boolean) => void }) {
  const { t } = useTranslation();
  const accept = useAcceptInvitation();
  const signIn = useSignIn();
  const [name, setName] = useState(info.name);
  const [birthDate, setBirthDate] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const form = useRef<HTMLFormElement>(null);
  useFocusHeading(heading, token);
  const error = accept.error ?? signIn.error;
  useFocusOnError(form, error ?? mismatch);
  const problems = problemsOf(error);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (password !== repeat) {
      setMismatch(t('auth.password.mismatch'));
      return;
    }
    setMismatch(null);
    accept.mutate(
      { token, password, ...(name.trim() && name.trim() !== info.name ? { name: name.trim() } : {}), ...(birthDate ? { birthDate } : {}) },
      {
        onSuccess: () => {
          // The token is spent: keep it out of the history.
          window.history.replaceState(null, '', window.location.pathname);
          signIn.mutate({ email: info.email, password }, { onSuccess: (result) => onSignedIn(result.status === 'totp_enrolment_required') });
        },
      },
    );
  }

  return (
    <form ref={form} onSubmit={submit} noValidate>
      <Stack gap="md">
        <Title order={2} ref={heading} tabIndex={-1}>
          {t('auth.invitation.title')}
        </Title>
        <Text>{t('auth.invitation.intro', { agency: info.agencyName ?? info.agencyCode ?? '—', email: info.email })}</Text>
        <FormAlert problems={problems.fields.password ? { ...problems, message: t('auth.password.refused') } : problems} />
        <TextInput label={t('auth.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={problems.fields.name} autoComplete="name" required />
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
          name="password"
          value={password}
          onChange={setPassword}
          error={problems.fields.password}
          context={{
            email: info.email,
            name: name.trim() || info.name,
            ...(birthDate ? { birthDate } : {}),
            ...(info.agencyName ? { agency: info.agencyName } : {}),
            ...(info.agencyCode ? { agencyCode: info.agencyCode } : {}),
          }}
        />
        <PasswordInput
          label={t('auth.repeatPassword')}
          value={repeat}
          onChange={(e) => setRepeat(e.currentTarget.value)}
          error={mismatch}
          autoComplete="new-password"
          required
        />
        <Button type="submit" loading={accept.isPending || signIn.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('auth.invitation.submit')}
        </Button>
      </Stack>
    </form>
  );
}
