import { z } from 'zod';
import type { Localized } from '../i18n/languages.js';

/**
 * The satisfaction survey (Survei Kepuasan Masyarakat, SKM) of PermenPANRB 14/2017: nine
 * elements (unsur) answered 1–4, a respondent profile and a suggestion. Results per element are
 * the NRR (nilai rata-rata); the index is the IKM (indeks kepuasan masyarakat).
 */

export interface SkmElement {
  code: SkmElementCode;
  /** The element's name as the regulation lists it. */
  name: Localized;
  /** The question of the regulation's example questionnaire. */
  question: Localized;
  /** The four answers, from 1 (worst) to 4 (best), as the questionnaire words them (a–d). */
  answers: readonly [Localized, Localized, Localized, Localized];
}

export const skmElementCodes = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'] as const;
export type SkmElementCode = (typeof skmElementCodes)[number];

const suitable = [
  { id: 'Tidak sesuai', en: 'Not suitable' },
  { id: 'Kurang sesuai', en: 'Hardly suitable' },
  { id: 'Sesuai', en: 'Suitable' },
  { id: 'Sangat sesuai', en: 'Very suitable' },
] as const;

/** The nine elements in the order of the regulation (Lampiran, II.C) and its questionnaire. */
export const skmElements: readonly SkmElement[] = [
  {
    code: 'U1',
    name: { id: 'Persyaratan', en: 'Requirements' },
    question: {
      id: 'Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?',
      en: 'How well do the requirements of the service suit the kind of service?',
    },
    answers: suitable,
  },
  {
    code: 'U2',
    name: { id: 'Sistem, Mekanisme dan Prosedur', en: 'Systems, mechanisms and procedures' },
    question: {
      id: 'Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?',
      en: 'How easy did you find the service procedure of this unit?',
    },
    answers: [
      { id: 'Tidak mudah', en: 'Not easy' },
      { id: 'Kurang mudah', en: 'Hardly easy' },
      { id: 'Mudah', en: 'Easy' },
      { id: 'Sangat mudah', en: 'Very easy' },
    ],
  },
  {
    code: 'U3',
    name: { id: 'Waktu Penyelesaian', en: 'Completion time' },
    question: {
      id: 'Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?',
      en: 'How fast was the service delivered?',
    },
    answers: [
      { id: 'Tidak cepat', en: 'Not fast' },
      { id: 'Kurang cepat', en: 'Hardly fast' },
      { id: 'Cepat', en: 'Fast' },
      { id: 'Sangat cepat', en: 'Very fast' },
    ],
  },
  {
    code: 'U4',
    name: { id: 'Biaya/Tarif', en: 'Fee/tariff' },
    question: {
      id: 'Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?',
      en: 'How fair was the fee/tariff of the service?',
    },
    answers: [
      { id: 'Sangat mahal', en: 'Very expensive' },
      { id: 'Cukup mahal', en: 'Rather expensive' },
      { id: 'Murah', en: 'Cheap' },
      { id: 'Gratis', en: 'Free' },
    ],
  },
  {
    code: 'U5',
    name: { id: 'Produk Spesifikasi Jenis Pelayanan', en: 'Product specification of the service' },
    question: {
      id: 'Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?',
      en: 'How well did the product you received match the one stated in the service standard?',
    },
    answers: suitable,
  },
  {
    code: 'U6',
    name: { id: 'Kompetensi Pelaksana', en: 'Competence of the officers' },
    question: {
      id: 'Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?',
      en: 'How competent/capable were the officers who served you?',
    },
    answers: [
      { id: 'Tidak kompeten', en: 'Not competent' },
      { id: 'Kurang kompeten', en: 'Hardly competent' },
      { id: 'Kompeten', en: 'Competent' },
      { id: 'Sangat kompeten', en: 'Very competent' },
    ],
  },
  {
    code: 'U7',
    name: { id: 'Perilaku Pelaksana', en: 'Conduct of the officers' },
    question: {
      id: 'Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?',
      en: 'How polite and friendly were the officers who served you?',
    },
    answers: [
      { id: 'Tidak sopan dan ramah', en: 'Not polite and friendly' },
      { id: 'Kurang sopan dan ramah', en: 'Hardly polite and friendly' },
      { id: 'Sopan dan ramah', en: 'Polite and friendly' },
      { id: 'Sangat sopan dan ramah', en: 'Very polite and friendly' },
    ],
  },
  {
    code: 'U8',
    name: { id: 'Sarana dan Prasarana', en: 'Facilities and infrastructure' },
    question: {
      id: 'Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?',
      en: 'How good are the facilities and infrastructure?',
    },
    answers: [
      { id: 'Buruk', en: 'Poor' },
      { id: 'Cukup', en: 'Fair' },
      { id: 'Baik', en: 'Good' },
      { id: 'Sangat baik', en: 'Very good' },
    ],
  },
  {
    code: 'U9',
    name: { id: 'Penanganan Pengaduan, Saran dan Masukan', en: 'Handling of complaints, suggestions and feedback' },
    question: {
      id: 'Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?',
      en: "How are service users' complaints handled?",
    },
    answers: [
      { id: 'Tidak ada', en: 'There is none' },
      { id: 'Ada tetapi tidak berfungsi', en: 'It exists but does not work' },
      { id: 'Berfungsi kurang maksimal', en: 'It works, but not fully' },
      { id: 'Dikelola dengan baik', en: 'It is well managed' },
    ],
  },
];

// ---- respondent profile ----------------------------------------------------------------------

export const sexes = ['male', 'female'] as const;
export const ageBands = ['under_20', '20_29', '30_39', '40_49', '50_59', '60_plus'] as const;
export const educations = ['sd', 'smp', 'sma', 'diploma', 's1', 's2', 's3'] as const;
/** The questionnaire's occupations, plus penyedia (vendors), most of a procurement unit's users. */
export const occupations = ['pns', 'tni', 'polri', 'swasta', 'wirausaha', 'penyedia', 'lainnya'] as const;
export type Sex = (typeof sexes)[number];
export type AgeBand = (typeof ageBands)[number];
export type Education = (typeof educations)[number];
export type Occupation = (typeof occupations)[number];

export const profileLabels = {
  sex: { male: { id: 'Laki-laki', en: 'Male' }, female: { id: 'Perempuan', en: 'Female' } },
  ageBand: {
    under_20: { id: '< 20 tahun', en: 'under 20' },
    '20_29': { id: '20–29 tahun', en: '20–29' },
    '30_39': { id: '30–39 tahun', en: '30–39' },
    '40_49': { id: '40–49 tahun', en: '40–49' },
    '50_59': { id: '50–59 tahun', en: '50–59' },
    '60_plus': { id: '≥ 60 tahun', en: '60 and over' },
  },
  education: {
    sd: { id: 'SD', en: 'Primary school' },
    smp: { id: 'SMP', en: 'Junior high school' },
    sma: { id: 'SMA/SMK', en: 'Senior high school' },
    diploma: { id: 'D1–D3', en: 'Diploma (D1–D3)' },
    s1: { id: 'D4/S1', en: "Bachelor's (D4/S1)" },
    s2: { id: 'S2', en: "Master's (S2)" },
    s3: { id: 'S3', en: 'Doctorate (S3)' },
  },
  occupation: {
    pns: { id: 'PNS', en: 'Civil servant (PNS)' },
    tni: { id: 'TNI', en: 'Armed forces (TNI)' },
    polri: { id: 'POLRI', en: 'Police (POLRI)' },
    swasta: { id: 'Pegawai swasta', en: 'Private employee' },
    wirausaha: { id: 'Wirausaha', en: 'Entrepreneur' },
    penyedia: { id: 'Penyedia barang/jasa', en: 'Vendor (penyedia)' },
    lainnya: { id: 'Lainnya', en: 'Other' },
  },
} as const satisfies Record<string, Record<string, Localized>>;

export const notStatedLabel: Localized = { id: 'Tidak mengisi', en: 'Not stated' };

/** The band an age in whole years falls in. */
export function ageBandOf(age: number): AgeBand {
  if (age < 20) return 'under_20';
  if (age < 30) return '20_29';
  if (age < 40) return '30_39';
  if (age < 50) return '40_49';
  if (age < 60) return '50_59';
  return '60_plus';
}

export const respondentProfile = z
  .object({
    sex: z.enum(sexes).nullable().default(null),
    ageBand: z.enum(ageBands).nullable().default(null),
    education: z.enum(educations).nullable().default(null),
    occupation: z.enum(occupations).nullable().default(null),
  })
  .meta({ id: 'SkmRespondentProfile' });
export type RespondentProfile = z.infer<typeof respondentProfile>;

// ---- grades and weights ----------------------------------------------------------------------

export const skmGrades = ['A', 'B', 'C', 'D'] as const;
export type SkmGrade = (typeof skmGrades)[number];

/** Mutu pelayanan and kinerja unit pelayanan per grade, as the regulation names them. */
export const gradeLabels: Record<SkmGrade, Localized> = {
  A: { id: 'Sangat Baik', en: 'Very good' },
  B: { id: 'Baik', en: 'Good' },
  C: { id: 'Kurang Baik', en: 'Poor' },
  D: { id: 'Tidak Baik', en: 'Not good' },
};

/** exact: 1/9 per element (the default); legacy: the rounded 0.111 many reports used (max 99.90). */
export const weightModes = ['exact', 'legacy'] as const;
export type WeightMode = (typeof weightModes)[number];

export const weightLabels: Record<WeightMode, Localized> = {
  exact: { id: 'Bobot tepat 1/9 per unsur', en: 'Exact weight 1/9 per element' },
  legacy: {
    id: 'Bobot lama 0,111 per unsur (dibulatkan; nilai sempurna hanya 99,90) — untuk membandingkan dengan laporan lama',
    en: 'Legacy weight 0.111 per element (rounded; a perfect score gives only 99.90) — for comparison with old reports',
  },
};

// ---- answers and submissions -----------------------------------------------------------------

export const skmAnswer = z.number().int('skm.answer_range').min(1, 'skm.answer_range').max(4, 'skm.answer_range');

export const skmAnswers = z
  .object({ U1: skmAnswer, U2: skmAnswer, U3: skmAnswer, U4: skmAnswer, U5: skmAnswer, U6: skmAnswer, U7: skmAnswer, U8: skmAnswer, U9: skmAnswer })
  .meta({ id: 'SkmAnswers' });
export type SkmAnswers = z.infer<typeof skmAnswers>;

export const surveyModes = ['online', 'kiosk', 'paper'] as const;
export type SurveyMode = (typeof surveyModes)[number];

/** A code as the service standards write them (services and channels). */
export const surveyCode = z.string().min(1).max(64).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'standard.code');

export const suggestionText = z.string().trim().max(2000);

/** What the kiosk (a tablet at the desk) and a walk-in respondent send: anonymous, tied to a service. */
export const kioskSubmission = z
  .object({
    serviceCode: surveyCode,
    channel: surveyCode.nullable().default(null),
    answers: skmAnswers,
    profile: respondentProfile.default({ sex: null, ageBand: null, education: null, occupation: null }),
    suggestion: suggestionText.nullable().default(null),
  })
  .meta({ id: 'SkmKioskSubmission' });
export type KioskSubmission = z.infer<typeof kioskSubmission>;

/** The requester's survey of a closed request, with the secret of its tracking link. */
export const requestSurveySubmission = z
  .object({
    secret: z.string().min(1).max(200),
    answers: skmAnswers,
    profile: respondentProfile.default({ sex: null, ageBand: null, education: null, occupation: null }),
    suggestion: suggestionText.nullable().default(null),
  })
  .meta({ id: 'SkmRequestSurveySubmission' });
export type RequestSurveySubmission = z.infer<typeof requestSurveySubmission>;

/** Whether a request's survey can be answered: `not_closed` (not yet), `open`, or `answered`. */
export const requestSurveyStates = ['not_closed', 'open', 'answered'] as const;
export const requestSurveyState = z
  .object({
    number: z.string(),
    serviceCode: z.string(),
    state: z.enum(requestSurveyStates),
    answeredAt: z.string().nullable(),
  })
  .meta({ id: 'SkmRequestSurveyState' });
export type RequestSurveyState = z.infer<typeof requestSurveyState>;

export const submissionReceipt = z
  .object({ id: z.uuid(), submittedAt: z.string() })
  .meta({ id: 'SkmSubmissionReceipt' });

// ---- results ---------------------------------------------------------------------------------

export const periodKinds = ['month', 'quarter', 'semester', 'year'] as const;
export type PeriodKind = (typeof periodKinds)[number];

export const localizedText = z.object({ id: z.string(), en: z.string() });

export const elementResult = z.object({
  code: z.enum(skmElementCodes),
  total: z.number().int(),
  /** Mean score, 1–4, rounded to 4 decimals; null without respondents. */
  nrr: z.number().nullable(),
  /** NRR × weight, rounded to 4 decimals. */
  weightedNrr: z.number().nullable(),
  /** 25 × NRR rounded to 2 decimals: the element on the IKM scale. */
  index: z.number().nullable(),
  grade: z.enum(skmGrades).nullable(),
});
export type ElementResult = z.infer<typeof elementResult>;

export const profileCount = z.object({ key: z.string(), count: z.number().int(), percent: z.number() });
export type ProfileCount = z.infer<typeof profileCount>;

export const skmResult = z
  .object({
    respondents: z.number().int(),
    weights: z.object({ mode: z.enum(weightModes), weight: z.number(), label: localizedText }),
    elements: z.array(elementResult),
    ikm: z.object({
      /** Unrounded. */
      raw: z.number().nullable(),
      /** Rounded to 2 decimals: the published value, and the one graded. */
      value: z.number().nullable(),
      grade: z.enum(skmGrades).nullable(),
      label: localizedText.nullable(),
    }),
    sample: z.object({
      /** Service users in the period (N); null when not given. */
      population: z.number().int().nullable(),
      /** Krejcie–Morgan minimum sample for N. */
      minimum: z.number().int().nullable(),
      reached: z.boolean().nullable(),
    }),
    profile: z.object({
      sex: z.array(profileCount),
      ageBand: z.array(profileCount),
      education: z.array(profileCount),
      occupation: z.array(profileCount),
    }),
  })
  .meta({ id: 'SkmResult' });
export type SkmResult = z.infer<typeof skmResult>;

export const resultsQuery = z.object({
  period: z.enum(periodKinds).default('semester'),
  year: z.coerce.number().int().min(2000).max(2200),
  /** Month 1–12, quarter 1–4, semester 1–2; ignored for a year. */
  index: z.coerce.number().int().min(1).max(12).default(1),
  service: surveyCode.optional(),
  channel: surveyCode.optional(),
  /** Service users in the period, for the minimum sample (N). */
  users: z.coerce.number().int().min(0).max(100_000_000).optional(),
  weights: z.enum(weightModes).default('exact'),
});
export type ResultsQuery = z.infer<typeof resultsQuery>;

export const resultsReport = z
  .object({
    agency: z.string(),
    period: z.object({ kind: z.enum(periodKinds), year: z.number().int(), index: z.number().int(), from: z.string(), to: z.string(), label: localizedText }),
    service: z.string().nullable(),
    channel: z.string().nullable(),
    result: skmResult,
    /** The same period per service, for the comparison table. */
    byService: z.array(z.object({ service: z.string(), respondents: z.number().int(), ikm: z.number().nullable(), grade: z.enum(skmGrades).nullable() })),
    byChannel: z.array(z.object({ channel: z.string().nullable(), respondents: z.number().int(), ikm: z.number().nullable(), grade: z.enum(skmGrades).nullable() })),
  })
  .meta({ id: 'SkmResultsReport' });
export type ResultsReport = z.infer<typeof resultsReport>;

/** The public page: the latest period with responses per service, aggregates only. */
export const publicLatest = z
  .object({
    agency: z.string(),
    items: z.array(
      z.object({
        service: z.string(),
        period: z.object({ kind: z.enum(periodKinds), year: z.number().int(), index: z.number().int(), label: localizedText }),
        respondents: z.number().int(),
        ikm: z.number().nullable(),
        grade: z.enum(skmGrades).nullable(),
        elements: z.array(z.object({ code: z.enum(skmElementCodes), nrr: z.number().nullable(), grade: z.enum(skmGrades).nullable() })),
        /**
         * The Krejcie–Morgan minimum for the service's users N, taken as the requests Sigap
         * received for the service in the period before (`previous_period`), or in the period
         * itself when there were none before (`this_period`); null when Sigap recorded none.
         */
        sample: z.object({
          population: z.number().int().nullable(),
          basis: z.enum(['previous_period', 'this_period']).nullable(),
          minimum: z.number().int().nullable(),
          /** Responses reach the minimum; null when it cannot be computed. */
          reached: z.boolean().nullable(),
        }),
      }),
    ),
  })
  .meta({ id: 'SkmPublicLatest' });
export type PublicLatest = z.infer<typeof publicLatest>;

// ---- paper import ----------------------------------------------------------------------------

export const importFormats = ['csv', 'xlsx'] as const;

export const importInput = z
  .object({
    fileName: z.string().min(1).max(255),
    /** The CSV or XLSX file, base64. */
    content: z.string().min(1).max(8_000_000),
    /** The service of rows without a service column. */
    serviceCode: surveyCode,
    channel: surveyCode.nullable().default(null),
    /** The survey date of rows without a date column (YYYY-MM-DD, the agency's local date). */
    surveyedOn: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'skm.date').optional(),
    /** Check only: report the errors, store nothing. */
    dryRun: z.boolean().default(false),
  })
  .meta({ id: 'SkmImportInput' });
export type ImportInput = z.infer<typeof importInput>;

export const importProblem = z.object({
  /** 1-based row of the sheet, the header being row 1. */
  row: z.number().int(),
  column: z.string(),
  value: z.string(),
  rule: z.string(),
  message: z.string(),
});
export type ImportProblem = z.infer<typeof importProblem>;

export const importReport = z
  .object({
    /** False when any row has an error: then nothing is stored. */
    accepted: z.boolean(),
    dryRun: z.boolean(),
    batchId: z.uuid().nullable(),
    rows: z.number().int(),
    imported: z.number().int(),
    errors: z.array(importProblem),
    /** Columns that were ignored, etc.; nothing that stops the import. */
    warnings: z.array(importProblem),
  })
  .meta({ id: 'SkmImportReport' });
export type ImportReport = z.infer<typeof importReport>;
