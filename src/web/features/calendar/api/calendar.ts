import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type {
  CalendarDate,
  CalendarSettingsInput,
  CalendarSettingsView,
  DueResult,
  HolidayList,
  IcsImportResult,
  PrefillResult,
} from '../../../../shared/contracts/calendar.js';
import type { TimeLimit } from '../../../../shared/standard/schema.js';
import { apiFetch } from '../../../lib/api.js';
import { localDateTime } from '../../../lib/format.js';
import { calendarRequests, type CalendarRequest, type DateFields, type DatePatch, type DateScope } from './requests.js';

function send<T>(request: CalendarRequest): Promise<T> {
  return apiFetch<T>(request.path, {
    method: request.method,
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
  });
}

const keys = {
  settings: (agency: string) => ['calendar', agency, 'settings'] as const,
  holidays: (agency: string, year: number) => ['calendar', agency, 'holidays', year] as const,
  /** Everything computed from an agency's calendar (and national dates change every agency's). */
  all: ['calendar'] as const,
};

export function useCalendarSettings(agency: string) {
  return useQuery({ queryKey: keys.settings(agency), queryFn: () => send<CalendarSettingsView>(calendarRequests.settings(agency)) });
}

export function useHolidays(agency: string, year: number) {
  return useQuery({
    queryKey: keys.holidays(agency, year),
    queryFn: () => send<HolidayList>(calendarRequests.holidays(agency, year)),
    select: (data) => data.items,
  });
}

/** The deadline of a limit started at a local date-time; off until the start is a full date-time. */
export function useDue(agency: string, from: string, limit: TimeLimit | undefined) {
  const ready = limit !== undefined && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(from);
  return useQuery({
    queryKey: ['calendar', agency, 'due', from, limit],
    queryFn: () => send<DueResult>(calendarRequests.due(agency, from, limit!)),
    enabled: ready,
    retry: false,
  });
}

/**
 * The earliest date a lead time allows ("≥ 3 working days before"), counted from the moment the
 * page opened on the agency's calendar: the local date of the deadline, or null until known.
 */
export function useEarliestDate(agency: string, timeZone: string, minimum: TimeLimit): string | null {
  const [from] = useState(() => localDateTime(timeZone, Date.now()));
  const due = useDue(agency, from, minimum);
  return due.data?.due ? localDateTime(timeZone, Date.parse(due.data.due)).slice(0, 10) : null;
}

function useCalendarMutation<V, R>(run: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => client.invalidateQueries({ queryKey: keys.all }) });
}

export function useSaveSettings(agency: string) {
  return useCalendarMutation((settings: CalendarSettingsInput) => send<CalendarSettingsView>(calendarRequests.saveSettings(agency, settings)));
}

export function useAddDate() {
  return useCalendarMutation(({ scope, fields }: { scope: DateScope; fields: DateFields }) => send<CalendarDate>(calendarRequests.addDate(scope, fields)));
}

export function useUpdateDate() {
  return useCalendarMutation(({ scope, date, patch }: { scope: DateScope; date: string; patch: DatePatch }) =>
    send<CalendarDate>(calendarRequests.updateDate(scope, date, patch)),
  );
}

export function useRemoveDate() {
  return useCalendarMutation(({ scope, date }: { scope: DateScope; date: string }) => send<void>(calendarRequests.removeDate(scope, date)));
}

export function useImportIcs() {
  return useCalendarMutation(({ scope, ics, fileName, confirmed }: { scope: DateScope; ics: string; fileName: string; confirmed: boolean }) =>
    send<IcsImportResult>(calendarRequests.importIcs(scope, { ics, fileName, confirmed })),
  );
}

export function usePrefill() {
  return useCalendarMutation(({ through, year, forceMissingOnly }: { through: string; year: number; forceMissingOnly: boolean }) =>
    send<PrefillResult>(calendarRequests.prefill(through, year, forceMissingOnly)),
  );
}
