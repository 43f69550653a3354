import { z } from 'zod';
import { agencyCode, agencyLevel } from '../contracts/agencies.js';
import { weeklyHours } from '../contracts/hours.js';
import { administratorRole, isPermission } from '../permissions.js';
import { isEffect } from './effects.js';

/**
 * The service standard (Standar Pelayanan) of one agency, as data.
 *
 * `standards/<agency-code>/agency.yaml` holds the agency (decree, charter, complaint rules,
 * hours, roles) and `standards/<agency-code>/services/<service-code>.yaml` one service each:
 * the 14 components of PermenPANRB 15/2014 as the agency wrote them, and beside that text
 * the machine-readable parts the engine runs (channels with time limits, checklist,
 * workflow, products, lead-time rules, timeline, fee).
 *
 * Every message is a rule key of `src/shared/i18n/rules.ts`, so a mistake reads the same in
 * the CLI, the API and the web form, in Indonesian or English. Objects are strict: a
 * misspelt key is an error, not silently ignored data.
 */

type Ctx = z.RefinementCtx;
type Path = (string | number)[];

/** Adds a custom issue; `extra` values fill the rule's `{placeholders}` (e.g. `{value}`). */
function issue(ctx: Ctx, message: string, path: Path, extra?: Record<string, unknown>): void {
  ctx.addIssue({ ...extra, code: 'custom', message, path });
}

/** Reports every repeated `code` in a list, at the repeated item's own code. */
function checkUniqueCodes(ctx: Ctx, items: readonly { code: string }[], path: Path): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.code)) issue(ctx, 'standard.code_duplicate', [...path, i, 'code'], { value: item.code });
    seen.add(item.code);
  });
}

// ---------------------------------------------------------------------------------------
// Building blocks

/** Codes of steps, channels, roles…: lower-case words joined by hyphens, e.g. `walk-in`. */
export const code = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'standard.code');

const text = z.string().trim().min(1);

/** A calendar date, YYYY-MM-DD. Quote-free in YAML: the `yaml` core schema keeps it a string. */
export const isoDate = z.string().refine((s) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}, 'standard.date');

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    // Intl also accepts offsets like "+07:00"; the calendar needs a named IANA zone.
    return value.includes('/') || value === 'UTC';
  } catch {
    return false;
  }
}

/** Units a time limit is counted in; the calendar module turns them into due times. */
export const timeUnits = ['minutes', 'hours', 'working_days', 'calendar_days'] as const;
export type TimeUnit = (typeof timeUnits)[number];

/**
 * A time limit as a standard states it: `{ amount: 3, unit: working_days }`, or a range when
 * the standard gives one ("30 s.d 60 menit" → `{ amount: [30, 60], unit: minutes }`); the
 * upper end is the limit, the lower end is what the requester may expect.
 */
export const timeLimit = z
  .strictObject({
    amount: z.union([z.number().positive('standard.limit_positive'), z.tuple([z.number(), z.number()])], {
      error: 'standard.limit_amount',
    }),
    unit: z.enum(timeUnits),
  })
  .superRefine((limit, ctx) => {
    const values = Array.isArray(limit.amount) ? limit.amount : [limit.amount];
    if (Array.isArray(limit.amount)) {
      const [lo, hi] = limit.amount;
      if (!(lo > 0)) issue(ctx, 'standard.limit_positive', ['amount', 0]);
      if (!(lo < hi)) issue(ctx, 'standard.limit_range_order', ['amount']);
    }
    // The calendar counts whole units; "1,5 jam" is written as 90 minutes.
    if (values.some((v) => !Number.isInteger(v))) issue(ctx, 'standard.limit_whole', ['amount']);
  });
export type TimeLimit = z.infer<typeof timeLimit>;

/** The binding end of a limit: the amount, or the upper end of a range. */
export function limitAmount(limit: TimeLimit): number {
  return Array.isArray(limit.amount) ? limit.amount[1] : limit.amount;
}

/** Marks a component the source document does not state, so the gap is visible, not hidden. */
export const notStated = z.strictObject({
  notStated: z.literal(true),
  /** Why, or what the source says instead (e.g. "disebut dalam Maklumat Pelayanan"). */
  note: text.optional(),
});

/** The text of one of the 14 components, as written, or the not-stated marker. */
export const componentText = z.union([z.string().trim().min(1, 'standard.component_empty'), notStated], {
  error: (iss) => (iss.input === undefined ? 'standard.component_missing' : 'standard.component_form'),
});
export type ComponentText = z.infer<typeof componentText>;

export function isNotStated(value: ComponentText): value is z.infer<typeof notStated> {
  return typeof value === 'object';
}

const official = z.strictObject({
  /** Position as it is signed ("Kepala Biro Pengadaan Barang dan Jasa"). */
  position: text,
  name: text.optional(),
  /** NIP, when the document prints it. */
  nip: z.string().regex(/^\d{18}$/, 'standard.nip').optional(),
});

// ---------------------------------------------------------------------------------------
// agency.yaml

export const contactKinds = ['phone', 'whatsapp', 'email', 'website', 'fax', 'social', 'other'] as const;
const contact = z.strictObject({
  kind: z.enum(contactKinds),
  value: text,
  label: text.optional(),
});

const office = z.strictObject({
  code,
  name: text,
  address: text,
  contacts: z.array(contact).default([]),
});

export const complaintChannelKinds = [
  'walk_in',
  'letter',
  'email',
  'phone',
  'whatsapp',
  'website',
  'application',
  'suggestion_box',
  'sp4n_lapor',
  'other',
] as const;

const complaintChannel = z.strictObject({
  code,
  kind: z.enum(complaintChannelKinds),
  label: text,
  /** Number, address, URL or addressee, as the standard prints it. */
  value: text.optional(),
});

const complaintClass = z.strictObject({
  code,
  name: text,
  limit: timeLimit,
});

const complaintRules = z.strictObject({
  channels: z.array(complaintChannel).min(1),
  /** How long after the service a complaint may still be filed (Banjarmasin: 30 days). */
  fileWithin: timeLimit.optional(),
  /** What a written complaint must contain. */
  requiredContents: z.array(text).default([]),
  /** Time to the first answer (tanggapan: complete or not, accepted or not). */
  responseLimit: timeLimit.optional(),
  /** Time to the follow-up (tindak lanjut / penyelesaian). */
  resolutionLimit: timeLimit.optional(),
  /** Classes with their own limits (Kalimantan Utara: ringan 3 jam … 60 hari kerja). */
  classes: z.array(complaintClass).default([]),
  /**
   * An answered complaint closes by itself when the complainant has not replied for this long
   * (as SP4N-LAPOR! closes a report after 10 working days). Absent: the standard states none, and
   * an answered complaint stays open until the complainant confirms or an officer closes it.
   */
  closeAfterNoReply: timeLimit.optional(),
  /** The rules as the agency words them, when they say more than the fields above. */
  text: text.optional(),
});

export const compensationKinds = ['priority_next_service', 'apology', 'other'] as const;
const compensation = z.strictObject({
  /** `priority_next_service`: a late request gives its requester priority next time. */
  kind: z.enum(compensationKinds),
  text,
});

const maklumat = z.strictObject({
  text,
  signatory: official,
  /**
   * `stated`: the agency's own published text. `default`: the source publishes none, so the
   * text is Sigap's proposal (LKPP's wording plus the agency's own promises) for the agency to
   * adopt; pages and PDFs say so.
   */
  origin: z.enum(['stated', 'default']).default('stated'),
});

/**
 * The kind of legal instrument that enacts the standard: a Keputusan (decision of the head of
 * the unit or region, the usual form) or a Peraturan (regulation, e.g. Banjarmasin's Peraturan
 * Walikota Nomor 67 Tahun 2018). The annex is headed "LAMPIRAN <INSTRUMENT> <ISSUER>".
 */
export const decreeInstruments = ['keputusan', 'peraturan'] as const;
export type DecreeInstrument = (typeof decreeInstruments)[number];

const decree = z.strictObject({
  /**
   * Absent means `keputusan`. Optional rather than defaulted, so that documents written (and
   * stored, and hashed) before the field existed stay byte-for-byte what they were: read it
   * through `decreeInstrument()`.
   */
  instrument: z.enum(decreeInstruments).optional(),
  /**
   * Whose instrument it is, as the heading names it ("Walikota Banjarmasin"); absent, the
   * signatory's position. Needed when the two differ (e.g. a deputy signs for the head).
   */
  issuer: text.optional(),
  /** Nomor. Absent when the source document does not state it: pages and PDFs say "tidak disebut". */
  number: text.optional(),
  title: text.optional(),
  /** Ditetapkan pada tanggal. Absent when the source document does not state it. */
  date: isoDate.optional(),
  /**
   * The date from which Sigap judges requests by this version (a request is pinned to the
   * version in force on the local date it was filed). Always required: it is Sigap's
   * application date. It equals the decree's "berlaku sejak" when the source states one; when
   * the source states no date, the YAML comment says how it was chosen. Never before `date`.
   */
  effectiveFrom: isoDate,
  place: text.optional(),
  signatory: official,
});

export type Decree = z.infer<typeof decree>;

/** The decree's instrument, `keputusan` when the file does not say. */
export function decreeInstrument(d: Pick<Decree, 'instrument'>): DecreeInstrument {
  return d.instrument ?? 'keputusan';
}

const hoursProfile = z.strictObject({
  code,
  name: text,
  from: isoDate,
  to: isoDate,
  hours: weeklyHours,
});

const role = z.strictObject({
  code,
  name: text,
  description: text,
  permissions: z.array(z.string().refine(isPermission, 'standard.permission_unknown')).default([]),
});

const externalSystem = z.strictObject({
  code,
  name: text,
  url: z.url().optional(),
  /** The agency that runs it, e.g. `lkpp` for LPSE Support. */
  operator: agencyCode.optional(),
});

const securityPolicy = z.strictObject({
  text,
  passwordMinLength: z.number().int().min(8).optional(),
  /** Upper case, lower case, digit and punctuation all required. */
  passwordAllClasses: z.boolean().optional(),
  totpRequired: z.boolean().optional(),
});

const policy = z.strictObject({ code, title: text, text });

/** The role a step names when the requester, not an officer, acts (confirming, answering). */
export const requesterRole = 'requester';

export const agencyStandard = z
  .strictObject({
    code: agencyCode,
    name: text,
    shortName: text.optional(),
    level: agencyLevel,
    /** The government it belongs to, e.g. "Pemerintah Provinsi Kalimantan Selatan". */
    government: text.optional(),
    /** The agency a matter escalates to; checked against the other agencies when a whole tree loads. */
    parentAgency: agencyCode.optional(),
    address: text,
    offices: z.array(office).default([]),
    contacts: z.array(contact).default([]),
    timeZone: z.string().refine(isTimeZone, 'standard.time_zone'),
    decree,
    maklumat,
    complaints: complaintRules,
    compensation: compensation.optional(),
    /** Weekly hours in the agency's time zone, in the format of `contracts/hours.ts`. */
    serviceHours: weeklyHours,
    /** Hours that replace `serviceHours` between two dates, e.g. Ramadan. */
    serviceHourProfiles: z.array(hoursProfile).default([]),
    roles: z.array(role).min(1),
    externalSystems: z.array(externalSystem).default([]),
    securityPolicy: securityPolicy.optional(),
    policies: z.array(policy).default([]),
    /** Service codes in the order the standard numbers them; each has `services/<code>.yaml`. */
    services: z.array(code).min(1),
  })
  .superRefine((agency, ctx) => {
    checkUniqueCodes(ctx, agency.offices, ['offices']);
    checkUniqueCodes(ctx, agency.roles, ['roles']);
    checkUniqueCodes(ctx, agency.externalSystems, ['externalSystems']);
    checkUniqueCodes(ctx, agency.policies, ['policies']);
    checkUniqueCodes(ctx, agency.complaints.channels, ['complaints', 'channels']);
    checkUniqueCodes(ctx, agency.complaints.classes, ['complaints', 'classes']);
    checkUniqueCodes(ctx, agency.serviceHourProfiles, ['serviceHourProfiles']);
    agency.services.forEach((c, i) => {
      if (agency.services.indexOf(c) !== i) issue(ctx, 'standard.code_duplicate', ['services', i], { value: c });
    });
    agency.roles.forEach((r, i) => {
      if (r.code === requesterRole || r.code === administratorRole.code) {
        issue(ctx, 'standard.role_reserved', ['roles', i, 'code'], { value: r.code });
      }
    });
    if (agency.parentAgency === agency.code) issue(ctx, 'standard.parent_self', ['parentAgency']);
    const validDate = (d: string) => isoDate.safeParse(d).success;
    const { date, effectiveFrom } = agency.decree;
    if (date !== undefined && validDate(date) && validDate(effectiveFrom) && effectiveFrom < date) {
      issue(ctx, 'standard.date_order', ['decree', 'effectiveFrom']);
    }
    const profiles = agency.serviceHourProfiles;
    profiles.forEach((p, i) => {
      if (!validDate(p.from) || !validDate(p.to)) return;
      if (p.to < p.from) issue(ctx, 'standard.date_order', ['serviceHourProfiles', i, 'to']);
      for (let j = 0; j < i; j++) {
        const q = profiles[j]!;
        if (!validDate(q.from) || !validDate(q.to)) continue;
        if (p.from <= q.to && q.from <= p.to) {
          issue(ctx, 'standard.profile_overlap', ['serviceHourProfiles', i, 'from'], { other: q.code });
        }
      }
    });
  });
export type AgencyStandard = z.infer<typeof agencyStandard>;

// ---------------------------------------------------------------------------------------
// services/<code>.yaml

export const requesterTypes = ['vendor', 'government', 'public'] as const;
export type RequesterType = (typeof requesterTypes)[number];

export const channelKinds = [
  'walk_in',
  'website',
  'call_centre',
  'letter',
  'email',
  'chat',
  'application',
] as const;
export type ChannelKind = (typeof channelKinds)[number];

const channel = z.strictObject({
  code,
  kind: z.enum(channelKinds),
  /** As the standard calls it: "Tatap Muka", "Call center", "LPSE Support". */
  label: text,
  /** Where to reach it: number, address, e-mail, URL. */
  value: text.optional(),
  /** Jangka waktu penyelesaian on this channel. */
  timeLimit: timeLimit.optional(),
  /** Waktu tanggap: time to the first answer, when the standard gives one apart. */
  responseLimit: timeLimit.optional(),
  /** The step the request enters at; the workflow's first step when absent. */
  startStep: code.optional(),
  /** The step whose arrival starts the clock ("5 hari kerja setelah surat diterima Staf"). */
  clockStartsAt: code.optional(),
  /**
   * The step whose arrival stops the clock: the agency's work ends there, and what follows is
   * not counted (an audience or bimtek: the schedule agreed, the wait until the date is not
   * the agency's time).
   */
  clockStopsAt: code.optional(),
  /** Hours of this channel when they differ from the agency's ("09.00-15.00 WITA"). */
  hours: weeklyHours.optional(),
  /**
   * The standard names a time limit on this channel but gives no figure: the standard's own
   * words, quoted. Such a channel has no deadline and never breaches; pages say "not stated".
   */
  limitNotStated: text.optional(),
  /** The standard's own words about this limit, when they qualify it. */
  note: text.optional(),
});

export const requirementKinds = ['document', 'original', 'form_field', 'statement'] as const;
const requirement = z.strictObject({
  code,
  label: text,
  /**
   * `document`: uploaded or handed over as a copy; `original`: shown at the desk and handed
   * back; `form_field`: a value the requester types; `statement`: a declaration they affirm.
   */
  kind: z.enum(requirementKinds),
  required: z.boolean().default(true),
  /** Channel codes it applies to; every channel when absent. */
  channels: z.array(code).optional(),
  /** Requester types it applies to; every type the service accepts when absent. */
  requesterTypes: z.array(z.enum(requesterTypes)).optional(),
  note: text.optional(),
});

const tier = z
  .strictObject({
    code,
    name: text,
    /** Exactly one handler: an agency role, another agency, or an external system. */
    role: code.optional(),
    agency: agencyCode.optional(),
    system: code.optional(),
    /**
     * Time this tier has, when the standard gives one (Klungkung: 2 days at the LPSE), counted
     * from the start of the request's clock: the whole completion time at this tier. A tier
     * of another agency or system without one stops the agency's clock at the hand-over.
     */
    timeLimit: timeLimit.optional(),
    /** The standard's own words about this tier's limit, or about its having none. */
    note: text.optional(),
  })
  .superRefine((t, ctx) => {
    const handlers = [t.role, t.agency, t.system].filter((h) => h !== undefined).length;
    if (handlers !== 1) issue(ctx, 'standard.tier_handler', []);
  });

const action = z.strictObject({
  code,
  label: text,
  /** The step this action leads to. */
  to: code,
  /** The clock stops while the request waits in `to` (feedback asked of the requester). */
  pausesClock: z.boolean().default(false),
  /** The tier the request is escalated to by this action. */
  escalates: code.optional(),
  /** Named effects on other records, from `effects.ts`. */
  effects: z.array(z.string().refine(isEffect, 'standard.effect_unknown')).default([]),
});

/** `redirected`: sent to another channel (the call centre points to the website or the desk). */
export const stepOutcomes = ['completed', 'rejected', 'withdrawn', 'redirected'] as const;
const step = z.strictObject({
  code,
  name: text,
  /** The agency role that acts here, or `requester`. Final steps need none. */
  role: code.optional(),
  /** The escalation tier the request is at while in this step. */
  tier: code.optional(),
  final: z.boolean().default(false),
  /** For a final step: how the request ended. */
  outcome: z.enum(stepOutcomes).optional(),
  actions: z.array(action).default([]),
});

const workflow = z.strictObject({
  tiers: z.array(tier).default([]),
  steps: z.array(step).min(1),
});

const product = z.strictObject({
  code,
  name: text,
  kind: z.enum(['document', 'answer', 'account', 'facility', 'event']).optional(),
});

const leadTimeRule = z.strictObject({
  code,
  label: text,
  /** The event the request must precede: "kunjungan", "kegiatan". */
  before: text,
  minimum: timeLimit,
  channels: z.array(code).optional(),
});

const timelineVariant = z.strictObject({ code, name: text });
const timelineStage = z.strictObject({
  code,
  name: text,
  /** One limit for every variant… */
  limit: timeLimit.optional(),
  /** …or one per variant (tender 30, seleksi 50, tender cepat 10 calendar days). */
  limitsByVariant: z.record(z.string(), timeLimit).optional(),
  /**
   * Workflow steps this stage covers: its clock starts on arrival at the first of them and
   * stops on leaving the last of them for a step outside the stage.
   */
  steps: z.array(code).default([]),
  /** The standard's own words about this stage's limit. */
  note: text.optional(),
});
const timeline = z.strictObject({
  /** Alternatives the requester or officer picks, e.g. selection methods. */
  variants: z.array(timelineVariant).default([]),
  stages: z.array(timelineStage).min(1),
});

const fee = z.strictObject({
  /** Rupiah; 0 is free (gratis), as almost every standard says. Absent when `notStated`. */
  amount: z.number().min(0).optional(),
  /**
   * The document states no fee (NTT's policy): Sigap shows "tidak dinyatakan / not stated",
   * never "free" nor a price; `note` says where the document is silent.
   */
  notStated: z.literal(true).optional(),
  note: text.optional(),
});

/** The fee in rupiah (0: free), or null where the standard states none. */
export function feeAmount(service: Pick<ServiceStandard, 'fee'>): number | null {
  return service.fee.notStated ? null : (service.fee.amount ?? 0);
}

const deliveryComponents = z.strictObject({
  requirements: componentText,
  procedure: componentText,
  timeLimit: componentText,
  fee: componentText,
  product: componentText,
  complaintHandling: componentText,
});
const managementComponents = z.strictObject({
  legalBasis: componentText,
  facilities: componentText,
  staffCompetence: componentText,
  internalSupervision: componentText,
  staffCount: componentText,
  serviceGuarantee: componentText,
  securityGuarantee: componentText,
  performanceEvaluation: componentText,
});

/** The 14 components in their official order, with the names the annex tables use. */
export const componentNames = {
  delivery: {
    requirements: { id: 'Persyaratan', en: 'Requirements' },
    procedure: { id: 'Sistem, Mekanisme dan Prosedur', en: 'System, mechanism and procedure' },
    timeLimit: { id: 'Jangka Waktu Penyelesaian', en: 'Time limit' },
    fee: { id: 'Biaya/Tarif', en: 'Fee' },
    product: { id: 'Produk Pelayanan', en: 'Product' },
    complaintHandling: { id: 'Penanganan Pengaduan, Saran dan Masukan', en: 'Complaints, suggestions and feedback' },
  },
  management: {
    legalBasis: { id: 'Dasar Hukum', en: 'Legal basis' },
    facilities: { id: 'Sarana, Prasarana dan/atau Fasilitas', en: 'Facilities' },
    staffCompetence: { id: 'Kompetensi Pelaksana', en: 'Staff competence' },
    internalSupervision: { id: 'Pengawasan Internal', en: 'Internal supervision' },
    staffCount: { id: 'Jumlah Pelaksana', en: 'Number of staff' },
    serviceGuarantee: { id: 'Jaminan Pelayanan', en: 'Service guarantee' },
    securityGuarantee: { id: 'Jaminan Keamanan dan Keselamatan Pelayanan', en: 'Security and safety guarantee' },
    performanceEvaluation: { id: 'Evaluasi Kinerja Pelaksana', en: 'Performance evaluation' },
  },
} as const;

const serviceComplaints = z.strictObject({
  /** Codes of the agency's complaint channels this service names; all when absent. */
  channels: z.array(code).optional(),
  responseLimit: timeLimit.optional(),
  resolutionLimit: timeLimit.optional(),
});

/** What a service file may refer to in its agency.yaml. */
export interface AgencyRefs {
  roles: readonly string[];
  complaintChannels: readonly string[];
  externalSystems: readonly string[];
}

export function agencyRefsOf(agency: AgencyStandard): AgencyRefs {
  return {
    roles: agency.roles.map((r) => r.code),
    complaintChannels: agency.complaints.channels.map((c) => c.code),
    externalSystems: agency.externalSystems.map((s) => s.code),
  };
}

const serviceShape = z.strictObject({
  code,
  name: text,
  description: text,
  requesterTypes: z.array(z.enum(requesterTypes)).min(1),
  components: z.strictObject({ delivery: deliveryComponents, management: managementComponents }),
  channels: z.array(channel).min(1),
  requirements: z.array(requirement).default([]),
  workflow,
  products: z.array(product).min(1),
  leadTimeRules: z.array(leadTimeRule).default([]),
  timeline: timeline.optional(),
  fee: fee.default({ amount: 0 }),
  complaints: serviceComplaints.optional(),
  /**
   * Where the document lists no services (NTT's policy lists the LPSE's tasks), the task this
   * service is derived from, in the document's words; pages and PDFs label the service as
   * derived from the agency's tasks.
   */
  derivedFrom: text.optional(),
});
export type ServiceStandard = z.infer<typeof serviceShape>;

/**
 * The schema of a service file. With the agency's refs it also checks that roles, complaint
 * channels and systems the service names exist in agency.yaml.
 */
export function serviceStandardSchema(refs?: AgencyRefs) {
  return serviceShape.superRefine((service, ctx) => checkService(service, ctx, refs));
}
export const serviceStandard = serviceStandardSchema();

function checkService(s: ServiceStandard, ctx: Ctx, refs: AgencyRefs | undefined): void {
  const { steps, tiers } = s.workflow;
  checkUniqueCodes(ctx, s.channels, ['channels']);
  checkUniqueCodes(ctx, s.requirements, ['requirements']);
  checkUniqueCodes(ctx, steps, ['workflow', 'steps']);
  checkUniqueCodes(ctx, tiers, ['workflow', 'tiers']);
  checkUniqueCodes(ctx, s.products, ['products']);
  checkUniqueCodes(ctx, s.leadTimeRules, ['leadTimeRules']);
  if ((s.fee.notStated === true) === (s.fee.amount !== undefined)) issue(ctx, 'standard.fee_form', ['fee']);
  s.requesterTypes.forEach((t, i) => {
    if (s.requesterTypes.indexOf(t) !== i) issue(ctx, 'standard.code_duplicate', ['requesterTypes', i], { value: t });
  });

  const stepCodes = new Set(steps.map((st) => st.code));
  const tierCodes = new Set(tiers.map((t) => t.code));
  const channelCodes = new Set(s.channels.map((c) => c.code));
  const knownRole = (r: string) => r === requesterRole || !refs || refs.roles.includes(r);

  s.channels.forEach((c, i) => {
    if (c.startStep !== undefined && !stepCodes.has(c.startStep)) {
      issue(ctx, 'standard.step_unknown', ['channels', i, 'startStep'], { value: c.startStep });
    }
    if (c.clockStartsAt !== undefined && !stepCodes.has(c.clockStartsAt)) {
      issue(ctx, 'standard.step_unknown', ['channels', i, 'clockStartsAt'], { value: c.clockStartsAt });
    }
    if (c.clockStopsAt !== undefined && !stepCodes.has(c.clockStopsAt)) {
      issue(ctx, 'standard.step_unknown', ['channels', i, 'clockStopsAt'], { value: c.clockStopsAt });
    }
    if (c.timeLimit === undefined && c.responseLimit === undefined && c.limitNotStated === undefined) {
      issue(ctx, 'standard.channel_no_limit', ['channels', i]);
    }
    if (c.limitNotStated !== undefined && c.timeLimit !== undefined) {
      issue(ctx, 'standard.limit_not_stated_conflict', ['channels', i, 'limitNotStated']);
    }
  });

  s.requirements.forEach((r, i) => {
    r.channels?.forEach((c, j) => {
      if (!channelCodes.has(c)) issue(ctx, 'standard.channel_unknown', ['requirements', i, 'channels', j], { value: c });
    });
    r.requesterTypes?.forEach((t, j) => {
      if (!s.requesterTypes.includes(t)) {
        issue(ctx, 'standard.requester_type_unused', ['requirements', i, 'requesterTypes', j], { value: t });
      }
    });
  });

  s.leadTimeRules.forEach((r, i) => {
    r.channels?.forEach((c, j) => {
      if (!channelCodes.has(c)) issue(ctx, 'standard.channel_unknown', ['leadTimeRules', i, 'channels', j], { value: c });
    });
  });

  tiers.forEach((t, i) => {
    if (t.role !== undefined && !knownRole(t.role)) {
      issue(ctx, 'standard.role_unknown', ['workflow', 'tiers', i, 'role'], { value: t.role });
    }
    if (t.system !== undefined && refs && !refs.externalSystems.includes(t.system)) {
      issue(ctx, 'standard.system_unknown', ['workflow', 'tiers', i, 'system'], { value: t.system });
    }
  });

  let finals = 0;
  steps.forEach((st, i) => {
    const at: Path = ['workflow', 'steps', i];
    if (st.role !== undefined && !knownRole(st.role)) issue(ctx, 'standard.role_unknown', [...at, 'role'], { value: st.role });
    if (st.tier !== undefined && !tierCodes.has(st.tier)) issue(ctx, 'standard.tier_unknown', [...at, 'tier'], { value: st.tier });
    if (st.final) {
      finals++;
      if (st.actions.length > 0) issue(ctx, 'standard.final_step_actions', [...at, 'actions']);
    } else {
      if (st.role === undefined) issue(ctx, 'standard.step_role_missing', [...at, 'role']);
      if (st.actions.length === 0) issue(ctx, 'standard.step_dead_end', [...at, 'actions']);
      if (st.outcome !== undefined) issue(ctx, 'standard.outcome_not_final', [...at, 'outcome']);
    }
    checkUniqueCodes(ctx, st.actions, [...at, 'actions']);
    st.actions.forEach((a, j) => {
      const ap: Path = [...at, 'actions', j];
      if (!stepCodes.has(a.to)) issue(ctx, 'standard.step_unknown', [...ap, 'to'], { value: a.to });
      if (a.escalates !== undefined && !tierCodes.has(a.escalates)) {
        issue(ctx, 'standard.tier_unknown', [...ap, 'escalates'], { value: a.escalates });
      }
    });
  });
  if (finals === 0) issue(ctx, 'standard.no_final_step', ['workflow', 'steps']);

  // Every step must be reachable from some channel's entry, or it is dead text in the graph.
  const entries = new Set(s.channels.map((c) => c.startStep ?? steps[0]!.code));
  const reached = new Set<string>();
  const queue = [...entries].filter((e) => stepCodes.has(e));
  while (queue.length > 0) {
    const current = queue.pop()!;
    if (reached.has(current)) continue;
    reached.add(current);
    for (const a of steps.find((st) => st.code === current)?.actions ?? []) {
      if (stepCodes.has(a.to) && !reached.has(a.to)) queue.push(a.to);
    }
  }
  steps.forEach((st, i) => {
    if (!reached.has(st.code)) {
      issue(ctx, 'standard.step_unreachable', ['workflow', 'steps', i, 'code'], { value: st.code });
    }
  });

  if (s.timeline) {
    const variants = s.timeline.variants.map((v) => v.code);
    checkUniqueCodes(ctx, s.timeline.variants, ['timeline', 'variants']);
    checkUniqueCodes(ctx, s.timeline.stages, ['timeline', 'stages']);
    s.timeline.stages.forEach((stage, i) => {
      const at: Path = ['timeline', 'stages', i];
      if ((stage.limit === undefined) === (stage.limitsByVariant === undefined)) {
        issue(ctx, 'standard.stage_limit', at);
      }
      if (stage.limitsByVariant) {
        for (const v of Object.keys(stage.limitsByVariant)) {
          if (!variants.includes(v)) issue(ctx, 'standard.variant_unknown', [...at, 'limitsByVariant', v], { value: v });
        }
        for (const v of variants) {
          if (!(v in stage.limitsByVariant)) issue(ctx, 'standard.variant_missing', [...at, 'limitsByVariant'], { value: v });
        }
      }
      stage.steps.forEach((c, j) => {
        if (!stepCodes.has(c)) issue(ctx, 'standard.step_unknown', [...at, 'steps', j], { value: c });
        if (s.timeline!.stages.some((other, k) => k < i && other.steps.includes(c))) {
          issue(ctx, 'standard.stage_step_shared', [...at, 'steps', j], { value: c });
        }
      });
    });
  }

  s.complaints?.channels?.forEach((c, i) => {
    if (refs && !refs.complaintChannels.includes(c)) {
      issue(ctx, 'standard.complaint_channel_unknown', ['complaints', 'channels', i], { value: c });
    }
  });
}
