import { Alert, Anchor, Badge, Button, Card, Checkbox, FileInput, Group, Loader, SegmentedControl, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import type { PublicRequestView } from '../../../shared/contracts/requests.js';
import { fieldErrors } from '../../lib/form-errors.js';
import { formatAt } from '../../lib/format.js';
import { useMe } from '../../features/identity/api/identity.js';
import { RequireAuth } from '../../features/identity/components/require-auth.js';
import {
  portalAction,
  requesterAction,
  requesterDownloadUrl,
  uploadAsRequester,
  useFileRequest,
  useMyRequest,
  useMyRequests,
  useTrackRequest,
} from '../../features/requests/api/requests.js';
import { Attachments, ChecklistTable, Clocks, MissingItems, NumberWithCopy, StatusLine, Timeline, clockStateColor, errorText, useLang, useZone, useZones } from '../../features/requests/components/parts.js';
import { RequestForm, type FiledResult } from '../../features/requests/components/request-form.js';
import { useService } from '../../features/standards/api/standards.js';
import { QueryState } from '../../components/ui/query-state.js';
import { RequestSurveyCard } from '../../features/surveys/components/request-survey-card.js';

const wrap = { overflowWrap: 'anywhere' } as const;

function FiledNotice({ result, timeZone }: { result: FiledResult; timeZone: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { receipt } = result;
  // The link carries the secret after '#': it never reaches a server log.
  const link = `${window.location.origin}/lacak/${receipt.number}#k=${receipt.trackingSecret}`;
  return (
    <Card withBorder p="lg" data-testid="filed" role="status">
      <Stack gap="sm">
        <Title order={3}>{t('requests.filed.title')}</Title>
        <Text>{t('requests.filed.keep')}</Text>
        <NumberWithCopy number={receipt.number} />
        <Text size="sm">{t('requests.filed.linkHint')}</Text>
        <Anchor href={link} style={wrap} data-testid="tracking-link">
          {link}
        </Anchor>
        {(receipt.resolutionDueAt ?? receipt.responseDueAt) && (
          <Text size="sm">{t(receipt.resolutionDueAt ? 'requests.filed.due' : 'requests.filed.responseDue', { at: formatAt(receipt.resolutionDueAt ?? receipt.responseDueAt, lang, timeZone) })}</Text>
        )}
        {receipt.priority && <Badge color="red">{t('requests.priority')}</Badge>}
        {result.uploadProblems.length > 0 && (
          <Alert color="orange" title={t('requests.filed.uploadProblems')}>
            {result.uploadProblems.map((p) => (
              <Text key={p} size="sm">
                {p}
              </Text>
            ))}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

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
                timeZone={agency.timeZone}
                service={service}
                mode="public"
                defaultEmail={me.data?.email}
                submit={(body) => file.mutateAsync(body)}
                onFiled={setResult}
              />
            </>
          )}
        </Stack>
      )}
    </QueryState>
  );
}

/**
 * What the requester can do now: the actions of a requester step, a reply, and uploads for the
 * missing items. With the link's secret (anyone holding the link) or as the signed-in owner.
 */
function RequesterActions({ view, secret, portal, onChange }: { view: PublicRequestView; secret: string | null; portal: boolean; onChange: (v: PublicRequestView) => void }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [confidential, setConfidential] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (view.allowedActions.length === 0) return null;
  if (!secret && !portal) return <Alert color="blue">{t('requests.track.needLink')}</Alert>;
  const missing = view.checklist.filter((c) => c.kind === 'document' && (c.state === 'missing' || c.state === 'pending'));
  const act = async (action: string) => {
    setBusy(true);
    setError(null);
    try {
      if (secret) {
        for (const [i, f] of files.entries()) await uploadAsRequester(view.number, secret, f, missing[i]?.code ?? missing[0]?.code, confidential);
      }
      const body = { action, version: view.version, comment: comment.trim() || undefined };
      const next = secret ? await requesterAction(view.number, { ...body, secret }) : await portalAction(view.number, body);
      setComment('');
      setFiles([]);
      onChange(next);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder component="section" aria-labelledby="your-turn" data-testid="requester-actions">
      <Stack gap="sm">
        <Title order={3} size="h4" id="your-turn">
          {t('requests.track.yourTurn')}
        </Title>
        <Textarea label={t('requests.track.reply')} autosize minRows={2} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
        {!secret && <Text size="sm">{t('requests.track.uploadByLink')}</Text>}
        {secret && (
          <>
            <FileInput
              label={t('requests.track.files')}
              description={missing.length > 0 ? t('requests.track.filesFor', { items: missing.map((m) => m.label).join('; ') }) : undefined}
              multiple
              clearable
              placeholder={t('requests.form.chooseFile')}
              value={files}
              onChange={setFiles}
            />
            <Checkbox label={t('requests.track.confidential')} checked={confidential} onChange={(e) => setConfidential(e.currentTarget.checked)} />
          </>
        )}
        {error != null && (
          <Alert color="red" role="alert">
            {errorText(error)}
          </Alert>
        )}
        <Group gap="sm" wrap="wrap">
          {view.allowedActions.map((a) => (
            <Button key={a.code} loading={busy} onClick={() => void act(a.code)} variant={a.code === view.allowedActions[0]!.code ? 'filled' : 'outline'}>
              {a.label}
            </Button>
          ))}
        </Group>
      </Stack>
    </Card>
  );
}

export function RequestDetails({ view, secret, portal, onChange }: { view: PublicRequestView; secret: string | null; portal: boolean; onChange: (v: PublicRequestView) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  // The agency's zone comes with the request's due times; WITA is the deployment's default.
  const timeZone = useZone(view.agency);
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
      <StatusLine view={view} />
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
      <Timeline view={view} timeZone={timeZone} />
    </Stack>
  );
}

/** /lacak and /lacak/:number#k=…: follow a request by number with e-mail or phone, or the link. */
export function RequestTrackPage() {
  const params = useParams();
  const location = useLocation();
  const { t } = useTranslation();
  const track = useTrackRequest();
  const [number, setNumber] = useState(params.number ?? '');
  const [by, setBy] = useState<'email' | 'phone'>('email');
  const [contact, setContact] = useState('');
  const [view, setView] = useState<PublicRequestView | null>(null);
  const secret = new URLSearchParams(location.hash.slice(1)).get('k');
  const errors = fieldErrors(track.error);

  useEffect(() => {
    if (params.number && secret) track.mutate({ number: params.number, secret }, { onSuccess: setView });
    // Only when the link changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [params.number, secret]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    track.mutate({ number: number.trim().toUpperCase(), ...(by === 'email' ? { email: contact.trim() } : { phone: contact.trim() }) }, { onSuccess: setView });
  };
  return (
    <Stack gap="lg">
      <Title order={2}>{t('requests.track.title')}</Title>
      {view ? (
        <>
          <RequestDetails view={view} secret={secret} portal={false} onChange={setView} />
          <Button variant="subtle" onClick={() => setView(null)}>
            {t('requests.track.another')}
          </Button>
        </>
      ) : (
        <Card withBorder>
          <form onSubmit={onSubmit}>
            <Stack gap="sm">
              <TextInput label={t('requests.track.number')} required value={number} onChange={(e) => setNumber(e.currentTarget.value)} error={errors.number} />
              <SegmentedControl
                value={by}
                onChange={(v) => setBy(v as 'email' | 'phone')}
                data={[
                  { value: 'email', label: t('requests.form.email') },
                  { value: 'phone', label: t('requests.form.phone') },
                ]}
              />
              <TextInput
                label={by === 'email' ? t('requests.form.email') : t('requests.form.phone')}
                type={by === 'email' ? 'email' : 'tel'}
                required
                value={contact}
                onChange={(e) => setContact(e.currentTarget.value)}
                error={errors[by]}
              />
              {track.isError && Object.keys(errors).length === 0 && (
                <Alert color="red" role="alert">
                  {track.error.message}
                </Alert>
              )}
              {track.isPending && secret && <Loader size="sm" />}
              <Button type="submit" loading={track.isPending}>
                {t('requests.track.submit')}
              </Button>
            </Stack>
          </form>
        </Card>
      )}
    </Stack>
  );
}

/** /akun/permohonan: the signed-in user's requests in every agency. */
export function MyRequestsPage() {
  const { t } = useTranslation();
  return (
    <RequireAuth>
      {() => <MyRequestsList />}
    </RequireAuth>
  );
  function MyRequestsList() {
    const lang = useLang();
    const query = useMyRequests();
    const zones = useZones();
    return (
      <Stack gap="lg">
        <Title order={2}>{t('requests.mine.title')}</Title>
        <QueryState query={query}>
          {({ items }) =>
            items.length === 0 ? (
              <Text>{t('requests.mine.empty')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={320}>
                <Table>
                  <Table.Tbody>
                    {items.map((r) => (
                      <Table.Tr key={r.number}>
                        <Table.Td>
                          <Anchor component={Link} to={`/akun/permohonan/${r.number}`} style={wrap}>
                            {r.number}
                          </Anchor>
                          <Text size="sm" style={wrap}>
                            {r.title}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {formatAt(r.receivedAt, lang, zones(r.agency))}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Badge>{t(`requests.status.${r.status}`, { defaultValue: r.status })}</Badge>{' '}
                          <Badge color={clockStateColor[r.clockState]} variant="light">
                            {t(`requests.clockState.${r.clockState}`)}
                          </Badge>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )
          }
        </QueryState>
      </Stack>
    );
  }
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
