import { Anchor, Button, Card, Group, List, Menu, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageBreadcrumbs } from '../../components/ui/page-breadcrumbs.js';
import { QueryState } from '../../components/ui/query-state.js';
import { wrap } from '../../components/ui/styles.js';
import { PublicLinks } from '../../features/complaints/components/public-links.js';
import { pdfLinks, useAgencyStandard } from '../../features/standards/api/standards.js';
import { ComplaintInfo, DecreeInfo, HoursTable, ServiceCard } from '../../features/standards/components/agency-parts.js';

/** An agency's public page: its services, decree, contacts, hours, complaint channels, charter. */
export function AgencyPage() {
  const { code = '' } = useParams();
  const { t, i18n } = useTranslation();
  const query = useAgencyStandard(code);
  return (
    <QueryState query={query}>
      {({ agency, standard, services, version }) => (
        <Stack gap="lg">
          <PageBreadcrumbs>
            <Anchor component={Link} to="/" size="sm">
              {t('nav.home')}
            </Anchor>
            <Text size="sm" style={wrap}>
              {standard.shortName ?? agency.name}
            </Text>
          </PageBreadcrumbs>
          <Stack gap={4}>
            <Title order={2} style={wrap}>
              {agency.name}
            </Title>
            {standard.government && <Text c="dimmed">{standard.government}</Text>}
          </Stack>
          <DecreeInfo standard={standard} version={version} />
          <Group gap="xs">
            <Button component={Link} to={`/instansi/${agency.code}/maklumat`} variant="light">
              {t('standards.agency.maklumat')}
            </Button>
            <Button component="a" href={pdfLinks.annex(agency.code, i18n.language, version.version)} variant="outline" download>
              {t('standards.agency.annexPdf')}
            </Button>
            <Button component="a" href={pdfLinks.maklumat(agency.code, i18n.language, version.version)} variant="outline" download>
              {t('standards.agency.maklumatPdf')}
            </Button>
            <Button component={Link} to="/lacak" variant="light">
              {t('landing.tasks.track.action')}
            </Button>
            <Button component={Link} to={`/instansi/${agency.code}/pengaduan`} variant="light">
              {t('complaints.nav.file')}
            </Button>
            <Button component={Link} to={`/instansi/${agency.code}/survei`} variant="light">
              {t('surveys.link')}
            </Button>
            {services.length > 0 && (
              // The kiosk is per service: the tablet at the desk opens the one being served.
              <Menu position="bottom-start" withinPortal>
                <Menu.Target>
                  <Button variant="outline">{t('surveys.results.takeSurvey')}</Button>
                </Menu.Target>
                <Menu.Dropdown>
                  {services.map((s) => (
                    <Menu.Item key={s.code} component={Link} to={`/instansi/${agency.code}/survei/${s.code}`} style={wrap}>
                      {s.name}
                    </Menu.Item>
                  ))}
                </Menu.Dropdown>
              </Menu>
            )}
          </Group>

          <section aria-labelledby="services-heading">
            <Title order={3} id="services-heading" mb="sm">
              {t('standards.agency.services', { count: services.length })}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              {services.map((s) => (
                <ServiceCard key={s.code} agencyCode={agency.code} service={s} />
              ))}
            </SimpleGrid>
          </section>

          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <Card withBorder component="section" aria-labelledby="contact-heading">
              <Title order={3} size="h4" id="contact-heading" mb="xs">
                {t('standards.agency.contact')}
              </Title>
              <Text size="sm" style={wrap}>
                {standard.address}
              </Text>
              <List size="sm" spacing={2} mt="xs">
                {standard.contacts.map((c) => (
                  <List.Item key={`${c.kind}-${c.value}`}>
                    <Text size="sm" span style={wrap}>
                      {c.label ?? t(`standards.contactKind.${c.kind}`)}: {c.value}
                    </Text>
                  </List.Item>
                ))}
              </List>
              {standard.offices.map((o) => (
                <Text key={o.code} size="sm" mt="xs" style={wrap}>
                  <b>{o.name}</b>: {o.address}
                </Text>
              ))}
            </Card>
            <Card withBorder component="section" aria-labelledby="hours-heading">
              <Title order={3} size="h4" id="hours-heading" mb="xs">
                {t('standards.agency.hours')}
              </Title>
              <HoursTable hours={standard.serviceHours} timeZone={agency.timeZone} />
              {standard.serviceHourProfiles.map((p) => (
                <Text key={p.code} size="xs" c="dimmed" mt={4}>
                  {t('standards.agency.hoursProfile', { name: p.name, from: p.from, to: p.to })}
                </Text>
              ))}
            </Card>
            <Card withBorder component="section" aria-labelledby="complaints-heading">
              <Title order={3} size="h4" id="complaints-heading" mb="xs">
                {t('standards.complaints.title')}
              </Title>
              <ComplaintInfo complaints={standard.complaints} />
              <PublicLinks code={agency.code} />
            </Card>
            {standard.compensation && (
              <Card withBorder component="section" aria-labelledby="compensation-heading">
                <Title order={3} size="h4" id="compensation-heading" mb="xs">
                  {t('standards.agency.compensation')}
                </Title>
                <Text size="sm" style={{ whiteSpace: 'pre-line', ...wrap }}>
                  {standard.compensation.text}
                </Text>
              </Card>
            )}
          </SimpleGrid>
        </Stack>
      )}
    </QueryState>
  );
}
