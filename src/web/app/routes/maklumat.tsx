import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageBreadcrumbs } from '../../components/ui/page-breadcrumbs.js';
import { QueryState } from '../../components/ui/query-state.js';
import { wrap } from '../../components/ui/styles.js';
import { pdfLinks, useAgencyStandard } from '../../features/standards/api/standards.js';

/** The Maklumat Pelayanan (service charter) of an agency, with its signatory. */
export function MaklumatPage() {
  const { code = '' } = useParams();
  const { t, i18n } = useTranslation();
  const query = useAgencyStandard(code);
  return (
    <QueryState query={query}>
      {({ agency, standard, version }) => (
        <Stack gap="lg">
          <PageBreadcrumbs>
            <Anchor component={Link} to="/" size="sm">
              {t('nav.home')}
            </Anchor>
            <Anchor component={Link} to={`/instansi/${agency.code}`} size="sm" style={wrap}>
              {standard.shortName ?? agency.name}
            </Anchor>
          </PageBreadcrumbs>
          <Title order={2}>{t('standards.maklumat.title')}</Title>
          {standard.maklumat.origin === 'default' && <Alert color="yellow">{t('standards.maklumat.default')}</Alert>}
          <Paper withBorder p="lg" radius="md" component="article" aria-label={t('standards.maklumat.title')}>
            <Stack gap="md">
              <Text fw={700} ta="center" style={wrap}>
                {agency.name.toUpperCase()}
              </Text>
              <Text style={{ whiteSpace: 'pre-line', ...wrap }}>{standard.maklumat.text}</Text>
              <Stack gap={2} align="flex-end">
                <Text size="sm" style={wrap} ta="right">
                  {standard.maklumat.signatory.position}
                </Text>
                {standard.maklumat.signatory.name && (
                  <Text size="sm" fw={600} mt="xl">
                    {standard.maklumat.signatory.name}
                  </Text>
                )}
                {standard.maklumat.signatory.nip && <Text size="xs">NIP {standard.maklumat.signatory.nip}</Text>}
              </Stack>
            </Stack>
          </Paper>
          <Group>
            <Button component="a" href={pdfLinks.maklumat(agency.code, i18n.language, version.version)} download>
              {t('standards.agency.maklumatPdf')}
            </Button>
          </Group>
        </Stack>
      )}
    </QueryState>
  );
}
