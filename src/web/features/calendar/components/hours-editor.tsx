import { ActionIcon, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { weekdays, type Weekday } from '../../../../shared/contracts/hours.js';
import { weekdayNames } from '../../../lib/format.js';

export type HoursValue = Record<Weekday, string[]>;

export const emptyHours = (): HoursValue => Object.fromEntries(weekdays.map((d) => [d, []])) as unknown as HoursValue;

/** Fills the weekdays a stored value leaves out (the contract defaults sat/sun to none). */
export function toHoursValue(stored: Record<string, string[]> | null | undefined): HoursValue {
  const value = emptyHours();
  for (const d of weekdays) value[d] = [...(stored?.[d] ?? [])];
  return value;
}

/**
 * Opening intervals per weekday. Each interval is a start and an end (HH:MM); the gaps between
 * intervals are the breaks. `errors` is keyed by the contract's path below this editor
 * (`mon.1`, `tue`), so the message sits under the field it is about.
 */
export function HoursEditor({
  value,
  onChange,
  errors,
  readOnly,
  idPrefix,
}: {
  value: HoursValue;
  onChange: (next: HoursValue) => void;
  errors: Record<string, string>;
  readOnly: boolean;
  idPrefix: string;
}) {
  const { t, i18n } = useTranslation();
  const names = weekdayNames(i18n.language, 'long');
  const setDay = (day: Weekday, list: string[]) => onChange({ ...value, [day]: list });
  return (
    <Table.ScrollContainer minWidth={300} type="native">
      <Table verticalSpacing="xs" aria-label={t('calendar.hours.title')}>
        <Table.Tbody>
          {weekdays.map((day, di) => {
            const list = value[day];
            const dayName = names[di]!;
            return (
              <Table.Tr key={day} data-weekday={day}>
                <Table.Th scope="row" w={110} style={{ verticalAlign: 'top' }}>
                  {dayName}
                </Table.Th>
                <Table.Td>
                  <Stack gap={6}>
                    {list.length === 0 && (
                      <Text size="sm" c="dimmed">
                        {t('calendar.hours.closed')}
                      </Text>
                    )}
                    {list.map((interval, i) => {
                      const [start = '', end = ''] = interval.split('-');
                      const label = t('calendar.hours.interval', { day: dayName, n: i + 1 });
                      const error = errors[`${day}.${i}`];
                      const update = (s: string, e: string) => setDay(day, list.map((x, j) => (j === i ? `${s}-${e}` : x)));
                      return (
                        <div key={i} role="group" aria-label={label}>
                          <Group gap={6} wrap="nowrap" align="flex-start">
                            <TextInput
                              id={`${idPrefix}-${day}-${i}-start`}
                              aria-label={`${label}: ${t('calendar.hours.start')}`}
                              value={start}
                              onChange={(ev) => update(ev.currentTarget.value, end)}
                              placeholder="08:00"
                              readOnly={readOnly}
                              w={80}
                              error={Boolean(error)}
                              inputMode="numeric"
                            />
                            <Text pt={6}>–</Text>
                            <TextInput
                              id={`${idPrefix}-${day}-${i}-end`}
                              aria-label={`${label}: ${t('calendar.hours.end')}`}
                              value={end}
                              onChange={(ev) => update(start, ev.currentTarget.value)}
                              placeholder="12:00"
                              readOnly={readOnly}
                              w={80}
                              error={Boolean(error)}
                              inputMode="numeric"
                            />
                            {!readOnly && (
                              <ActionIcon
                                variant="subtle"
                                color="red"
                                mt={4}
                                aria-label={t('calendar.hours.removeInterval', { day: dayName, n: i + 1 })}
                                onClick={() => setDay(day, list.filter((_, j) => j !== i))}
                              >
                                ×
                              </ActionIcon>
                            )}
                          </Group>
                          {error && (
                            <Text size="xs" c="red" role="alert">
                              {label}: {error}
                            </Text>
                          )}
                        </div>
                      );
                    })}
                    {errors[day] && (
                      <Text size="xs" c="red" role="alert">
                        {dayName}: {errors[day]}
                      </Text>
                    )}
                    {!readOnly && (
                      <Button
                        variant="subtle"
                        size="compact-xs"
                        w="fit-content"
                        onClick={() => setDay(day, [...list, list.length === 0 ? '08:00-12:00' : '13:00-16:00'])}
                        aria-label={t('calendar.hours.addIntervalTo', { day: dayName })}
                      >
                        + {t('calendar.hours.addInterval')}
                      </Button>
                    )}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
