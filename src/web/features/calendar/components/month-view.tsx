import { ActionIcon, Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatLocalDate, formatMonth, weekdayNames } from '../../../lib/format.js';
import { monthWeeks, type DayCell, type DayStatus, type MonthDate, type MonthSettings } from './month.js';

export const statusColors: Record<DayStatus, { bg: string; fg: string }> = {
  working: { bg: 'var(--mantine-color-teal-1)', fg: 'var(--mantine-color-teal-9)' },
  closed: { bg: 'var(--mantine-color-gray-2)', fg: 'var(--mantine-color-gray-7)' },
  holiday: { bg: 'var(--mantine-color-red-1)', fg: 'var(--mantine-color-red-9)' },
  cuti_bersama: { bg: 'var(--mantine-color-orange-1)', fg: 'var(--mantine-color-orange-9)' },
  closure: { bg: 'var(--mantine-color-violet-1)', fg: 'var(--mantine-color-violet-9)' },
};
const statuses: DayStatus[] = ['working', 'closed', 'holiday', 'cuti_bersama', 'closure'];

/**
 * A month of the agency's calendar: each day working (with its hours) or not, and why. Colour is
 * never the only sign: every cell also says its status in words for screen readers and on hover,
 * and non-working days carry their name.
 */
export function MonthView({
  month,
  onMonth,
  settings,
  dates,
}: {
  month: string;
  onMonth: (next: 1 | -1) => void;
  settings: MonthSettings;
  dates: readonly MonthDate[];
}) {
  const { t, i18n } = useTranslation();
  const weeks = monthWeeks(month, settings, dates);
  const short = weekdayNames(i18n.language, 'short');
  const long = weekdayNames(i18n.language, 'long');
  const describe = (c: DayCell) =>
    [
      formatLocalDate(c.date, i18n.language),
      t(`calendar.status.${c.status}`),
      ...c.names,
      c.hours.length > 0 ? c.hours.join(', ') : null,
      c.profile ? t('calendar.month.profile', { name: c.profile }) : null,
      c.names.length > 0 && !c.confirmed ? t('calendar.month.unconfirmed') : null,
    ]
      .filter(Boolean)
      .join(' · ');
  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="nowrap">
        <ActionIcon variant="light" size="lg" onClick={() => onMonth(-1)} aria-label={t('calendar.month.previous')}>
          ‹
        </ActionIcon>
        <Title order={4} aria-live="polite" id="month-heading">
          {formatMonth(month, i18n.language)}
        </Title>
        <ActionIcon variant="light" size="lg" onClick={() => onMonth(1)} aria-label={t('calendar.month.next')}>
          ›
        </ActionIcon>
      </Group>
      <Table
        withTableBorder
        withColumnBorders
        layout="fixed"
        aria-label={t('calendar.month.caption', { month: formatMonth(month, i18n.language) })}
        styles={{ td: { padding: 4, verticalAlign: 'top', height: 64 }, th: { padding: 4, textAlign: 'center' } }}
      >
        <Table.Thead>
          <Table.Tr>
            {short.map((d, i) => (
              <Table.Th key={d} scope="col">
                <abbr title={long[i]} style={{ textDecoration: 'none' }}>
                  {d}
                </abbr>
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {weeks.map((week, w) => (
            <Table.Tr key={w}>
              {week.map((c, i) =>
                c ? (
                  <Table.Td
                    key={c.date}
                    data-date={c.date}
                    data-status={c.status}
                    data-confirmed={String(c.confirmed)}
                    title={describe(c)}
                    aria-label={describe(c)}
                    style={{
                      background: statusColors[c.status].bg,
                      color: statusColors[c.status].fg,
                      outline: c.confirmed ? undefined : '2px dashed var(--mantine-color-orange-6)',
                      outlineOffset: -3,
                    }}
                  >
                    <Text size="sm" fw={700} span>
                      {c.day}
                      {!c.confirmed && ' ?'}
                    </Text>
                    {c.names[0] && (
                      <Text size="xs" lh={1.15} lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                        {c.names[0]}
                      </Text>
                    )}
                  </Table.Td>
                ) : (
                  <Table.Td key={`empty-${i}`} aria-hidden />
                ),
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group gap="xs" aria-label={t('calendar.month.legend')} role="list">
        <Text size="sm" fw={500}>
          {t('calendar.month.legend')}:
        </Text>
        {statuses.map((s) => (
          <Badge key={s} role="listitem" variant="filled" styles={{ root: { background: statusColors[s].bg, color: statusColors[s].fg, textTransform: 'none' } }}>
            {t(`calendar.status.${s}`)}
          </Badge>
        ))}
        <Badge role="listitem" variant="outline" color="orange" styles={{ root: { borderStyle: 'dashed', textTransform: 'none' } }}>
          ? {t('calendar.month.unconfirmedLegend')}
        </Badge>
      </Group>
      {!settings.weeklyHours && <Text size="sm" c="orange">{t('calendar.month.noHours')}</Text>}
    </Stack>
  );
}
