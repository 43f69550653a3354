import { Alert, Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable } from '../../../components/ui/data-table.js';
import { QueryState } from '../../../components/ui/query-state.js';
import { wrap } from '../../../components/ui/styles.js';
import { useLanguage } from '../../../i18n/use-language.js';
import { formatAt } from '../../../lib/format.js';
import { useClaimFromQueue, useQueue, type QueueItem, type QueueView } from '../api/requests.js';
import { clockStateColor, errorText, isConflict } from './parts.js';

/**
 * One queue of the officers: each request with its clock, due time in the agency's zone, and a
 * button to take an unassigned one. `serviceName` names a service from the standard (the queue
 * item carries only its code).
 */
export function QueueTable({ agency, view, timeZone, serviceName }: { agency: string; view: QueueView; timeZone: string; serviceName: (code: string) => string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const query = useQueue(agency, view);
  const claim = useClaimFromQueue(agency);
  const claimable = (r: QueueItem) => r.assigneeId === null && r.role !== null && r.role !== 'requester';
  return (
    <QueryState query={query}>
      {({ items }) => (
        <Stack gap="sm">
          {claim.error != null && (
            <Alert color="red" role="alert">
              {isConflict(claim.error) ? t('requests.staff.conflict') : errorText(claim.error)}
            </Alert>
          )}
          {items.length === 0 ? (
            <Text>{t('requests.queue.empty')}</Text>
          ) : (
            <DataTable
              rows={items}
              rowKey={(r) => r.number}
              rowProps={() => ({ 'data-testid': 'queue-row' })}
              minWidth={340}
              striped
              columns={[
                {
                  key: 'request',
                  header: t('requests.queue.request'),
                  cell: (r) => (
                    <>
                      <Group gap={4} wrap="wrap">
                        {r.priority && <Badge color="red">{t('requests.priority')}</Badge>}
                        {r.escalated && <Badge color="grape">{t('requests.queue.escalated')}</Badge>}
                        <Anchor component={Link} to={`/kelola/${agency}/permohonan/${r.number}`} style={wrap}>
                          {r.number}
                        </Anchor>
                      </Group>
                      <Text size="sm" style={wrap}>
                        {r.title}
                      </Text>
                      <Text size="xs" c="dimmed" style={wrap}>
                        {r.requesterName} · {serviceName(r.service)} · {r.step}
                      </Text>
                    </>
                  ),
                },
                {
                  key: 'clock',
                  header: t('requests.queue.clock'),
                  cell: (r) => (
                    <>
                      <Badge color={clockStateColor[r.clockState]} variant="light">
                        {t(`requests.clockState.${r.clockState}`)}
                      </Badge>
                      <Text size="xs">{r.dueAt ? formatAt(r.dueAt, lang, timeZone) : t(`requests.status.${r.status}`, { defaultValue: r.status })}</Text>
                    </>
                  ),
                },
                {
                  key: 'claim',
                  cell: (r) =>
                    claimable(r) && (
                      <Button size="compact-sm" variant="light" onClick={() => claim.mutate(r.number)}>
                        {t('requests.staff.claim')}
                      </Button>
                    ),
                },
              ]}
            />
          )}
        </Stack>
      )}
    </QueryState>
  );
}
