import { Card, NumberInput, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/ui/data-table.js';
import { QueryState } from '../../../components/ui/query-state.js';
import { useLanguage } from '../../../i18n/use-language.js';
import { formatNumber } from '../../../lib/format.js';
import { useComplaintStatistics } from '../api/complaints.js';

/** A year's anonymised counts: totals, the on-time rate, by class and outcome, the latest answered. */
export function ComplaintStatisticsView({ agency }: { agency: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [year, setYear] = useState(new Date().getFullYear());
  const stats = useComplaintStatistics(agency, year);
  return (
    <>
      <NumberInput label={t('complaints.stats.year')} value={year} onChange={(v) => setYear(Number(v) || year)} min={2000} max={2100} w={120} />
      <Text size="sm" c="dimmed">{t('complaints.stats.privacy')}</Text>
      <QueryState query={stats}>
        {(s) => (
          <Stack gap="md">
            <SimpleGrid cols={{ base: 2, sm: 4 }}>
              <Card withBorder><Text size="sm">{t('complaints.stats.total')}</Text><Text fz="xl" fw={700} data-testid="stats-total">{s.total}</Text></Card>
              <Card withBorder><Text size="sm">{t('complaints.stats.open')}</Text><Text fz="xl" fw={700}>{s.open}</Text></Card>
              <Card withBorder><Text size="sm">{t('complaints.stats.answered')}</Text><Text fz="xl" fw={700}>{s.onTime.answered}</Text></Card>
              <Card withBorder><Text size="sm">{t('complaints.stats.onTime')}</Text><Text fz="xl" fw={700}>{s.onTime.rate === null ? '–' : `${formatNumber(s.onTime.rate, lang)}%`}</Text></Card>
            </SimpleGrid>
            <Title order={3}>{t('complaints.stats.byClass')}</Title>
            <DataTable
              rows={s.byClass}
              rowKey={(c) => c.classCode ?? '-'}
              columns={[
                { key: 'class', cell: (c) => c.name ?? t('complaints.stats.unclassified') },
                { key: 'count', cell: (c) => c.count },
              ]}
            />
            <Title order={3}>{t('complaints.stats.byOutcome')}</Title>
            <DataTable
              rows={s.byOutcome}
              rowKey={(o) => o.outcome}
              columns={[
                { key: 'outcome', cell: (o) => t(`complaints.outcome.${o.outcome}`) },
                { key: 'count', cell: (o) => o.count },
              ]}
            />
            {s.recent.length > 0 && (
              <>
                <Title order={3}>{t('complaints.stats.recent')}</Title>
                <DataTable
                  rows={s.recent}
                  rowKey={(r) => r.number}
                  columns={[
                    { key: 'subject', cell: (r) => r.subject },
                    { key: 'class', cell: (r) => r.className ?? '' },
                    { key: 'outcome', cell: (r) => (r.outcome ? t(`complaints.outcome.${r.outcome}`) : '') },
                  ]}
                />
              </>
            )}
          </Stack>
        )}
      </QueryState>
    </>
  );
}
