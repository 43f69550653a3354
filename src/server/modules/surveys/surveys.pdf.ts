import type { Content, TableCell } from 'pdfmake/interfaces.js';
import { gradeLabels, notStatedLabel, profileLabels, skmElements, type ResultsReport, type SkmGrade } from '../../../shared/contracts/surveys.js';
import type { Language, Localized } from '../../../shared/i18n/languages.js';
import { localDateOf } from '../calendar/time-zone.js';
import { contentWidth, formatLongDate, gridLayout, pageFooter, pageMargins, renderPdf } from '../documents/documents.pdf.js';
import { formatNumber } from './surveys.cli.js';

/**
 * The SKM report as agencies publish it (PermenPANRB 14/2017, Lampiran): method, respondents,
 * results per element, the IKM and its grade, a bar chart of the NRR, the respondent profile,
 * the suggestions received, and a follow-up plan for the weakest elements, to be completed and
 * signed by the unit.
 */

export interface SurveyReportOptions {
  agency: { code: string; name: string; timeZone: string };
  report: ResultsReport;
  suggestions: readonly { serviceCode: string; suggestion: string | null; submittedAt: Date }[];
  /** Names of the services by code, from the standard. */
  serviceNames?: ReadonlyMap<string, string>;
  lang: Language;
  generatedAt: Date;
}

const L = {
  id: {
    title: 'LAPORAN SURVEI KEPUASAN MASYARAKAT',
    period: 'Periode',
    service: 'Layanan',
    allServices: 'Seluruh layanan',
    channel: 'Saluran',
    allChannels: 'Seluruh saluran',
    method: '1. Metode',
    methodText: [
      'Survei dilaksanakan menurut Peraturan Menteri PANRB Nomor 14 Tahun 2017 tentang Pedoman Penyusunan Survei Kepuasan Masyarakat Unit Penyelenggara Pelayanan Publik.',
      'Kuesioner memuat sembilan unsur pelayanan (U1–U9), masing-masing dinilai 1 sampai 4. Nilai rata-rata per unsur (NRR) = jumlah nilai unsur ÷ jumlah responden.',
      'Indeks Kepuasan Masyarakat (IKM) = 25 × Σ(NRR × bobot), dibulatkan dua desimal, lalu dinilai dengan batas: ≥ 88,31 A (Sangat Baik), ≥ 76,61 B (Baik), ≥ 65,00 C (Kurang Baik), di bawahnya D (Tidak Baik).',
      'Jumlah sampel minimum dihitung dengan rumus Krejcie dan Morgan (χ² = 3,841; P = 0,5; d = 0,05) dari jumlah pengguna layanan.',
    ],
    weights: 'Bobot',
    scaleTitle: 'Nilai persepsi, interval dan mutu pelayanan',
    scaleHeader: ['Nilai persepsi', 'Interval NRR', 'Interval IKM', 'Mutu', 'Kinerja unit'],
    respondents: '2. Responden',
    respondentCount: 'Jumlah responden',
    population: 'Jumlah pengguna layanan (N)',
    minimum: 'Sampel minimum (Krejcie–Morgan)',
    reached: 'Sampel minimum tercapai',
    yes: 'ya',
    no: 'tidak',
    notGiven: 'tidak diberikan',
    results: '3. Hasil per unsur',
    resultsHeader: ['No', 'Unsur pelayanan', 'Jumlah nilai', 'NRR', 'NRR × bobot', 'IKM unsur', 'Mutu'],
    ikmTitle: '4. Indeks Kepuasan Masyarakat',
    ikm: 'IKM',
    unrounded: 'sebelum pembulatan',
    noRespondents: 'Belum ada responden pada periode ini.',
    chart: '5. Grafik NRR per unsur',
    chartNote: 'Skala 1–4; garis tegak: batas mutu B (3,0644) dan A (3,5324).',
    profile: '6. Profil responden',
    profileHeader: ['Kategori', 'Jumlah', '%'],
    sex: 'Jenis kelamin',
    ageBand: 'Usia',
    education: 'Pendidikan',
    occupation: 'Pekerjaan',
    breakdown: '7. Rincian per layanan dan saluran',
    byServiceHeader: ['Layanan', 'Responden', 'IKM', 'Mutu'],
    byChannelHeader: ['Saluran', 'Responden', 'IKM', 'Mutu'],
    unknownChannel: '(tidak dicatat)',
    suggestions: '8. Saran dan masukan',
    noSuggestions: 'Tidak ada saran atau masukan pada periode ini.',
    moreSuggestions: (n: number) => `Ditampilkan ${n} saran terbaru.`,
    followUp: '9. Rencana tindak lanjut',
    followUpText:
      'Unsur dengan nilai terendah diprioritaskan untuk perbaikan. Rencana di bawah dilengkapi oleh unit pelayanan, ditetapkan pimpinan, dan hasilnya dilaporkan pada survei berikutnya.',
    followUpHeader: ['No', 'Unsur', 'NRR', 'Rencana tindak lanjut', 'Waktu', 'Penanggung jawab'],
    printed: (date: string) => `Dicetak dari Sigap pada ${date}`,
    footer: 'Laporan Survei Kepuasan Masyarakat',
  },
  en: {
    title: 'PUBLIC SATISFACTION SURVEY REPORT',
    period: 'Period',
    service: 'Service',
    allServices: 'All services',
    channel: 'Channel',
    allChannels: 'All channels',
    method: '1. Method',
    methodText: [
      'The survey follows Regulation of the Minister of PANRB No. 14 of 2017 on guidelines for public satisfaction surveys of public service units.',
      'The questionnaire has nine service elements (U1–U9), each scored 1 to 4. The mean per element (NRR) = total score of the element ÷ number of respondents.',
      'The satisfaction index (IKM) = 25 × Σ(NRR × weight), rounded to two decimals, then graded on the thresholds: ≥ 88.31 A (very good), ≥ 76.61 B (good), ≥ 65.00 C (poor), below D (not good).',
      'The minimum sample follows Krejcie and Morgan (χ² = 3.841; P = 0.5; d = 0.05) from the number of service users.',
    ],
    weights: 'Weights',
    scaleTitle: 'Perception values, intervals and service quality',
    scaleHeader: ['Perception', 'NRR interval', 'IKM interval', 'Grade', 'Unit performance'],
    respondents: '2. Respondents',
    respondentCount: 'Respondents',
    population: 'Service users (N)',
    minimum: 'Minimum sample (Krejcie–Morgan)',
    reached: 'Minimum sample reached',
    yes: 'yes',
    no: 'no',
    notGiven: 'not given',
    results: '3. Results per element',
    resultsHeader: ['No', 'Service element', 'Total score', 'NRR', 'NRR × weight', 'Element index', 'Grade'],
    ikmTitle: '4. Satisfaction index (IKM)',
    ikm: 'IKM',
    unrounded: 'unrounded',
    noRespondents: 'No respondents in this period yet.',
    chart: '5. NRR per element',
    chartNote: 'Scale 1–4; vertical lines: the B (3.0644) and A (3.5324) thresholds.',
    profile: '6. Respondent profile',
    profileHeader: ['Category', 'Count', '%'],
    sex: 'Sex',
    ageBand: 'Age',
    education: 'Education',
    occupation: 'Occupation',
    breakdown: '7. Per service and channel',
    byServiceHeader: ['Service', 'Respondents', 'IKM', 'Grade'],
    byChannelHeader: ['Channel', 'Respondents', 'IKM', 'Grade'],
    unknownChannel: '(not recorded)',
    suggestions: '8. Suggestions',
    noSuggestions: 'No suggestions in this period.',
    moreSuggestions: (n: number) => `The ${n} newest suggestions are shown.`,
    followUp: '9. Follow-up plan',
    followUpText:
      'The elements with the lowest scores come first for improvement. The unit completes the plan below, its head approves it, and the next survey reports the outcome.',
    followUpHeader: ['No', 'Element', 'NRR', 'Follow-up action', 'When', 'Responsible'],
    printed: (date: string) => `Printed from Sigap on ${date}`,
    footer: 'Public satisfaction survey report',
  },
} as const;

const gradeColors: Record<SkmGrade, string> = { A: '#2f7d32', B: '#1f6fb2', C: '#d98a00', D: '#c62828' };

const scaleRows: [string, string, string, SkmGrade][] = [
  ['1', '1,00 – 2,5996', '25,00 – 64,99', 'D'],
  ['2', '2,60 – 3,064', '65,00 – 76,60', 'C'],
  ['3', '3,0644 – 3,532', '76,61 – 88,30', 'B'],
  ['4', '3,5324 – 4,00', '88,31 – 100,00', 'A'],
];

const heading = (text: string): Content => ({ text, style: 'h2', margin: [0, 12, 0, 6] });

function table(header: readonly string[], rows: TableCell[][], widths: (number | string)[]): Content {
  return {
    table: { headerRows: 1, dontBreakRows: true, widths, body: [header.map((h) => ({ text: h, bold: true, fillColor: '#eeeeee' })), ...rows] },
    layout: gridLayout,
    fontSize: 8.5,
    margin: [0, 2, 0, 6],
  };
}

/** One bar per element, drawn with pdfmake's vector canvas: grey track 0–4, a bar to the NRR, threshold ticks. */
function barChart(report: ResultsReport, lang: Language): Content {
  const labelWidth = 150;
  const valueWidth = 40;
  const track = contentWidth - labelWidth - valueWidth - 12;
  const scale = (v: number) => (v / 4) * track;
  const rows: TableCell[][] = report.result.elements.map((e, i) => {
    const name = skmElements[i]?.name[lang] ?? e.code;
    const nrr = e.nrr ?? 0;
    return [
      { text: `${e.code} ${name}`, fontSize: 7.5, margin: [0, 2, 0, 0] },
      {
        canvas: [
          { type: 'rect', x: 0, y: 2, w: track, h: 10, color: '#eeeeee' },
          ...(e.nrr === null ? [] : [{ type: 'rect' as const, x: 0, y: 2, w: scale(nrr), h: 10, color: e.grade ? gradeColors[e.grade] : '#999999' }]),
          ...[1, 2, 3, 4].map((v) => ({ type: 'line' as const, x1: scale(v), y1: 0, x2: scale(v), y2: 14, lineWidth: 0.3, lineColor: '#bbbbbb' })),
          { type: 'line', x1: scale(3.0644), y1: 0, x2: scale(3.0644), y2: 14, lineWidth: 0.8, lineColor: '#1f6fb2', dash: { length: 2 } },
          { type: 'line', x1: scale(3.5324), y1: 0, x2: scale(3.5324), y2: 14, lineWidth: 0.8, lineColor: '#2f7d32', dash: { length: 2 } },
        ],
      },
      { text: e.nrr === null ? '–' : `${formatNumber(e.nrr, 2, lang)} ${e.grade}`, fontSize: 8, bold: true, margin: [0, 2, 0, 0] },
    ];
  });
  return {
    table: { widths: [labelWidth, track, valueWidth], body: rows },
    layout: 'noBorders',
    margin: [0, 2, 0, 2],
  };
}

function profileTable(report: ResultsReport, lang: Language, field: 'sex' | 'ageBand' | 'education' | 'occupation'): Content {
  const labels = profileLabels[field] as Record<string, Localized>;
  const t = L[lang];
  const rows = report.result.profile[field]
    .filter((row) => row.count > 0 || row.key !== 'not_stated')
    .map((row) => [(labels[row.key] ?? notStatedLabel)[lang], String(row.count), formatNumber(row.percent, 2, lang)]);
  return { stack: [{ text: t[field], bold: true, fontSize: 9, margin: [0, 4, 0, 2] }, table(t.profileHeader, rows, ['*', 50, 50])], unbreakable: true };
}

export async function renderSurveyReport(options: SurveyReportOptions): Promise<Buffer> {
  const { report, lang, agency } = options;
  const t = L[lang];
  const r = report.result;
  const num = (v: number | null, d: number) => formatNumber(v, d, lang);
  const serviceName = (code: string) => options.serviceNames?.get(code) ?? code;

  const summary: Content = {
    table: {
      widths: [150, '*'],
      body: [
        [t.period, report.period.label[lang]],
        [t.service, report.service ? serviceName(report.service) : t.allServices],
        [t.channel, report.channel ?? t.allChannels],
        [t.weights, r.weights.label[lang]],
      ],
    },
    layout: 'noBorders',
    fontSize: 9,
    margin: [0, 8, 0, 4],
  };

  const ikmBox: Content =
    r.ikm.value === null
      ? { text: t.noRespondents, italics: true }
      : {
          table: {
            widths: ['*'],
            body: [
              [
                {
                  stack: [
                    { text: `${t.ikm} = ${num(r.ikm.value, 2)}`, fontSize: 20, bold: true, alignment: 'center' },
                    {
                      text: `${lang === 'id' ? 'Mutu' : 'Grade'} ${r.ikm.grade} — ${r.ikm.grade ? gradeLabels[r.ikm.grade][lang] : ''}`,
                      fontSize: 12,
                      alignment: 'center',
                      color: r.ikm.grade ? gradeColors[r.ikm.grade] : '#000000',
                    },
                    { text: `${t.unrounded}: ${num(r.ikm.raw, 4)} · ${r.weights.label[lang]}`, fontSize: 7.5, alignment: 'center', color: '#555555' },
                  ],
                  margin: [0, 6, 0, 6],
                },
              ],
            ],
          },
          layout: gridLayout,
        };

  // Weakest first: the follow-up plan starts with what most needs improving.
  const weakest = r.elements
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => e.nrr !== null)
    .sort((a, b) => (a.e.nrr ?? 0) - (b.e.nrr ?? 0) || a.i - b.i)
    .slice(0, 3);

  const content: Content[] = [
    { text: t.title, style: 'title' },
    { text: agency.name.toUpperCase(), style: 'subtitle' },
    summary,
    heading(t.method),
    ...t.methodText.map((p): Content => ({ text: p, margin: [0, 0, 0, 4], alignment: 'justify' })),
    { text: t.scaleTitle, bold: true, fontSize: 9, margin: [0, 4, 0, 2] },
    table(t.scaleHeader, scaleRows.map(([v, nrr, ikm, g]) => [v, nrr, ikm, g, gradeLabels[g][lang]]), [55, 90, 90, 40, '*']),
    heading(t.respondents),
    table(
      [t.respondentCount, t.population, t.minimum, t.reached],
      [[
        String(r.respondents),
        r.sample.population === null ? t.notGiven : String(r.sample.population),
        r.sample.minimum === null ? '–' : String(r.sample.minimum),
        r.sample.reached === null ? '–' : r.sample.reached ? t.yes : t.no,
      ]],
      ['*', '*', '*', '*'],
    ),
    // The element table stays on one page: readers compare its rows.
    {
      unbreakable: true,
      stack: [
        heading(t.results),
    table(
      t.resultsHeader,
      [
        ...r.elements.map((e, i) => [
          String(i + 1),
          `${e.code} ${skmElements[i]?.name[lang] ?? ''}`,
          String(e.total),
          num(e.nrr, 4),
          num(e.weightedNrr, 4),
          num(e.index, 2),
          e.grade ?? '–',
        ]),
        [
          { text: '', colSpan: 4 },
          '',
          '',
          '',
          { text: num(r.elements.reduce((s, e) => s + (e.weightedNrr ?? 0), 0), 4), bold: true },
          { text: num(r.ikm.value, 2), bold: true },
          { text: r.ikm.grade ?? '–', bold: true },
        ],
      ],
      [18, '*', 45, 42, 50, 45, 32],
    ),
      ],
    },
    heading(t.ikmTitle),
    ikmBox,
    heading(t.chart),
    barChart(report, lang),
    { text: t.chartNote, fontSize: 7.5, color: '#555555' },
    heading(t.profile),
    {
      columns: [
        { width: '*', stack: [profileTable(report, lang, 'sex'), profileTable(report, lang, 'ageBand')] },
        { width: '*', stack: [profileTable(report, lang, 'education'), profileTable(report, lang, 'occupation')] },
      ],
      columnGap: 12,
    },
  ];

  if (report.byService.length > 1 || report.byChannel.length > 1) {
    content.push(heading(t.breakdown));
    content.push(table(t.byServiceHeader, report.byService.map((s) => [serviceName(s.service), String(s.respondents), num(s.ikm, 2), s.grade ?? '–']), ['*', 60, 50, 40]));
    content.push(
      table(t.byChannelHeader, report.byChannel.map((c) => [c.channel ?? t.unknownChannel, String(c.respondents), num(c.ikm, 2), c.grade ?? '–']), ['*', 60, 50, 40]),
    );
  }

  content.push(heading(t.suggestions));
  const suggestions = options.suggestions.filter((s) => s.suggestion && s.suggestion.trim() !== '');
  if (suggestions.length === 0) content.push({ text: t.noSuggestions, italics: true });
  else {
    content.push({
      ol: suggestions.map((s) => ({
        text: [
          { text: `${s.suggestion!.trim()} `, fontSize: 9 },
          { text: `(${serviceName(s.serviceCode)}, ${formatLongDate(localDateOf(agency.timeZone, s.submittedAt.getTime()), lang)})`, fontSize: 7.5, color: '#555555' },
        ],
        margin: [0, 0, 0, 2],
      })),
    });
    if (suggestions.length >= 200) content.push({ text: t.moreSuggestions(suggestions.length), fontSize: 7.5, color: '#555555' });
  }

  content.push(heading(t.followUp));
  content.push({ text: t.followUpText, margin: [0, 0, 0, 4], alignment: 'justify' });
  const planRows: TableCell[][] = weakest.map(({ e, i }, n) => [
    String(n + 1),
    `${e.code} ${skmElements[i]?.name[lang] ?? ''}`,
    `${num(e.nrr, 2)} (${e.grade})`,
    { text: '\n\n', fontSize: 9 },
    '',
    '',
  ]);
  // Blank rows for what the unit adds itself.
  while (planRows.length < 3) planRows.push([String(planRows.length + 1), '', '', { text: '\n\n' }, '', '']);
  content.push(table(t.followUpHeader, planRows, [18, 110, 45, '*', 50, 70]));
  content.push({
    text: t.printed(formatLongDate(localDateOf(agency.timeZone, options.generatedAt.getTime()), lang)),
    fontSize: 7.5,
    color: '#555555',
    margin: [0, 12, 0, 0],
  });

  return renderPdf({
    pageSize: 'A4',
    pageMargins,
    info: { title: `${t.title} — ${agency.name} — ${report.period.label[lang]}`, subject: 'SKM PermenPANRB 14/2017' },
    footer: pageFooter({ lang, note: `${t.footer} · ${agency.name} · ${report.period.label[lang]}` }),
    content,
    styles: {
      title: { fontSize: 14, bold: true, alignment: 'center' },
      subtitle: { fontSize: 11, bold: true, alignment: 'center', margin: [0, 2, 0, 0] },
      h2: { fontSize: 11, bold: true },
    },
    defaultStyle: { fontSize: 9.5, lineHeight: 1.15 },
  });
}
