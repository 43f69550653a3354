import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { AuditViewer } from '../../features/audit/components/audit-viewer.js';
import { useStaff } from '../../features/identity/api/staff.js';
import { RequireAgencyPermission } from '../../features/identity/components/require-auth.js';

/** /kelola/:agency/audit: the agency's audit trail, filtered, paged newest first, exported as CSV. */
export function AuditPage() {
  const { agency = '' } = useParams();
  const { t } = useTranslation();
  return (
    <RequireAgencyPermission agency={agency} permission="audit.view">
      {(me) => {
        const held = me.agencies.find((a) => a.code === agency)!;
        return (
          <Stack gap="md">
            <Title order={2}>{t('audit.title', { agency: held.name })}</Title>
            <AgencyAudit agency={agency} canListStaff={held.permissions.includes('users.view')} />
          </Stack>
        );
      }}
    </RequireAgencyPermission>
  );
}

/** Officers to filter by come from the staff list, read only with users.view. */
function AgencyAudit({ agency, canListStaff }: { agency: string; canListStaff: boolean }) {
  const staff = useStaff(agency, canListStaff);
  return <AuditViewer agency={agency} actors={canListStaff ? staff.data?.items : undefined} />;
}
