import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ComplaintList } from '../../../../shared/contracts/complaints.js';
import { apiFetch } from '../../../lib/api.js';

/**
 * Complaints filed about one request, shown on that request's staff page to officers with
 * complaints.view. The list never carries the complainant's identity.
 */
export function RequestComplaints({ agency, requestNumber }: { agency: string; requestNumber: string }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['complaints', agency, 'by-request', requestNumber],
    queryFn: () =>
      apiFetch<ComplaintList>(`/api/complaints/agencies/${encodeURIComponent(agency)}/by-request/${encodeURIComponent(requestNumber)}`),
    retry: false,
  });
  const items = query.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card withBorder data-testid="request-complaints">
      <Stack gap="xs">
        <Text fw={600}>{t('complaints.aboutRequest.title', { count: items.length })}</Text>
        {items.map((c) => (
          <Group key={c.number} gap="xs" wrap="wrap">
            <Anchor component={Link} to={`/kelola/${agency}/pengaduan/${encodeURIComponent(c.number)}`} size="sm">
              {c.number}
            </Anchor>
            <Badge variant="light">{t(`complaints.status.${c.status}`)}</Badge>
            {c.overdue && <Badge color="red">{t('complaints.aboutRequest.overdue')}</Badge>}
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {c.subject}
            </Text>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
