import { Anchor, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ComplaintStaffDetail } from '../../features/complaints/components/staff-detail.js';
import { ComplaintStaffList } from '../../features/complaints/components/staff-list.js';

/** /kelola/:agency/pengaduan: the agency's complaints (complaints.view), never who filed them. */
export function ComplaintStaffListPage() {
  const { agency = '' } = useParams();
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <Title order={2}>{t('complaints.staff.listTitle')}</Title>
      <ComplaintStaffList agency={agency} />
    </Stack>
  );
}

/** /kelola/:agency/pengaduan/:number: one complaint, its clocks, its timeline and the next steps. */
export function ComplaintStaffPage() {
  const { agency = '', number = '' } = useParams();
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/kelola/${agency}/pengaduan`}>{t('complaints.staff.back')}</Anchor>
      <ComplaintStaffDetail agency={agency} number={number} />
    </Stack>
  );
}
