import { Anchor, Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable } from '../../../components/ui/data-table.js';
import { wrap } from '../../../components/ui/styles.js';
import { useLanguage } from '../../../i18n/use-language.js';
import { formatAt } from '../../../lib/format.js';
import type { MyRequest } from '../api/requests.js';
import { clockStateColor } from './parts.js';

/** The signed-in person's requests in every agency; each received time on its agency's clock (`zoneOf`). */
export function MyRequestsTable({ items, zoneOf }: { items: readonly MyRequest[]; zoneOf: (agency: string) => string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  if (items.length === 0) return <Text>{t('requests.mine.empty')}</Text>;
  return (
    <DataTable
      rows={items}
      rowKey={(r) => r.number}
      minWidth={320}
      columns={[
        {
          key: 'request',
          cell: (r) => (
            <>
              <Anchor component={Link} to={`/akun/permohonan/${r.number}`} style={wrap}>
                {r.number}
              </Anchor>
              <Text size="sm" style={wrap}>
                {r.title}
              </Text>
              <Text size="xs" c="dimmed">
                {formatAt(r.receivedAt, lang, zoneOf(r.agency))}
              </Text>
            </>
          ),
        },
        {
          key: 'state',
          cell: (r) => (
            <>
              <Badge>{t(`requests.status.${r.status}`, { defaultValue: r.status })}</Badge>{' '}
              <Badge color={clockStateColor[r.clockState]} variant="light">
                {t(`requests.clockState.${r.clockState}`)}
              </Badge>
            </>
          ),
        },
      ]}
    />
  );
}
