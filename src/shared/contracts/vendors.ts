import { z } from 'zod';
import { nibSchema, nikSchema, normalizeNpwp, phoneSchema } from '../identifiers.js';
import type { Effect } from '../standard/effects.js';

/**
 * Vendors (penyedia barang/jasa) and their SPSE user accounts at each LPSE of the deployment.
 *
 * The company data (name, legal form, NPWP, NIB, address, the persons who act for it, its
 * documents) is shared by every agency of one deployment: one NPWP or NIB is one vendor. Each
 * agency keeps its own SPSE account of the vendor (user ID, e-mail of record, status) and sees
 * only its own account and its own requests. The account services of a standard (Aktivasi User
 * ID, Perubahan e-mail, …) change the registry through the named effects `vendor.*`.
 *
 * Three audiences, three URL families:
 *   /api/vendors/agencies/:agency/…   officers of an agency (search, the vendor's page, the desk)
 *   /api/portal/vendors/…             a signed-in person who acts for a vendor
 *   /api/public/vendors/…             the e-mail confirmation link (no account needed)
 */

// ---------------------------------------------------------------------------------------
// Closed lists, defined once (the tables take their check constraints from here)

/**
 * Legal forms of a vendor: business entities (PT, CV, Firma, Koperasi, Persekutuan Perdata,
 * usaha perorangan such as a UD) and a natural person (perseorangan) offering services alone.
 */
export const legalForms = ['pt', 'cv', 'firma', 'koperasi', 'persekutuan_perdata', 'usaha_perorangan', 'perseorangan'] as const;
export type LegalForm = (typeof legalForms)[number];

/** How each legal form is written before a company's name. */
export const legalFormLabels: Record<LegalForm, string> = {
  pt: 'PT',
  cv: 'CV',
  firma: 'Firma',
  koperasi: 'Koperasi',
  persekutuan_perdata: 'Persekutuan Perdata',
  usaha_perorangan: 'Usaha Perorangan',
  perseorangan: 'Perseorangan',
};

/** Who acts for the vendor: its director (direktur/direksi), its owner (pemilik), or someone with a power of attorney (kuasa). */
export const personRoles = ['direktur', 'pemilik', 'kuasa'] as const;
export type PersonRole = (typeof personRoles)[number];

/** The documents of a vendor's file, as the standards ask for them. */
export const documentKinds = [
  'akta_pendirian',
  'akta_perubahan',
  'nib',
  'npwp',
  'ktp',
  'izin_usaha',
  'tdp',
  'surat_kuasa',
  'lainnya',
] as const;
export type DocumentKind = (typeof documentKinds)[number];

/** The deed kinds that prove a change of legal form, with a new NIB. */
export const deedKinds: readonly DocumentKind[] = ['akta_pendirian', 'akta_perubahan'];

/** An SPSE user account at one LPSE: registered online and awaiting verification, active, or inactive. */
export const accountStatuses = ['awaiting_verification', 'active', 'inactive'] as const;
export type AccountStatus = (typeof accountStatuses)[number];

/**
 * A vendor's account service at an agency, as the vendor module follows it:
 * `prepared` by the vendor online, waiting to be filed at the counter (a walk-in service starts,
 * and its clock runs, only when the vendor is at the desk); `filed` as a request; `applied` when
 * the request's action ran the effect; `withdrawn` by the vendor before filing.
 */
export const vendorRequestStates = ['prepared', 'filed', 'applied', 'withdrawn'] as const;
export type VendorRequestState = (typeof vendorRequestStates)[number];

/** Agregasi Data Penyedia at LKPP: submitted by the agency's verifier, then LKPP's answer. */
export const aggregationStates = ['submitted', 'approved', 'rejected'] as const;
export type AggregationState = (typeof aggregationStates)[number];
export const aggregationOutcomes = ['approved', 'rejected'] as const;

/** The effects of the vendor module (`vendor.*` of the effects catalogue, which this list must match). */
export const vendorEffects = [
  'vendor.activate',
  'vendor.deactivate',
  'vendor.changeEmail',
  'vendor.changeLegalForm',
  'vendor.changeNpwp',
  'vendor.requestAggregation',
] as const satisfies readonly Effect[];
export type VendorEffect = (typeof vendorEffects)[number];

/** What an account service needs to know besides the vendor and its account, by effect. */
export const changeFields = ['email', 'npwp', 'legalForm', 'name', 'nib', 'reason'] as const;
export type ChangeField = (typeof changeFields)[number];

export const effectChangeFields: Record<VendorEffect, { required: readonly ChangeField[]; optional: readonly ChangeField[] }> = {
  'vendor.activate': { required: [], optional: [] },
  'vendor.deactivate': { required: ['reason'], optional: [] },
  'vendor.changeEmail': { required: ['email'], optional: [] },
  'vendor.changeLegalForm': { required: ['legalForm'], optional: ['name', 'nib'] },
  'vendor.changeNpwp': { required: ['npwp'], optional: [] },
  'vendor.requestAggregation': { required: [], optional: [] },
};

/** What the history of a vendor records a change of. `account.*` entries belong to one agency. */
export const historyFields = [
  'registered',
  'name',
  'legalForm',
  'npwp',
  'nib',
  'address',
  'email',
  'phone',
  'person.added',
  'person.removed',
  'document.added',
  'document.verified',
  'document.superseded',
  'account.registered',
  'account.status',
  'account.email',
  'account.userId',
  'account.aggregation',
] as const;
export type HistoryField = (typeof historyFields)[number];

export const searchKinds = ['any', 'npwp', 'nib', 'name', 'user_id', 'email'] as const;
export type SearchKind = (typeof searchKinds)[number];

export const exportFormats = ['csv', 'xlsx'] as const;

// ---------------------------------------------------------------------------------------
// Inputs

/** An SPSE user ID as LPSEs issue them. */
export const spseUserId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/, 'vendor.user_id_format');

/**
 * An NPWP checked as `npwpSchema` checks it (format, check digit), kept as written: its digits,
 * 15 (the old form) or 16. The registry keeps the form a vendor uses, so the move from 15 to 16
 * digits is a change it records; the server derives the normalised key from it.
 */
export const writtenNpwp = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const result = normalizeNpwp(value);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.problem, input: value });
      return z.NEVER;
    }
    return value.replace(/[\s.\-/]/g, '');
  });

const name = z.string().trim().min(1).max(300);
const email = z.email().max(254).transform((v) => v.toLowerCase());

export const personInput = z.strictObject({
  role: z.enum(personRoles),
  name: z.string().trim().min(1).max(200),
  nik: nikSchema,
  /** Their title in the company's deed: "Direktur Utama", "Pemilik", "Kuasa Direktur". */
  position: z.string().trim().min(1).max(200).optional(),
  email: email.optional(),
  phone: phoneSchema.optional(),
});
export type PersonInput = z.infer<typeof personInput>;

const companyFields = {
  name,
  legalForm: z.enum(legalForms),
  npwp: writtenNpwp,
  nib: nibSchema.optional(),
  address: z.string().trim().min(1).max(1000),
  email,
  phone: phoneSchema.optional(),
};

/** An officer registers a vendor at the counter (or from its papers). */
export const registerVendorInput = z.strictObject({
  ...companyFields,
  persons: z.array(personInput).min(1).max(20),
});
export type RegisterVendorInput = z.infer<typeof registerVendorInput>;

/** A signed-in person registers their company: they are one of its persons (`self`; name from their account). */
export const registerOwnVendorInput = z.strictObject({
  ...companyFields,
  self: personInput.omit({ name: true }),
  persons: z.array(personInput).max(20).default([]),
});
export type RegisterOwnVendorInput = z.infer<typeof registerOwnVendorInput>;

/**
 * Contact data, changed directly with history. Name, legal form and NPWP change through the
 * account services (their effects); a NIB may be added when none is recorded.
 */
export const updateVendorInput = z.strictObject({
  version: z.number().int().min(1),
  address: z.string().trim().min(1).max(1000).optional(),
  email: email.optional(),
  phone: phoneSchema.nullable().optional(),
  nib: nibSchema.optional(),
});
export type UpdateVendorInput = z.infer<typeof updateVendorInput>;

/** The fields of a document upload (multipart, sent before the file). */
export const documentFields = z.strictObject({
  kind: z.enum(documentKinds),
  title: z.string().trim().min(1).max(300).optional(),
  /** The deed, licence or card number. */
  number: z.string().trim().min(1).max(200).optional(),
  issuedOn: z.iso.date().optional(),
  /** For a KTP or a power of attorney: whose. */
  personId: z.uuid().optional(),
  /** This document replaces an older one (a new deed, a renewed licence). */
  replaces: z.uuid().optional(),
});
export type DocumentFields = z.infer<typeof documentFields>;

/** The verifier's mark on a document: the original was shown (or only the copy seen). */
export const verifyDocumentInput = z.strictObject({
  originalShown: z.boolean(),
  note: z.string().trim().max(2000).optional(),
});

export const registerAccountInput = z.strictObject({
  userId: spseUserId,
  email,
});
export type RegisterAccountInput = z.infer<typeof registerAccountInput>;

/** The vendor registers an account at one agency from the portal. */
export const registerOwnAccountInput = registerAccountInput.extend({ agency: z.string().min(2).max(64) });

/** What an account service changes, by effect (`effectChangeFields`). */
export const changeInput = z.strictObject({
  email: email.optional(),
  npwp: writtenNpwp.optional(),
  legalForm: z.enum(legalForms).optional(),
  name: name.optional(),
  nib: nibSchema.optional(),
  reason: z.string().trim().min(1).max(2000).optional(),
});
export type ChangeInput = z.infer<typeof changeInput>;

const documentChoice = z.strictObject({
  /** The requirement of the service's checklist this document answers. */
  requirementCode: z.string().min(1).max(64),
  documentId: z.uuid(),
});

/**
 * Start an account service for a vendor, prefilled from the registry. For activation a vendor
 * without an account at the agency registers it in the same step (`account`).
 */
export const startServiceInput = z.strictObject({
  service: z.string().min(1).max(64),
  change: changeInput.default({}),
  documents: z.array(documentChoice).max(50).default([]),
  account: registerAccountInput.optional(),
  /** The officer's channel (walk-in, letter…); the portal takes the service's online channel. */
  channel: z.string().min(1).max(64).optional(),
  /** The requester's phone, if the registry has none for them. */
  phone: phoneSchema.optional(),
});
export type StartServiceInput = z.infer<typeof startServiceInput>;

export const startOwnServiceInput = startServiceInput.omit({ channel: true }).extend({ agency: z.string().min(2).max(64) });
export type StartOwnServiceInput = z.infer<typeof startOwnServiceInput>;

/** The desk files a prepared service when the vendor comes to the counter. */
export const fileApplicationInput = z.strictObject({ channel: z.string().min(1).max(64).optional() });

/** The desk links a request filed without the registry to its vendor (and records what it changes). */
export const linkRequestInput = z.strictObject({
  vendorId: z.uuid(),
  change: changeInput.default({}),
  documents: z.array(documentChoice).max(50).default([]),
});

/** LKPP's answer to an Agregasi Data Penyedia, recorded by the verifier. */
export const aggregationResultInput = z.strictObject({
  outcome: z.enum(aggregationOutcomes),
  /** LKPP's own reference for the answer, if it gave one. */
  reference: z.string().trim().min(1).max(200).optional(),
  note: z.string().trim().max(2000).optional(),
});

export const confirmEmailInput = z.strictObject({ token: z.string().min(20).max(200) });

/**
 * The page of the web app the e-mail change link opens: `<publicUrl><path>#token=<token>`. It
 * sends the token to POST /api/public/vendors/email-confirmations (the token never reaches a
 * server log in a URL).
 */
export const emailConfirmationPath = '/penyedia/konfirmasi-email';

export const searchQuery = z.object({
  q: z.string().trim().max(300).optional(),
  /** What `q` is; `any` guesses from its shape (digits: NPWP or NIB, `@`: e-mail, else name or user ID). */
  by: z.enum(searchKinds).default('any'),
  /** Only vendors with an account at this agency. */
  withAccount: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** Opaque cursor from the previous page. */
  after: z.string().max(200).optional(),
});
export type SearchQuery = z.infer<typeof searchQuery>;

export const importQuery = z.object({ dryRun: z.enum(['true', 'false']).default('false') });
export const exportQuery = z.object({ format: z.enum(exportFormats).default('csv') });

/**
 * The columns of an import file and of the export (the same, so an export imports back
 * unchanged). A CSV has them in its first row (comma or semicolon separated, UTF-8); an XLSX in
 * the first row of its first sheet. Required: npwp, nama, bentuk_usaha, alamat, email.
 */
export const importColumns = [
  'npwp',
  'nib',
  'nama',
  'bentuk_usaha',
  'alamat',
  'email',
  'telepon',
  'penanggung_jawab_nama',
  'penanggung_jawab_nik',
  'penanggung_jawab_peran',
  'penanggung_jawab_jabatan',
  'user_id',
  'email_akun',
  'status_akun',
] as const;
export const requiredImportColumns = ['npwp', 'nama', 'bentuk_usaha', 'alamat', 'email'] as const;
/** `status_akun` as written in a file. */
export const importAccountStatuses: Record<string, AccountStatus> = {
  menunggu_verifikasi: 'awaiting_verification',
  aktif: 'active',
  nonaktif: 'inactive',
};

// ---------------------------------------------------------------------------------------
// Views

const actorRef = z.string().nullable();

export const personView = z.object({
  id: z.string(),
  role: z.enum(personRoles),
  name: z.string(),
  nik: z.string(),
  position: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  /** Whether the person signs in to Sigap and acts for the vendor there. */
  signsIn: z.boolean(),
});
export type PersonView = z.infer<typeof personView>;

export const verificationView = z.object({
  originalShown: z.boolean(),
  at: z.string(),
  by: actorRef,
  /** The agency whose officer checked it. */
  agency: z.string().nullable(),
  note: z.string().nullable(),
});

export const documentView = z
  .object({
    id: z.string(),
    kind: z.enum(documentKinds),
    title: z.string().nullable(),
    number: z.string().nullable(),
    issuedOn: z.string().nullable(),
    personId: z.string().nullable(),
    fileName: z.string(),
    mimeType: z.string(),
    size: z.number(),
    sha256: z.string(),
    uploadedAt: z.string(),
    uploadedBy: actorRef,
    /** Replaced by a newer document; kept in the file, no longer current. */
    supersededAt: z.string().nullable(),
    verification: verificationView.nullable(),
  })
  .meta({ id: 'VendorDocument' });
export type DocumentView = z.infer<typeof documentView>;

export const emailChangeView = z.object({
  id: z.string(),
  email: z.string(),
  requestedAt: z.string(),
  expiresAt: z.string(),
  requestNumber: z.string().nullable(),
});

export const aggregationView = z.object({
  id: z.string(),
  agency: z.string(),
  state: z.enum(aggregationStates),
  submittedAt: z.string(),
  submittedBy: actorRef,
  /** The reference of the hand-over to LKPP. */
  lkppReference: z.string().nullable(),
  requestNumber: z.string().nullable(),
  result: z
    .object({ outcome: z.enum(aggregationOutcomes), at: z.string(), by: actorRef, reference: z.string().nullable(), note: z.string().nullable() })
    .nullable(),
});
export type AggregationView = z.infer<typeof aggregationView>;

export const accountView = z
  .object({
    id: z.string(),
    agency: z.object({ code: z.string(), name: z.string() }),
    userId: z.string(),
    email: z.string(),
    status: z.enum(accountStatuses),
    registeredAt: z.string(),
    activatedAt: z.string().nullable(),
    activatedBy: actorRef,
    activatedRequest: z.string().nullable(),
    deactivatedAt: z.string().nullable(),
    deactivatedBy: actorRef,
    deactivatedRequest: z.string().nullable(),
    deactivationReason: z.string().nullable(),
    /** An e-mail change waiting for the link sent to the new address. */
    pendingEmail: emailChangeView.nullable(),
    version: z.number(),
  })
  .meta({ id: 'VendorAccount' });
export type AccountView = z.infer<typeof accountView>;

export const historyEntryView = z.object({
  seq: z.number(),
  occurredAt: z.string(),
  field: z.enum(historyFields),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  actor: actorRef,
  /** The agency where it was done; null for the vendor's own changes and imports of no agency. */
  agency: z.string().nullable(),
  /** The request that did it; null when none, or when it is another agency's request. */
  requestNumber: z.string().nullable(),
});
export type HistoryEntryView = z.infer<typeof historyEntryView>;

/** What a service changes, as recorded (the NPWP normalised to its digits). */
export const changeView = z.object({
  email: z.string().optional(),
  npwp: z.string().optional(),
  legalForm: z.enum(legalForms).optional(),
  name: z.string().optional(),
  nib: z.string().optional(),
  reason: z.string().optional(),
});

export const vendorRequestView = z
  .object({
    id: z.string(),
    agency: z.string(),
    service: z.object({ code: z.string(), name: z.string() }),
    effect: z.enum(vendorEffects).nullable(),
    state: z.enum(vendorRequestStates),
    /** Said at the counter to find a prepared service. */
    reference: z.string(),
    change: changeView,
    documents: z.array(z.object({ requirementCode: z.string(), documentId: z.string() })),
    requestNumber: z.string().nullable(),
    preparedBy: actorRef,
    onBehalf: z.boolean(),
    createdAt: z.string(),
    filedAt: z.string().nullable(),
    appliedAt: z.string().nullable(),
  })
  .meta({ id: 'VendorRequest' });
export type VendorRequestView = z.infer<typeof vendorRequestView>;

export const receiptView = z.object({
  id: z.string(),
  agency: z.string(),
  kind: z.literal('activation'),
  requestNumber: z.string(),
  createdAt: z.string(),
});

const vendorCore = {
  id: z.string(),
  name: z.string(),
  legalForm: z.enum(legalForms),
  /** As written (15 or 16 digits), formatted `01.312.166.0-091.000` for the old form. */
  npwp: z.string(),
  nib: z.string().nullable(),
  address: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
};

export const vendorSummary = z
  .object({
    ...vendorCore,
    /** The account at the agency searching (staff) — null when it has none. */
    account: z.object({ userId: z.string(), email: z.string(), status: z.enum(accountStatuses) }).nullable(),
  })
  .meta({ id: 'VendorSummary' });
export type VendorSummary = z.infer<typeof vendorSummary>;

export const vendorPage = z.object({ items: z.array(vendorSummary), next: z.string().nullable() }).meta({ id: 'VendorPage' });
export type VendorPage = z.infer<typeof vendorPage>;

/**
 * One vendor. For an agency's officers: the shared company data, that agency's account, its
 * requests, aggregations and receipts, and the history without other agencies' requests. For the
 * vendor's own people: every account and everything of theirs.
 */
export const vendorView = z
  .object({
    ...vendorCore,
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
    persons: z.array(personView),
    documents: z.array(documentView),
    accounts: z.array(accountView),
    requests: z.array(vendorRequestView),
    aggregations: z.array(aggregationView),
    receipts: z.array(receiptView),
    history: z.array(historyEntryView),
  })
  .meta({ id: 'Vendor' });
export type VendorView = z.infer<typeof vendorView>;

export const myVendorsList = z.object({ items: z.array(vendorSummary.omit({ account: true })) });

/** An account service of an agency's standard, as offered to one vendor, prefilled from the registry. */
export const serviceOffer = z.object({
  agency: z.object({ code: z.string(), name: z.string() }),
  code: z.string(),
  name: z.string(),
  product: z.string(),
  effect: z.enum(vendorEffects),
  /** Filed at once (an online channel) or prepared for the counter (walk-in only). */
  online: z.boolean(),
  channels: z.array(z.object({ code: z.string(), kind: z.string(), label: z.string() })),
  changeFields: z.object({ required: z.array(z.enum(changeFields)), optional: z.array(z.enum(changeFields)) }),
  requirements: z.array(
    z.object({
      code: z.string(),
      label: z.string(),
      kind: z.string(),
      required: z.boolean(),
      note: z.string().nullable(),
      /** The document this vendor gave for the same requirement last time (upload once, reuse). */
      suggestedDocumentId: z.string().nullable(),
    }),
  ),
  /** Whether it can be started now; else the rule that stops it (no account, account inactive…). */
  available: z.boolean(),
  unavailable: z.object({ rule: z.string(), message: z.string() }).nullable(),
  /** The request as it will be filed. */
  prefill: z.object({
    title: z.string(),
    requester: z.object({ name: z.string(), nik: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() }),
    organisation: z.object({ name: z.string(), npwp: z.string(), nib: z.string().nullable() }),
    change: z.object({ email: z.string().nullable(), npwp: z.string(), legalForm: z.enum(legalForms), name: z.string(), nib: z.string().nullable() }),
  }),
});
export type ServiceOffer = z.infer<typeof serviceOffer>;
export const serviceOfferList = z.object({ items: z.array(serviceOffer) });

/** What starting (or filing) a service gave: the prepared service, and the request once filed. */
export const startServiceResult = z
  .object({
    request: vendorRequestView,
    /** Present once filed: the number, tracking link and clocks, as intake answers. */
    receipt: z
      .object({
        number: z.string(),
        trackingSecret: z.string(),
        trackingUrl: z.string(),
        status: z.string(),
        currentStep: z.string(),
        receivedAt: z.string(),
        responseDueAt: z.string().nullable(),
        resolutionDueAt: z.string().nullable(),
        priority: z.boolean(),
      })
      .nullable(),
  })
  .meta({ id: 'VendorServiceStarted' });
export type StartServiceResult = z.infer<typeof startServiceResult>;

export const applicationQuery = z.object({
  /** The six characters the vendor says at the counter. */
  reference: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{6}$/, 'invalid_format.regex')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const applicationList = z.object({
  items: z.array(vendorRequestView.extend({ vendor: z.object({ id: z.string(), name: z.string(), legalForm: z.enum(legalForms), npwp: z.string() }) })),
});

/** The vendor of a request, for the request's page: who, which account, what the service will change. */
export const requestVendorView = z.object({
  vendor: vendorSummary,
  /** Null when the request is not linked yet and its vendor was found by the request's NPWP. */
  request: vendorRequestView.nullable(),
});

export const importRowProblem = z.object({ row: z.number(), field: z.string(), rule: z.string(), message: z.string() });
export const importReport = z
  .object({
    dryRun: z.boolean(),
    rows: z.number(),
    created: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    /** Row problems: a dry run lists them; a real import with any is refused (400) and stores nothing. */
    errors: z.array(importRowProblem),
  })
  .meta({ id: 'VendorImportReport' });
export type ImportReport = z.infer<typeof importReport>;

export const emailConfirmed = z.object({ email: z.string(), agency: z.string(), userId: z.string() });
