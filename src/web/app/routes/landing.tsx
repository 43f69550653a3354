import { Alert, Button, Card, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAgencies } from '../../features/agencies/api/agencies.js';
import { AgencyCard } from '../../features/agencies/components/agency-card.js';
import { AgencyPicker } from '../../features/agencies/components/agency-picker.js';

/** One thing a visitor can do here, said before anything else on the home page. */
function Task({ title, text, children }: { title: string; text: string; children: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-label={title}>
      <Stack gap="xs" h="100%" justify="space-between">
        <Stack gap={4}>
          <Title order={3} size="h4">
            {title}
          </Title>
          <Text size="sm">{text}</Text>
        </Stack>
        {children}
      </Stack>
    </Card>
  );
}

/**
 * The public home: first what a visitor can do (file a request, track one, complain, answer the
 * survey, read the standard), then the units served here.
 */
export function LandingPage() {
  const { t } = useTranslation();
  const agencies = useAgencies();
  const list = agencies.data ?? [];
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={2}>{t('landing.welcome')}</Title>
        <Text>{t('landing.welcomeText')}</Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
        <Task title={t('landing.tasks.file.title')} text={t('landing.tasks.file.text')}>
          <Button component={Link} to="/layanan" variant="light">
            {t('landing.tasks.file.action')}
          </Button>
        </Task>
        <Task title={t('landing.tasks.track.title')} text={t('landing.tasks.track.text')}>
          <Button component={Link} to="/lacak" variant="light">
            {t('landing.tasks.track.action')}
          </Button>
        </Task>
        <Task title={t('landing.tasks.complain.title')} text={t('landing.tasks.complain.text')}>
          <AgencyPicker id="complaint-unit" agencies={list} path="/pengaduan" label={t('landing.tasks.complain.action')} />
        </Task>
        <Task title={t('landing.tasks.survey.title')} text={t('landing.tasks.survey.text')}>
          <AgencyPicker id="survey-unit" agencies={list} path="/survei" label={t('landing.tasks.survey.action')} />
        </Task>
        <Task title={t('landing.tasks.standard.title')} text={t('landing.tasks.standard.text')}>
          <Button component="a" href="#units" variant="light">
            {t('landing.tasks.standard.action')}
          </Button>
        </Task>
      </SimpleGrid>

      <Stack gap="md" component="section" aria-labelledby="units">
        <Title order={2} size="h3" id="units">
          {t('landing.title')}
        </Title>
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
    </Stack>
  );
}
