import { Alert, Button, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAgencies } from '../../features/agencies/api/agencies.js';
import { AgencyCard } from '../../features/agencies/components/agency-card.js';

export function LandingPage() {
  const { t } = useTranslation();
  const agencies = useAgencies();
  return (
    <Stack gap="md">
      <Title order={2}>{t('landing.title')}</Title>
      <Text>{t('landing.intro')}</Text>
      {agencies.isPending && <Loader aria-label={t('landing.loading')} />}
      {agencies.isError && (
        <Alert color="red" title={t('landing.error')}>
          <Button variant="light" onClick={() => void agencies.refetch()}>
            {t('landing.retry')}
          </Button>
        </Alert>
      )}
      {agencies.data && agencies.data.length === 0 && <Alert color="gray">{t('landing.empty')}</Alert>}
      {agencies.data && agencies.data.length > 0 && (
        <>
          <Text size="sm" c="dimmed">
            {t('landing.count', { count: agencies.data.length })}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
            {agencies.data.map((agency) => (
              <AgencyCard key={agency.id} agency={agency} />
            ))}
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
