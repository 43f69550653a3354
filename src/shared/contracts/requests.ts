import { z } from 'zod';
import { nibSchema, nikSchema, npwpSchema, phoneSchema } from '../identifiers.js';
import { requesterTypes, timeUnits } from '../standard/schema.js';

/**
 * Service requests (permohonan): intake by staff, portal, the public and integrations; the
 * officers' work; the requester's tracking. Web forms and the server share these schemas.
 */

// ---------------------------------------------------------------------------------------
// The closed lists of a request, defined once: the tables (text columns with a check), the
// server and the web read them from here. Channel kinds, requester types and step outcomes are
// the standard's own lists (`standard/schema.ts`).

/** Where a request is in its workflow, as the queues and the requester see it. */
export const requestStatuses = ['open', 'waiting', 'confirming', 'closed'] as const;
export type RequestStatus = (typeof requestStatuses)[number];

/** How it came in: staff (walk-in, call, letter on someone's behalf), portal, public (no account), api. */
export const requestSources = ['staff', 'portal', 'public', 'api'] as const;
export type RequestSource = (typeof requestSources)[number];

/** The mark the sweeper keeps on a request: only ever moves up. */
export const clockStates = ['ok', 'warning', 'breached'] as const;
export type ClockStateName = (typeof clockStates)[number];

/** The two clocks of the charter, time to the first response and time to the product, and a timeline stage's own. */
export const clockKinds = ['response', 'resolution', 'stage'] as const;
export type ClockKind = (typeof clockKinds)[number];

/** One clock as read at an instant. */
/** `handed_over`: at a tier of another agency or system whose limit the standard does not state; the agency's clock stands. */
export const clockViewStates = ['running', 'paused', 'handed_over', 'met', 'late', 'not_started'] as const;
export type ClockViewState = (typeof clockViewStates)[number];

export const checklistStates = ['pending', 'received', 'original_shown', 'missing'] as const;
export type ChecklistState = (typeof checklistStates)[number];

/** `public`: the requester sees it; `internal`: among officers only. */
export const eventVisibilities = ['public', 'internal'] as const;
export type EventVisibility = (typeof eventVisibilities)[number];

/** What an entry of the timeline records. */
export const requestEventKinds = [
  'filed',
  'action',
  'auto_closed',
  'assigned',
  'reassigned',
  'claimed',
  'checklist',
  'note',
  'reply',
  'attachment',
  'clock_warning',
  'clock_breached',
] as const;
export type RequestEventKind = (typeof requestEventKinds)[number];

/** What an escalation leads to: a role of this agency, another agency here, an external system. */
export const escalationTargets = ['role', 'agency', 'system'] as const;

const stepCode = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'standard.code');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'standard.date');

export const requestNumber = z
  .string()
  .min(8)
  .max(90)
  .regex(/^[A-Z0-9]+(-[A-Z0-9]+)*-\d{4}-\d{5,}$/, 'invalid_format.regex');

export const requesterTypeSchema = z.enum(requesterTypes);

export const requesterInput = z.strictObject({
  type: requesterTypeSchema,
  name: z.string().trim().min(1).max(200),
  nik: nikSchema.optional(),
  phone: phoneSchema.optional(),
  email: z.email().max(254).optional(),
});

export const organisationInput = z.strictObject({
  name: z.string().trim().min(1).max(300).optional(),
  npwp: npwpSchema.optional(),
  nib: nibSchema.optional(),
  /** The government unit (OPD) of a government requester. */
  governmentUnit: z.string().trim().min(1).max(300).optional(),
});

export const intakeInput = z.strictObject({
  service: stepCode,
  channel: stepCode,
  title: z.string().trim().min(1).max(300),
  description: z.string().trim().max(10_000).optional(),
  requester: requesterInput,
  organisation: organisationInput.optional(),
  /** Values of the service's `form_field` requirements, by requirement code. */
  fields: z.record(z.string(), z.string().trim().max(4000)).default({}),
  /** Codes of the `statement` requirements the requester affirms. */
  statements: z.array(stepCode).max(50).default([]),
  /** The date of the visit or event, for services with lead-time rules (agency's local date). */
  eventDate: isoDate.optional(),
  /** The timeline variant (selection method) whose stage limits apply, for services whose timeline has variants. */
  variant: stepCode.optional(),
});
export type IntakeInput = z.infer<typeof intakeInput>;

export const limitView = z.object({
  unit: z.enum(timeUnits),
  max: z.number(),
  min: z.number().nullable(),
});

/** Where a limit comes from in the agency's standard (`standards.limits.ts`). */
export const limitRuleKinds = ['channel', 'tier', 'stage', 'component'] as const;
export const limitRuleView = z.object({
  kind: z.enum(limitRuleKinds),
  code: z.string(),
  /** The channel's, tier's or stage's name as the standard writes it. */
  name: z.string(),
  /** The standard's own words about the limit; null when it has none. */
  text: z.string().nullable(),
});

export const clockView = z.object({
  kind: z.enum(clockKinds),
  limit: limitView,
  rule: limitRuleView,
  dueAt: z.string().nullable(),
  /** Business time left (negative once late), in minutes; null when not running. */
  remainingMinutes: z.number().nullable(),
  state: z.enum(clockViewStates),
  breached: z.boolean(),
});

export const intakeReceipt = z
  .object({
    number: z.string(),
    /** Shown once: with the number it lets the requester follow and answer without an account. */
    trackingSecret: z.string(),
    trackingUrl: z.string(),
    status: z.string(),
    currentStep: z.string(),
    receivedAt: z.string(),
    responseDueAt: z.string().nullable(),
    resolutionDueAt: z.string().nullable(),
    priority: z.boolean(),
  })
  .meta({ id: 'RequestIntakeReceipt' });
export type IntakeReceipt = z.infer<typeof intakeReceipt>;

export const checklistStateSchema = z.enum(checklistStates);

export const checklistItemView = z.object({
  code: z.string(),
  label: z.string(),
  kind: z.string(),
  required: z.boolean(),
  state: checklistStateSchema,
  value: z.string().nullable(),
  note: z.string().nullable(),
  markedBy: z.string().nullable(),
  markedAt: z.string().nullable(),
});

export const eventView = z.object({
  seq: z.number(),
  occurredAt: z.string(),
  kind: z.string(),
  actor: z.string().nullable(),
  action: z.string().nullable(),
  fromStep: z.string().nullable(),
  toStep: z.string().nullable(),
  comment: z.string().nullable(),
  visibility: z.enum(eventVisibilities),
  data: z.record(z.string(), z.unknown()).nullable(),
});

export const attachmentView = z.object({
  id: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number(),
  sha256: z.string(),
  confidential: z.boolean(),
  requirementCode: z.string().nullable(),
  uploadedAt: z.string(),
});

export const allowedActionView = z.object({
  code: z.string(),
  label: z.string(),
  to: z.string(),
  pausesClock: z.boolean(),
  escalates: z.string().nullable(),
  /** What the escalation leads to: another agency on this deployment or an external system. */
  /** `name` is the tier's name in the standard ("Helpdesk Eproc LKPP"), what the officer reads. */
  escalatesTo: z.object({ kind: z.enum(escalationTargets), code: z.string(), name: z.string() }).nullable(),
  effects: z.array(z.string()),
  /** A product (answer or document) must be given: the action delivers the result. */
  needsProduct: z.boolean(),
});

const requestCommon = {
  number: z.string(),
  agency: z.string(),
  service: z.object({ code: z.string(), name: z.string() }),
  standardVersion: z.number(),
  channel: z.object({ code: z.string(), kind: z.string(), label: z.string() }),
  title: z.string(),
  description: z.string().nullable(),
  status: z.enum(requestStatuses),
  outcome: z.string().nullable(),
  /** `roleName`: the role's name in the agency's standard ("Helpdesk LPSE"), the code where it has none. */
  step: z.object({ code: z.string(), name: z.string(), role: z.string().nullable(), roleName: z.string().nullable() }),
  tier: z.object({ code: z.string(), name: z.string() }).nullable(),
  handlingAgency: z.string(),
  external: z.object({ system: z.string(), reference: z.string() }).nullable(),
  priority: z.boolean(),
  version: z.number(),
  receivedAt: z.string(),
  clocks: z.array(clockView),
  /**
   * The rule the request's time limit comes from now: `stated: false` where the standard states
   * none (no deadline, never late); `handedOver` while an escalation tier of another agency or
   * system that states no limit has it ("at LKPP, no limit stated"), with its reference.
   */
  timeLimit: z.object({
    rule: limitRuleView,
    stated: z.boolean(),
    handedOver: z.object({ agency: z.string().nullable(), system: z.string().nullable(), reference: z.string().nullable() }).nullable(),
    /** Stages reached whose limit is not stated (limited per variant, the variant not chosen): no deadline. */
    stagesNotStated: z.array(limitRuleView),
  }),
  clockState: z.enum(clockStates),
  /** When a limit was breached: the compensation in the standard's own words; null where the standard promises none. */
  compensation: z.string().nullable(),
  autoCloseAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  product: z.object({ text: z.string().nullable(), attachmentId: z.string().nullable() }).nullable(),
  checklist: z.array(checklistItemView),
  events: z.array(eventView),
  attachments: z.array(attachmentView),
  allowedActions: z.array(allowedActionView),
};

export const requestView = z
  .object({
    ...requestCommon,
    requester: z.object({
      type: requesterTypeSchema,
      name: z.string(),
      nik: z.string().nullable(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
    }),
    organisation: z.object({
      name: z.string().nullable(),
      npwp: z.string().nullable(),
      nib: z.string().nullable(),
      governmentUnit: z.string().nullable(),
    }),
    eventDate: z.string().nullable(),
    source: z.string(),
    assigneeId: z.string().nullable(),
  })
  .meta({ id: 'RequestView' });
export type RequestView = z.infer<typeof requestView>;

/** What the requester sees: public events only, no NIK, no internal notes. */
export const publicRequestView = z
  .object({
    ...requestCommon,
    requesterName: z.string(),
  })
  .meta({ id: 'PublicRequestView' });
export type PublicRequestView = z.infer<typeof publicRequestView>;

export const actionInput = z.strictObject({
  action: stepCode,
  /** The version the actor saw: a stale one gets 409. */
  version: z.number().int().min(1),
  comment: z.string().trim().max(10_000).optional(),
  /** The product delivered with a resolving action. */
  product: z
    .strictObject({
      text: z.string().trim().min(1).max(20_000).optional(),
      attachmentId: z.uuid().optional(),
    })
    .optional(),
  /** For an escalation to an external system: its ticket number there. */
  externalReference: z.string().trim().min(1).max(200).optional(),
});
export type ActionInput = z.infer<typeof actionInput>;

export const requesterActionInput = actionInput.extend({
  /** The secret of the tracking link. */
  secret: z.string().min(10).max(200),
});

export const assignInput = z.strictObject({
  assigneeId: z.uuid().nullable(),
  version: z.number().int().min(1),
});

export const claimInput = z.strictObject({ version: z.number().int().min(1) });

export const checklistInput = z.strictObject({
  items: z
    .array(
      z.strictObject({
        code: stepCode,
        state: checklistStateSchema,
        note: z.string().trim().max(2000).optional(),
      }),
    )
    .min(1)
    .max(100),
});

export const noteInput = z.strictObject({
  body: z.string().trim().min(1).max(10_000),
  /** `public`: a reply the requester sees; `internal`: a note among officers. */
  visibility: z.enum(eventVisibilities).default('internal'),
});

export const trackInput = z
  .strictObject({
    number: requestNumber,
    email: z.email().max(254).optional(),
    phone: phoneSchema.optional(),
    secret: z.string().min(10).max(200).optional(),
  })
  .refine((v) => v.email !== undefined || v.phone !== undefined || v.secret !== undefined, {
    message: 'request.contact_required',
    path: ['email'],
  });

export const queueViews = ['mine', 'role', 'near_breach', 'breached', 'unassigned', 'all'] as const;
/** The statuses a queue holds: closed requests leave every queue. */
export const queueStatuses = ['open', 'waiting', 'confirming'] as const;
/**
 * What narrows every queue and its counts: a search (number, requester, company, NPWP or the
 * request's text) and the service, channel, status, clock state and officer.
 */
export const queueFilters = z.object({
  q: z.string().trim().max(200).optional(),
  service: z.string().trim().min(1).max(100).optional(),
  channel: z.string().trim().min(1).max(100).optional(),
  status: z.enum(queueStatuses).optional(),
  clock: z.enum(clockStates).optional(),
  officer: z.uuid().optional(),
});
export type QueueFilters = z.infer<typeof queueFilters>;
export const queueQuery = queueFilters.extend({
  view: z.enum(queueViews).default('role'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Opaque cursor from the previous page. */
  after: z.string().max(200).optional(),
});
/** How many requests each queue holds under the same filters. */
export const queueCounts = z.object(Object.fromEntries(queueViews.map((v) => [v, z.number().int()])) as Record<(typeof queueViews)[number], z.ZodNumber>).meta({ id: 'RequestQueueCounts' });
export type QueueCounts = z.infer<typeof queueCounts>;

export const queueItem = z.object({
  number: z.string(),
  agency: z.string(),
  title: z.string(),
  service: z.string(),
  step: z.string(),
  role: z.string().nullable(),
  status: z.string(),
  assigneeId: z.string().nullable(),
  priority: z.boolean(),
  clockState: z.enum(clockStates),
  dueAt: z.string().nullable(),
  receivedAt: z.string(),
  requesterName: z.string(),
  escalated: z.boolean(),
});
export const queuePage = z.object({ items: z.array(queueItem), next: z.string().nullable() }).meta({ id: 'RequestQueuePage' });

export const myRequestsPage = z.object({
  items: z.array(
    z.object({
      number: z.string(),
      agency: z.string(),
      title: z.string(),
      service: z.string(),
      status: z.string(),
      step: z.string(),
      receivedAt: z.string(),
      clockState: z.enum(clockStates),
    }),
  ),
});

export const cannedReplyInput = z.strictObject({
  service: stepCode.nullable().default(null),
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(10_000),
});
export const cannedReplyView = z.object({ id: z.string(), service: z.string().nullable(), title: z.string(), body: z.string() });
export const cannedReplyList = z.object({ items: z.array(cannedReplyView) });

export const requestSettingsView = z.object({ autoCloseWorkingDays: z.number().int() });
export const requestSettingsInput = z.strictObject({ autoCloseWorkingDays: z.number().int().min(1).max(60) });

export const sweepResult = z.object({ claimed: z.number(), warned: z.number(), breached: z.number(), autoClosed: z.number() });
export type SweepResult = z.infer<typeof sweepResult>;
