import { Anchor, Button, Code, CopyButton, Group, Image, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { useFocusHeading, useFocusOnError } from '../../../lib/focus.js';
import { problemsOf } from '../../../lib/form-errors.js';
import { useConfirmTotpEnrolment, useStartTotpEnrolment } from '../api/identity.js';

/** Six digits, as the authenticator shows them (spaces people copy along are dropped). */
export const cleanCode = (value: string) => value.replace(/\D/g, '').slice(0, 6);

/**
 * Enrolling an authenticator app: the API makes a secret and its QR code; the person scans it
 * (or types the secret), then proves it with a first code. The recovery codes come back once.
 */
export function TotpEnrolment({ onEnrolled }: { onEnrolled: (recoveryCodes: string[]) => void }) {
  const { t } = useTranslation();
  const start = useStartTotpEnrolment();
  const confirm = useConfirmTotpEnrolment();
  const [code, setCode] = useState('');
  const [showUri, setShowUri] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const form = useRef<HTMLFormElement>(null);
  useFocusHeading(heading, start.data?.secret);
  useFocusOnError(form, confirm.error);

  const { mutate: startEnrolment } = start;
  const started = useRef(false);
  useEffect(() => {
    // Once: each start replaces the secret on the server, so a second one would orphan the QR code shown.
    if (started.current) return;
    started.current = true;
    startEnrolment();
  }, [startEnrolment]);

  const problems = problemsOf(confirm.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    confirm.mutate(code, { onSuccess: (result) => onEnrolled(result.recoveryCodes) });
  }

  if (start.isPending || start.isIdle) return <Loader aria-label={t('auth.totp.preparing')} />;
  if (start.isError) return <FormAlert problems={problemsOf(start.error)} />;
  const enrolment = start.data;
  const secretGroups = enrolment.secret.match(/.{1,4}/g)?.join(' ') ?? enrolment.secret;

  return (
    <Stack gap="md">
      <Title order={2} ref={heading} tabIndex={-1}>
        {t('auth.totp.enrolTitle')}
      </Title>
      <Text>{t('auth.totp.enrolIntro')}</Text>
      <Image src={enrolment.qrCode} alt={t('auth.totp.qrAlt')} w={200} h={200} fit="contain" />
      <Stack gap={4}>
        <Text size="sm">{t('auth.totp.manual')}</Text>
        <Group gap="xs" wrap="wrap">
          <Code fz="md" data-testid="totp-secret" data-secret={enrolment.secret} style={{ wordBreak: 'break-all' }}>
            {secretGroups}
          </Code>
          <CopyButton value={enrolment.secret}>
            {({ copied, copy }) => (
              <Button size="xs" variant="light" onClick={copy}>
                {copied ? t('auth.recovery.copied') : t('auth.totp.copySecret')}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Anchor component="button" type="button" size="xs" onClick={() => setShowUri((v) => !v)} style={{ alignSelf: 'flex-start' }}>
          {showUri ? t('auth.totp.hideLink') : t('auth.totp.showLink')}
        </Anchor>
        {showUri && (
          <Anchor href={enrolment.otpauthUri} size="xs" style={{ wordBreak: 'break-all' }}>
            {enrolment.otpauthUri}
          </Anchor>
        )}
      </Stack>
      <form ref={form} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <FormAlert problems={problems.fields.code ? { ...problems, message: null } : problems} />
          <TextInput
            label={t('auth.totp.codeLabel')}
            description={t('auth.totp.codeHint')}
            value={code}
            onChange={(e) => setCode(cleanCode(e.currentTarget.value))}
            error={problems.fields.code}
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            maw={220}
          />
          <Button type="submit" loading={confirm.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('auth.totp.confirm')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
