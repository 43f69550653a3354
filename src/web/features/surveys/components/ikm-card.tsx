import { Badge, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { gradeLabels, skmElements, type PublicLatest, type SkmGrade } from '../../../../shared/contracts/surveys.js';
import type { Language } from '../../../../shared/i18n/languages.js';

export const gradeColors: Record<SkmGrade, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };

type Item = PublicLatest['items'][number];

/** The latest IKM of one service: the index, its grade, the period and the NRR per element. */
export function IkmCard({ item, serviceName, lang }: { item: Item; serviceName: string; lang: Language }) {
  const { t, i18n } = useTranslation();
  const number = (value: number | null, digits: number) =>
    value === null ? '–' : value.toLocaleString(i18n.language === 'en' ? 'en-US' : 'id-ID', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return (
    <Card withBorder radius="md" padding="md" component="article" aria-label={serviceName}>
      <Stack gap="sm">
        <Text fw={600} size="lg" style={{ overflowWrap: 'anywhere' }}>
          {serviceName}
        </Text>
        <Text size="sm" c="dimmed">
          {item.period.label[lang]} · {t('surveys.results.respondents', { count: item.respondents })}
        </Text>
        <Group gap="sm" align="baseline">
          <Text fz={40} fw={700} lh={1} data-testid="ikm-value">
            {number(item.ikm, 2)}
          </Text>
          {item.grade && (
            <Badge size="lg" color={gradeColors[item.grade]}>
              {item.grade} · {gradeLabels[item.grade][lang]}
            </Badge>
          )}
        </Group>
        <Table fz="sm" verticalSpacing={4} aria-label={t('surveys.results.elementsTable')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('surveys.results.element')}</Table.Th>
              <Table.Th ta="right">NRR</Table.Th>
              <Table.Th ta="right">{t('surveys.results.grade')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {item.elements.map((e, i) => (
              <Table.Tr key={e.code}>
                <Table.Td>
                  {e.code} {skmElements[i]?.name[lang]}
                </Table.Td>
                <Table.Td ta="right">{number(e.nrr, 2)}</Table.Td>
                <Table.Td ta="right">{e.grade ?? '–'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );
}
