import { Alert, Anchor, Button, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageBreadcrumbs } from '../../components/ui/page-breadcrumbs.js';
import { QueryState } from '../../components/ui/query-state.js';
import { wrap } from '../../components/ui/styles.js';
import { useAgencyStandard } from '../../features/standards/api/standards.js';
import { usePublicLatest } from '../../features/surveys/api/surveys.js';
import { IkmCard } from '../../features/surveys/components/ikm-card.js';
import { useLanguage } from '../../i18n/use-language.js';

/**
 * The agency's published satisfaction index: per service, the IKM of the semester of its newest
 * response, with the NRR per element. Aggregates only: no respondent is identifiable here.
 */
export function SurveyResultsPage() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLanguage();
  const latest = usePublicLatest(code);
  const standard = useAgencyStandard(code);
  const names = new Map((standard.data?.services ?? []).map((s) => [s.code, s.name]));
  return (
    <QueryState query={latest}>
      {(data) => (
        <Stack gap="lg">
          <PageBreadcrumbs>
            <Anchor component={Link} to="/" size="sm">
              {t('nav.home')}
            </Anchor>
            <Anchor component={Link} to={`/instansi/${code}`} size="sm" style={wrap}>
              {standard.data?.agency.name ?? code}
            </Anchor>
          </PageBreadcrumbs>
          <Stack gap={4}>
            <Title order={2}>{t('surveys.results.title')}</Title>
            <Text>{t('surveys.results.intro')}</Text>
          </Stack>
          {data.items.length === 0 && <Alert color="gray">{t('surveys.results.empty')}</Alert>}
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            {data.items.map((item) => (
              <Stack key={item.service} gap="xs">
                <IkmCard item={item} serviceName={names.get(item.service) ?? item.service} lang={lang} />
              </Stack>
            ))}
          </SimpleGrid>
          {(standard.data?.services.length ?? 0) > 0 && (
            <Stack gap="xs">
              <Title order={3}>{t('surveys.results.takeSurvey')}</Title>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                {standard.data?.services.map((s) => (
                  <Button key={s.code} component={Link} to={`/instansi/${code}/survei/${s.code}`} variant="light" size="md" styles={{ label: { whiteSpace: 'normal' } }} h="auto" py="xs">
                    {s.name}
                  </Button>
                ))}
              </SimpleGrid>
            </Stack>
          )}
          <Text size="xs" c="dimmed">
            {t('surveys.results.method')}
          </Text>
        </Stack>
      )}
    </QueryState>
  );
}
