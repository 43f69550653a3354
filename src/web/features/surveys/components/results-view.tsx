import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { gradeLabels, notStatedLabel, profileLabels, skmElements, type ResultsReport } from '../../../../shared/contracts/surveys.js';
import type { Language } from '../../../../shared/i18n/languages.js';
import { DataTable } from '../../../components/ui/data-table.js';
import { formatDecimal } from '../../../lib/format.js';
import { gradeColors } from './ikm-card.js';

const profileFields = ['sex', 'ageBand', 'education', 'occupation'] as const;

/** A period's results for staff: the IKM, the element table, the sample, the profile and the breakdowns. */
export function ResultsView({ report, lang, serviceName }: { report: ResultsReport; lang: Language; serviceName: (code: string) => string }) {
  const { t, i18n } = useTranslation();
  const r = report.result;
  const num = (value: number | null, digits: number) => formatDecimal(value, digits, i18n.language);
  return (
    <Stack gap="lg">
      <Card withBorder radius="md">
        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            {report.period.label[lang]} · {report.service ? serviceName(report.service) : t('surveys.staff.allServices')}
            {report.channel ? ` · ${report.channel}` : ''}
          </Text>
          <Group gap="sm" align="baseline">
            <Text fz={40} fw={700} lh={1} data-testid="staff-ikm">
              {num(r.ikm.value, 2)}
            </Text>
            {r.ikm.grade && (
              <Badge size="lg" color={gradeColors[r.ikm.grade]}>
                {r.ikm.grade} · {gradeLabels[r.ikm.grade][lang]}
              </Badge>
            )}
          </Group>
          <Text size="sm">{r.weights.label[lang]}</Text>
          <Text size="sm">
            {t('surveys.results.respondents', { count: r.respondents })}
            {r.sample.minimum !== null &&
              ` · ${t(r.sample.reached ? 'surveys.staff.sampleReached' : 'surveys.staff.sampleMissing', { minimum: r.sample.minimum, population: r.sample.population })}`}
          </Text>
        </Stack>
      </Card>

      <DataTable
        rows={r.elements}
        rowKey={(e) => e.code}
        minWidth={560}
        striped
        aria-label={t('surveys.staff.elementsTable')}
        columns={[
          { key: 'element', header: t('surveys.results.element'), cell: (e, i) => `${e.code} ${skmElements[i]?.name[lang] ?? ''}` },
          { key: 'total', header: t('surveys.staff.total'), align: 'right', cell: (e) => e.total },
          { key: 'nrr', header: 'NRR', align: 'right', cell: (e) => num(e.nrr, 4) },
          { key: 'weighted', header: t('surveys.staff.weighted'), align: 'right', cell: (e) => num(e.weightedNrr, 4) },
          { key: 'index', header: t('surveys.staff.index'), align: 'right', cell: (e) => num(e.index, 2) },
          { key: 'grade', header: t('surveys.results.grade'), align: 'right', cell: (e) => e.grade ?? '–' },
        ]}
      />

      <Title order={3}>{t('surveys.staff.profile')}</Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {profileFields.map((field) => {
          const labels = profileLabels[field] as Record<string, { id: string; en: string }>;
          return (
            <DataTable
              key={field}
              rows={r.profile[field]}
              rowKey={(row) => row.key}
              aria-label={t(`surveys.profile.${field}`)}
              fz="sm"
              style={{ alignSelf: 'start' }}
              columns={[
                { key: 'value', header: t(`surveys.profile.${field}`), cell: (row) => (labels[row.key] ?? notStatedLabel)[lang] },
                { key: 'n', header: 'n', align: 'right', cell: (row) => row.count },
                { key: 'percent', header: '%', align: 'right', cell: (row) => num(row.percent, 2) },
              ]}
            />
          );
        })}
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <DataTable
          rows={report.byService}
          rowKey={(x) => x.service}
          aria-label={t('surveys.staff.byService')}
          fz="sm"
          columns={[
            { key: 'service', header: t('surveys.staff.byService'), cell: (x) => serviceName(x.service) },
            { key: 'n', header: 'n', align: 'right', cell: (x) => x.respondents },
            { key: 'ikm', header: 'IKM', align: 'right', cell: (x) => `${num(x.ikm, 2)} ${x.grade ?? ''}` },
          ]}
        />
        <DataTable
          rows={report.byChannel}
          rowKey={(x) => x.channel ?? '-'}
          aria-label={t('surveys.staff.byChannel')}
          fz="sm"
          columns={[
            { key: 'channel', header: t('surveys.staff.byChannel'), cell: (x) => x.channel ?? t('surveys.staff.noChannel') },
            { key: 'n', header: 'n', align: 'right', cell: (x) => x.respondents },
            { key: 'ikm', header: 'IKM', align: 'right', cell: (x) => `${num(x.ikm, 2)} ${x.grade ?? ''}` },
          ]}
        />
      </SimpleGrid>
    </Stack>
  );
}
