import { Alert, Anchor, Badge, Button, Card, Group, Loader, Paper, Select, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { complaintOutcomes, type ClockView, type ComplaintClockState, type ComplaintDetail, type ComplaintOutcome } from '../../../../shared/contracts/complaints.js';
import { DataTable } from '../../../components/ui/data-table.js';
import { useLanguage } from '../../../i18n/use-language.js';
import { fieldErrors } from '../../../lib/form-errors.js';
import { formatAt } from '../../../lib/format.js';
import { useAssignees, useComplaintDetail, useComplaintStep, type StaffStep } from '../api/complaints.js';
import { Refused } from './refused.js';

const clockColor: Record<ComplaintClockState, string> = { ok: 'blue', warning: 'yellow', breached: 'red', paused: 'gray', met: 'green', missed: 'red' };

/** One complaint for its officers: its clocks, what the complainant asked, the next steps and the timeline. */
export function ComplaintStaffDetail({ agency, number }: { agency: string; number: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const detail = useComplaintDetail(agency, number);
  return (
    <>
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
              <ClockCard label="response" clock={d.clocks.response} timeZone={d.timeZone} />
              <ClockCard label="resolution" clock={d.clocks.resolution} timeZone={d.timeZone} />
              <ClockCard label="hard" clock={d.clocks.hard} timeZone={d.timeZone} />
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
                <Text size="sm" data-testid="complaint-assignee">
                  {d.assignee ? t('complaints.staff.assignedTo', { name: d.assignee.name ?? '—' }) : t('complaints.staff.notAssigned')}
                </Text>
                {d.requestNumber && (
                  <Text size="sm" data-testid="complaint-request">
                    {t('complaints.staff.aboutRequestNumber')}{' '}
                    <Anchor component={Link} to={`/kelola/${agency}/permohonan/${encodeURIComponent(d.requestNumber)}`}>
                      {d.requestNumber}
                    </Anchor>
                  </Text>
                )}
                <Text fw={600} size="sm">{t('complaints.field.description')}</Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{d.description}</Text>
                {d.loss && <Text size="sm"><b>{t('complaints.field.loss')}:</b> {d.loss}</Text>}
                {d.requestedResolution && <Text size="sm"><b>{t('complaints.field.requestedResolution')}:</b> {d.requestedResolution}</Text>}
                {d.answer && <Text size="sm"><b>{t('complaints.track.answerTitle')}:</b> {d.answer}</Text>}
                {d.status === 'answered' && (
                  <Text size="sm" data-testid="complaint-auto-close">
                    {d.autoCloseAt && d.closeAfterNoReply
                      ? t('complaints.track.autoClose', { at: formatAt(d.autoCloseAt, lang, d.timeZone), limit: d.closeAfterNoReply.text[lang] })
                      : t('complaints.track.noAutoClose')}
                  </Text>
                )}
              </Stack>
            </Paper>
            <Actions agency={agency} detail={d} />
            <Title order={3}>{t('complaints.track.timeline')}</Title>
            <DataTable
              rows={d.timeline}
              rowKey={(_, i) => i}
              columns={[
                { key: 'at', cell: (e) => formatAt(e.at, lang, d.timeZone) },
                { key: 'event', cell: (e) => t(`complaints.event.${e.type}`, { defaultValue: e.type }) },
                { key: 'actor', cell: (e) => e.actorLabel ?? t(`complaints.actor.${e.actorType}`, { defaultValue: e.actorType }) },
                { key: 'note', cellProps: { style: { whiteSpace: 'pre-wrap' } }, cell: (e) => e.note ?? '' },
              ]}
            />
          </>
        );
      })()}
    </>
  );
}

/** One of the complaint's three clocks (response, resolution, the 60-day limit): its limit, due time and state. */
function ClockCard({ label, clock, timeZone }: { label: string; clock: ClockView; timeZone: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <Card withBorder data-testid={`clock-${label}`}>
      <Text size="sm" fw={600}>{t(`complaints.clock.${label}`)}</Text>
      <Text size="sm">{clock.limit ? clock.limit.text[lang] : t('complaints.clock.noLimit')}</Text>
      <Text size="sm">{formatAt(clock.dueAt, lang, timeZone)}</Text>
      <Badge color={clockColor[clock.state]}>{t(`complaints.clock.state.${clock.state}`)}</Badge>
      {clock.rule && <Text size="xs" c="dimmed" data-testid={`clock-${label}-rule`}>{clock.rule[lang]}</Text>}
      {clock.governs && <Text size="xs" fw={600}>{t('complaints.clock.governs')}</Text>}
      {label === 'hard' && !clock.governs && <Text size="xs">{t('complaints.clock.shownBeside')}</Text>}
    </Card>
  );
}

/** The officer's next steps, as the complaint's status allows them (verify, classify, assign, answer, close …). */
function Actions({ agency, detail }: { agency: string; detail: ComplaintDetail }) {
  const { t } = useTranslation();
  const step = useComplaintStep(agency, detail.number);
  const assignees = useAssignees(agency, detail.actions.includes('assign'));
  const [text, setText] = useState('');
  const [choice, setChoice] = useState<string | null>(null);
  const errors = fieldErrors(step.error);
  const run = (next: StaffStep) =>
    step.mutate(next, {
      onSuccess: () => {
        setText('');
        setChoice(null);
      },
    });
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
              <Button onClick={() => run({ step: 'verify', body: { complete: true } })}>{t('complaints.staff.verifyComplete')}</Button>
              <Button variant="outline" color="orange" onClick={() => run({ step: 'verify', body: { complete: false, missing: text } })}>{t('complaints.staff.verifyIncomplete')}</Button>
            </Group>
          </Stack>
        )}
        {detail.actions.includes('record_completion') && (
          <Stack gap="xs">
            <Textarea label={t('complaints.staff.completion')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize />
            <Group><Button onClick={() => run({ step: 'completion', body: { text } })}>{t('complaints.staff.recordCompletion')}</Button></Group>
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
                maw="100%"
              />
            )}
            <Button onClick={() => run({ step: 'classify', body: choice ? { classCode: choice } : {} })}>{t('complaints.staff.classify')}</Button>
          </Group>
        )}
        {detail.actions.includes('assign') && (
          <Group align="flex-end">
            <Select label={t('complaints.staff.assignee')} data={(assignees.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))} value={choice} onChange={setChoice} error={errors.assigneeId} w={280} maw="100%" />
            <Button onClick={() => choice && run({ step: 'assign', body: { assigneeId: choice } })} disabled={!choice}>{t('complaints.staff.assign')}</Button>
          </Group>
        )}
        {(detail.actions.includes('follow_up') || detail.actions.includes('answer')) && (
          <Stack gap="xs">
            <Textarea label={t('complaints.staff.text')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={3} />
            <Group align="flex-end">
              <Button variant="outline" onClick={() => run({ step: 'follow-up', body: { note: text } })} disabled={!text.trim()}>{t('complaints.staff.followUp')}</Button>
              <Select label={t('complaints.staff.outcome')} data={complaintOutcomes.map((o) => ({ value: o, label: t(`complaints.outcome.${o}`) }))} value={choice} onChange={setChoice} w={260} maw="100%" />
              <Button onClick={() => choice && run({ step: 'answer', body: { answer: text, outcome: choice as ComplaintOutcome } })} disabled={!text.trim() || !choice}>{t('complaints.staff.answer')}</Button>
            </Group>
          </Stack>
        )}
        {detail.actions.includes('close') && (
          <Group><Button onClick={() => run({ step: 'close', body: {} })}>{t('complaints.staff.close')}</Button></Group>
        )}
      </Stack>
    </Paper>
  );
}
