import { Alert, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { gradeLabels, skmElements, type PublicLatest, type SkmGrade } from '../../../../shared/contracts/surveys.js';
import type { Language } from '../../../../shared/i18n/languages.js';
import { DataTable } from '../../../components/ui/data-table.js';
import { formatDecimal } from '../../../lib/format.js';

export const gradeColors: Record<SkmGrade, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };

type Item = PublicLatest['items'][number];

/** The latest IKM of one service: the index, its grade, the period and the NRR per element. */
export function IkmCard({ item, serviceName, lang }: { item: Item; serviceName: string; lang: Language }) {
  const { t, i18n } = useTranslation();
  const number = (value: number | null, digits: number) => formatDecimal(value, digits, i18n.language);
  return (
    <Card withBorder radius="md" padding="md" component="article" aria-label={serviceName}>
      <Stack gap="sm">
        <Text fw={600} size="lg" style={{ overflowWrap: 'anywhere' }}>
          {serviceName}
        </Text>
        <Text size="sm" c="dimmed">
          {item.period.label[lang]} · {t('surveys.results.respondents', { count: item.respondents })}
        </Text>
        <SampleNote item={item} />
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
        <DataTable
          rows={item.elements}
          rowKey={(e) => e.code}
          fz="sm"
          verticalSpacing={4}
          aria-label={t('surveys.results.elementsTable')}
          columns={[
            { key: 'element', header: t('surveys.results.element'), cell: (e, i) => `${e.code} ${skmElements[i]?.name[lang] ?? ''}` },
            { key: 'nrr', header: 'NRR', align: 'right', cell: (e) => number(e.nrr, 2) },
            { key: 'grade', header: t('surveys.results.grade'), align: 'right', cell: (e) => e.grade ?? '–' },
          ]}
        />
      </Stack>
    </Card>
  );
}

/**
 * Whether the result rests on enough responses: the Krejcie–Morgan minimum for the service's
 * users, and "not yet representative" below it, so three answers do not read as a verdict.
 */
function SampleNote({ item }: { item: Item }) {
  const { t } = useTranslation();
  const { sample } = item;
  if (sample.minimum === null || sample.population === null || sample.basis === null) {
    return (
      <Alert color="yellow" p="xs" data-testid="sample-note">
        <Text size="sm">{t('surveys.results.sampleUnknown')}</Text>
      </Alert>
    );
  }
  const line = t('surveys.results.sampleLine', { minimum: sample.minimum, population: sample.population, basis: t(`surveys.results.sampleBasis.${sample.basis}`) });
  return sample.reached ? (
    <Text size="sm" c="dimmed" data-testid="sample-note">
      {line} {t('surveys.results.representative')}
    </Text>
  ) : (
    <Alert color="yellow" p="xs" data-testid="sample-note">
      <Text size="sm" fw={600}>
        {t('surveys.results.notRepresentative', { respondents: item.respondents, minimum: sample.minimum })}
      </Text>
      <Text size="sm">{line}</Text>
    </Alert>
  );
}
