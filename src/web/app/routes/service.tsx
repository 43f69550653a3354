import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { PageBreadcrumbs } from '../../components/ui/page-breadcrumbs.js';
import { QueryState } from '../../components/ui/query-state.js';
import { wrap } from '../../components/ui/styles.js';
import { DueHelper } from '../../features/calendar/components/due-helper.js';
import { isOnlineChannel } from '../../features/requests/components/request-form.js';
import { useService } from '../../features/standards/api/standards.js';
import { ComplaintInfo } from '../../features/standards/components/agency-parts.js';
import { ComponentTable } from '../../features/standards/components/component-table.js';
import { ChannelTable, RequirementChecklist, ServiceFacts, WorkflowSteps } from '../../features/standards/components/service-parts.js';

/**
 * One service as the standard defines it: the 14 components laid out like the official table,
 * then the machine-readable parts (channels and limits, checklist, steps). `?versi=N` shows a
 * stored version other than the current one.
 */
export function ServicePage() {
  const { code = '', service: serviceCode = '' } = useParams();
  const [search] = useSearchParams();
  const pinned = Number.parseInt(search.get('versi') ?? '', 10);
  const { t } = useTranslation();
  const query = useService(code, serviceCode, Number.isInteger(pinned) && pinned > 0 ? pinned : undefined);
  return (
    <QueryState query={query}>
      {({ agency, service, version, position, complaints, roles }) => (
        <Stack gap="lg">
          <PageBreadcrumbs>
            <Anchor component={Link} to="/" size="sm">
              {t('nav.home')}
            </Anchor>
            <Anchor component={Link} to={`/instansi/${agency.code}`} size="sm" style={wrap}>
              {agency.name}
            </Anchor>
          </PageBreadcrumbs>
          <Stack gap={4}>
            <Text size="sm" c="dimmed">
              {t('standards.service.number', { position })}
            </Text>
            <Title order={2} style={wrap}>
              {service.name}
            </Title>
            <Text style={wrap}>{service.description}</Text>
            {service.derivedFrom && (
              <Text size="sm" c="dimmed" style={wrap} data-testid="service-derived">
                {t('standards.service.derivedText', { task: service.derivedFrom })}
              </Text>
            )}
            <Group gap={4}>
              <Text size="sm">{t('standards.service.requesters')}</Text>
              {service.requesterTypes.map((rt) => (
                <Badge key={rt} variant="light" color="grape">
                  {t(`standards.requesterType.${rt}`)}
                </Badge>
              ))}
            </Group>
          </Stack>
          {version.inForce &&
            (service.channels.some((c) => isOnlineChannel(c.kind)) ? (
              <Button component={Link} to={`/instansi/${agency.code}/layanan/${service.code}/ajukan`} size="md" style={{ alignSelf: 'flex-start' }}>
                {t('requests.file')}
              </Button>
            ) : (
              <Text size="sm">{t('requests.fileAtDesk')}</Text>
            ))}
          {!version.inForce && (
            <Alert color="orange">
              {t(version.upcoming ? 'standards.service.upcoming' : 'standards.service.superseded', {
                version: version.version,
                date: version.effectiveFrom,
              })}
            </Alert>
          )}
          <Text size="xs" c="dimmed">
            {/* Without a stated decree date, the date is Sigap's application date, not the decree's. */}
            {t(version.decreeDate === null ? 'standards.decree.serviceLineApplied' : 'standards.decree.serviceLine', {
              version: version.version,
              instrument: t(`standards.decree.${version.decreeInstrument}`),
              number: version.decreeNumber ?? t('standards.decree.notStated'),
              date: version.effectiveFrom,
            })}
          </Text>

          <section aria-labelledby="components-heading">
            <Title order={3} id="components-heading" mb="sm">
              {t('standards.components.title')}
            </Title>
            <ComponentTable components={service.components} />
          </section>

          <section aria-labelledby="channels-heading">
            <Title order={3} id="channels-heading" mb="sm">
              {t('standards.channels.title')}
            </Title>
            <ChannelTable channels={service.channels} />
          </section>

          <DueHelper agency={agency.code} timeZone={agency.timeZone} channels={service.channels} />

          <section aria-labelledby="requirements-heading">
            <Title order={3} id="requirements-heading" mb="sm">
              {t('standards.requirements.title')}
            </Title>
            <RequirementChecklist service={service} />
          </section>

          <section aria-labelledby="workflow-heading">
            <Title order={3} id="workflow-heading" mb="sm">
              {t('standards.workflow.title')}
            </Title>
            <WorkflowSteps service={service} roles={roles} />
          </section>

          <Card withBorder component="section" aria-labelledby="facts-heading">
            <Title order={3} size="h4" id="facts-heading" mb="xs">
              {t('standards.facts.title')}
            </Title>
            <ServiceFacts service={service} />
          </Card>

          <Card withBorder component="section" aria-labelledby="service-complaints-heading">
            <Title order={3} size="h4" id="service-complaints-heading" mb="xs">
              {t('standards.complaints.title')}
            </Title>
            <ComplaintInfo
              complaints={{
                ...complaints,
                ...(service.complaints?.responseLimit ? { responseLimit: service.complaints.responseLimit } : {}),
                ...(service.complaints?.resolutionLimit ? { resolutionLimit: service.complaints.resolutionLimit } : {}),
              }}
              only={service.complaints?.channels}
            />
          </Card>
        </Stack>
      )}
    </QueryState>
  );
}
