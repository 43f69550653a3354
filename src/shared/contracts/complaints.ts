import { z } from 'zod';
import type { Localized } from '../i18n/languages.js';
import { isoDateText } from './calendar.js';

/**
 * Complaints (pengaduan) under UU 25/2009 and Perpres 76/2013: filed by anyone through the
 * agency's channels, judged by the complaint rules of the agency's service standard (filing
 * window, required contents, response limit, classes with their own limits) and the 60-day limit
 * of the Perpres. Identity is kept apart and never leaves in lists, exports or statistics.
 */

// ---------------------------------------------------------------------------------------
// Enum lists: defined once here, used by the tables (text checks), the server and the web.

/**
 * Where a complaint is in its handling. `incomplete` waits for the complainant (the clock is
 * paused); `reopened` is a closed complaint the complainant sent back within the window.
 */
export const complaintStatuses = [
  'received',
  'incomplete',
  'verified',
  'classified',
  'assigned',
  'followed_up',
  'answered',
  'closed',
  'reopened',
] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];

/** What the answer concluded: the statistics count complaints by it. */
export const complaintOutcomes = ['substantiated', 'unsubstantiated', 'referred'] as const;
export type ComplaintOutcome = (typeof complaintOutcomes)[number];

/** How one clock of a complaint reads: running (ok, warning, breached), paused, or stopped in time (met) or late (missed). */
export const complaintClockStates = ['ok', 'warning', 'breached', 'paused', 'met', 'missed'] as const;
export type ComplaintClockState = (typeof complaintClockStates)[number];

/** The officer's steps on a complaint (complaints.policy says from which statuses). */
export const complaintStaffActions = ['verify', 'record_completion', 'classify', 'assign', 'follow_up', 'answer', 'close'] as const;
export type ComplaintStaffAction = (typeof complaintStaffActions)[number];

/** The complainant's own steps, opened by the tracking secret. */
export const complainantActions = ['complete', 'confirm', 'reopen'] as const;
export type ComplainantAction = (typeof complainantActions)[number];

/** Who took a step on the timeline; the complainant is never named. */
export const complaintActorTypes = ['staff', 'complainant', 'system', 'lapor'] as const;
export type ComplaintActorType = (typeof complaintActorTypes)[number];

/** Sigap's own web form: a channel every agency has, beside the channels its standard lists. */
export const webChannel = { code: 'web', kind: 'website' } as const;

/** `<AGENCY>-ADU-<YEAR>-<SEQ>`, e.g. KALTARA-PROV-ADU-2026-00001. */
export const complaintNumber = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9]+(-[A-Z0-9]+)*-ADU-\d{4}-\d{5,}$/, 'invalid_format.regex'));

// ---------------------------------------------------------------------------------------
// Required contents: the agency writes them as sentences; Sigap reads which fields they name.

/** The fields of a complaint that an agency's required contents can make mandatory. */
export const contentFields = [
  'complainant.name',
  'complainant.address',
  'complainant.contact',
  'description',
  'loss',
  'requestedResolution',
  'place',
  'signed',
] as const;
export type ContentField = (typeof contentFields)[number];

/**
 * Words that name each field, in Indonesian and English. A required-content sentence may name
 * several ("tempat, waktu penyampaian, dan tanda tangan pengadu": place and signature; the time
 * of filing is recorded by Sigap itself).
 */
const fieldWords: [ContentField, RegExp][] = [
  ['complainant.name', /\bnama\b|\bname\b/],
  ['complainant.address', /\balamat\b|\baddress\b/],
  ['complainant.contact', /telepon|\bponsel\b|\bhp\b|e-?mail|\bkontak\b|\bcontact\b|\bphone\b/],
  ['description', /tidak sesuai|uraian pelayanan|uraian masalah|permasalahan|pokok pengaduan|did not meet|not meet|description/],
  ['loss', /kerugian|\bloss\b|damage/],
  ['requestedResolution', /permintaan penyelesaian|penyelesaian yang (di)?(ajukan|minta)|tuntutan|resolution asked|requested resolution/],
  ['place', /\btempat\b|\bplace\b/],
  ['signed', /tanda tangan|ttd|signature|signed/],
];
/** Named by the agency but recorded by Sigap itself: they need nothing from the complainant. */
const automaticWords = /waktu penyampaian|tanggal penyampaian|time of filing|date of filing/;

export interface RequiredContents {
  /** Each field the agency requires, with the agency's sentence that requires it. */
  fields: { field: ContentField; requirement: string }[];
  /** Sentences naming no known field: each is answered in its own text box. */
  others: string[];
}

/** Reads an agency's required contents (standard `complaints.requiredContents`) into fields. */
export function readRequiredContents(requiredContents: readonly string[]): RequiredContents {
  const fields: RequiredContents['fields'] = [];
  const others: string[] = [];
  for (const sentence of requiredContents) {
    const lower = sentence.toLowerCase();
    const named = fieldWords.filter(([, re]) => re.test(lower)).map(([f]) => f);
    for (const field of named) if (!fields.some((f) => f.field === field)) fields.push({ field, requirement: sentence });
    if (named.length === 0 && !automaticWords.test(lower)) others.push(sentence);
  }
  return { fields, others };
}

// ---------------------------------------------------------------------------------------
// Inputs

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));
const isoDate = isoDateText;
const code = z.string().min(1).max(64).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'standard.code');

export const complainantInput = z.strictObject({
  name: optionalText(200),
  address: optionalText(500),
  email: z
    .string()
    .trim()
    .max(254)
    .optional()
    .transform((v) => (v ? v.toLowerCase() : undefined))
    .pipe(z.email().optional()),
  phone: optionalText(40),
});
export type ComplainantInput = z.infer<typeof complainantInput>;

const complaintFields = {
  serviceCode: code.optional(),
  /** The number of the request complained about, as the requester knows it. */
  requestNumber: optionalText(64),
  /** The local date the complainant received the service: the filing window counts from it. */
  serviceDate: isoDate.optional(),
  subject: text(200),
  description: text(10_000),
  loss: optionalText(5000),
  requestedResolution: optionalText(5000),
  place: optionalText(200),
  signed: z.boolean().default(false),
  otherContents: z.record(z.string().max(500), z.string().trim().max(5000)).default({}),
  complainant: complainantInput.prefault({}),
  anonymous: z.boolean().default(false),
  confidential: z.boolean().default(false),
};

/** A complaint filed by the complainant on Sigap's public form. */
export const fileComplaintInput = z.strictObject(complaintFields);
export type FileComplaintInput = z.infer<typeof fileComplaintInput>;

/** A complaint an officer records from a walk-in, a letter, an e-mail, a call, a chat or LAPOR!. */
export const intakeComplaintInput = z.strictObject({
  ...complaintFields,
  channel: code,
  /** When it reached the agency (a letter's date of receipt); default now. */
  receivedAt: z.iso.datetime({ offset: true }).optional(),
  laporTrackingId: optionalText(64),
});
export type IntakeComplaintInput = z.infer<typeof intakeComplaintInput>;

export const filedComplaint = z
  .object({
    number: z.string(),
    /** Shown once: with the number it opens the tracking page. */
    trackingSecret: z.string(),
    receivedAt: z.string(),
    status: z.enum(complaintStatuses),
    late: z.boolean(),
    fileBy: z.string().nullable(),
    responseDueAt: z.string().nullable(),
    resolutionDueAt: z.string().nullable(),
    hardDueAt: z.string(),
  })
  .meta({ id: 'FiledComplaint' });
export type FiledComplaint = z.infer<typeof filedComplaint>;

export const verifyInput = z.strictObject({
  complete: z.boolean(),
  /** What is missing, for the complainant: required when incomplete. */
  missing: optionalText(2000),
  note: optionalText(2000),
});
export const classifyInput = z.strictObject({ classCode: code.optional(), note: optionalText(2000) });
export const assignInput = z.strictObject({ assigneeId: z.uuid(), note: optionalText(2000) });
export const followUpInput = z.strictObject({ note: text(5000) });
export const answerInput = z.strictObject({ answer: text(10_000), outcome: z.enum(complaintOutcomes) });
export const closeInput = z.strictObject({ note: optionalText(2000) });
export const completionInput = z.strictObject({ text: text(10_000) });

/** What opens a complaint on the public tracking page: its number and the secret or the e-mail. */
export const trackingCredentials = z
  .strictObject({
    number: complaintNumber,
    secret: optionalText(100),
    email: z
      .string()
      .trim()
      .max(254)
      .optional()
      .transform((v) => (v ? v.toLowerCase() : undefined)),
  })
  .refine((c) => c.secret !== undefined || c.email !== undefined, { message: 'complaint.tracking', path: ['secret'] });
export type TrackingCredentials = z.infer<typeof trackingCredentials>;

/** The complainant's own steps need the secret: an e-mail address is too easy to know. */
const withSecret = { number: complaintNumber, secret: text(100) };
export const complainantCompletionInput = z.strictObject({ ...withSecret, text: text(10_000) });
export const complainantCloseInput = z.strictObject(withSecret);
export const complainantReopenInput = z.strictObject({ ...withSecret, reason: text(5000) });

export const listQuery = z.object({
  status: z.enum(complaintStatuses).optional(),
  classCode: code.optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListQuery = z.infer<typeof listQuery>;

export const exportQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export const statisticsQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

// ---------------------------------------------------------------------------------------
// Outputs

const localized = z.object({ id: z.string(), en: z.string() });
const limitView = z.object({ unit: z.string(), max: z.number(), min: z.number().nullable(), text: localized });

export const complaintForm = z
  .object({
    agency: z.object({ code: z.string(), name: z.string(), timeZone: z.string() }),
    channels: z.array(z.object({ code: z.string(), kind: z.string(), label: z.string(), value: z.string().nullable() })),
    services: z.array(z.object({ code: z.string(), name: z.string() })),
    requiredContents: z.array(z.string()),
    fields: z.array(z.object({ field: z.enum(contentFields), requirement: z.string() })),
    otherContents: z.array(z.string()),
    fileWithin: limitView.nullable(),
    responseLimit: limitView.nullable(),
    resolutionLimit: limitView.nullable(),
    classes: z.array(z.object({ code: z.string(), name: z.string(), limit: limitView })),
    /** Perpres 76/2013: resolved within 60 days. */
    hardLimitDays: z.number(),
    rulesText: z.string().nullable(),
  })
  .meta({ id: 'ComplaintForm' });
export type ComplaintForm = z.infer<typeof complaintForm>;

const clockView = z.object({
  dueAt: z.string().nullable(),
  state: z.enum(complaintClockStates),
  limit: limitView.nullable(),
  /** The complaint is judged by this clock: the standard's own resolution limit, else the national 60 days. */
  governs: z.boolean(),
  /** The rule it comes from: the class, the service's or agency's standard, or Perpres 76/2013. */
  rule: localized.nullable(),
});
export type ClockView = z.infer<typeof clockView>;

export const timelineEvent = z.object({
  at: z.string(),
  type: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  note: z.string().nullable(),
});
export const staffTimelineEvent = timelineEvent.extend({
  actorType: z.string(),
  actorLabel: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});

export const trackingView = z
  .object({
    number: z.string(),
    agency: z.object({ code: z.string(), name: z.string(), timeZone: z.string() }),
    status: z.enum(complaintStatuses),
    subject: z.string(),
    serviceCode: z.string().nullable(),
    receivedAt: z.string(),
    late: z.boolean(),
    className: z.string().nullable(),
    responseDueAt: z.string().nullable(),
    resolutionDueAt: z.string().nullable(),
    /** The rule the resolution target comes from (the class, the service's or agency's standard); null when none is stated. */
    resolutionRule: localized.nullable(),
    hardDueAt: z.string(),
    /** Perpres 76/2013's 60 days; the complaint is judged by it only when the standard states no resolution limit. */
    hardRule: localized,
    /** The standard's resolution limit runs past the national 60 days: both are shown, the standard's applies. */
    beyondNational: z.boolean(),
    /** An answered complaint closes then without the complainant's reply; null when not answered or the standard states no such time. */
    autoCloseAt: z.string().nullable(),
    /** The standard's "closes without reply after …"; null: it states none, and nothing closes by itself. */
    closeAfterNoReply: limitView.nullable(),
    paused: z.boolean(),
    missing: z.string().nullable(),
    answer: z.string().nullable(),
    outcome: z.enum(complaintOutcomes).nullable(),
    answeredAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    reopenUntil: z.string().nullable(),
    canComplete: z.boolean(),
    canConfirm: z.boolean(),
    canReopen: z.boolean(),
    timeline: z.array(timelineEvent),
  })
  .meta({ id: 'ComplaintTracking' });
export type TrackingView = z.infer<typeof trackingView>;

export const complaintListItem = z.object({
  number: z.string(),
  status: z.enum(complaintStatuses),
  subject: z.string(),
  serviceCode: z.string().nullable(),
  channel: z.string(),
  classCode: z.string().nullable(),
  receivedAt: z.string(),
  late: z.boolean(),
  anonymous: z.boolean(),
  confidential: z.boolean(),
  laporTrackingId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  resolutionDueAt: z.string().nullable(),
  hardDueAt: z.string(),
  overdue: z.boolean(),
});
export const complaintList = z
  .object({
    items: z.array(complaintListItem),
    total: z.number(),
    page: z.number(),
    pageSize: z.number(),
    /** The agency's IANA zone: its officers read the times in it, whatever zone their device is set to. */
    timeZone: z.string(),
  })
  .meta({ id: 'ComplaintList' });
export type ComplaintList = z.infer<typeof complaintList>;

export const complainantView = z.object({
  name: z.string().nullable(),
  address: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
});

export const complaintDetail = z
  .object({
    number: z.string(),
    status: z.enum(complaintStatuses),
    /** The agency's IANA zone: due times are the agency's working hours, shown in its zone. */
    timeZone: z.string(),
    standardVersion: z.number().nullable(),
    channel: z.object({ code: z.string(), kind: z.string(), label: z.string().nullable() }),
    serviceCode: z.string().nullable(),
    requestNumber: z.string().nullable(),
    laporTrackingId: z.string().nullable(),
    anonymous: z.boolean(),
    confidential: z.boolean(),
    /** Null when withheld (`identityWithheld`) or never given. */
    complainant: complainantView.nullable(),
    identityWithheld: z.boolean(),
    subject: z.string(),
    description: z.string(),
    loss: z.string().nullable(),
    requestedResolution: z.string().nullable(),
    place: z.string().nullable(),
    signed: z.boolean(),
    otherContents: z.record(z.string(), z.string()),
    additions: z.array(z.object({ at: z.string(), text: z.string() })),
    receivedAt: z.string(),
    serviceDate: z.string().nullable(),
    fileBy: z.string().nullable(),
    late: z.boolean(),
    classCode: z.string().nullable(),
    className: z.string().nullable(),
    assignee: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
    clocks: z.object({ response: clockView, resolution: clockView, hard: clockView }),
    paused: z.boolean(),
    answer: z.string().nullable(),
    outcome: z.enum(complaintOutcomes).nullable(),
    answeredAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    reopenUntil: z.string().nullable(),
    reopenCount: z.number(),
    autoCloseAt: z.string().nullable(),
    closeAfterNoReply: limitView.nullable(),
    /** The steps this complaint's status allows now. */
    actions: z.array(z.enum(complaintStaffActions)),
    classes: z.array(z.object({ code: z.string(), name: z.string(), limit: limitView })),
    timeline: z.array(staffTimelineEvent),
  })
  .meta({ id: 'ComplaintDetail' });
export type ComplaintDetail = z.infer<typeof complaintDetail>;

export const assigneeList = z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) }).meta({ id: 'ComplaintAssignees' });

export const complaintStatistics = z
  .object({
    agency: z.object({ code: z.string(), name: z.string() }),
    year: z.number(),
    total: z.number(),
    open: z.number(),
    lateFiled: z.number(),
    byClass: z.array(z.object({ classCode: z.string().nullable(), name: z.string().nullable(), count: z.number() })),
    byOutcome: z.array(z.object({ outcome: z.enum(complaintOutcomes), count: z.number() })),
    byStatus: z.array(z.object({ status: z.enum(complaintStatuses), count: z.number() })),
    /** Answered complaints and how many were answered by their due time (and within 60 days). */
    onTime: z.object({ answered: z.number(), onTime: z.number(), rate: z.number().nullable() }),
    /** Recently answered complaints that are not confidential: subject only, never who or the details. */
    recent: z.array(
      z.object({ number: z.string(), subject: z.string(), className: z.string().nullable(), outcome: z.enum(complaintOutcomes).nullable(), answeredAt: z.string() }),
    ),
  })
  .meta({ id: 'ComplaintStatistics' });
export type ComplaintStatistics = z.infer<typeof complaintStatistics>;

export const outcomeLabels: Record<ComplaintOutcome, Localized> = {
  substantiated: { id: 'Terbukti, ditindaklanjuti', en: 'Substantiated, acted upon' },
  unsubstantiated: { id: 'Tidak terbukti', en: 'Not substantiated' },
  referred: { id: 'Diteruskan ke pihak berwenang', en: 'Referred to the competent body' },
};
