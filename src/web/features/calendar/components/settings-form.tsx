import { Alert, Button, Card, Group, List, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { calendarSettingsInput, type CalendarSettingsView } from '../../../../shared/contracts/calendar.js';
import { weekdays } from '../../../../shared/contracts/hours.js';
import { isLanguage } from '../../../../shared/i18n/languages.js';
import { describeIssues, type FieldProblem } from '../../../../shared/validation.js';
import { ApiError } from '../../../lib/api.js';
import { weekdayNames } from '../../../lib/format.js';
import { useSaveSettings } from '../api/calendar.js';
import { HoursEditor, toHoursValue, type HoursValue } from './hours-editor.js';

interface ProfileDraft {
  name: string;
  from: string;
  to: string;
  weeklyHours: HoursValue;
}

/** The field a problem is about, in words: "Senin, interval 2", "Jam khusus 1 › Dari tanggal". */
function useFieldLabel() {
  const { t, i18n } = useTranslation();
  const names = weekdayNames(i18n.language, 'long');
  const hoursLabel = (parts: string[]): string => {
    const [day, index] = parts;
    const dayName = names[weekdays.indexOf(day as (typeof weekdays)[number])] ?? day ?? '';
    return index === undefined ? dayName : t('calendar.hours.interval', { day: dayName, n: Number(index) + 1 });
  };
  return (field: string): string => {
    const parts = field.split('.');
    if (parts[0] === 'weeklyHours') return parts.length > 1 ? hoursLabel(parts.slice(1)) : t('calendar.field.weeklyHours');
    if (parts[0] === 'warningThreshold') return t('calendar.threshold.label');
    if (parts[0] === 'profiles') {
      if (parts[1] === undefined) return t('calendar.profiles.title');
      const profile = t('calendar.profiles.label', { n: Number(parts[1]) + 1 });
      const rest = parts.slice(2);
      if (rest[0] === 'weeklyHours') return rest.length > 1 ? `${profile} › ${hoursLabel(rest.slice(1))}` : profile;
      if (rest[0] === 'name' || rest[0] === 'from' || rest[0] === 'to') return `${profile} › ${t(`calendar.profiles.${rest[0]}`)}`;
      return profile;
    }
    return field || t('calendar.field.form');
  };
}

/** Problems keyed by the path below `prefix` ("weeklyHours." → "mon.1"). */
function under(problems: FieldProblem[], prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of problems) {
    if (!p.field.startsWith(prefix)) continue;
    const key = p.field.slice(prefix.length);
    out[key] = out[key] ? `${out[key]}; ${p.message}` : p.message;
  }
  return out;
}

/**
 * Weekly hours, alternative profiles (Ramadan) and the warning threshold, checked with the same
 * zod contract the API uses before anything is sent; the API's own answer is shown the same way.
 */
export function SettingsForm({ agency, settings, readOnly }: { agency: string; settings: CalendarSettingsView; readOnly: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = isLanguage(i18n.language) ? i18n.language : 'id';
  const label = useFieldLabel();
  const [hours, setHours] = useState<HoursValue>(() => toHoursValue(settings.weeklyHours));
  const [profiles, setProfiles] = useState<ProfileDraft[]>(() =>
    settings.profiles.map((p) => ({ name: p.name, from: p.from, to: p.to, weeklyHours: toHoursValue(p.weeklyHours) })),
  );
  const [threshold, setThreshold] = useState<number | string>(Math.round(settings.warningThreshold * 100));
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const save = useSaveSettings(agency);

  const submit = () => {
    save.reset();
    const input = { weeklyHours: hours, profiles, warningThreshold: typeof threshold === 'number' ? threshold / 100 : Number.NaN };
    const parsed = calendarSettingsInput.safeParse(input);
    if (!parsed.success) {
      const all = describeIssues(parsed.error.issues, lang);
      // A malformed interval also fails the start-before-end check; its format is the one to fix.
      const malformed = new Set(all.filter((p) => p.rule === 'hours.interval_format').map((p) => p.field));
      setProblems(all.filter((p) => !(p.rule === 'hours.interval_order' && malformed.has(p.field))));
      return;
    }
    setProblems([]);
    save.mutate(parsed.data, {
      onError: (error) => setProblems(error instanceof ApiError ? error.details : []),
    });
  };

  const shown = problems.filter((p) => p.field !== '');
  return (
    <Stack gap="md">
      {settings.hoursSource !== 'calendar' && (
        <Alert color={settings.hoursSource === 'none' ? 'orange' : 'blue'}>
          {t(`calendar.hours.source.${settings.hoursSource}${readOnly && settings.hoursSource === 'standard' ? 'ReadOnly' : ''}`)}
        </Alert>
      )}
      <Text size="sm">{t('calendar.hours.help')}</Text>
      <HoursEditor value={hours} onChange={setHours} errors={under(problems, 'weeklyHours.')} readOnly={readOnly} idPrefix="week" />

      <Stack gap="xs">
        <Title order={4}>{t('calendar.profiles.title')}</Title>
        <Text size="sm">{t('calendar.profiles.help')}</Text>
        {profiles.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('calendar.profiles.none')}
          </Text>
        )}
        {profiles.map((p, i) => {
          const set = (patch: Partial<ProfileDraft>) => setProfiles(profiles.map((x, j) => (j === i ? { ...x, ...patch } : x)));
          const errs = under(problems, `profiles.${i}.`);
          return (
            <Card key={i} withBorder component="fieldset" aria-label={t('calendar.profiles.label', { n: i + 1 })}>
              <Stack gap="xs">
                <Group grow align="flex-start">
                  <TextInput label={t('calendar.profiles.name')} value={p.name} onChange={(e) => set({ name: e.currentTarget.value })} readOnly={readOnly} error={errs.name} />
                  <TextInput type="date" label={t('calendar.profiles.from')} value={p.from} onChange={(e) => set({ from: e.currentTarget.value })} readOnly={readOnly} error={errs.from} />
                  <TextInput type="date" label={t('calendar.profiles.to')} value={p.to} onChange={(e) => set({ to: e.currentTarget.value })} readOnly={readOnly} error={errs.to} />
                </Group>
                <HoursEditor
                  value={p.weeklyHours}
                  onChange={(weeklyHours) => set({ weeklyHours })}
                  errors={under(problems, `profiles.${i}.weeklyHours.`)}
                  readOnly={readOnly}
                  idPrefix={`profile-${i}`}
                />
                {!readOnly && (
                  <Button variant="light" color="red" size="xs" w="fit-content" onClick={() => setProfiles(profiles.filter((_, j) => j !== i))}>
                    {t('calendar.profiles.remove', { n: i + 1 })}
                  </Button>
                )}
              </Stack>
            </Card>
          );
        })}
        {!readOnly && (
          <Button
            variant="light"
            size="xs"
            w="fit-content"
            onClick={() => setProfiles([...profiles, { name: '', from: '', to: '', weeklyHours: structuredClone(hours) }])}
          >
            + {t('calendar.profiles.add')}
          </Button>
        )}
      </Stack>

      <NumberInput
        label={t('calendar.threshold.label')}
        description={t('calendar.threshold.help')}
        value={threshold}
        onChange={setThreshold}
        min={1}
        max={100}
        suffix=" %"
        readOnly={readOnly}
        error={under(problems, 'warningThreshold')['']}
        w={260}
      />

      {shown.length > 0 && (
        <Alert color="red" role="alert" title={t('calendar.settings.invalid')}>
          <List size="sm">
            {shown.map((p, i) => (
              <List.Item key={i}>
                {label(p.field)}: {p.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {save.isError && shown.length === 0 && (
        <Alert color="red" role="alert">
          {save.error.message}
        </Alert>
      )}
      {save.isSuccess && (
        <Alert color="green" role="status">
          {t('calendar.settings.saved')}
        </Alert>
      )}
      {!readOnly && (
        <Button onClick={submit} loading={save.isPending} w="fit-content">
          {t('calendar.settings.save')}
        </Button>
      )}
    </Stack>
  );
}
