import { Alert, Anchor, Card, Loader, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import type { PublicRequestView } from '../../../shared/contracts/requests.js';
import { QueryState } from '../../components/ui/query-state.js';
import { wrap } from '../../components/ui/styles.js';
import { useAgencyZones } from '../../features/agencies/api/agencies.js';
import { useMe } from '../../features/identity/api/identity.js';
import { RequireAuth } from '../../features/identity/components/require-auth.js';
import { requesterDownloadUrl, useFileRequest, useMyRequest, useMyRequests } from '../../features/requests/api/requests.js';
import { FiledNotice } from '../../features/requests/components/filed.js';
import { MyRequestsTable } from '../../features/requests/components/my-requests-table.js';
import { Attachments, ChecklistTable, Clocks, MissingItems, NumberWithCopy, StatusLine, Timeline } from '../../features/requests/components/parts.js';
import { RequestForm, type FiledResult } from '../../features/requests/components/request-form.js';
import { RequestTracking } from '../../features/requests/components/request-tracking.js';
import { RequesterActions } from '../../features/requests/components/requester-actions.js';
import { useService } from '../../features/standards/api/standards.js';
import { RequestSurveyCard } from '../../features/surveys/components/request-survey-card.js';
import { useLanguage } from '../../i18n/use-language.js';
import { formatAt } from '../../lib/format.js';
import { EarliestDate, useRequestNames } from '../compose/requests.js';

/** /instansi/:code/layanan/:service/ajukan: the request form built from the service's definition. */
export function RequestFilePage() {
  const { code = '', service: serviceCode = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const query = useService(code, serviceCode);
  const signedIn = Boolean(me.data && me.data.pending === null);
  const file = useFileRequest(code, signedIn);
  const [result, setResult] = useState<FiledResult | null>(null);
  if (me.isPending) return <Loader aria-label={t('auth.checking')} />;
  return (
    <QueryState query={query}>
      {({ agency, service }) => (
        <Stack gap="lg">
          <Anchor component={Link} to={`/instansi/${agency.code}/layanan/${service.code}`} size="sm" style={wrap}>
            ← {service.name}
          </Anchor>
          <Title order={2} style={wrap}>
            {t('requests.form.heading', { service: service.name })}
          </Title>
          <Text size="sm" style={wrap}>
            {agency.name}
          </Text>
          {result ? (
            <FiledNotice result={result} timeZone={agency.timeZone} />
          ) : (
            <>
              <Text size="sm">{signedIn ? t('requests.form.asUser', { email: me.data?.email }) : t('requests.form.anonymous')}</Text>
              <RequestForm
                agency={agency.code}
                service={service}
                mode="public"
                defaultEmail={me.data?.email}
                submit={(body) => file.mutateAsync(body)}
                onFiled={setResult}
                leadTime={(rule, onEarliest) => <EarliestDate agency={agency.code} timeZone={agency.timeZone} rule={rule} onEarliest={onEarliest} />}
              />
            </>
          )}
        </Stack>
      )}
    </QueryState>
  );
}

/** A request as its requester sees it: with the link's secret (anyone holding the link) or as the signed-in owner. */
function RequestDetails({ view, secret, portal, onChange }: { view: PublicRequestView; secret: string | null; portal: boolean; onChange: (v: PublicRequestView) => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const names = useRequestNames(view);
  // The agency's zone comes with the request's due times; WITA is the deployment's default.
  const timeZone = useAgencyZones()(view.agency);
  return (
    <Stack gap="md" data-testid="request-tracking">
      <Stack gap={4}>
        <NumberWithCopy number={view.number} />
        <Text fw={600} style={wrap}>
          {view.title}
        </Text>
        <Text size="sm" c="dimmed" style={wrap}>
          {view.service.name} · {view.channel.label} · {t('requests.receivedAt', { at: formatAt(view.receivedAt, lang, timeZone) })}
        </Text>
      </Stack>
      <StatusLine view={view} names={names} />
      {view.status === 'closed' && secret && <RequestSurveyCard number={view.number} secret={secret} />}
      <MissingItems view={view} />
      <RequesterActions view={view} secret={secret} portal={portal} onChange={onChange} />
      <Clocks view={view} timeZone={timeZone} />
      {view.product && (
        <Alert color="green" title={t('requests.product')}>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{view.product.text}</Text>
        </Alert>
      )}
      {view.autoCloseAt && <Text size="sm">{t('requests.autoClose', { at: formatAt(view.autoCloseAt, lang, timeZone) })}</Text>}
      <Card withBorder>
        <Title order={3} size="h4" mb="xs">
          {t('requests.checklist.title')}
        </Title>
        <ChecklistTable view={view} />
      </Card>
      <Attachments view={view} hrefOf={(id) => (secret ? requesterDownloadUrl(view.number, id, secret) : null)} />
      <Timeline view={view} names={names} timeZone={timeZone} />
    </Stack>
  );
}

/** /lacak and /lacak/:number#k=…: follow a request by number with e-mail or phone, or the link. */
export function RequestTrackPage() {
  const params = useParams();
  const location = useLocation();
  const { t } = useTranslation();
  const secret = new URLSearchParams(location.hash.slice(1)).get('k');
  return (
    <Stack gap="lg">
      <Title order={2}>{t('requests.track.title')}</Title>
      <RequestTracking number={params.number} secret={secret}>
        {(view, onChange) => <RequestDetails view={view} secret={secret} portal={false} onChange={onChange} />}
      </RequestTracking>
    </Stack>
  );
}

/** /akun/permohonan: the signed-in user's requests in every agency. */
export function MyRequestsPage() {
  return <RequireAuth>{() => <MyRequests />}</RequireAuth>;
}

function MyRequests() {
  const { t } = useTranslation();
  const query = useMyRequests();
  const zoneOf = useAgencyZones();
  return (
    <Stack gap="lg">
      <Title order={2}>{t('requests.mine.title')}</Title>
      <QueryState query={query}>{({ items }) => <MyRequestsTable items={items} zoneOf={zoneOf} />}</QueryState>
    </Stack>
  );
}

/** /akun/permohonan/:number: one of my requests, acted on as its signed-in owner. */
export function MyRequestPage() {
  const { number } = useParams();
  return <RequireAuth>{() => <MyRequest number={number ?? ''} />}</RequireAuth>;
}

function MyRequest({ number }: { number: string }) {
  const query = useMyRequest(number);
  const [view, setView] = useState<PublicRequestView | null>(null);
  return <QueryState query={query}>{(data) => <RequestDetails view={view ?? data} secret={null} portal onChange={setView} />}</QueryState>;
}
