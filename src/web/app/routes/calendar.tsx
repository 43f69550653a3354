import { Alert, Anchor, Card, Loader, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { PageBreadcrumbs } from '../../components/ui/page-breadcrumbs.js';
import { QueryState } from '../../components/ui/query-state.js';
import { wrap } from '../../components/ui/styles.js';
import { useAgencies } from '../../features/agencies/api/agencies.js';
import { useCalendarSettings, useHolidays } from '../../features/calendar/api/calendar.js';
import { calendarAccessOf } from '../../features/calendar/components/access.js';
import { HolidayList } from '../../features/calendar/components/holiday-list.js';
import { MonthView } from '../../features/calendar/components/month-view.js';
import { shiftMonth } from '../../features/calendar/components/month.js';
import { SettingsForm } from '../../features/calendar/components/settings-form.js';
import { useMe } from '../../features/identity/api/identity.js';
import { signInPath } from '../../features/identity/components/require-auth.js';
import { localMonth } from '../../lib/format.js';

/** The administrator's calendar page: `/kelola/:agency/kalender`; read-only without calendar.edit. */
export function CalendarAdminPage() {
  const { agency = '' } = useParams();
  return <CalendarPage agency={agency} manage />;
}

/** The same calendar for the public: `/instansi/:code/kalender`, always read-only. */
export function CalendarPublicPage() {
  const { code = '' } = useParams();
  return <CalendarPage agency={code} manage={false} />;
}

function CalendarPage({ agency, manage }: { agency: string; manage: boolean }) {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const settings = useCalendarSettings(agency);
  const me = useMe();
  const agencies = useAgencies();
  const access = calendarAccessOf(me.data, agencies.data ?? [], agency);
  const timeZone = settings.data?.timeZone ?? 'Asia/Jakarta';
  // The instant the page opened: the current month is shown until another is chosen.
  const [openedAt] = useState(() => Date.now());
  const requested = search.get('bulan') ?? '';
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(requested) ? requested : localMonth(timeZone, openedAt);
  const year = Number(month.slice(0, 4));
  const holidays = useHolidays(agency, year);
  const canEdit = manage && access.canEdit;
  const nationalThrough = manage ? access.nationalThrough : null;
  const agencyName = agencies.data?.find((a) => a.code === agency)?.name ?? agency;

  return (
    <QueryState query={settings}>
      {(data) => (
        <Stack gap="lg">
          <PageBreadcrumbs>
            <Anchor component={Link} to="/" size="sm">
              {t('nav.home')}
            </Anchor>
            <Anchor component={Link} to={`/instansi/${agency}`} size="sm" style={wrap}>
              {agencyName}
            </Anchor>
          </PageBreadcrumbs>
          <Stack gap={4}>
            <Title order={2}>{t(manage ? 'calendar.titleManage' : 'calendar.title')}</Title>
            <Text style={wrap}>
              {agencyName} · {t('calendar.zone', { zone: t(`timeZone.${data.timeZone}`, { defaultValue: data.timeZone }), tz: data.timeZone })}
            </Text>
          </Stack>

          {manage && !me.isPending && !canEdit && (
            <Alert color="blue" title={t('calendar.readOnly.title')} role="note">
              <Stack gap={4} align="flex-start">
                <Text size="sm">{access.signedIn ? t('calendar.readOnly.noPermission') : t('calendar.readOnly.anonymous')}</Text>
                {!access.signedIn && (
                  <Anchor component={Link} to={signInPath(`/kelola/${agency}/kalender`)} size="sm">
                    {t('calendar.readOnly.signIn')}
                  </Anchor>
                )}
              </Stack>
            </Alert>
          )}
          {manage && me.isPending && <Loader size="sm" aria-label={t('standards.loading')} />}
          {canEdit && !nationalThrough && (
            <Text size="sm" c="dimmed">
              {t('calendar.nationalNote')}
            </Text>
          )}

          <section aria-labelledby="month-section">
            <Title order={3} id="month-section" mb="sm">
              {t('calendar.month.title')}
            </Title>
            <MonthView
              month={month}
              onMonth={(by) =>
                setSearch(
                  (prev) => {
                    const next = new URLSearchParams(prev);
                    next.set('bulan', shiftMonth(month, by));
                    return next;
                  },
                  { replace: true },
                )
              }
              settings={{ weeklyHours: data.weeklyHours, profiles: data.profiles }}
              dates={holidays.data ?? []}
            />
          </section>

          <section aria-labelledby="holidays-section">
            <Title order={3} id="holidays-section" mb="sm">
              {t('calendar.holidays.title', { year })}
            </Title>
            <QueryState query={holidays}>
              {(items) => <HolidayList agency={agency} year={year} items={items} canEdit={canEdit} nationalThrough={nationalThrough} />}
            </QueryState>
          </section>

          <Card withBorder component="section" aria-labelledby="hours-section">
            <Title order={3} id="hours-section" mb="sm">
              {t('calendar.hours.title')}
            </Title>
            <SettingsForm key={`${agency}-${canEdit}`} agency={agency} settings={data} readOnly={!canEdit} />
          </Card>
        </Stack>
      )}
    </QueryState>
  );
}
