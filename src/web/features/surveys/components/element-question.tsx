import { Group, Radio, SimpleGrid, Stack, Text } from '@mantine/core';
import type { SkmElement } from '../../../../shared/contracts/surveys.js';
import type { Language } from '../../../../shared/i18n/languages.js';

/**
 * One element of the questionnaire: the regulation's question and its four answers as large
 * cards, easy to hit with a finger on a tablet at the desk or on a phone.
 */
export function ElementQuestion(props: {
  element: SkmElement;
  number: number;
  lang: Language;
  value: number | undefined;
  onChange: (value: number) => void;
  error?: string | undefined;
}) {
  const { element, number, lang, value } = props;
  return (
    <Radio.Group
      value={value === undefined ? null : String(value)}
      onChange={(v) => props.onChange(Number(v))}
      // The label names the radiogroup for screen readers (Mantine links them only through `label`).
      label={`${number}. ${element.question[lang]}`}
      labelProps={{ fz: 'lg', fw: 600 }}
      description={`${element.code} · ${element.name[lang]}`}
      error={props.error}
      id={`skm-${element.code}`}
    >
      <Stack gap={6} mt={6}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          {element.answers.map((answer, i) => (
            <Radio.Card key={answer.id} value={String(i + 1)} radius="md" p="md" mih={64} aria-label={answer[lang]}>
              <Group wrap="nowrap" gap="sm">
                <Radio.Indicator size="md" />
                <Text size="lg" fw={500}>
                  {answer[lang]}
                </Text>
              </Group>
            </Radio.Card>
          ))}
        </SimpleGrid>
      </Stack>
    </Radio.Group>
  );
}
