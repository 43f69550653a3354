import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useComplaintsAboutRequest } from '../api/complaints.js';

/**
 * Complaints filed about one request, shown on that request's staff page to officers with
 * complaints.view. The list never carries the complainant's identity.
 */
export function RequestComplaints({ agency, requestNumber }: { agency: string; requestNumber: string }) {
  const { t } = useTranslation();
  const query = useComplaintsAboutRequest(agency, requestNumber);
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
