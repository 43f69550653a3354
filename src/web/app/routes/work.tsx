import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryState } from '../../components/ui/query-state.js';
import type { Me } from '../../features/identity/api/identity.js';
import { adminPagesFor, tierAgencies } from '../../features/identity/components/agency-access.js';
import { RequireAuth } from '../../features/identity/components/require-auth.js';
import { useMyWork } from '../../features/work/api/work.js';
import { hasWork, WorkCounts } from '../../features/work/components/work-counts.js';

/**
 * /kerja, the staff home: for each agency the officer works in, what waits for their role and for
 * them (counts linking to the filtered lists), and the agency's pages their permissions open.
 */
export function WorkPage() {
  return <RequireAuth>{(me) => <WorkHome me={me} />}</RequireAuth>;
}

function WorkHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  const work = useMyWork();
  const agencies = me.agencies.filter((a) => adminPagesFor(a).length > 0);
  return (
    <Stack gap="lg">
      <Title order={2}>{t('work.title')}</Title>
      {agencies.length === 0 && <Text>{t('work.none')}</Text>}
      <QueryState query={work}>
        {(data) => (
          <Stack gap="lg">
            {agencies.map((access) => {
              const counts = data.agencies.find((a) => a.code === access.code);
              const tiers = tierAgencies(access);
              return (
                <Card key={access.code} withBorder component="section" aria-labelledby={`work-${access.code}`} data-testid={`work-${access.code}`}>
                  <Stack gap="sm">
                    <div>
                      <Title order={3} size="h4" id={`work-${access.code}`}>
                        {access.name}
                      </Title>
                      {tiers.length > 0 && (
                        <Text size="sm" c="dimmed">
                          {t('account.viaTier', { agencies: tiers.join(', ') })}
                        </Text>
                      )}
                    </div>
                    {counts && <WorkCounts agency={counts} />}
                    {counts && !hasWork(counts) && <Text size="sm">{t('work.nothingWaiting')}</Text>}
                    <nav aria-label={t('work.pagesOf', { agency: access.name })}>
                      <Group gap="md" wrap="wrap">
                        {adminPagesFor(access).map((page) => (
                          <Anchor key={page.key} component={Link} to={`/kelola/${access.code}/${page.path}`} size="sm">
                            {t(`account.${page.key}`)}
                          </Anchor>
                        ))}
                      </Group>
                    </nav>
                  </Stack>
                </Card>
              );
            })}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
