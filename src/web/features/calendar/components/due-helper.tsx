import { Alert, Anchor, Card, Loader, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ServiceStandard } from '../../../../shared/standard/schema.js';
import { useDue } from '../api/calendar.js';
import { deadlineParts, localDateTime } from './format.js';

type Channel = ServiceStandard['channels'][number];

/**
 * "When will my request be due?": pick a channel and when the request is handed in (now, by
 * default, on the agency's clock), and read the deadline the agency promises, counted by the
 * same calendar the officers' clocks use (working hours, holidays, cuti bersama, closures).
 */
export function DueHelper({ agency, timeZone, channels }: { agency: string; timeZone: string; channels: readonly Channel[] }) {
  const { t, i18n } = useTranslation();
  const limited = channels.filter((c) => c.timeLimit !== undefined);
  const [channelCode, setChannelCode] = useState(limited[0]?.code ?? '');
  const [from, setFrom] = useState(() => localDateTime(timeZone, Date.now()));
  const channel = limited.find((c) => c.code === channelCode) ?? limited[0];
  const due = useDue(agency, from, channel?.timeLimit);
  if (!channel) return null;
  const zone = t(`timeZone.${timeZone}`, { defaultValue: timeZone });
  const sentence = (key: 'deadline' | 'expected', iso: string) => t(`calendar.due.${key}`, { ...deadlineParts(iso, timeZone, i18n.language), zone });
  const validStart = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(from);
  return (
    <Card withBorder component="section" aria-labelledby="due-helper-heading">
      <Stack gap="sm">
        <Title order={3} size="h4" id="due-helper-heading">
          {t('calendar.due.title')}
        </Title>
        {limited.length > 1 && (
          <NativeSelect
            label={t('calendar.due.channel')}
            value={channel.code}
            onChange={(e) => setChannelCode(e.currentTarget.value)}
            data={limited.map((c) => ({ value: c.code, label: c.label }))}
          />
        )}
        {limited.length === 1 && (
          <Text size="sm">
            {t('calendar.due.channel')}: {channel.label}
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
          {due.data && validStart && (
            <Stack gap={4} data-testid="due-result">
              <Text fw={700} size="lg">
                {sentence('deadline', due.data.due)}
              </Text>
              {due.data.expected && <Text>{sentence('expected', due.data.expected)}</Text>}
              <Text size="sm" c="dimmed">
                {t('calendar.due.explain', { limit: i18n.language === 'en' ? due.data.limitText.en : due.data.limitText.id })}
              </Text>
              {channel.hours && (
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
