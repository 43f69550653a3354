import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Language, Localized } from '../../../shared/i18n/languages.js';
import { notStatedLabel, profileLabels, skmElements, type SkmResult } from '../../../shared/contracts/surveys.js';
import { computeSkm } from './surveys.compute.js';
import { parseSurveyFile } from './surveys.import.js';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export interface SkmComputeOptions {
  file: string;
  legacyWeights?: boolean;
  users?: number;
  lang: Language;
}

const texts = {
  title: { id: 'Survei Kepuasan Masyarakat (PermenPANRB 14/2017)', en: 'Public satisfaction survey (PermenPANRB 14/2017)' },
  file: { id: 'Berkas', en: 'File' },
  respondents: { id: 'Responden', en: 'Respondents' },
  weights: { id: 'Bobot', en: 'Weights' },
  ikm: { id: 'IKM', en: 'IKM' },
  unrounded: { id: 'sebelum dibulatkan', en: 'unrounded' },
  legacyTag: { id: 'BOBOT LAMA 0,111', en: 'LEGACY WEIGHT 0.111' },
  sample: { id: 'Sampel minimum (Krejcie–Morgan)', en: 'Minimum sample (Krejcie–Morgan)' },
  reached: { id: 'tercapai', en: 'reached' },
  notReached: { id: 'TIDAK tercapai', en: 'NOT reached' },
  noSample: { id: 'tidak dihitung (berikan --users N, jumlah pengguna layanan)', en: 'not computed (give --users N, the number of service users)' },
  profile: { id: 'Profil responden', en: 'Respondent profile' },
  sex: { id: 'Jenis kelamin', en: 'Sex' },
  ageBand: { id: 'Usia', en: 'Age' },
  education: { id: 'Pendidikan', en: 'Education' },
  occupation: { id: 'Pekerjaan', en: 'Occupation' },
  refused: { id: 'Berkas ditolak: {n} kesalahan. Perbaiki baris berikut lalu ulangi.', en: 'File refused: {n} errors. Fix these rows and run again.' },
  row: { id: 'baris', en: 'row' },
  column: { id: 'kolom', en: 'column' },
  value: { id: 'nilai', en: 'value' },
  warning: { id: 'peringatan', en: 'warning' },
  none: { id: 'tidak ada responden', en: 'no respondents' },
} satisfies Record<string, Localized>;

const tableHeader: Record<Language, string[]> = {
  id: ['Unsur', 'Nama', 'NRR', 'NRR×bobot', 'Indeks', 'Mutu'],
  en: ['Element', 'Name', 'NRR', 'NRR×weight', 'Index', 'Grade'],
};

type TextKey = keyof typeof texts;

/** Numbers as the reader writes them: a decimal comma in Indonesian. */
export function formatNumber(value: number | null, digits: number, lang: Language): string {
  if (value === null) return '–';
  return new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }).format(value);
}

/** The result as plain text lines, for the terminal. */
export function formatResult(result: SkmResult, lang: Language): string[] {
  const t = (key: TextKey): string => texts[key][lang];
  const lines: string[] = [];
  const legacy = result.weights.mode === 'legacy';
  lines.push(`${t('respondents')}: ${result.respondents}`);
  lines.push(`${t('weights')}: ${result.weights.label[lang]}`);
  lines.push('');
  const header = tableHeader[lang];
  const table = [
    [...header],
    ...result.elements.map((e, i) => [
      e.code,
      skmElements[i]?.name[lang] ?? e.code,
      formatNumber(e.nrr, 4, lang),
      formatNumber(e.weightedNrr, 4, lang),
      formatNumber(e.index, 2, lang),
      e.grade ?? '–',
    ]),
  ];
  const widths = header.map((_, c) => Math.max(...table.map((row) => (row[c] ?? '').length)));
  for (const row of table) lines.push(row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ').trimEnd());
  lines.push('');
  if (result.ikm.value === null) lines.push(`${t('ikm')}: – (${t('none')})`);
  else {
    lines.push(
      `${t('ikm')}${legacy ? ` [${t('legacyTag')}]` : ''}: ${formatNumber(result.ikm.value, 2, lang)} — ${result.ikm.grade} ${result.ikm.label?.[lang] ?? ''}` +
        ` (${t('unrounded')} ${formatNumber(result.ikm.raw, 4, lang)})`,
    );
  }
  const s = result.sample;
  if (s.minimum === null) lines.push(`${t('sample')}: ${t('noSample')}`);
  else lines.push(`${t('sample')}, N = ${s.population}: ${s.minimum} — ${t('respondents').toLowerCase()} ${result.respondents}, ${s.reached ? t('reached') : t('notReached')}`);
  lines.push('');
  lines.push(`${t('profile')}:`);
  for (const field of ['sex', 'ageBand', 'education', 'occupation'] as const) {
    const labels = profileLabels[field] as Record<string, { id: string; en: string }>;
    const parts = result.profile[field]
      .filter((row) => row.count > 0)
      .map((row) => `${(labels[row.key] ?? notStatedLabel)[lang]} ${row.count} (${formatNumber(row.percent, 2, lang)}%)`);
    lines.push(`  ${t(field)}: ${parts.length > 0 ? parts.join(', ') : '–'}`);
  }
  return lines;
}

/** `sigap skm compute <file>`: the arithmetic for a file, without a database. Returns the exit code. */
export async function skmCompute(options: SkmComputeOptions, io: CliIo): Promise<number> {
  const { lang } = options;
  const t = (key: TextKey): string => texts[key][lang];
  let content: Buffer;
  try {
    content = await readFile(options.file);
  } catch (error) {
    io.err(`${options.file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? (lang === 'id' ? 'berkas tidak ditemukan' : 'file not found') : String(error)}`);
    return 2;
  }
  const parsed = await parseSurveyFile({ fileName: options.file, content, lang });
  for (const w of parsed.warnings) {
    io.err(`${options.file}: ${t('warning')}: ${t('row')} ${w.row}, ${t('column')} ${w.column}, ${t('value')} "${w.value}": ${w.message} [${w.rule}]`);
  }
  if (parsed.errors.length > 0) {
    io.err(t('refused').replace('{n}', String(parsed.errors.length)));
    for (const e of parsed.errors) {
      io.err(`${options.file}: ${t('row')} ${e.row}, ${t('column')} ${e.column}, ${t('value')} "${e.value}": ${e.message} [${e.rule}]`);
    }
    return 1;
  }
  const result = computeSkm(parsed.rows, { weights: options.legacyWeights ? 'legacy' : 'exact', population: options.users ?? null });
  io.out(t('title'));
  io.out(`${t('file')}: ${basename(options.file)}`);
  for (const line of formatResult(result, lang)) io.out(line);
  return 0;
}
