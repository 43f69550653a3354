import { Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { gradeLabels, notStatedLabel, profileLabels, skmElements, type ResultsReport } from '../../../../shared/contracts/surveys.js';
import type { Language } from '../../../../shared/i18n/languages.js';
import { gradeColors } from './ikm-card.js';

const profileFields = ['sex', 'ageBand', 'education', 'occupation'] as const;

/** A period's results for staff: the IKM, the element table, the sample, the profile and the breakdowns. */
export function ResultsView({ report, lang, serviceName }: { report: ResultsReport; lang: Language; serviceName: (code: string) => string }) {
  const { t, i18n } = useTranslation();
  const r = report.result;
  const num = (value: number | null, digits: number) =>
    value === null ? '–' : value.toLocaleString(i18n.language === 'en' ? 'en-US' : 'id-ID', { minimumFractionDigits: digits, maximumFractionDigits: digits });
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

      <Table.ScrollContainer minWidth={560}>
        <Table striped aria-label={t('surveys.staff.elementsTable')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('surveys.results.element')}</Table.Th>
              <Table.Th ta="right">{t('surveys.staff.total')}</Table.Th>
              <Table.Th ta="right">NRR</Table.Th>
              <Table.Th ta="right">{t('surveys.staff.weighted')}</Table.Th>
              <Table.Th ta="right">{t('surveys.staff.index')}</Table.Th>
              <Table.Th ta="right">{t('surveys.results.grade')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.elements.map((e, i) => (
              <Table.Tr key={e.code}>
                <Table.Td>
                  {e.code} {skmElements[i]?.name[lang]}
                </Table.Td>
                <Table.Td ta="right">{e.total}</Table.Td>
                <Table.Td ta="right">{num(e.nrr, 4)}</Table.Td>
                <Table.Td ta="right">{num(e.weightedNrr, 4)}</Table.Td>
                <Table.Td ta="right">{num(e.index, 2)}</Table.Td>
                <Table.Td ta="right">{e.grade ?? '–'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <Title order={3}>{t('surveys.staff.profile')}</Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {profileFields.map((field) => {
          const labels = profileLabels[field] as Record<string, { id: string; en: string }>;
          return (
            <Table key={field} aria-label={t(`surveys.profile.${field}`)} fz="sm" style={{ alignSelf: "start" }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t(`surveys.profile.${field}`)}</Table.Th>
                  <Table.Th ta="right">n</Table.Th>
                  <Table.Th ta="right">%</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.profile[field].map((row) => (
                  <Table.Tr key={row.key}>
                    <Table.Td>{(labels[row.key] ?? notStatedLabel)[lang]}</Table.Td>
                    <Table.Td ta="right">{row.count}</Table.Td>
                    <Table.Td ta="right">{num(row.percent, 2)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          );
        })}
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Table aria-label={t('surveys.staff.byService')} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('surveys.staff.byService')}</Table.Th>
              <Table.Th ta="right">n</Table.Th>
              <Table.Th ta="right">IKM</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.byService.map((s) => (
              <Table.Tr key={s.service}>
                <Table.Td>{serviceName(s.service)}</Table.Td>
                <Table.Td ta="right">{s.respondents}</Table.Td>
                <Table.Td ta="right">
                  {num(s.ikm, 2)} {s.grade}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Table aria-label={t('surveys.staff.byChannel')} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('surveys.staff.byChannel')}</Table.Th>
              <Table.Th ta="right">n</Table.Th>
              <Table.Th ta="right">IKM</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.byChannel.map((c) => (
              <Table.Tr key={c.channel ?? '-'}>
                <Table.Td>{c.channel ?? t('surveys.staff.noChannel')}</Table.Td>
                <Table.Td ta="right">{c.respondents}</Table.Td>
                <Table.Td ta="right">
                  {num(c.ikm, 2)} {c.grade}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </SimpleGrid>
    </Stack>
  );
}
