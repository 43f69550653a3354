import { Chip, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  ageBands,
  educations,
  occupations,
  profileLabels,
  sexes,
  type RespondentProfile,
} from '../../../../shared/contracts/surveys.js';
import type { Language } from '../../../../shared/i18n/languages.js';

const fields = { sex: sexes, ageBand: ageBands, education: educations, occupation: occupations } as const;

/** The respondent profile as large chips; every field may stay empty. Tapping a chosen chip clears it. */
export function ProfileFields(props: { value: RespondentProfile; onChange: (value: RespondentProfile) => void; lang: Language }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      {(Object.keys(fields) as (keyof typeof fields)[]).map((field) => {
        const labels = profileLabels[field] as Record<string, { id: string; en: string }>;
        const labelId = `skm-profile-${field}`;
        return (
          <Stack key={field} gap={6} role="group" aria-labelledby={labelId}>
            <Text id={labelId} fw={600}>
              {t(`surveys.profile.${field}`)}
            </Text>
            <Group gap="xs">
              {fields[field].map((key) => (
                <Chip
                  key={key}
                  size="lg"
                  checked={props.value[field] === key}
                  onChange={() => props.onChange({ ...props.value, [field]: props.value[field] === key ? null : key })}
                >
                  {labels[key]?.[props.lang]}
                </Chip>
              ))}
            </Group>
          </Stack>
        );
      })}
    </Stack>
  );
}
