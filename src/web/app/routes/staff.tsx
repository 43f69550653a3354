import { Alert, Badge, Button, Card, Checkbox, Code, CopyButton, Group, Menu, Modal, Stack, Table, Tabs, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { formatInstant } from '../../lib/format.js';
import { FormAlert } from '../../components/ui/form-alert.js';
import { problemsOf } from '../../lib/form-errors.js';
import { useFocusHeading, useFocusOnError } from '../../lib/focus.js';
import { RequireAgencyPermission } from '../../features/identity/components/require-auth.js';
import {
  useApiTokens,
  useCreateApiToken,
  useInviteStaff,
  useResetTotp,
  useRevokeApiToken,
  useRoles,
  useSetDisabled,
  useSetRole,
  useStaff,
  type CreatedApiToken,
  type RoleList,
  type StaffMember,
} from '../../features/identity/api/staff.js';

type Role = RoleList['items'][number];

/** /kelola/:agency/staf: the agency's officers and roles; API tokens for integrations. */
export function StaffPage() {
  const { agency = '' } = useParams();
  const { t } = useTranslation();
  return (
    <RequireAgencyPermission agency={agency} permission="users.view">
      {(me) => {
        const held = me.agencies.find((a) => a.code === agency)!;
        const canManage = held.permissions.includes('users.manage');
        const canTokens = held.permissions.includes('tokens.manage');
        return (
          <Stack gap="md">
            <Title order={2}>{t('staff.title', { agency: held.name })}</Title>
            <Tabs defaultValue="staff" keepMounted={false}>
              <Tabs.List>
                <Tabs.Tab value="staff">{t('staff.tabStaff')}</Tabs.Tab>
                {canTokens && <Tabs.Tab value="tokens">{t('staff.tabTokens')}</Tabs.Tab>}
              </Tabs.List>
              <Tabs.Panel value="staff" pt="md">
                <StaffAdmin agency={agency} canManage={canManage} selfId={me.id} />
              </Tabs.Panel>
              {canTokens && (
                <Tabs.Panel value="tokens" pt="md">
                  <ApiTokens agency={agency} held={held.permissions} />
                </Tabs.Panel>
              )}
            </Tabs>
          </Stack>
        );
      }}
    </RequireAgencyPermission>
  );
}

function StaffAdmin({ agency, canManage, selfId }: { agency: string; canManage: boolean; selfId: string }) {
  const { t } = useTranslation();
  const staff = useStaff(agency);
  const roles = useRoles(agency);
  const [editing, setEditing] = useState<{ member: StaffMember; action: 'roles' | 'disable' | 'totp' } | null>(null);
  const roleName = (code: string) => roles.data?.items.find((r) => r.code === code)?.name ?? code;

  return (
    <Stack gap="lg">
      {canManage && roles.data && <InviteForm agency={agency} roles={roles.data.items} />}
      <Stack gap="xs" component="section" aria-labelledby="staff-list-heading">
        <Title order={3} size="h4" id="staff-list-heading">
          {t('staff.listTitle')}
        </Title>
        {staff.isPending && <Text>{t('standards.loading')}</Text>}
        {staff.isError && <Alert color="red">{staff.error.message}</Alert>}
        {staff.data && (
          <Table.ScrollContainer minWidth={560}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('staff.person')}</Table.Th>
                  <Table.Th>{t('staff.roles')}</Table.Th>
                  <Table.Th>{t('staff.status')}</Table.Th>
                  {canManage && (
                    <Table.Th>
                      <VisuallyHidden>{t('account.actions')}</VisuallyHidden>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {staff.data.items.map((m) => (
                  <Table.Tr key={m.id} data-testid="staff-row">
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {m.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {m.email}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {m.roles.map((r) => (
                          <Badge key={r} variant="light" size="sm">
                            {roleName(r)}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {m.disabled && <Badge color="red">{t('staff.disabled')}</Badge>}
                        {m.invitationPending && <Badge color="yellow">{t('staff.invited')}</Badge>}
                        {!m.invitationPending && (m.totpEnabled ? <Badge color="teal" variant="light">{t('staff.totpOn')}</Badge> : <Badge color="gray">{t('staff.totpOff')}</Badge>)}
                      </Group>
                    </Table.Td>
                    {canManage && (
                      <Table.Td>
                        {m.id !== selfId && (
                          <Menu position="bottom-end">
                            <Menu.Target>
                              <Button size="xs" variant="light" aria-label={t('staff.manageOf', { name: m.name })}>
                                {t('staff.manage')}
                              </Button>
                            </Menu.Target>
                            <Menu.Dropdown>
                              <Menu.Item onClick={() => setEditing({ member: m, action: 'roles' })}>{t('staff.editRoles')}</Menu.Item>
                              <Menu.Item onClick={() => setEditing({ member: m, action: 'disable' })} color={m.disabled ? undefined : 'red'}>
                                {m.disabled ? t('staff.enable') : t('staff.disable')}
                              </Menu.Item>
                              {m.totpEnabled && (
                                <Menu.Item color="red" onClick={() => setEditing({ member: m, action: 'totp' })}>
                                  {t('staff.resetTotp')}
                                </Menu.Item>
                              )}
                            </Menu.Dropdown>
                          </Menu>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      {editing?.action === 'roles' && roles.data && (
        <RolesDialog agency={agency} member={editing.member} roles={roles.data.items} onClose={() => setEditing(null)} />
      )}
      {editing?.action === 'disable' && <DisableDialog agency={agency} member={editing.member} onClose={() => setEditing(null)} />}
      {editing?.action === 'totp' && <ResetTotpDialog agency={agency} member={editing.member} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function InviteForm({ agency, roles }: { agency: string; roles: Role[] }) {
  const { t } = useTranslation();
  const invite = useInviteStaff(agency);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  useFocusOnError(form, invite.error ?? (Object.keys(local).length ? local : null));
  const problems = problemsOf(invite.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!email.trim()) found.email = t('auth.required');
    if (!name.trim()) found.name = t('auth.required');
    if (chosen.length === 0) found.roles = t('staff.chooseRole');
    setLocal(found);
    if (Object.keys(found).length) return;
    invite.mutate(
      { email: email.trim(), name: name.trim(), roles: chosen },
      {
        onSuccess: (result) => {
          setSentTo(result.invitationSent ? email.trim() : null);
          setEmail('');
          setName('');
          setChosen([]);
        },
      },
    );
  }

  return (
    <Card withBorder component="section" aria-labelledby="invite-heading">
      <form ref={form} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={3} size="h4" id="invite-heading">
            {t('staff.inviteTitle')}
          </Title>
          <FormAlert problems={problems} />
          {invite.isSuccess && (
            <Alert color="teal" role="status">
              {sentTo ? t('staff.inviteSent', { email: sentTo }) : t('staff.inviteExisting')}
            </Alert>
          )}
          <Group grow align="flex-start" wrap="wrap">
            <TextInput label={t('auth.email')} type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={local.email ?? problems.fields.email} miw={220} required />
            <TextInput label={t('auth.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={local.name ?? problems.fields.name} miw={220} required />
          </Group>
          <Checkbox.Group label={t('staff.roles')} value={chosen} onChange={setChosen} error={local.roles ?? problems.fields.roles} withAsterisk>
            <Group gap="md" mt={4}>
              {roles.map((r) => (
                <Checkbox key={r.code} value={r.code} label={r.name} />
              ))}
            </Group>
          </Checkbox.Group>
          <Button type="submit" loading={invite.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('staff.inviteSubmit')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

function RolesDialog({ agency, member, roles, onClose }: { agency: string; member: StaffMember; roles: Role[]; onClose: () => void }) {
  const { t } = useTranslation();
  const setRole = useSetRole(agency);
  // Ticked at once; put back if the server refuses.
  const [held, setHeld] = useState(member.roles);
  function toggle(role: string, granted: boolean) {
    const before = held;
    setHeld(granted ? [...held, role] : held.filter((r) => r !== role));
    setRole.mutate({ userId: member.id, role, granted }, { onError: () => setHeld(before) });
  }
  return (
    <Modal opened onClose={onClose} title={t('staff.rolesOf', { name: member.name })}>
      <Stack gap="sm">
        <FormAlert problems={problemsOf(setRole.error)} />
        {roles.map((r) => (
          <Checkbox
            key={r.code}
            label={r.name}
            description={r.permissions.join(', ')}
            checked={held.includes(r.code)}
            onChange={(e) => toggle(r.code, e.currentTarget.checked)}
          />
        ))}
        <Button onClick={onClose} style={{ alignSelf: 'flex-end' }}>
          {t('account.done')}
        </Button>
      </Stack>
    </Modal>
  );
}

function DisableDialog({ agency, member, onClose }: { agency: string; member: StaffMember; onClose: () => void }) {
  const { t } = useTranslation();
  const setDisabled = useSetDisabled(agency);
  const disabling = !member.disabled;
  return (
    <Modal opened onClose={onClose} title={disabling ? t('staff.disable') : t('staff.enable')}>
      <Stack gap="sm">
        <Text>{disabling ? t('staff.disableConfirm', { name: member.name }) : t('staff.enableConfirm', { name: member.name })}</Text>
        <FormAlert problems={problemsOf(setDisabled.error)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('account.cancel')}
          </Button>
          <Button color={disabling ? 'red' : undefined} loading={setDisabled.isPending} onClick={() => setDisabled.mutate({ userId: member.id, disabled: disabling }, { onSuccess: onClose })}>
            {disabling ? t('staff.disable') : t('staff.enable')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ResetTotpDialog({ agency, member, onClose }: { agency: string; member: StaffMember; onClose: () => void }) {
  const { t } = useTranslation();
  const reset = useResetTotp(agency);
  return (
    <Modal opened onClose={onClose} title={t('staff.resetTotp')}>
      <Stack gap="sm">
        <Text>{t('staff.resetTotpConfirm', { name: member.name })}</Text>
        <FormAlert problems={problemsOf(reset.error)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('account.cancel')}
          </Button>
          <Button color="red" loading={reset.isPending} onClick={() => reset.mutate(member.id, { onSuccess: onClose })}>
            {t('staff.resetTotp')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ApiTokens({ agency, held }: { agency: string; held: string[] }) {
  const { t, i18n } = useTranslation();
  const tokens = useApiTokens(agency, true);
  const revoke = useRevokeApiToken(agency);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  return (
    <Stack gap="lg">
      {created ? <CreatedToken token={created} onDone={() => setCreated(null)} /> : <CreateTokenForm agency={agency} held={held} onCreated={setCreated} />}
      <Stack gap="xs" component="section" aria-labelledby="tokens-heading">
        <Title order={3} size="h4" id="tokens-heading">
          {t('staff.tokensTitle')}
        </Title>
        <FormAlert problems={problemsOf(revoke.error)} />
        {tokens.isError && <Alert color="red">{tokens.error.message}</Alert>}
        {tokens.data && tokens.data.items.length === 0 && <Text c="dimmed">{t('staff.noTokens')}</Text>}
        {tokens.data && tokens.data.items.length > 0 && (
          <Table.ScrollContainer minWidth={560}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('staff.tokenName')}</Table.Th>
                  <Table.Th>{t('staff.tokenPermissions')}</Table.Th>
                  <Table.Th>{t('staff.tokenLastUsed')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('account.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tokens.data.items.map((tok) => (
                  <Table.Tr key={tok.id}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {tok.name}
                      </Text>
                      <Code>{tok.prefix}…</Code>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{tok.permissions.join(', ')}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{tok.lastUsedAt ? formatInstant(tok.lastUsedAt, i18n.language) : t('staff.never')}</Text>
                      {tok.expiresAt && <Text size="xs" c="dimmed">{t('staff.expires', { at: formatInstant(tok.expiresAt, i18n.language) })}</Text>}
                    </Table.Td>
                    <Table.Td>
                      {tok.revokedAt ? (
                        <Badge color="gray">{t('staff.revoked')}</Badge>
                      ) : (
                        <Button size="xs" color="red" variant="light" aria-label={t('staff.revokeToken', { name: tok.name })} loading={revoke.isPending && revoke.variables === tok.id} onClick={() => revoke.mutate(tok.id)}>
                          {t('account.revoke')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Stack>
  );
}

function CreateTokenForm({ agency, held, onCreated }: { agency: string; held: string[]; onCreated: (token: CreatedApiToken) => void }) {
  const { t } = useTranslation();
  const create = useCreateApiToken(agency);
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [expires, setExpires] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const form = useRef<HTMLFormElement>(null);
  useFocusOnError(form, create.error ?? (Object.keys(local).length ? local : null));
  const problems = problemsOf(create.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = t('auth.required');
    if (chosen.length === 0) found.permissions = t('staff.choosePermission');
    setLocal(found);
    if (Object.keys(found).length) return;
    // A date means the end of that day in the browser's time zone.
    const expiresAt = expires ? new Date(`${expires}T23:59:59`).toISOString() : null;
    create.mutate({ name: name.trim(), permissions: chosen, expiresAt }, { onSuccess: onCreated });
  }
  return (
    <Card withBorder component="section" aria-labelledby="new-token-heading">
      <form ref={form} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={3} size="h4" id="new-token-heading">
            {t('staff.newToken')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('staff.newTokenIntro')}
          </Text>
          <FormAlert problems={problems} />
          <TextInput label={t('staff.tokenName')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={local.name ?? problems.fields.name} required />
          <Checkbox.Group label={t('staff.tokenPermissions')} value={chosen} onChange={setChosen} error={local.permissions ?? problems.fields.permissions} withAsterisk>
            <Group gap="md" mt={4}>
              {held.map((p) => (
                <Checkbox key={p} value={p} label={p} />
              ))}
            </Group>
          </Checkbox.Group>
          <TextInput label={t('staff.tokenExpires')} description={t('staff.tokenExpiresHint')} type="date" value={expires} onChange={(e) => setExpires(e.currentTarget.value)} error={problems.fields.expiresAt} maw={220} />
          <Button type="submit" loading={create.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('staff.createToken')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

function CreatedToken({ token, onDone }: { token: CreatedApiToken; onDone: () => void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusHeading(heading, token.id);
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={3} size="h4" ref={heading} tabIndex={-1}>
          {t('staff.tokenCreated', { name: token.name })}
        </Title>
        <Alert color="yellow">{t('staff.tokenOnce')}</Alert>
        <Code block data-testid="created-token" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
          {token.token}
        </Code>
        <Group>
          <CopyButton value={token.token}>
            {({ copied, copy }) => (
              <Button variant="light" onClick={copy}>
                {copied ? t('auth.recovery.copied') : t('staff.copyToken')}
              </Button>
            )}
          </CopyButton>
          <Button onClick={onDone}>{t('account.done')}</Button>
        </Group>
      </Stack>
    </Card>
  );
}
