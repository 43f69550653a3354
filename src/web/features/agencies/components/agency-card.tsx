import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AgencySummary } from '../../../../shared/contracts/agencies.js';

export function AgencyCard({ agency }: { agency: AgencySummary }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="md" component="article" aria-label={agency.name}>
      <Stack gap={6}>
        <Anchor component={Link} to={`/instansi/${agency.code}`} fw={600} size="lg" style={{ overflowWrap: 'anywhere' }}>
          {agency.name}
        </Anchor>
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
