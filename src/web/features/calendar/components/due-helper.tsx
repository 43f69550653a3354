import { Alert, Anchor, Card, Loader, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ServiceStandard } from '../../../../shared/standard/schema.js';
import { deadlineParts, localDateTime } from '../../../lib/format.js';
import { useFormatLimit } from '../../../lib/time-limit.js';
import { useDue } from '../api/calendar.js';

type Channel = ServiceStandard['channels'][number];
type Which = 'timeLimit' | 'responseLimit';

/** Each limit a requester can ask about: a channel's completion limit, and its response limit. */
function choicesOf(channels: readonly Channel[]) {
  return channels.flatMap((channel) =>
    (['timeLimit', 'responseLimit'] as const)
      .filter((which) => channel[which] !== undefined)
      .map((which) => ({ key: `${channel.code}:${which}`, channel, which, limit: channel[which]! })),
  );
}

/**
 * "When will my request be due?": pick a channel and when the request is handed in (now, by
 * default, on the agency's clock), and read the deadline the agency promises, counted by the
 * same calendar the officers' clocks use (working hours, holidays, cuti bersama, closures). A
 * channel that promises only a first answer (waktu tanggap) says so.
 */
export function DueHelper({ agency, timeZone, channels }: { agency: string; timeZone: string; channels: readonly Channel[] }) {
  const { t, i18n } = useTranslation();
  const formatLimit = useFormatLimit();
  const choices = choicesOf(channels);
  const [choiceKey, setChoiceKey] = useState(choices[0]?.key ?? '');
  const [from, setFrom] = useState(() => localDateTime(timeZone, Date.now()));
  const choice = choices.find((c) => c.key === choiceKey) ?? choices[0];
  const due = useDue(agency, from, choice?.limit);
  if (!choice) {
    // The standard names no time limit on any channel: say so in its own words, promise nothing.
    const silent = channels.filter((c) => c.limitNotStated !== undefined);
    if (silent.length === 0) return null;
    return (
      <Card withBorder component="section" aria-labelledby="due-helper-heading">
        <Stack gap="xs" data-testid="due-not-stated">
          <Title order={3} size="h4" id="due-helper-heading">
            {t('calendar.due.title')}
          </Title>
          <Text size="sm">{t('calendar.due.notStated')}</Text>
          {silent.map((c) => (
            <Text key={c.code} size="sm" c="dimmed" fs="italic">
              {c.label}: “{c.limitNotStated}”
            </Text>
          ))}
        </Stack>
      </Card>
    );
  }
  const zone = t(`timeZone.${timeZone}`, { defaultValue: timeZone });
  const sentence = (key: Which | 'expected', iso: string) => t(`calendar.due.${key}`, { ...deadlineParts(iso, timeZone, i18n.language), zone });
  const validStart = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(from);
  const label = (c: (typeof choices)[number]) => `${c.channel.label} — ${t(`calendar.due.kind.${c.which}`)} ${formatLimit(c.limit)}`;
  return (
    <Card withBorder component="section" aria-labelledby="due-helper-heading">
      <Stack gap="sm">
        <Title order={3} size="h4" id="due-helper-heading">
          {t('calendar.due.title')}
        </Title>
        {choices.length > 1 ? (
          <NativeSelect
            label={t('calendar.due.channel')}
            value={choice.key}
            onChange={(e) => setChoiceKey(e.currentTarget.value)}
            data={choices.map((c) => ({ value: c.key, label: label(c) }))}
          />
        ) : (
          <Text size="sm">
            {t('calendar.due.channel')}: {label(choice)}
          </Text>
        )}
        <TextInput
          type="datetime-local"
          label={t('calendar.due.start', { zone })}
          description={t('calendar.due.startHelp', { zone })}
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value.slice(0, 16))}
          error={validStart ? undefined : t('calendar.due.startInvalid')}
          maw={280}
        />
        <div aria-live="polite">
          {due.isFetching && !due.data && <Loader size="sm" aria-label={t('calendar.due.loading')} />}
          {due.isError && (
            <Alert color="red" role="alert">
              {due.error.message}
            </Alert>
          )}
          {due.data?.due && due.data.limitText && validStart && (
            <Stack gap={4} data-testid="due-result">
              <Text fw={700} size="lg">
                {sentence(choice.which, due.data.due)}
              </Text>
              {due.data.expected && <Text>{sentence('expected', due.data.expected)}</Text>}
              <Text size="sm" c="dimmed">
                {t('calendar.due.explain', { limit: i18n.language === 'en' ? due.data.limitText.en : due.data.limitText.id })}
              </Text>
              {choice.channel.note && (
                <Text size="sm" c="dimmed" fs="italic">
                  {choice.channel.note}
                </Text>
              )}
              {choice.channel.hours && (
                <Text size="sm" c="dimmed">
                  {t('calendar.due.channelHours')}
                </Text>
              )}
            </Stack>
          )}
        </div>
        <Anchor component={Link} to={`/instansi/${agency}/kalender`} size="sm">
          {t('calendar.due.calendarLink')}
        </Anchor>
      </Stack>
    </Card>
  );
}
