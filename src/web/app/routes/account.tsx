import { Alert, Anchor, Badge, Button, Card, Group, Modal, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { PasswordInput } from '../../components/ui/password-input.js';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink as RouterNavLink, useNavigate } from 'react-router';
import {
  refreshMe,
  useChangePassword,
  useDisableTotp,
  useRegenerateRecoveryCodes,
  useRevokeSession,
  useSessions,
  useSignOutEverywhere,
  useUpdateProfile,
  type Me,
} from '../../features/identity/api/identity.js';
import { adminPagesFor, tierAgencies } from '../../features/identity/components/agency-access.js';
import { FormAlert } from '../../components/ui/form-alert.js';
import { problemsOf } from '../../lib/form-errors.js';
import { useFocusOnError } from '../../lib/focus.js';
import { PasswordWithRules } from '../../features/identity/components/password-with-rules.js';
import { RecoveryCodesPanel } from '../../features/identity/components/recovery-codes.js';
import { RequireAuth } from '../../features/identity/components/require-auth.js';
import { RequesterTypeChoice } from '../../features/identity/components/requester-type.js';
import { cleanCode, TotpEnrolment } from '../../features/identity/components/totp-enrolment.js';
import { formatInstant } from '../../lib/format.js';

function AccountFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const tabs = [
    { to: '/akun', label: t('account.profile') },
    { to: '/akun/sesi', label: t('account.sessions') },
    { to: '/akun/keamanan', label: t('account.security') },
  ];
  return (
    <Stack gap="md" maw={720}>
      <nav aria-label={t('account.navLabel')}>
        <Group gap="xs">
          {tabs.map((tab) => (
            <Anchor key={tab.to} component={RouterNavLink} to={tab.to} end size="sm" className="account-tab">
              {tab.label}
            </Anchor>
          ))}
        </Group>
      </nav>
      <Title order={2}>{title}</Title>
      {children}
    </Stack>
  );
}

/** /akun: the person's name, birth date, agencies and roles; password change. */
export function ProfilePage() {
  const { t } = useTranslation();
  return (
    <RequireAuth>
      {(me) => (
        <AccountFrame title={t('account.profile')}>
          <ProfileForm me={me} />
          <Memberships me={me} />
          <ChangePasswordForm />
        </AccountFrame>
      )}
    </RequireAuth>
  );
}

function ProfileForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const update = useUpdateProfile();
  const [name, setName] = useState(me.name);
  const [birthDate, setBirthDate] = useState(me.birthDate ?? '');
  const [requesterType, setRequesterType] = useState(me.requesterType);
  // Officers act for their agency; what kind of requester one is matters to external users.
  const external = me.agencies.length === 0;
  const form = useRef<HTMLFormElement>(null);
  useFocusOnError(form, update.error);
  const problems = problemsOf(update.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    update.mutate({ name: name.trim(), birthDate: birthDate || null, ...(external ? { requesterType } : {}) });
  }
  return (
    <Card withBorder component="section" aria-labelledby="profile-heading">
      <form ref={form} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={3} size="h4" id="profile-heading">
            {t('account.details')}
          </Title>
          <Text size="sm">
            {t('auth.email')}: <strong>{me.email}</strong>{' '}
            {me.emailVerified ? <Badge color="teal" variant="light">{t('account.verified')}</Badge> : <Badge color="yellow">{t('account.notVerified')}</Badge>}
          </Text>
          <FormAlert problems={problems} />
          <TextInput label={t('auth.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={problems.fields.name} autoComplete="name" required />
          <TextInput label={t('auth.birthDate')} description={t('auth.birthDateHint')} type="date" value={birthDate} onChange={(e) => setBirthDate(e.currentTarget.value)} error={problems.fields.birthDate} />
          {external && <RequesterTypeChoice value={requesterType} onChange={setRequesterType} error={problems.fields.requesterType} />}
          {update.isSuccess && <Text role="status" c="teal.8" size="sm">{t('account.saved')}</Text>}
          <Button type="submit" loading={update.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('account.save')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

function Memberships({ me }: { me: Me }) {
  const { t } = useTranslation();
  if (me.agencies.length === 0) return null;
  return (
    <Card withBorder component="section" aria-labelledby="roles-heading">
      <Stack gap="xs">
        <Title order={3} size="h4" id="roles-heading">
          {t('account.roles')}
        </Title>
        {me.agencies.map((a) => {
          const tiers = tierAgencies(a);
          return (
            <Stack key={a.code} gap={4}>
              <Group gap="xs" wrap="wrap">
                <Text fw={600}>{a.name}</Text>
                {a.roles.map((r) => (
                  <Badge key={r.code} variant="light">
                    {r.name ?? r.code}
                  </Badge>
                ))}
                {tiers.length > 0 && (
                  <Badge variant="outline" color="gray">
                    {t('account.viaTier', { agencies: tiers.join(', ') })}
                  </Badge>
                )}
              </Group>
              {adminPagesFor(a).length > 0 && (
                <Group gap="sm" wrap="wrap">
                  {adminPagesFor(a).map((page) => (
                    <Anchor key={page.key} component={Link} to={`/kelola/${a.code}/${page.path}`} size="sm">
                      {t(`account.${page.key}`)}
                    </Anchor>
                  ))}
                </Group>
              )}
            </Stack>
          );
        })}
      </Stack>
    </Card>
  );
}

function ChangePasswordForm() {
  const { t } = useTranslation();
  const change = useChangePassword();
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
          <PasswordWithRules label={t('auth.newPassword')} name="new-password" value={next} onChange={setNext} error={problems.fields.newPassword} context={{}} />
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

/** /akun/sesi: where the person is signed in; end one, or all. */
export function SessionsPage() {
  const { t } = useTranslation();
  return (
    <RequireAuth>
      {() => (
        <AccountFrame title={t('account.sessions')}>
          <SessionsList />
        </AccountFrame>
      )}
    </RequireAuth>
  );
}

function SessionsList() {
  const { t, i18n } = useTranslation();
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const everywhere = useSignOutEverywhere();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [confirmAll, setConfirmAll] = useState(false);

  if (sessions.isPending) return <Text>{t('standards.loading')}</Text>;
  if (sessions.isError) return <Alert color="red">{sessions.error.message}</Alert>;
  return (
    <Stack gap="sm">
      <FormAlert problems={problemsOf(revoke.error ?? everywhere.error)} />
      <Table.ScrollContainer minWidth={520}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('account.device')}</Table.Th>
              <Table.Th>{t('account.address')}</Table.Th>
              <Table.Th>{t('account.lastSeen')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('account.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sessions.data.items.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  <Text size="sm" lineClamp={2} title={s.userAgent ?? ''}>
                    {s.userAgent ?? '—'}
                  </Text>
                  {s.current && <Badge color="teal" variant="light">{t('account.thisDevice')}</Badge>}
                </Table.Td>
                <Table.Td>{s.ip ?? '—'}</Table.Td>
                <Table.Td>{formatInstant(s.lastSeenAt, i18n.language)}</Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="light"
                    color="red"
                    loading={revoke.isPending && revoke.variables === s.id}
                    aria-label={t('account.revokeSessionOf', { device: s.userAgent ?? s.ip ?? s.id })}
                    onClick={() =>
                      revoke.mutate(s.id, {
                        onSuccess: () => {
                          if (s.current) void refreshMe(client).then(() => navigate('/masuk'));
                        },
                      })
                    }
                  >
                    {s.current ? t('account.signOut') : t('account.revoke')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Button color="red" variant="outline" onClick={() => setConfirmAll(true)} style={{ alignSelf: 'flex-start' }}>
        {t('account.signOutEverywhere')}
      </Button>
      <Modal opened={confirmAll} onClose={() => setConfirmAll(false)} title={t('account.signOutEverywhere')}>
        <Stack>
          <Text>{t('account.signOutEverywhereConfirm')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmAll(false)}>
              {t('account.cancel')}
            </Button>
            <Button color="red" loading={everywhere.isPending} onClick={() => everywhere.mutate(undefined, { onSuccess: () => void navigate('/masuk') })}>
              {t('account.signOutEverywhere')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** /akun/keamanan: the authenticator app and recovery codes. */
export function SecurityPage() {
  const { t } = useTranslation();
  return (
    <RequireAuth>
      {(me) => (
        <AccountFrame title={t('account.security')}>
          <Security me={me} />
        </AccountFrame>
      )}
    </RequireAuth>
  );
}

function Security({ me }: { me: Me }) {
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
