/**
 * Named effects a workflow action may have on records outside the request (a vendor account,
 * a booking…). The standard only names them; the modules that own those records implement
 * them. Add a name here when a transcribed standard needs a new one, so a typo in a YAML file
 * fails validation instead of silently doing nothing.
 */
export const effects = [
  // Vendor (penyedia) accounts at the LPSE.
  'vendor.activate',
  'vendor.deactivate',
  'vendor.changeEmail',
  'vendor.changeLegalForm',
  'vendor.changeNpwp',
  'vendor.requestAggregation',
  // Bookings of rooms and audiences.
  'booking.confirm',
  'booking.cancel',
  // Outgoing letters (surat jawaban) that leave the agency's registry.
  'letter.dispatch',
  // Vendor selection (pemilihan penyedia): the package enters its selection timeline.
  'procurement.startSelection',
  'procurement.deliverResult',
] as const;

export type Effect = (typeof effects)[number];

export function isEffect(value: unknown): value is Effect {
  return typeof value === 'string' && (effects as readonly string[]).includes(value);
}
