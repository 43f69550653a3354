import { Alert, Anchor, Button, Group, NativeSelect, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { queueViews, type RequestView } from '../../../shared/contracts/requests.js';
import { QueryState } from '../../components/ui/query-state.js';
import { wrap } from '../../components/ui/styles.js';
import { useAgencyZones } from '../../features/agencies/api/agencies.js';
import { RequestComplaints } from '../../features/complaints/components/request-complaints.js';
import type { Me } from '../../features/identity/api/identity.js';
import { useStaff } from '../../features/identity/api/staff.js';
import { RequireAgencyPermission } from '../../features/identity/components/require-auth.js';
import { staffDownloadUrl, useIntake, useStaffRequest, useStaffWrite, type QueueView } from '../../features/requests/api/requests.js';
import { IntakeFiled } from '../../features/requests/components/filed.js';
import { Attachments, Clocks, NumberWithCopy, StatusLine, Timeline } from '../../features/requests/components/parts.js';
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

function RequestQueues({ agency, me }: { agency: string; me: Me }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<QueueView>('role');
  const zoneOf = useAgencyZones();
  // Service names from the standard; the queue item carries only the code.
  const standard = useAgencyStandard(agency);
  const serviceName = (code: string) => standard.data?.services.find((x) => x.code === code)?.name ?? code;
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
      <Tabs value={tab} onChange={(v) => setTab((v as QueueView) ?? 'role')} keepMounted={false}>
        <Tabs.List style={{ flexWrap: 'wrap' }}>
          {queueViews.map((v) => (
            <Tabs.Tab key={v} value={v}>
              {t(`requests.queue.view.${v}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {queueViews.map((v) => (
          <Tabs.Panel key={v} value={v} pt="md">
            <QueueTable agency={agency} view={v} timeZone={zoneOf(agency)} serviceName={serviceName} />
          </Tabs.Panel>
        ))}
      </Tabs>
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
