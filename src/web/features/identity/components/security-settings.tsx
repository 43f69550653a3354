import { Badge, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { PasswordInput } from '../../../components/ui/password-input.js';
import { useFocusOnError } from '../../../lib/focus.js';
import { problemsOf } from '../../../lib/form-errors.js';
import { refreshMe, useDisableTotp, useRegenerateRecoveryCodes, type Me } from '../api/identity.js';
import { RecoveryCodesPanel } from './recovery-codes.js';
import { cleanCode, TotpEnrolment } from './totp-enrolment.js';

/** The authenticator app and recovery codes: enrol, make new codes, or (for a requester) turn it off. */
export function SecuritySettings({ me }: { me: Me }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [enrolling, setEnrolling] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);

  if (codes) {
    return (
      <RecoveryCodesPanel
        codes={codes}
        doneLabel={t('account.done')}
        onDone={() => {
          setCodes(null);
          setEnrolling(false);
          void refreshMe(client);
        }}
      />
    );
  }
  if (!me.totpEnabled) {
    return enrolling ? (
      <TotpEnrolment onEnrolled={setCodes} />
    ) : (
      <Card withBorder>
        <Stack gap="sm">
          <Text>{me.totpRequired ? t('account.totpOffStaff') : t('account.totpOffExternal')}</Text>
          <Button onClick={() => setEnrolling(true)} style={{ alignSelf: 'flex-start' }}>
            {t('account.enrolTotp')}
          </Button>
        </Stack>
      </Card>
    );
  }
  return (
    <Stack gap="md">
      <Card withBorder>
        <Stack gap="xs">
          <Group gap="xs">
            <Badge color="teal">{t('account.totpOn')}</Badge>
            <Text size="sm">{t('account.recoveryLeft', { count: me.recoveryCodesLeft })}</Text>
          </Group>
          <Text size="sm" c="dimmed">
            {me.totpRequired ? t('account.lostDeviceStaff') : t('account.lostDeviceExternal')}
          </Text>
        </Stack>
      </Card>
      <RegenerateCodes onCodes={setCodes} />
      {!me.totpRequired && <DisableTotp />}
    </Stack>
  );
}

function RegenerateCodes({ onCodes }: { onCodes: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const regenerate = useRegenerateRecoveryCodes();
  const [code, setCode] = useState('');
  const form = useRef<HTMLFormElement>(null);
  useFocusOnError(form, regenerate.error);
  const problems = problemsOf(regenerate.error);
  return (
    <Card withBorder component="section" aria-labelledby="regen-heading">
      <form
        ref={form}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          regenerate.mutate(code, { onSuccess: (r) => onCodes(r.recoveryCodes) });
        }}
      >
        <Stack gap="sm">
          <Title order={3} size="h4" id="regen-heading">
            {t('account.newRecoveryCodes')}
          </Title>
          <Text size="sm">{t('account.newRecoveryCodesIntro')}</Text>
          <FormAlert problems={problems.fields.code ? { ...problems, message: null } : problems} />
          <TextInput
            label={t('auth.totp.codeLabel')}
            value={code}
            onChange={(e) => setCode(cleanCode(e.currentTarget.value))}
            error={problems.fields.code}
            inputMode="numeric"
            autoComplete="one-time-code"
            maw={220}
            required
          />
          <Button type="submit" loading={regenerate.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('account.makeNewCodes')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

function DisableTotp() {
  const { t } = useTranslation();
  const disable = useDisableTotp();
  const [password, setPassword] = useState('');
  const form = useRef<HTMLFormElement>(null);
  useFocusOnError(form, disable.error);
  const problems = problemsOf(disable.error);
  return (
    <Card withBorder component="section" aria-labelledby="disable-heading">
      <form
        ref={form}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          disable.mutate(password);
        }}
      >
        <Stack gap="sm">
          <Title order={3} size="h4" id="disable-heading">
            {t('account.disableTotp')}
          </Title>
          <FormAlert problems={problems.fields.password ? { ...problems, message: null } : problems} />
          <PasswordInput label={t('account.currentPassword')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={problems.fields.password} autoComplete="current-password" required />
          <Button type="submit" color="red" variant="outline" loading={disable.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('account.disableTotp')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
