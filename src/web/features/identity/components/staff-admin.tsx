import { Alert, Badge, Button, Checkbox, Group, Menu, Modal, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/ui/data-table.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { problemsOf } from '../../../lib/form-errors.js';
import { useResetTotp, useRoles, useSetDisabled, useSetRole, useStaff, type Role, type StaffMember } from '../api/staff.js';
import { InviteForm } from './invite-form.js';

/** The agency's officers: their roles and state; with users.manage, invite, change roles, disable, reset the authenticator. */
export function StaffAdmin({ agency, canManage, selfId }: { agency: string; canManage: boolean; selfId: string }) {
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
          <DataTable
            rows={staff.data.items}
            rowKey={(m) => m.id}
            rowProps={() => ({ 'data-testid': 'staff-row' })}
            minWidth={560}
            striped
            columns={[
              {
                key: 'person',
                header: t('staff.person'),
                cell: (m) => (
                  <>
                    <Text size="sm" fw={600}>
                      {m.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {m.email}
                    </Text>
                  </>
                ),
              },
              {
                key: 'roles',
                header: t('staff.roles'),
                cell: (m) => (
                  <Group gap={4}>
                    {m.roles.map((r) => (
                      <Badge key={r} variant="light" size="sm">
                        {roleName(r)}
                      </Badge>
                    ))}
                  </Group>
                ),
              },
              {
                key: 'status',
                header: t('staff.status'),
                cell: (m) => (
                  <Group gap={4}>
                    {m.disabled && <Badge color="red">{t('staff.disabled')}</Badge>}
                    {m.invitationPending && <Badge color="yellow">{t('staff.invited')}</Badge>}
                    {!m.invitationPending && (m.totpEnabled ? <Badge color="teal" variant="light">{t('staff.totpOn')}</Badge> : <Badge color="gray">{t('staff.totpOff')}</Badge>)}
                  </Group>
                ),
              },
              ...(canManage
                ? [
                    {
                      key: 'actions',
                      header: t('account.actions'),
                      hiddenHeader: true,
                      cell: (m: StaffMember) =>
                        m.id !== selfId && (
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
                        ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Stack>
      {staff.data && staff.data.offered.length > 0 && (
        <Stack gap="xs" component="section" aria-labelledby="staff-offered-heading">
          <Title order={3} size="h4" id="staff-offered-heading">
            {t('staff.offeredTitle')}
          </Title>
          <Text size="sm">{t('staff.offeredHint')}</Text>
          {staff.data.offered.map((o) => (
            <Group key={o.id} gap="xs" wrap="wrap" data-testid="staff-offered">
              <Text size="sm" fw={600}>
                {o.name}
              </Text>
              <Text size="xs" c="dimmed">
                {o.email}
              </Text>
              {o.roles.map((r) => (
                <Badge key={r} variant="outline" size="sm">
                  {roleName(r)}
                </Badge>
              ))}
            </Group>
          ))}
        </Stack>
      )}
      {editing?.action === 'roles' && roles.data && (
        <RolesDialog agency={agency} member={editing.member} roles={roles.data.items} onClose={() => setEditing(null)} />
      )}
      {editing?.action === 'disable' && <DisableDialog agency={agency} member={editing.member} onClose={() => setEditing(null)} />}
      {editing?.action === 'totp' && <ResetTotpDialog agency={agency} member={editing.member} onClose={() => setEditing(null)} />}
    </Stack>
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
