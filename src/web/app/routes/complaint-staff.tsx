import { Alert, Anchor, Badge, Button, Card, Group, Loader, Pagination, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { complaintOutcomes, complaintStatuses, type ClockView, type ComplaintDetail } from '../../../shared/contracts/complaints.js';
import { exportUrl, useAssignees, useComplaintDetail, useComplaintList, useComplaintStep, type StaffStep } from '../../features/complaints/api/complaints.js';
import { fieldErrors } from '../../lib/form-errors.js';
import { formatAt } from '../../lib/format.js';
import { ApiError } from '../../lib/api.js';

const clockColor: Record<ClockView['state'], string> = { ok: 'blue', warning: 'yellow', breached: 'red', paused: 'gray', met: 'green', missed: 'red' };

function Refused({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError)) return null;
  const signIn = error.status === 401 || error.status === 403;
  return (
    <Alert color={signIn ? 'orange' : 'red'}>
      {error.message}{' '}
      {signIn && (
        <Anchor component={Link} to="/masuk">
          {t('nav.signIn')}
        </Anchor>
      )}
    </Alert>
  );
}

/** /kelola/:agency/pengaduan: the agency's complaints (complaints.view), never who filed them. */
export function ComplaintStaffListPage() {
  const { agency = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const [search, setSearch] = useSearchParams();
  const page = Number(search.get('hal') ?? '1') || 1;
  const status = search.get('status') ?? undefined;
  const q = search.get('cari') ?? undefined;
  const list = useComplaintList(agency, { page, status, q });
  const set = (key: string, value: string | null) =>
    setSearch((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(key, value);
      else next.delete(key);
      if (key !== 'hal') next.delete('hal');
      return next;
    });
  return (
    <Stack gap="lg">
      <Title order={2}>{t('complaints.staff.listTitle')}</Title>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('complaints.staff.status')}
          data={[{ value: '', label: t('complaints.staff.allStatuses') }, ...complaintStatuses.map((s) => ({ value: s, label: t(`complaints.status.${s}`) }))]}
          value={status ?? ''}
          onChange={(v) => set('status', v || null)}
          w={200}
        />
        <TextInput label={t('complaints.staff.search')} defaultValue={q} onKeyDown={(e) => e.key === 'Enter' && set('cari', e.currentTarget.value || null)} w={260} />
        <Button component="a" variant="outline" href={exportUrl(agency)} download>
          {t('complaints.staff.export')}
        </Button>
      </Group>
      {list.isPending && <Loader />}
      <Refused error={list.error} />
      {list.data && (
        <>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('complaints.staff.number')}</Table.Th>
                <Table.Th>{t('complaints.field.subject')}</Table.Th>
                <Table.Th>{t('complaints.staff.status')}</Table.Th>
                <Table.Th>{t('complaints.staff.received')}</Table.Th>
                <Table.Th>{t('complaints.staff.due')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((c) => (
                <Table.Tr key={c.number} data-testid="complaint-row">
                  <Table.Td>
                    <Anchor component={Link} to={`/kelola/${agency}/pengaduan/${c.number}`}>
                      {c.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {c.subject} {c.anonymous && <Badge size="xs" color="gray">{t('complaints.field.anonymous')}</Badge>} {c.late && <Badge size="xs" color="orange">{t('complaints.staff.late')}</Badge>}
                  </Table.Td>
                  <Table.Td>{t(`complaints.status.${c.status}`)}</Table.Td>
                  <Table.Td>{formatAt(c.receivedAt, lang, list.data.timeZone)}</Table.Td>
                  <Table.Td>{c.overdue ? <Badge color="red">{t('complaints.staff.overdue')}</Badge> : formatAt(c.resolutionDueAt ?? c.hardDueAt, lang, list.data.timeZone)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {list.data.items.length === 0 && <Text c="dimmed">{t('complaints.staff.empty')}</Text>}
          {list.data.total > list.data.pageSize && <Pagination total={Math.ceil(list.data.total / list.data.pageSize)} value={page} onChange={(p) => set('hal', String(p))} />}
        </>
      )}
    </Stack>
  );
}

function ClockCard({ label, clock, lang, timeZone }: { label: string; clock: ClockView; lang: string; timeZone: string }) {
  const { t } = useTranslation();
  return (
    <Card withBorder data-testid={`clock-${label}`}>
      <Text size="sm" fw={600}>{t(`complaints.clock.${label}`)}</Text>
      <Text size="sm">{clock.limit ? clock.limit.text[lang === 'en' ? 'en' : 'id'] : t('complaints.clock.noLimit')}</Text>
      <Text size="sm">{formatAt(clock.dueAt, lang, timeZone)}</Text>
      <Badge color={clockColor[clock.state]}>{t(`complaints.clock.state.${clock.state}`)}</Badge>
    </Card>
  );
}

function Actions({ agency, detail }: { agency: string; detail: ComplaintDetail }) {
  const { t } = useTranslation();
  const step = useComplaintStep(agency, detail.number);
  const assignees = useAssignees(agency, detail.actions.includes('assign'));
  const [text, setText] = useState('');
  const [choice, setChoice] = useState<string | null>(null);
  const errors = fieldErrors(step.error);
  const run = (name: StaffStep, body: object) => step.mutate({ step: name, body }, { onSuccess: () => { setText(''); setChoice(null); } });
  if (detail.actions.length === 0) return null;
  return (
    <Paper withBorder p="md" data-testid="complaint-actions">
      <Stack gap="sm">
        <Title order={3}>{t('complaints.staff.actions')}</Title>
        {step.isError && <Alert color="red" role="alert">{step.error.message}</Alert>}
        {detail.actions.includes('verify') && (
          <Stack gap="xs">
            <Textarea label={t('complaints.staff.missing')} description={t('complaints.staff.missingHint')} value={text} onChange={(e) => setText(e.currentTarget.value)} error={errors.missing} autosize />
            <Group>
              <Button onClick={() => run('verify', { complete: true })}>{t('complaints.staff.verifyComplete')}</Button>
              <Button variant="outline" color="orange" onClick={() => run('verify', { complete: false, missing: text })}>{t('complaints.staff.verifyIncomplete')}</Button>
            </Group>
          </Stack>
        )}
        {detail.actions.includes('record_completion') && (
          <Stack gap="xs">
            <Textarea label={t('complaints.staff.completion')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize />
            <Group><Button onClick={() => run('completion', { text })}>{t('complaints.staff.recordCompletion')}</Button></Group>
          </Stack>
        )}
        {detail.actions.includes('classify') && (
          <Group align="flex-end">
            {detail.classes.length > 0 && (
              <Select
                label={t('complaints.staff.class')}
                data={detail.classes.map((c) => ({ value: c.code, label: `${c.name} (${c.limit.text.id})` }))}
                value={choice}
                onChange={setChoice}
                error={errors.classCode}
                w={360}
              />
            )}
            <Button onClick={() => run('classify', choice ? { classCode: choice } : {})}>{t('complaints.staff.classify')}</Button>
          </Group>
        )}
        {detail.actions.includes('assign') && (
          <Group align="flex-end">
            <Select label={t('complaints.staff.assignee')} data={(assignees.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))} value={choice} onChange={setChoice} error={errors.assigneeId} w={280} />
            <Button onClick={() => choice && run('assign', { assigneeId: choice })} disabled={!choice}>{t('complaints.staff.assign')}</Button>
          </Group>
        )}
        {(detail.actions.includes('follow_up') || detail.actions.includes('answer')) && (
          <Stack gap="xs">
            <Textarea label={t('complaints.staff.text')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={3} />
            <Group align="flex-end">
              <Button variant="outline" onClick={() => run('follow-up', { note: text })} disabled={!text.trim()}>{t('complaints.staff.followUp')}</Button>
              <Select label={t('complaints.staff.outcome')} data={complaintOutcomes.map((o) => ({ value: o, label: t(`complaints.outcome.${o}`) }))} value={choice} onChange={setChoice} w={260} />
              <Button onClick={() => choice && run('answer', { answer: text, outcome: choice })} disabled={!text.trim() || !choice}>{t('complaints.staff.answer')}</Button>
            </Group>
          </Stack>
        )}
        {detail.actions.includes('close') && (
          <Group><Button onClick={() => run('close', {})}>{t('complaints.staff.close')}</Button></Group>
        )}
      </Stack>
    </Paper>
  );
}

/** /kelola/:agency/pengaduan/:number: one complaint, its clocks, its timeline and the next steps. */
export function ComplaintStaffPage() {
  const { agency = '', number = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const detail = useComplaintDetail(agency, number);
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/kelola/${agency}/pengaduan`}>{t('complaints.staff.back')}</Anchor>
      {detail.isPending && <Loader />}
      <Refused error={detail.error} />
      {detail.data && (() => {
        const d = detail.data;
        return (
          <>
            <Group justify="space-between">
              <Title order={2}>{d.number}</Title>
              <Badge size="lg" data-testid="complaint-status">{t(`complaints.status.${d.status}`)}</Badge>
            </Group>
            <Text fw={600}>{d.subject}</Text>
            <Group gap="xs">
              {d.anonymous && <Badge color="gray">{t('complaints.field.anonymous')}</Badge>}
              {d.confidential && <Badge color="gray">{t('complaints.field.confidential')}</Badge>}
              {d.late && <Badge color="orange">{t('complaints.staff.lateFiled', { date: d.fileBy })}</Badge>}
              {d.laporTrackingId && <Badge color="indigo">LAPOR! {d.laporTrackingId}</Badge>}
              {d.className && <Badge color="teal">{d.className}</Badge>}
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <ClockCard label="response" clock={d.clocks.response} lang={lang} timeZone={d.timeZone} />
              <ClockCard label="resolution" clock={d.clocks.resolution} lang={lang} timeZone={d.timeZone} />
              <ClockCard label="hard" clock={d.clocks.hard} lang={lang} timeZone={d.timeZone} />
            </SimpleGrid>
            <Paper withBorder p="md">
              <Stack gap={6}>
                <Text size="sm" fw={600}>{t('complaints.staff.complainant')}</Text>
                {d.identityWithheld ? (
                  <Text size="sm" c="dimmed" data-testid="identity-withheld">{t('complaints.staff.withheld')}</Text>
                ) : d.complainant ? (
                  <Text size="sm">{[d.complainant.name, d.complainant.address, d.complainant.email, d.complainant.phone].filter(Boolean).join(' · ')}</Text>
                ) : (
                  <Text size="sm" c="dimmed">{t('complaints.staff.noIdentity')}</Text>
                )}
                <Text size="sm">{t('complaints.staff.channel', { channel: d.channel.label ?? d.channel.code })} · {formatAt(d.receivedAt, lang, d.timeZone)}</Text>
                <Text fw={600} size="sm">{t('complaints.field.description')}</Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{d.description}</Text>
                {d.loss && <Text size="sm"><b>{t('complaints.field.loss')}:</b> {d.loss}</Text>}
                {d.requestedResolution && <Text size="sm"><b>{t('complaints.field.requestedResolution')}:</b> {d.requestedResolution}</Text>}
                {d.answer && <Text size="sm"><b>{t('complaints.track.answerTitle')}:</b> {d.answer}</Text>}
              </Stack>
            </Paper>
            <Actions agency={agency} detail={d} />
            <Title order={3}>{t('complaints.track.timeline')}</Title>
            <Table>
              <Table.Tbody>
                {d.timeline.map((e, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>{formatAt(e.at, lang, d.timeZone)}</Table.Td>
                    <Table.Td>{t(`complaints.event.${e.type}`, { defaultValue: e.type })}</Table.Td>
                    <Table.Td>{e.actorLabel ?? t(`complaints.actor.${e.actorType}`, { defaultValue: e.actorType })}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{e.note ?? ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        );
      })()}
    </Stack>
  );
}
