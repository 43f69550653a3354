import { Alert, Anchor, Badge, Button, Group, Loader, NativeSelect, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { queueViews, type RequestView } from '../../../shared/contracts/requests.js';
import { QueryState } from '../../components/ui/query-state.js';
import { wrap } from '../../components/ui/styles.js';
import { useAgencyZones } from '../../features/agencies/api/agencies.js';
import { RequestComplaints } from '../../features/complaints/components/request-complaints.js';
import type { Me } from '../../features/identity/api/identity.js';
import { useStaff } from '../../features/identity/api/staff.js';
import { RequireAgencyPermission } from '../../features/identity/components/require-auth.js';
import { staffDownloadUrl, useIntake, useQueueCounts, useStaffRequest, useStaffWrite, type QueueFilters } from '../../features/requests/api/requests.js';
import { IntakeFiled } from '../../features/requests/components/filed.js';
import { Attachments, Clocks, NumberWithCopy, StatusLine, Timeline } from '../../features/requests/components/parts.js';
import { QueueFilterForm } from '../../features/requests/components/queue-filters.js';
import { QueueTable } from '../../features/requests/components/queue-table.js';
import { channelsFor, isOnlineChannel, RequestForm, type FiledResult } from '../../features/requests/components/request-form.js';
import { ActionsPanel, AssignPanel, ChecklistEditor, NotesPanel, RequesterCard, StaffUpload, WriteError } from '../../features/requests/components/staff-panels.js';
import { useAgencyStandard, useService } from '../../features/standards/api/standards.js';
import { RequestVendorCard } from '../../features/vendors/components/staff.js';
import { useLanguage } from '../../i18n/use-language.js';
import { holdsAny } from '../../lib/access.js';
import { formatAt } from '../../lib/format.js';
import { EarliestDate, useRequestNames } from '../compose/requests.js';

/** /kelola/:agency/permohonan: the officers' queues; priority first, then the clock. */
export function RequestQueuePage() {
  const { agency = '' } = useParams();
  return <RequireAgencyPermission agency={agency} permission="requests.view">{(me) => <RequestQueues agency={agency} me={me} />}</RequireAgencyPermission>;
}

/** The queue's filters in the address, so a link (the staff home's) opens a filtered queue and a reload keeps it. */
const filterParams = { q: 'cari', service: 'layanan', channel: 'kanal', status: 'status', clock: 'waktu', officer: 'petugas' } as const satisfies Record<keyof QueueFilters, string>;

function RequestQueues({ agency, me }: { agency: string; me: Me }) {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const zoneOf = useAgencyZones();
  // Service names from the standard; the queue item carries only the code.
  const standard = useAgencyStandard(agency);
  const services = standard.data?.services ?? [];
  const serviceName = (code: string) => services.find((x) => x.code === code)?.name ?? code;
  const channels = [...new Map(services.flatMap((s) => s.channels).map((c) => [c.code, { value: c.code, label: c.label }])).values()];
  const staff = useStaff(agency, holdsAny(me, agency, 'users.view'));
  const officers = staff.data ? staff.data.items.filter((s) => !s.disabled).map((s) => ({ value: s.id, label: s.name })) : null;

  const filters: QueueFilters = Object.fromEntries(
    Object.entries(filterParams)
      .map(([key, param]) => [key, search.get(param) ?? undefined])
      .filter(([, value]) => value),
  );
  const counts = useQueueCounts(agency, filters);
  const phone = useMediaQuery('(max-width: 40em)');
  const chosen = search.get('antrean');
  // Without a chosen tab, the first that holds work: "Tugas saya" stays empty while new requests wait unassigned.
  const firstWithWork = counts.data ? (queueViews.find((v) => counts.data[v] > 0) ?? 'mine') : null;
  const tab = queueViews.find((v) => v === chosen) ?? firstWithWork;
  const update = (changes: Record<string, string | undefined>) => {
    // From the address as it is now: the router's own copy can still be the one before the last change.
    const next = new URLSearchParams(window.location.search);
    for (const [param, value] of Object.entries(changes)) {
      if (value) next.set(param, value);
      else next.delete(param);
    }
    setSearch(next, { replace: true });
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>{t('requests.queue.title')}</Title>
        {holdsAny(me, agency, 'requests.intake') && (
          <Button component={Link} to={`/kelola/${agency}/permohonan/baru`}>
            {t('requests.intake.new')}
          </Button>
        )}
      </Group>
      <QueueFilterForm
        key={filters.q ?? ''}
        filters={filters}
        onChange={(next) => update(Object.fromEntries(Object.entries(filterParams).map(([key, param]) => [param, next[key as keyof QueueFilters]])))}
        services={services.map((s) => ({ value: s.code, label: s.name }))}
        channels={channels}
        officers={officers}
      />
      {tab === null ? (
        <Loader aria-label={t('standards.loading')} />
      ) : (
        <Tabs value={tab} onChange={(v) => update({ antrean: v ?? undefined })} keepMounted={false}>
          {/* Six tabs with their counts: two columns on a phone instead of six lines above the first request. */}
          <Tabs.List style={phone ? { display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))' } : { flexWrap: 'wrap' }}>
            {queueViews.map((v) => (
              <Tabs.Tab key={v} value={v} px={phone ? 'xs' : undefined} style={{ whiteSpace: 'normal', textAlign: 'start' }} rightSection={counts.data ? <Badge size="sm" variant={counts.data[v] > 0 ? 'filled' : 'light'} color={counts.data[v] > 0 ? 'blue' : 'gray'} data-testid={`queue-count-${v}`}>{counts.data[v]}</Badge> : undefined}>
                {t(`requests.queue.view.${v}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {queueViews.map((v) => (
            <Tabs.Panel key={v} value={v} pt="md">
              <QueueTable agency={agency} view={v} filters={filters} total={counts.data?.[v]} timeZone={zoneOf(agency)} serviceName={serviceName} />
            </Tabs.Panel>
          ))}
        </Tabs>
      )}
    </Stack>
  );
}

/** /kelola/:agency/permohonan/:number: one request as an officer works it. */
export function RequestStaffPage() {
  const { agency = '', number = '' } = useParams();
  return <RequireAgencyPermission agency={agency} permission="requests.view">{(me) => <StaffRequest agency={agency} number={number} me={me} />}</RequireAgencyPermission>;
}

function StaffRequest({ agency, number, me }: { agency: string; number: string; me: Me }) {
  const query = useStaffRequest(agency, number);
  const write = useStaffWrite(agency, number);
  return <QueryState query={query}>{(view) => <StaffRequestView agency={agency} view={view} me={me} write={write} onReload={() => void query.refetch()} />}</QueryState>;
}

function StaffRequestView({ agency, view, me, write, onReload }: { agency: string; view: RequestView; me: Me; write: ReturnType<typeof useStaffWrite>; onReload: () => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const zone = useAgencyZones()(agency);
  const names = useRequestNames(view);
  const mayAssign = holdsAny(me, agency, 'requests.assign');
  const staff = useStaff(agency, mayAssign && holdsAny(me, agency, 'users.view'));
  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/kelola/${agency}/permohonan`} size="sm">
        ← {t('requests.queue.title')}
      </Anchor>
      <NumberWithCopy number={view.number} />
      <Title order={2} size="h3" style={wrap}>
        {view.title}
      </Title>
      <Text size="sm" c="dimmed" style={wrap}>
        {view.service.name} · {view.channel.label} · {t('requests.receivedAt', { at: formatAt(view.receivedAt, lang, zone) })}
      </Text>
      <WriteError
        error={write.error}
        onReload={() => {
          write.reset();
          onReload();
        }}
      />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Stack gap="md">
          <StatusLine view={view} names={names} staff />
          <RequesterCard view={view} />
          <RequestVendorCard agency={agency} number={view.number} />
          <AssignPanel view={view} meId={me.id} mayAssign={mayAssign} staff={staff.data?.items} write={write} />
          <ActionsPanel agency={agency} view={view} write={write} />
          <Clocks view={view} timeZone={zone} />
          {holdsAny(me, agency, 'complaints.view') && <RequestComplaints agency={agency} requestNumber={view.number} />}
          {view.product && (
            <Alert color="green" title={t('requests.product')}>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{view.product.text}</Text>
            </Alert>
          )}
        </Stack>
        <Stack gap="md">
          <ChecklistEditor view={view} write={write} />
          <StaffUpload agency={agency} view={view} onDone={onReload} />
          <Attachments view={view} hrefOf={(id) => staffDownloadUrl(agency, view.number, id)} />
          <NotesPanel agency={agency} view={view} write={write} />
          <Timeline view={view} names={names} timeZone={zone} />
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}

/** /kelola/:agency/permohonan/baru: the desk files a walk-in, a call or a letter. */
export function RequestIntakePage() {
  const { agency = '' } = useParams();
  const { t } = useTranslation();
  return (
    <RequireAgencyPermission agency={agency} permission="requests.intake">
      {() => (
        <Stack gap="lg">
          <Anchor component={Link} to={`/kelola/${agency}/permohonan`} size="sm">
            ← {t('requests.queue.title')}
          </Anchor>
          <Title order={2}>{t('requests.intake.title')}</Title>
          <IntakeForm agency={agency} />
        </Stack>
      )}
    </RequireAgencyPermission>
  );
}

/** Choose one of the agency's services that has a desk channel, then its form; the filed request's number and link after. */
function IntakeForm({ agency }: { agency: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const standard = useAgencyStandard(agency);
  const [serviceCode, setServiceCode] = useState('');
  const intake = useIntake(agency);
  const [filed, setFiled] = useState<FiledResult | null>(null);
  return (
    <QueryState query={standard}>
      {(s) => {
        const services = s.services.filter((x) => x.channels.some((c) => !isOnlineChannel(c.kind)));
        const code = serviceCode || services[0]?.code || '';
        return (
          <Stack gap="md">
            <NativeSelect label={t('requests.intake.service')} value={code} onChange={(e) => setServiceCode(e.currentTarget.value)} data={services.map((x) => ({ value: x.code, label: x.name }))} />
            {filed ? (
              <IntakeFiled result={filed} onOpen={() => void navigate(`/kelola/${agency}/permohonan/${filed.receipt.number}`)} onAnother={() => setFiled(null)} />
            ) : (
              code && <IntakeService key={code} agency={agency} service={code} submit={intake.mutateAsync} onFiled={setFiled} />
            )}
          </Stack>
        );
      }}
    </QueryState>
  );
}

function IntakeService({ agency, service, submit, onFiled }: { agency: string; service: string; submit: ReturnType<typeof useIntake>['mutateAsync']; onFiled: (r: FiledResult) => void }) {
  const query = useService(agency, service);
  return (
    <QueryState query={query}>
      {(s) =>
        channelsFor(s.service, 'staff').length > 0 ? (
          <RequestForm
            agency={agency}
            service={s.service}
            mode="staff"
            submit={submit}
            onFiled={onFiled}
            leadTime={(rule, onEarliest) => <EarliestDate agency={agency} timeZone={s.agency.timeZone} rule={rule} onEarliest={onEarliest} />}
          />
        ) : null
      }
    </QueryState>
  );
}
