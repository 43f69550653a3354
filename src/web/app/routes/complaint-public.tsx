import { Alert, Anchor, Badge, Box, Button, Card, Group, NumberInput, Paper, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { TrackingView } from '../../../shared/contracts/complaints.js';
import { useComplainantStep, useComplaintForm, useComplaintStatistics, useTrackComplaint } from '../../features/complaints/api/complaints.js';
import { ComplaintFormView } from '../../features/complaints/components/complaint-form.js';
import { formatAt } from '../../lib/format.js';
import { QueryState } from '../../components/ui/query-state.js';

function PublicLinks({ code }: { code: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="md">
      <Anchor component={Link} to={`/instansi/${code}/pengaduan`}>{t('complaints.nav.file')}</Anchor>
      <Anchor component={Link} to={`/instansi/${code}/pengaduan/lacak`}>{t('complaints.nav.track')}</Anchor>
      <Anchor component={Link} to={`/instansi/${code}/pengaduan/statistik`}>{t('complaints.nav.statistics')}</Anchor>
    </Group>
  );
}

/** /instansi/:code/pengaduan: the public complaint form, built from the agency's standard. */
export function ComplaintFilePage() {
  const { code = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const form = useComplaintForm(code);
  return (
    <Stack gap="lg">
      <QueryState query={form}>
        {(f) => (
          <>
            <Title order={2}>{t('complaints.form.title', { agency: f.agency.name })}</Title>
            <PublicLinks code={code} />
            <Text>{t('complaints.form.intro', { days: f.hardLimitDays })}</Text>
            {f.responseLimit && <Text>{t('complaints.form.responseLimit', { limit: f.responseLimit.text[lang] })}</Text>}
            {f.classes.length > 0 && (
              <Card withBorder>
                <Text fw={600}>{t('complaints.form.classesTitle')}</Text>
                <Table>
                  <Table.Tbody>
                    {f.classes.map((c) => (
                      <Table.Tr key={c.code}>
                        <Table.Td>{c.name}</Table.Td>
                        <Table.Td>{c.limit.text[lang]}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Card>
            )}
            <Card withBorder>
              <Text fw={600}>{t('complaints.form.channelsTitle')}</Text>
              <Stack gap={4}>
                {f.channels.map((c) => (
                  <Text key={c.code} size="sm">
                    {c.label}
                    {c.value ? `: ${c.value}` : ''}
                  </Text>
                ))}
              </Stack>
            </Card>
            <ComplaintFormView form={f} />
          </>
        )}
      </QueryState>
    </Stack>
  );
}

function TrackingResult({ code, view, secret, onChange }: { code: string; view: TrackingView; secret: string; onChange: (v: TrackingView) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const step = useComplainantStep(code);
  const [text, setText] = useState('');
  const at = (iso: string | null) => formatAt(iso, lang, view.agency.timeZone);
  const act = (name: 'complete' | 'confirm' | 'reopen', extra: Record<string, string> = {}) =>
    step.mutate({ step: name, body: { number: view.number, secret, ...extra } }, { onSuccess: (v) => { setText(''); onChange(v); } });
  return (
    <Paper withBorder p="md" data-testid="complaint-tracking">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3}>{view.number}</Title>
          <Badge data-testid="complaint-status" size="lg">{t(`complaints.status.${view.status}`)}</Badge>
        </Group>
        <Text fw={600}>{view.subject}</Text>
        <Text size="sm">{t('complaints.track.received', { at: at(view.receivedAt) })}</Text>
        {view.late && <Alert color="orange">{t('complaints.track.late')}</Alert>}
        {view.paused && view.missing && (
          <Alert color="yellow" title={t('complaints.track.missingTitle')}>
            {view.missing}
          </Alert>
        )}
        {view.className && <Text size="sm">{t('complaints.track.class', { name: view.className })}</Text>}
        {view.resolutionDueAt && !view.paused && <Text size="sm">{t('complaints.track.resolutionDue', { at: at(view.resolutionDueAt) })}</Text>}
        <Text size="sm">{view.paused ? t('complaints.track.pausedNote') : t('complaints.track.hardDue', { at: at(view.hardDueAt) })}</Text>
        {view.answer && (
          <Alert color="green" title={t('complaints.track.answerTitle')} data-testid="complaint-answer">
            <Text style={{ whiteSpace: 'pre-wrap' }}>{view.answer}</Text>
            {view.outcome && <Text size="sm" mt="xs">{t(`complaints.outcome.${view.outcome}`)}</Text>}
          </Alert>
        )}
        {step.isError && <Alert color="red">{step.error.message}</Alert>}
        {view.canComplete && (
          <Stack gap="xs">
            <Textarea label={t('complaints.track.completeLabel')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={3} />
            <Group><Button onClick={() => act('complete', { text })} disabled={!text.trim()}>{t('complaints.track.completeButton')}</Button></Group>
          </Stack>
        )}
        {view.canConfirm && (
          <Group><Button onClick={() => act('confirm')}>{t('complaints.track.confirmButton')}</Button></Group>
        )}
        {view.canReopen && (
          <Stack gap="xs">
            <Text size="sm">{t('complaints.track.reopenUntil', { at: at(view.reopenUntil) })}</Text>
            <Textarea label={t('complaints.track.reopenLabel')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={2} />
            <Group><Button variant="outline" onClick={() => act('reopen', { reason: text })} disabled={!text.trim()}>{t('complaints.track.reopenButton')}</Button></Group>
          </Stack>
        )}
        <Title order={4}>{t('complaints.track.timeline')}</Title>
        {/* A list, not a three-column table: on a 360 px phone a table squeezes each date into five lines. */}
        <Stack gap="xs" component="ol" m={0} p={0} style={{ listStyle: 'none' }}>
          {view.timeline.map((e, i) => (
            <Box key={i} component="li" data-testid="timeline-row" pl="sm" style={{ borderLeft: '3px solid var(--mantine-color-gray-4)' }}>
              <Text size="sm" fw={600}>{t(`complaints.event.${e.type}`, { defaultValue: e.type })}</Text>
              <Text size="xs" c="dimmed">{at(e.at)}</Text>
              {e.note && <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{e.note}</Text>}
            </Box>
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}

/** /instansi/:code/pengaduan/lacak: the complaint by number and tracking code (or e-mail). */
export function ComplaintTrackPage() {
  const { code = '' } = useParams();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const track = useTrackComplaint(code);
  const [number, setNumber] = useState(search.get('nomor') ?? '');
  const [secret, setSecret] = useState('');
  const [email, setEmail] = useState('');
  const [view, setView] = useState<TrackingView | null>(null);
  return (
    <Stack gap="lg">
      <Title order={2}>{t('complaints.track.title')}</Title>
      <PublicLinks code={code} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          track.mutate({ number, ...(secret ? { secret } : {}), ...(email ? { email } : {}) }, { onSuccess: setView });
        }}
      >
        <Stack gap="sm" maw={520}>
          <TextInput label={t('complaints.track.number')} value={number} onChange={(e) => setNumber(e.currentTarget.value)} required />
          <TextInput label={t('complaints.track.secret')} value={secret} onChange={(e) => setSecret(e.currentTarget.value)} />
          <TextInput label={t('complaints.track.email')} description={t('complaints.track.emailHint')} type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
          {track.isError && <Alert color="red" role="alert">{track.error.message}</Alert>}
          <Group><Button type="submit" loading={track.isPending}>{t('complaints.track.submit')}</Button></Group>
        </Stack>
      </form>
      {view && <TrackingResult code={code} view={view} secret={secret} onChange={setView} />}
    </Stack>
  );
}

/** /instansi/:code/pengaduan/statistik: anonymised counts of a year. */
export function ComplaintStatisticsPage() {
  const { code = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const [year, setYear] = useState(new Date().getFullYear());
  const stats = useComplaintStatistics(code, year);
  return (
    <Stack gap="lg">
      <Title order={2}>{t('complaints.stats.title')}</Title>
      <PublicLinks code={code} />
      <NumberInput label={t('complaints.stats.year')} value={year} onChange={(v) => setYear(Number(v) || year)} min={2000} max={2100} w={120} />
      <Text size="sm" c="dimmed">{t('complaints.stats.privacy')}</Text>
      <QueryState query={stats}>
        {(s) => (
          <Stack gap="md">
            <SimpleGrid cols={{ base: 2, sm: 4 }}>
              <Card withBorder><Text size="sm">{t('complaints.stats.total')}</Text><Text fz="xl" fw={700} data-testid="stats-total">{s.total}</Text></Card>
              <Card withBorder><Text size="sm">{t('complaints.stats.open')}</Text><Text fz="xl" fw={700}>{s.open}</Text></Card>
              <Card withBorder><Text size="sm">{t('complaints.stats.answered')}</Text><Text fz="xl" fw={700}>{s.onTime.answered}</Text></Card>
              <Card withBorder><Text size="sm">{t('complaints.stats.onTime')}</Text><Text fz="xl" fw={700}>{s.onTime.rate === null ? '–' : `${s.onTime.rate.toLocaleString(lang === 'en' ? 'en-US' : 'id-ID')}%`}</Text></Card>
            </SimpleGrid>
            <Title order={3}>{t('complaints.stats.byClass')}</Title>
            <Table>
              <Table.Tbody>
                {s.byClass.map((c) => (
                  <Table.Tr key={c.classCode ?? '-'}><Table.Td>{c.name ?? t('complaints.stats.unclassified')}</Table.Td><Table.Td>{c.count}</Table.Td></Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Title order={3}>{t('complaints.stats.byOutcome')}</Title>
            <Table>
              <Table.Tbody>
                {s.byOutcome.map((o) => (
                  <Table.Tr key={o.outcome}><Table.Td>{t(`complaints.outcome.${o.outcome}`)}</Table.Td><Table.Td>{o.count}</Table.Td></Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {s.recent.length > 0 && (
              <>
                <Title order={3}>{t('complaints.stats.recent')}</Title>
                <Table>
                  <Table.Tbody>
                    {s.recent.map((r) => (
                      <Table.Tr key={r.number}><Table.Td>{r.subject}</Table.Td><Table.Td>{r.className ?? ''}</Table.Td><Table.Td>{r.outcome ? t(`complaints.outcome.${r.outcome}`) : ''}</Table.Td></Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </>
            )}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
