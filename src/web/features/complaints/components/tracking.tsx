import { Alert, Badge, Box, Button, Group, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrackingView } from '../../../../shared/contracts/complaints.js';
import { useLanguage } from '../../../i18n/use-language.js';
import { formatAt } from '../../../lib/format.js';
import { useComplainantStep, useTrackComplaint } from '../api/complaints.js';

/**
 * The complainant follows a complaint by its number and tracking code (or e-mail), and, with the
 * code, completes it, confirms the answer or reopens it.
 */
export function ComplaintTracking({ agency, initialNumber }: { agency: string; initialNumber: string }) {
  const { t } = useTranslation();
  const track = useTrackComplaint(agency);
  const [number, setNumber] = useState(initialNumber);
  const [secret, setSecret] = useState('');
  const [email, setEmail] = useState('');
  const [view, setView] = useState<TrackingView | null>(null);
  return (
    <>
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
      {view && <TrackingResult code={agency} view={view} secret={secret} onChange={setView} />}
    </>
  );
}

/** A complaint as its complainant sees it: status, due times on the agency's clock, the answer, the timeline. */
function TrackingResult({ code, view, secret, onChange }: { code: string; view: TrackingView; secret: string; onChange: (v: TrackingView) => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const step = useComplainantStep(code);
  const [text, setText] = useState('');
  const at = (iso: string | null) => formatAt(iso, lang, view.agency.timeZone);
  const done = {
    onSuccess: (v: TrackingView) => {
      setText('');
      onChange(v);
    },
  };
  const credentials = { number: view.number, secret };
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
        {view.resolutionRule && !view.paused && <Text size="xs" c="dimmed">{t('complaints.track.rule', { rule: view.resolutionRule[lang] })}</Text>}
        <Text size="sm">{view.paused ? t('complaints.track.pausedNote') : t('complaints.track.hardDue', { at: at(view.hardDueAt) })}</Text>
        {!view.paused && <Text size="xs" c="dimmed">{t('complaints.track.rule', { rule: view.hardRule[lang] })}</Text>}
        {view.beyondNational && !view.paused && <Alert color="blue" data-testid="complaint-beyond-national">{t('complaints.track.beyondNational')}</Alert>}
        {view.answer && (
          <Alert color="green" title={t('complaints.track.answerTitle')} data-testid="complaint-answer">
            <Text style={{ whiteSpace: 'pre-wrap' }}>{view.answer}</Text>
            {view.outcome && <Text size="sm" mt="xs">{t(`complaints.outcome.${view.outcome}`)}</Text>}
          </Alert>
        )}
        {view.status === 'answered' && (
          <Text size="sm" data-testid="complaint-auto-close">
            {view.autoCloseAt && view.closeAfterNoReply
              ? t('complaints.track.autoClose', { at: at(view.autoCloseAt), limit: view.closeAfterNoReply.text[lang] })
              : t('complaints.track.noAutoClose')}
          </Text>
        )}
        {step.isError && <Alert color="red">{step.error.message}</Alert>}
        {view.canComplete && (
          <Stack gap="xs">
            <Textarea label={t('complaints.track.completeLabel')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={3} />
            <Group><Button onClick={() => step.mutate({ step: 'complete', body: { ...credentials, text } }, done)} disabled={!text.trim()}>{t('complaints.track.completeButton')}</Button></Group>
          </Stack>
        )}
        {view.canConfirm && (
          <Group><Button onClick={() => step.mutate({ step: 'confirm', body: credentials }, done)}>{t('complaints.track.confirmButton')}</Button></Group>
        )}
        {view.canReopen && (
          <Stack gap="xs">
            <Text size="sm">{t('complaints.track.reopenUntil', { at: at(view.reopenUntil) })}</Text>
            <Textarea label={t('complaints.track.reopenLabel')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={2} />
            <Group><Button variant="outline" onClick={() => step.mutate({ step: 'reopen', body: { ...credentials, reason: text } }, done)} disabled={!text.trim()}>{t('complaints.track.reopenButton')}</Button></Group>
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
