import { Anchor, Badge, Card, Group, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { weekdays, type WeeklyHours } from '../../../../shared/contracts/hours.js';
import type { ServiceSummary } from '../../../../shared/contracts/standards.js';
import { decreeInstrument, type AgencyStandard } from '../../../../shared/standard/schema.js';
import { DataTable } from '../../../components/ui/data-table.js';
import { wrap } from '../../../components/ui/styles.js';
import { useFormatLimit } from '../../../lib/time-limit.js';

/** A service in a list: name, who may ask, its channels with their limits; links to its page. */
export function ServiceCard({ agencyCode, service, agencyName }: { agencyCode: string; service: ServiceSummary; agencyName?: string }) {
  const { t } = useTranslation();
  const formatLimit = useFormatLimit();
  const href = `/instansi/${agencyCode}/layanan/${service.code}`;
  return (
    <Card withBorder radius="md" padding="md" component="article" aria-label={service.name}>
      <Stack gap={6}>
        {agencyName && (
          <Text size="xs" c="dimmed" style={wrap}>
            {agencyName}
          </Text>
        )}
        <Anchor component={Link} to={href} fw={600} style={wrap}>
          {service.position}. {service.name}
        </Anchor>
        <Text size="sm" lineClamp={3} style={wrap}>
          {service.description}
        </Text>
        <Group gap={4}>
          {service.requesterTypes.map((rt) => (
            <Badge key={rt} size="sm" variant="light" color="grape">
              {t(`standards.requesterType.${rt}`)}
            </Badge>
          ))}
          {service.derivedFrom && (
            <Badge size="sm" variant="outline" color="gray" title={service.derivedFrom}>
              {t('standards.service.derived')}
            </Badge>
          )}
        </Group>
        <List size="xs" spacing={0}>
          {service.channels.map((c) => (
            <List.Item key={c.code}>
              <Text size="xs" span style={wrap}>
                {c.label}:{' '}
                {c.timeLimit
                  ? formatLimit(c.timeLimit)
                  : c.responseLimit
                    ? `${t('standards.channels.responseLimit')} ${formatLimit(c.responseLimit)}`
                    : c.limitNotStated
                      ? t('standards.channels.notStated')
                      : '—'}
              </Text>
            </List.Item>
          ))}
        </List>
      </Stack>
    </Card>
  );
}

/** Opening hours per weekday, breaks shown as separate intervals. */
export function HoursTable({ hours, timeZone }: { hours: WeeklyHours; timeZone: string }) {
  const { t } = useTranslation();
  const zone = t(`timeZone.${timeZone}`, { defaultValue: timeZone });
  return (
    <DataTable
      rows={weekdays}
      rowKey={(day) => day}
      minWidth={240}
      scrollType="native"
      verticalSpacing={4}
      aria-label={t('standards.agency.hours')}
      columns={[
        { key: 'day', cell: (day) => <Text size="sm">{t(`standards.weekday.${day}`)}</Text> },
        {
          key: 'hours',
          cell: (day) => <Text size="sm">{hours[day].length === 0 ? t('standards.agency.closed') : `${hours[day].map((i) => i.replace('-', '–')).join(', ')} ${zone}`}</Text>,
        },
      ]}
    />
  );
}

/** Complaint channels and rules (limits, classes, what a complaint must contain). */
export function ComplaintInfo({ complaints, only }: { complaints: AgencyStandard['complaints']; only?: string[] | undefined }) {
  const { t } = useTranslation();
  const formatLimit = useFormatLimit();
  const channels = only ? complaints.channels.filter((c) => only.includes(c.code)) : complaints.channels;
  return (
    <Stack gap="xs">
      <List size="sm" spacing={2} aria-label={t('standards.complaints.channels')}>
        {channels.map((c) => (
          <List.Item key={c.code}>
            <Text size="sm" span style={wrap}>
              {c.label}
              {c.value ? `: ${c.value}` : ''}
            </Text>
          </List.Item>
        ))}
      </List>
      {complaints.fileWithin && <Text size="sm">{t('standards.complaints.fileWithin', { limit: formatLimit(complaints.fileWithin) })}</Text>}
      {complaints.responseLimit && <Text size="sm">{t('standards.complaints.response', { limit: formatLimit(complaints.responseLimit) })}</Text>}
      {complaints.resolutionLimit && (
        <Text size="sm">{t('standards.complaints.resolution', { limit: formatLimit(complaints.resolutionLimit) })}</Text>
      )}
      {complaints.classes.length > 0 && (
        <div>
          <Text size="sm" fw={600}>
            {t('standards.complaints.classes')}
          </Text>
          <List size="sm" spacing={2}>
            {complaints.classes.map((c) => (
              <List.Item key={c.code}>
                {c.name}: {formatLimit(c.limit)}
              </List.Item>
            ))}
          </List>
        </div>
      )}
      {complaints.requiredContents.length > 0 && (
        <div>
          <Text size="sm" fw={600}>
            {t('standards.complaints.contents')}
          </Text>
          <List size="sm" spacing={2}>
            {complaints.requiredContents.map((c) => (
              <List.Item key={c}>{c}</List.Item>
            ))}
          </List>
        </div>
      )}
      {complaints.text && (
        <Text size="sm" style={{ whiteSpace: 'pre-line', ...wrap }}>
          {complaints.text}
        </Text>
      )}
    </Stack>
  );
}

/**
 * The decree that enacted the version shown, and whether it is in force. A number or date the
 * source document does not state reads "tidak disebut"; without a decree date, the effective
 * date is Sigap's own application date and is labelled so, not as the decree's.
 */
export function DecreeInfo({ standard, version }: { standard: AgencyStandard; version: { version: number; inForce: boolean; upcoming: boolean } }) {
  const { t } = useTranslation();
  const { decree } = standard;
  const notStated = t('standards.decree.notStated');
  const instrument = `${t(`standards.decree.${decreeInstrument(decree)}`)} ${decree.issuer ?? decree.signatory.position}`;
  const dated = decree.date !== undefined;
  return (
    <Stack gap={4}>
      <Text size="sm" style={wrap}>
        {t('standards.decree.enacted', { instrument, number: decree.number ?? notStated, date: decree.date ?? notStated })}
      </Text>
      {decree.title && (
        <Text size="sm" c="dimmed" style={wrap}>
          {decree.title}
        </Text>
      )}
      <Group gap={6}>
        <Badge variant="light">{t('standards.agency.version', { version: version.version })}</Badge>
        <Badge variant="light" color={version.inForce ? 'green' : 'orange'} style={{ maxWidth: '100%' }}>
          {version.inForce
            ? t(dated ? 'standards.agency.inForceSince' : 'standards.decree.appliedSince', { date: decree.effectiveFrom })
            : t(dated ? 'standards.agency.effectiveFrom' : 'standards.decree.appliedFrom', { date: decree.effectiveFrom })}
        </Badge>
      </Group>
      {!dated && (
        <Text size="xs" c="dimmed" style={wrap}>
          {t('standards.decree.appliedNote')}
        </Text>
      )}
    </Stack>
  );
}
