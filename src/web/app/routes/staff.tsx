import { Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiTokens } from '../../features/identity/components/api-tokens.js';
import { RequireAgencyPermission } from '../../features/identity/components/require-auth.js';
import { StaffAdmin } from '../../features/identity/components/staff-admin.js';

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
