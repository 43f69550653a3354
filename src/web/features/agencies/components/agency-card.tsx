import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AgencySummary } from '../../../../shared/contracts/agencies.js';

export function AgencyCard({ agency }: { agency: AgencySummary }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="md" component="article" aria-label={agency.name}>
      <Stack gap={6}>
        <Text fw={600} size="lg">
          {agency.name}
        </Text>
        <Group gap="xs">
          <Badge variant="light">{t(`level.${agency.level}`)}</Badge>
          <Badge variant="outline" color="gray">
            {t(`timeZone.${agency.timeZone}`, { defaultValue: agency.timeZone })}
          </Badge>
        </Group>
        {agency.parentCode && (
          <Text size="sm" c="dimmed">
            {t('landing.parent', { code: agency.parentCode })}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
