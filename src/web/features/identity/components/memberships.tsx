import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Me } from '../api/identity.js';
import { adminPagesFor, tierAgencies } from './agency-access.js';

/** The agencies where the person holds roles (directly or through an escalation tier), with the administration pages each opens. */
export function Memberships({ me }: { me: Me }) {
  const { t } = useTranslation();
  if (me.agencies.length === 0) return null;
  return (
    <Card withBorder component="section" aria-labelledby="roles-heading">
      <Stack gap="xs">
        <Title order={3} size="h4" id="roles-heading">
          {t('account.roles')}
        </Title>
        {me.agencies.map((a) => {
          const tiers = tierAgencies(a);
          return (
            <Stack key={a.code} gap={4}>
              <Group gap="xs" wrap="wrap">
                <Text fw={600}>{a.name}</Text>
                {a.roles.map((r) => (
                  <Badge key={r.code} variant="light">
                    {r.name ?? r.code}
                  </Badge>
                ))}
                {tiers.length > 0 && (
                  <Badge variant="outline" color="gray">
                    {t('account.viaTier', { agencies: tiers.join(', ') })}
                  </Badge>
                )}
              </Group>
              {adminPagesFor(a).length > 0 && (
                <Group gap="sm" wrap="wrap">
                  {adminPagesFor(a).map((page) => (
                    <Anchor key={page.key} component={Link} to={`/kelola/${a.code}/${page.path}`} size="sm">
                      {t(`account.${page.key}`)}
                    </Anchor>
                  ))}
                </Group>
              )}
            </Stack>
          );
        })}
      </Stack>
    </Card>
  );
}
