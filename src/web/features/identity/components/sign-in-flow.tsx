import { Anchor, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { PasswordInput } from '../../../components/ui/password-input.js';
import { ApiError, apiFetch } from '../../../lib/api.js';
import { useFocusHeading, useFocusOnError } from '../../../lib/focus.js';
import { problemsOf } from '../../../lib/form-errors.js';
import { refreshMe, useMe, useSecondFactor, useSignIn, useSignOut, type Me } from '../api/identity.js';
import { fetchMembershipOffers } from '../api/staff.js';
import { staffHomePath, worksInAnAgency } from './agency-access.js';
import { RecoveryCodesPanel } from './recovery-codes.js';
import { cleanCode, TotpEnrolment } from './totp-enrolment.js';

type Step = 'password' | 'totp' | 'enrol';

/**
 * Signing in: e-mail and password, then the second step the server asks for — a TOTP code (or a
 * recovery code), or, for an officer without an authenticator yet, enrolment. `next` is where the
 * person was going (a path of this site); without one an officer starts at the staff home and
 * anyone else at their account.
 */
export function SignInFlow({ next }: { next: string | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const me = useMe();
  const [chosenStep, setStep] = useState<Step | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  // A session half-way through sign-in (a reload, or a page that sent the person here) resumes its step.
  const pending = me.data?.pending;
  const step: Step = chosenStep ?? (pending === 'totp' ? 'totp' : pending === 'totp_enrolment' ? 'enrol' : 'password');

  const finish = async () => {
    await refreshMe(client);
    // Roles an agency offers wait for the person's answer: the account page asks first.
    const offers = await fetchMembershipOffers().catch(() => ({ items: [] }));
    // Read afresh: the cached person can still be the half-signed-in one (no agencies yet).
    const landing = next ?? landingOf(await apiFetch<Me>('/api/me').catch(() => null));
    await navigate(offers.items.length > 0 ? '/akun' : landing, { replace: true });
  };

  if (recoveryCodes) {
    return (
      <Stack maw={520}>
        <RecoveryCodesPanel codes={recoveryCodes} doneLabel={t('auth.continue')} onDone={() => void finish()} />
      </Stack>
    );
  }
  if (me.data && me.data.pending === null && step === 'password') {
    return <AlreadySignedIn name={me.data.name} next={next ?? landingOf(me.data)} />;
  }
  return (
    <Stack gap="md" maw={440}>
      {step === 'password' && (
        <PasswordStep
          onResult={(status) => {
            if (status === 'signed_in') void finish();
            else setStep(status === 'totp_required' ? 'totp' : 'enrol');
          }}
        />
      )}
      {step === 'totp' && <SecondFactorStep onDone={() => void finish()} onRestart={() => setStep('password')} />}
      {step === 'enrol' && (
        <>
          <Text>{t('auth.totp.requiredForStaff')}</Text>
          <TotpEnrolment onEnrolled={setRecoveryCodes} />
        </>
      )}
    </Stack>
  );
}

/** Where a person without a destination lands after signing in. */
function landingOf(me: Me | null | undefined): string {
  return me && worksInAnAgency(me.agencies) ? staffHomePath : '/akun';
}

function AlreadySignedIn({ name, next }: { name: string; next: string }) {
  const { t } = useTranslation();
  const signOut = useSignOut();
  return (
    <Stack gap="md" maw={440}>
      <Title order={2}>{t('signIn.title')}</Title>
      <Text>{t('auth.alreadySignedIn', { name })}</Text>
      <Group>
        <Button component={Link} to={next}>
          {t('auth.continue')}
        </Button>
        <Button variant="default" onClick={() => signOut.mutate()} loading={signOut.isPending}>
          {t('account.signOut')}
        </Button>
      </Group>
    </Stack>
  );
}

function PasswordStep({ onResult }: { onResult: (status: 'signed_in' | 'totp_required' | 'totp_enrolment_required') => void }) {
  const { t } = useTranslation();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ email?: string; password?: string }>({});
  const form = useRef<HTMLFormElement>(null);
  const problems = problemsOf(signIn.error);
  useFocusOnError(form, signIn.error ?? (Object.keys(missing).length ? missing : null));

  function submit(event: FormEvent) {
    event.preventDefault();
    const empty = {
      ...(email.trim() ? {} : { email: t('auth.required') }),
      ...(password ? {} : { password: t('auth.required') }),
    };
    setMissing(empty);
    if (Object.keys(empty).length) return;
    signIn.mutate({ email: email.trim(), password }, { onSuccess: (result) => onResult(result.status) });
  }

  return (
    <form ref={form} onSubmit={submit} noValidate>
      <Stack gap="md">
        <Title order={2}>{t('signIn.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('auth.signInIntro')}
        </Text>
        <FormAlert problems={problems} />
        <TextInput
          label={t('auth.email')}
          type="email"
          name="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={missing.email ?? problems.fields.email}
          required
        />
        <PasswordInput
          label={t('auth.passwordLabel')}
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={missing.password ?? problems.fields.password}
          required
        />
        <Button type="submit" loading={signIn.isPending}>
          {t('auth.signInButton')}
        </Button>
        <Group justify="space-between" gap="xs">
          <Anchor component={Link} to="/lupa-kata-sandi" size="sm">
            {t('auth.forgot')}
          </Anchor>
          <Anchor component={Link} to="/daftar" size="sm">
            {t('auth.registerLink')}
          </Anchor>
        </Group>
      </Stack>
    </form>
  );
}

function SecondFactorStep({ onDone, onRestart }: { onDone: () => void; onRestart: () => void }) {
  const { t } = useTranslation();
  const second = useSecondFactor();
  const [useRecovery, setUseRecovery] = useState(false);
  const [code, setCode] = useState('');
  const [recovery, setRecovery] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const form = useRef<HTMLFormElement>(null);
  useFocusHeading(heading, useRecovery);
  useFocusOnError(form, second.error);

  const problems = problemsOf(second.error, { recoveryCode: 'code' });
  // A wrong code is a 401 without a field; it belongs to the code field all the same.
  const codeError =
    problems.fields.code ?? (second.error instanceof ApiError && second.error.status === 401 && !problems.lockedUntil ? problems.message ?? undefined : undefined);

  function submit(event: FormEvent) {
    event.preventDefault();
    second.mutate(useRecovery ? { recoveryCode: recovery.trim() } : { code }, { onSuccess: onDone });
  }

  return (
    <form ref={form} onSubmit={submit} noValidate>
      <Stack gap="md">
        <Title order={2} ref={heading} tabIndex={-1}>
          {useRecovery ? t('auth.totp.recoveryTitle') : t('auth.totp.stepTitle')}
        </Title>
        <Text size="sm">{useRecovery ? t('auth.totp.recoveryIntro') : t('auth.totp.stepIntro')}</Text>
        {problems.lockedUntil || !codeError ? <FormAlert problems={problems} /> : null}
        {useRecovery ? (
          <TextInput
            label={t('auth.totp.recoveryLabel')}
            value={recovery}
            onChange={(e) => setRecovery(e.currentTarget.value)}
            error={codeError}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            required
          />
        ) : (
          <TextInput
            label={t('auth.totp.codeLabel')}
            description={t('auth.totp.codeHint')}
            value={code}
            onChange={(e) => setCode(cleanCode(e.currentTarget.value))}
            error={codeError}
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            maw={220}
          />
        )}
        <Button type="submit" loading={second.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('auth.totp.verify')}
        </Button>
        <Anchor component="button" type="button" size="sm" onClick={() => setUseRecovery((v) => !v)} style={{ alignSelf: 'flex-start' }}>
          {useRecovery ? t('auth.totp.useApp') : t('auth.totp.useRecovery')}
        </Anchor>
        {/* A half-done sign-in expires after ten minutes; then, or for another account, start over. */}
        <Anchor component="button" type="button" size="sm" onClick={onRestart} style={{ alignSelf: 'flex-start' }}>
          {t('auth.startAgain')}
        </Anchor>
      </Stack>
    </form>
  );
}
