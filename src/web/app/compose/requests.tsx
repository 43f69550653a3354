/**
 * Pieces that join the requests feature with the standards, calendar and agencies features, for
 * the pages that show or file requests. Features do not import each other; they meet here.
 */
import type { PublicRequestView, RequestView } from '../../../shared/contracts/requests.js';
import type { ServiceStandard } from '../../../shared/standard/schema.js';
import { useEarliestDate } from '../../features/calendar/api/calendar.js';
import { LeadTimeNote } from '../../features/requests/components/request-form.js';
import { requestNamesOf, type RequestNames } from '../../features/requests/components/parts.js';
import { useAgencyStandard, useService } from '../../features/standards/api/standards.js';

/** Action and external-system names of the standard version the request is pinned to. */
export function useRequestNames(view: PublicRequestView | RequestView): RequestNames {
  const service = useService(view.agency, view.service.code, view.standardVersion);
  const standard = useAgencyStandard(view.agency);
  return requestNamesOf(service.data?.service, standard.data?.standard);
}

/** A lead-time rule of the request form with its earliest date, counted on the agency's calendar. */
export function EarliestDate({
  agency,
  timeZone,
  rule,
  onEarliest,
}: {
  agency: string;
  timeZone: string;
  rule: ServiceStandard['leadTimeRules'][number];
  onEarliest: (date: string) => void;
}) {
  const earliest = useEarliestDate(agency, timeZone, rule.minimum);
  return <LeadTimeNote rule={rule} earliest={earliest} onEarliest={onEarliest} />;
}
