import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable } from '../../../components/ui/data-table.js';
import { QueryState } from '../../../components/ui/query-state.js';
import { wrap } from '../../../components/ui/styles.js';
import { useLanguage } from '../../../i18n/use-language.js';
import { formatAt } from '../../../lib/format.js';
import { useClaimFromQueue, useQueue, type QueueFilters, type QueueItem, type QueueView } from '../api/requests.js';
import { clockStateColor, errorText, isConflict } from './parts.js';

interface QueueTableProps {
  agency: string;
  view: QueueView;
  filters: QueueFilters;
  /** How many the queue holds under the filters (from the counts), to say how many are shown. */
  total: number | undefined;
  timeZone: string;
  serviceName: (code: string) => string;
}

/**
 * One queue of the officers: each request with its clock, due time in the agency's zone, and a
 * button to take an unassigned one; 100 at a time, the next hundred on request until the end.
 * On a phone each request is a card (number, badges, title, requester, clock and the button on
 * their own lines) instead of a table too wide for the screen. `serviceName` names a service from
 * the standard (the queue item carries only its code).
 */
export function QueueTable({ agency, view, filters, total, timeZone, serviceName }: QueueTableProps) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const query = useQueue(agency, view, filters);
  const claim = useClaimFromQueue(agency);
  const phone = useMediaQuery('(max-width: 40em)');
  const claimable = (r: QueueItem) => r.assigneeId === null && r.role !== null && r.role !== 'requester';

  const heading = (r: QueueItem) => (
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
  );
  const clock = (r: QueueItem) => (
    <>
      <Badge color={clockStateColor[r.clockState]} variant="light" style={{ flexShrink: 0 }}>
        {t(`requests.clockState.${r.clockState}`)}
      </Badge>
      <Text size="xs">{r.dueAt ? formatAt(r.dueAt, lang, timeZone) : t(`requests.status.${r.status}`, { defaultValue: r.status })}</Text>
    </>
  );
  const claimButton = (r: QueueItem) =>
    claimable(r) && (
      <Button size="compact-sm" variant="light" onClick={() => claim.mutate(r.number)} aria-label={t('requests.queue.claimNumber', { number: r.number })}>
        {t('requests.staff.claim')}
      </Button>
    );

  return (
    <QueryState query={query}>
      {(data) => {
        const items = data.pages.flatMap((p) => p.items);
        return (
          <Stack gap="sm">
            {claim.error != null && (
              <Alert color="red" role="alert">
                {isConflict(claim.error) ? t('requests.staff.conflict') : errorText(claim.error)}
              </Alert>
            )}
            {items.length === 0 ? (
              <Text>{t('requests.queue.empty')}</Text>
            ) : phone ? (
              <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {items.map((r) => (
                  <Card key={r.number} component="li" withBorder padding="sm" data-testid="queue-row">
                    <Stack gap={4}>
                      {heading(r)}
                      <Group justify="space-between" wrap="wrap" gap="xs">
                        <Group gap="xs" wrap="wrap">
                          {clock(r)}
                        </Group>
                        {claimButton(r)}
                      </Group>
                    </Stack>
                  </Card>
                ))}
              </Stack>
            ) : (
              <DataTable
                rows={items}
                rowKey={(r) => r.number}
                rowProps={() => ({ 'data-testid': 'queue-row' })}
                striped
                columns={[
                  { key: 'request', header: t('requests.queue.request'), cell: heading },
                  { key: 'clock', header: t('requests.queue.clock'), cell: clock },
                  { key: 'claim', header: t('requests.queue.action'), hiddenHeader: true, cell: claimButton },
                ]}
              />
            )}
            <Group justify="space-between" wrap="wrap">
              <Text size="sm" c="dimmed" data-testid="queue-shown">
                {total !== undefined ? t('requests.queue.shown', { shown: items.length, total }) : null}
              </Text>
              {query.hasNextPage && (
                <Button variant="default" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
                  {t('requests.queue.more')}
                </Button>
              )}
            </Group>
          </Stack>
        );
      }}
    </QueryState>
  );
}
