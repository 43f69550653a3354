import { Alert, Anchor, Badge, Button, Card, Checkbox, FileInput, Group, NativeSelect, SegmentedControl, SimpleGrid, Stack, Table, Tabs, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { RequestView } from '../../../shared/contracts/requests.js';
import { formatAt } from '../../lib/format.js';
import { fieldErrors } from '../../lib/form-errors.js';
import type { Me } from '../../features/identity/api/identity.js';
import { useStaff } from '../../features/identity/api/staff.js';
import { holdsAny } from '../../lib/access.js';
import { RequestComplaints } from '../../features/complaints/components/request-complaints.js';
import { RequireAgencyPermission } from '../../features/identity/components/require-auth.js';
import {
  staffDownloadUrl,
  uploadAsStaff,
  useCannedReplies,
  useIntake,
  useQueue,
  useStaffRequest,
  useStaffWrite,
  type QueueItem,
  type QueueView,
} from '../../features/requests/api/requests.js';
import { Attachments, Clocks, StatusLine, Timeline, clockStateColor, errorText, isConflict, NumberWithCopy, useLang, useZone } from '../../features/requests/components/parts.js';
import { channelsFor, RequestForm, type FiledResult } from '../../features/requests/components/request-form.js';
import { useAgencyStandard, useService } from '../../features/standards/api/standards.js';
import { QueryState } from '../../components/ui/query-state.js';
import { apiFetch } from '../../lib/api.js';

const wrap = { overflowWrap: 'anywhere' } as const;
const tabs: QueueView[] = ['mine', 'role', 'near_breach', 'breached', 'unassigned', 'all'];

function QueueTable({ agency, view }: { agency: string; view: QueueView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const zone = useZone(agency);
  const query = useQueue(agency, view);
  // Service names from the standard; the queue item carries only the code.
  const standard = useAgencyStandard(agency);
  const serviceName = (code: string) => standard.data?.services.find((x) => x.code === code)?.name ?? code;
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const claim = async (item: QueueItem) => {
    setError(null);
    try {
      // The queue carries no version: read the request, then take it at the version seen.
      const base = `/api/requests/agencies/${encodeURIComponent(agency)}/requests/${encodeURIComponent(item.number)}`;
      const current = await apiFetch<RequestView>(base);
      await apiFetch<RequestView>(`${base}/claim`, { method: 'POST', body: JSON.stringify({ version: current.version }) });
      await qc.invalidateQueries({ queryKey: ['requests', agency, 'queue'] });
    } catch (err) {
      setError(err);
    }
  };
  return (
    <QueryState query={query}>
      {({ items }) => (
        <Stack gap="sm">
          {error != null && (
            <Alert color="red" role="alert">
              {isConflict(error) ? t('requests.staff.conflict') : errorText(error)}
            </Alert>
          )}
          {items.length === 0 ? (
            <Text>{t('requests.queue.empty')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={340}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('requests.queue.request')}</Table.Th>
                    <Table.Th>{t('requests.queue.clock')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((r) => (
                    <Table.Tr key={r.number} data-testid="queue-row">
                      <Table.Td>
                        <Group gap={4} wrap="wrap">
                          {r.priority && <Badge color="red">{t('requests.priority')}</Badge>}
                          {r.escalated && <Badge color="grape">{t('requests.queue.escalated')}</Badge>}
                          <Anchor component={Link} to={`/kelola/${agency}/permohonan/${r.number}`} style={wrap}>
                            {r.number}
                          </Anchor>
                        </Group>
                        <Text size="sm" style={wrap}>
                          {r.title}
                        </Text>
                        <Text size="xs" c="dimmed" style={wrap}>
                          {r.requesterName} · {serviceName(r.service)} · {r.step}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge color={clockStateColor[r.clockState]} variant="light">
                          {t(`requests.clockState.${r.clockState}`)}
                        </Badge>
                        <Text size="xs">{r.dueAt ? formatAt(r.dueAt, lang, zone) : t(`requests.status.${r.status}`, { defaultValue: r.status })}</Text>
                      </Table.Td>
                      <Table.Td>
                        {r.assigneeId === null && r.role !== null && r.role !== 'requester' && (
                          <Button size="compact-sm" variant="light" onClick={() => void claim(r)}>
                            {t('requests.staff.claim')}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      )}
    </QueryState>
  );
}

/** /kelola/:agency/permohonan: the officers' queues; priority first, then the clock. */
export function RequestQueuePage() {
  const { agency = '' } = useParams();
  const { t } = useTranslation();
  const [tab, setTab] = useState<QueueView>('role');
  return (
    <RequireAgencyPermission agency={agency} permission="requests.view">
      {(me) => (
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
              {tabs.map((v) => (
                <Tabs.Tab key={v} value={v}>
                  {t(`requests.queue.view.${v}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            {tabs.map((v) => (
              <Tabs.Panel key={v} value={v} pt="md">
                <QueueTable agency={agency} view={v} />
              </Tabs.Panel>
            ))}
          </Tabs>
        </Stack>
      )}
    </RequireAgencyPermission>
  );
}

type ChecklistState = RequestView['checklist'][number]['state'];

function ChecklistEditor({ view, write }: { view: RequestView; write: ReturnType<typeof useStaffWrite> }) {
  const { t } = useTranslation();
  const states: ChecklistState[] = ['pending', 'received', 'original_shown', 'missing'];
  const [draft, setDraft] = useState<Record<string, { state: ChecklistState; note: string }>>({});
  const changed = Object.entries(draft).filter(([code, d]) => {
    const item = view.checklist.find((c) => c.code === code);
    return item && (item.state !== d.state || (item.note ?? '') !== d.note);
  });
  if (view.checklist.length === 0) return null;
  return (
    <Card withBorder component="section" aria-labelledby="checklist-heading">
      <Stack gap="sm">
        <Title order={3} size="h4" id="checklist-heading">
          {t('requests.checklist.title')}
        </Title>
        {view.checklist.map((c) => {
          const d = draft[c.code] ?? { state: c.state, note: c.note ?? '' };
          return (
            <Stack key={c.code} gap={4} data-testid={`checklist-${c.code}`}>
              <Text size="sm" fw={500} style={wrap}>
                {c.label}
                {c.required ? '' : ` (${t('requests.form.optional')})`}
                {c.value ? `: ${c.value}` : ''}
              </Text>
              <NativeSelect
                aria-label={t('requests.checklist.stateOf', { item: c.label })}
                value={d.state}
                onChange={(e) => setDraft({ ...draft, [c.code]: { ...d, state: e.currentTarget.value as ChecklistState } })}
                data={states.filter((s) => s !== 'original_shown' || c.kind === 'original' || c.kind === 'document').map((s) => ({ value: s, label: t(`requests.checklist.state.${s}`) }))}
              />
              {d.state === 'missing' && (
                <TextInput aria-label={t('requests.checklist.noteOf', { item: c.label })} placeholder={t('requests.checklist.note')} value={d.note} onChange={(e) => setDraft({ ...draft, [c.code]: { ...d, note: e.currentTarget.value } })} />
              )}
            </Stack>
          );
        })}
        <Button
          disabled={changed.length === 0}
          loading={write.isPending}
          onClick={() =>
            write.mutate(
              { path: 'checklist', body: { items: changed.map(([code, d]) => ({ code, state: d.state, note: d.note.trim() || undefined })) } },
              { onSuccess: () => setDraft({}) },
            )
          }
        >
          {t('requests.checklist.save')}
        </Button>
      </Stack>
    </Card>
  );
}

function ActionsPanel({ agency, view, write }: { agency: string; view: RequestView; write: ReturnType<typeof useStaffWrite> }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [productText, setProductText] = useState('');
  const [productFile, setProductFile] = useState<File | null>(null);
  const [reference, setReference] = useState('');
  const [uploadError, setUploadError] = useState<string | null>(null);
  const action = view.allowedActions.find((a) => a.code === chosen);
  const errors = fieldErrors(write.error);
  if (view.allowedActions.length === 0) {
    return (
      <Alert color="gray" data-testid="no-actions">
        {view.status === 'closed' ? t('requests.staff.closed') : view.step.role === 'requester' ? t('requests.staff.waitingRequester') : t('requests.staff.noActions', { role: view.step.role ?? '–' })}
      </Alert>
    );
  }
  const send = async () => {
    if (!action) return;
    setUploadError(null);
    let attachmentId: string | undefined;
    if (action.needsProduct && productFile) {
      try {
        attachmentId = (await uploadAsStaff(agency, view.number, productFile)).id;
      } catch (err) {
        setUploadError(errorText(err));
        return;
      }
    }
    const product = action.needsProduct && (productText.trim() || attachmentId) ? { text: productText.trim() || undefined, attachmentId } : undefined;
    write.mutate(
      { path: 'actions', body: { action: action.code, version: view.version, comment: comment.trim() || undefined, product, externalReference: reference.trim() || undefined } },
      {
        onSuccess: () => {
          setChosen(null);
          setComment('');
          setProductText('');
          setProductFile(null);
          setReference('');
        },
      },
    );
  };
  return (
    <Card withBorder component="section" aria-labelledby="actions-heading" data-testid="actions">
      <Stack gap="sm">
        <Title order={3} size="h4" id="actions-heading">
          {t('requests.staff.actions')}
        </Title>
        <Stack gap={6}>
          {view.allowedActions.map((a) => (
            <Button key={a.code} variant={chosen === a.code ? 'filled' : 'light'} onClick={() => setChosen(a.code)} styles={{ label: { whiteSpace: 'normal' } }} h="auto" py={6} justify="flex-start">
              {a.label}
            </Button>
          ))}
        </Stack>
        {action && (
          <Stack gap="sm">
            {action.pausesClock && <Text size="sm">{t('requests.staff.pauses')}</Text>}
            {action.escalatesTo && (
              <Text size="sm">
                {t(`requests.staff.escalatesTo.${action.escalatesTo.kind}`, { code: action.escalatesTo.code })}
              </Text>
            )}
            {action.escalatesTo && action.escalatesTo.kind !== 'role' && (
              <TextInput
                label={t('requests.staff.externalReference')}
                description={t(action.escalatesTo.kind === 'system' ? 'requests.staff.referenceSystem' : 'requests.staff.referenceAgency')}
                value={reference}
                onChange={(e) => setReference(e.currentTarget.value)}
                error={errors.externalReference}
              />
            )}
            <Textarea label={t('requests.staff.comment')} description={t('requests.staff.commentPublic')} autosize minRows={2} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
            {action.needsProduct && (
              <>
                <Textarea label={t('requests.staff.product')} autosize minRows={3} value={productText} onChange={(e) => setProductText(e.currentTarget.value)} error={errors.product} />
                <FileInput label={t('requests.staff.productFile')} clearable value={productFile} onChange={setProductFile} placeholder={t('requests.form.chooseFile')} />
              </>
            )}
            {uploadError && <Alert color="red">{uploadError}</Alert>}
            <Button loading={write.isPending} onClick={() => void send()}>
              {t('requests.staff.do', { action: action.label })}
            </Button>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

function NotesPanel({ agency, view, write }: { agency: string; view: RequestView; write: ReturnType<typeof useStaffWrite> }) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<'public' | 'internal'>('public');
  const canned = useCannedReplies(agency, view.service.code);
  return (
    <Card withBorder component="section" aria-labelledby="notes-heading">
      <Stack gap="sm">
        <Title order={3} size="h4" id="notes-heading">
          {t('requests.staff.notes')}
        </Title>
        <SegmentedControl
          value={visibility}
          onChange={(v) => setVisibility(v as 'public' | 'internal')}
          data={[
            { value: 'public', label: t('requests.staff.publicReply') },
            { value: 'internal', label: t('requests.staff.internalNote') },
          ]}
        />
        {canned.data && canned.data.items.length > 0 && (
          <NativeSelect
            label={t('requests.staff.canned')}
            value=""
            onChange={(e) => {
              const c = canned.data.items.find((x) => x.id === e.currentTarget.value);
              if (c) setBody(body ? `${body}\n${c.body}` : c.body);
            }}
            data={[{ value: '', label: t('requests.staff.cannedPick') }, ...canned.data.items.map((c) => ({ value: c.id, label: c.title }))]}
          />
        )}
        <Textarea
          label={visibility === 'public' ? t('requests.staff.publicReply') : t('requests.staff.internalNote')}
          description={visibility === 'public' ? t('requests.staff.publicHint') : t('requests.staff.internalHint')}
          autosize
          minRows={3}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
        />
        <Button disabled={!body.trim()} loading={write.isPending} onClick={() => write.mutate({ path: 'notes', body: { body: body.trim(), visibility } }, { onSuccess: () => setBody('') })}>
          {t('requests.staff.send')}
        </Button>
      </Stack>
    </Card>
  );
}

function AssignPanel({ agency, view, me, write }: { agency: string; view: RequestView; me: Me; write: ReturnType<typeof useStaffWrite> }) {
  const { t } = useTranslation();
  const mayAssign = holdsAny(me, agency, 'requests.assign');
  const staff = useStaff(agency, mayAssign && holdsAny(me, agency, 'users.view'));
  const [pick, setPick] = useState('');
  const holders = (staff.data?.items ?? []).filter((s) => !s.disabled && (view.step.role === null || s.roles.includes(view.step.role)));
  const assignee = staff.data?.items.find((s) => s.id === view.assigneeId);
  const step = view.step.role;
  if (view.status === 'closed' || step === null || step === 'requester') return null;
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Text size="sm">
          {t('requests.staff.assignee')}: <b>{view.assigneeId === me.id ? t('requests.staff.you') : (assignee?.name ?? (view.assigneeId ? t('requests.staff.someone') : t('requests.staff.nobody')))}</b> · {t('requests.staff.role', { role: step })}
        </Text>
        {view.assigneeId !== me.id && (
          <Button variant="light" loading={write.isPending} onClick={() => write.mutate({ path: 'claim', body: { version: view.version } })}>
            {t('requests.staff.claim')}
          </Button>
        )}
        {mayAssign && holders.length > 0 && (
          <Group gap="xs" align="flex-end" wrap="wrap">
            <NativeSelect label={t('requests.staff.assignTo')} value={pick} onChange={(e) => setPick(e.currentTarget.value)} data={[{ value: '', label: '—' }, ...holders.map((h) => ({ value: h.id, label: h.name }))]} />
            <Button variant="outline" disabled={!pick} onClick={() => write.mutate({ path: 'assign', body: { assigneeId: pick, version: view.version } })}>
              {t('requests.staff.assign')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function StaffRequest({ agency, number, me }: { agency: string; number: string; me: Me }) {
  const { t } = useTranslation();
  const lang = useLang();
  const zone = useZone(agency);
  const query = useStaffRequest(agency, number);
  const write = useStaffWrite(agency, number);
  return (
    <QueryState query={query}>
      {(view) => (
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
          {write.error != null && (
            <Alert color="red" role="alert" data-testid="write-error">
              <Stack gap={4} align="flex-start">
                {isConflict(write.error) ? t('requests.staff.conflict') : errorText(write.error)}
                {isConflict(write.error) && (
                  <Button size="compact-sm" variant="white" onClick={() => { write.reset(); void query.refetch(); }}>
                    {t('requests.staff.reload')}
                  </Button>
                )}
              </Stack>
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <Stack gap="md">
              <StatusLine view={view} staff />
              <Card withBorder>
                <Stack gap={2}>
                  <Text fw={600} style={wrap}>
                    {view.requester.name} ({t(`standards.requesterType.${view.requester.type}`)})
                  </Text>
                  {view.organisation.name && <Text size="sm" style={wrap}>{view.organisation.name}</Text>}
                  {view.organisation.governmentUnit && <Text size="sm" style={wrap}>{view.organisation.governmentUnit}</Text>}
                  <Text size="sm" style={wrap}>
                    {[view.requester.email, view.requester.phone, view.requester.nik && `NIK ${view.requester.nik}`, view.organisation.npwp && `NPWP ${view.organisation.npwp}`, view.organisation.nib && `NIB ${view.organisation.nib}`].filter(Boolean).join(' · ')}
                  </Text>
                  {view.eventDate && <Text size="sm">{t('requests.form.eventDate')}: {view.eventDate}</Text>}
                  {view.description && <Text size="sm" style={{ whiteSpace: 'pre-wrap', ...wrap }}>{view.description}</Text>}
                </Stack>
              </Card>
              <AssignPanel agency={agency} view={view} me={me} write={write} />
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
              <StaffUpload agency={agency} view={view} onDone={() => void query.refetch()} />
              <Attachments view={view} hrefOf={(id) => staffDownloadUrl(agency, view.number, id)} />
              <NotesPanel agency={agency} view={view} write={write} />
              <Timeline view={view} timeZone={zone} />
            </Stack>
          </SimpleGrid>
        </Stack>
      )}
    </QueryState>
  );
}

function StaffUpload({ agency, view, onDone }: { agency: string; view: RequestView; onDone: () => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [requirement, setRequirement] = useState('');
  const [confidential, setConfidential] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Card withBorder>
      <Stack gap="xs">
        <FileInput label={t('requests.staff.upload')} clearable value={file} onChange={setFile} placeholder={t('requests.form.chooseFile')} />
        <NativeSelect label={t('requests.staff.forItem')} value={requirement} onChange={(e) => setRequirement(e.currentTarget.value)} data={[{ value: '', label: '—' }, ...view.checklist.filter((c) => c.kind === 'document').map((c) => ({ value: c.code, label: c.label }))]} />
        <Checkbox label={t('requests.track.confidential')} checked={confidential} onChange={(e) => setConfidential(e.currentTarget.checked)} />
        {error && <Alert color="red">{error}</Alert>}
        <Button
          variant="light"
          disabled={!file}
          loading={busy}
          onClick={async () => {
            if (!file) return;
            setBusy(true);
            setError(null);
            try {
              await uploadAsStaff(agency, view.number, file, requirement || undefined, confidential);
              setFile(null);
              onDone();
            } catch (err) {
              setError(errorText(err));
            } finally {
              setBusy(false);
            }
          }}
        >
          {t('requests.staff.uploadButton')}
        </Button>
      </Stack>
    </Card>
  );
}

/** /kelola/:agency/permohonan/:number: one request as an officer works it. */
export function RequestStaffPage() {
  const { agency = '', number = '' } = useParams();
  return <RequireAgencyPermission agency={agency} permission="requests.view">{(me) => <StaffRequest agency={agency} number={number} me={me} />}</RequireAgencyPermission>;
}

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
        const services = s.services.filter((x) => x.channels.some((c) => !['website', 'application', 'email', 'chat'].includes(c.kind)));
        const code = serviceCode || services[0]?.code || '';
        return (
          <Stack gap="md">
            <NativeSelect label={t('requests.intake.service')} value={code} onChange={(e) => setServiceCode(e.currentTarget.value)} data={services.map((x) => ({ value: x.code, label: x.name }))} />
            {filed ? (
              <Card withBorder data-testid="filed" role="status">
                <Stack gap="sm">
                  <Text>{t('requests.intake.filed')}</Text>
                  <NumberWithCopy number={filed.receipt.number} />
                  <Text size="sm">{t('requests.intake.giveNumber')}</Text>
                  {/* Shown once: with it the requester follows and answers without an account. */}
                  <Anchor href={`/lacak/${filed.receipt.number}#k=${filed.receipt.trackingSecret}`} size="sm" style={wrap} data-testid="tracking-link">
                    {`${window.location.origin}/lacak/${filed.receipt.number}#k=${filed.receipt.trackingSecret}`}
                  </Anchor>
                  <Group>
                    <Button onClick={() => void navigate(`/kelola/${agency}/permohonan/${filed.receipt.number}`)}>{t('requests.intake.open')}</Button>
                    <Button variant="light" onClick={() => setFiled(null)}>
                      {t('requests.intake.another')}
                    </Button>
                  </Group>
                </Stack>
              </Card>
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
      {(s) => (channelsFor(s.service, 'staff').length > 0 ? <RequestForm agency={agency} timeZone={s.agency.timeZone} service={s.service} mode="staff" submit={submit} onFiled={onFiled} /> : null)}
    </QueryState>
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
