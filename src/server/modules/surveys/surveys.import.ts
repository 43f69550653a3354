import { parse as parseCsv } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import type { Language } from '../../../shared/i18n/languages.js';
import { ruleMessages, type RuleKey } from '../../../shared/i18n/rules.js';
import {
  ageBandOf,
  ageBands,
  skmElementCodes,
  type AgeBand,
  type Education,
  type ImportProblem,
  type Occupation,
  type RespondentProfile,
  type Sex,
  type SkmAnswers,
} from '../../../shared/contracts/surveys.js';

/**
 * Reads paper surveys typed into a spreadsheet: one row per respondent, a header row naming the
 * columns (U1..U9, profile, suggestion, and optionally date, service and channel). Answers may
 * be 1–4 or the questionnaire's letters a–d. Every problem names its row, column, value and rule;
 * a file with any error is refused whole, so a typo never silently changes an index.
 */

export const maxImportRows = 10_000;

export interface ParsedRow {
  /** 1-based row of the sheet; the header is row 1. */
  row: number;
  answers: SkmAnswers;
  profile: RespondentProfile;
  suggestion: string | null;
  /** YYYY-MM-DD, or null when the file has no date for this row. */
  date: string | null;
  serviceCode: string | null;
  channel: string | null;
}

export interface ParseResult {
  rows: ParsedRow[];
  errors: ImportProblem[];
  warnings: ImportProblem[];
}

type Field = (typeof skmElementCodes)[number] | 'sex' | 'age' | 'education' | 'occupation' | 'suggestion' | 'date' | 'service' | 'channel' | 'ignore';

const norm = (text: string) => text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]/g, '');

const headerAliases: Record<string, Field> = {
  jeniskelamin: 'sex', kelamin: 'sex', jk: 'sex', sex: 'sex', gender: 'sex',
  usia: 'age', umur: 'age', age: 'age', kelompokumur: 'age', kelompokusia: 'age', ageband: 'age',
  pendidikan: 'education', pendidikanterakhir: 'education', education: 'education',
  pekerjaan: 'occupation', occupation: 'occupation',
  saran: 'suggestion', masukan: 'suggestion', sarandanmasukan: 'suggestion', suggestion: 'suggestion',
  tanggal: 'date', tanggalsurvei: 'date', date: 'date',
  layanan: 'service', kodelayanan: 'service', service: 'service',
  kanal: 'channel', saluran: 'channel', channel: 'channel',
  // Row numbers that data-entry sheets carry; nothing to store.
  no: 'ignore', nomor: 'ignore', number: 'ignore',
};
for (const [i, code] of skmElementCodes.entries()) {
  for (const alias of [`u${i + 1}`, `unsur${i + 1}`]) headerAliases[alias] = code;
}

const sexValues: Record<string, Sex> = {
  l: 'male', lk: 'male', lakilaki: 'male', laki: 'male', pria: 'male', m: 'male', male: 'male',
  p: 'female', pr: 'female', perempuan: 'female', wanita: 'female', f: 'female', female: 'female',
};

const educationValues: Record<string, Education> = {
  sd: 'sd', mi: 'sd', smp: 'smp', sltp: 'smp', mts: 'smp',
  sma: 'sma', smk: 'sma', slta: 'sma', ma: 'sma', smasmk: 'sma', smaslta: 'sma',
  d1: 'diploma', d2: 'diploma', d3: 'diploma', diploma: 'diploma', d1d3: 'diploma',
  d4: 's1', s1: 's1', sarjana: 's1', d4s1: 's1', bachelor: 's1',
  s2: 's2', magister: 's2', master: 's2', s3: 's3', doktor: 's3', doctorate: 's3',
};

const occupationValues: Record<string, Occupation> = {
  pns: 'pns', asn: 'pns', pppk: 'pns', tni: 'tni', polri: 'polri',
  swasta: 'swasta', pegawaiswasta: 'swasta', karyawanswasta: 'swasta', karyawan: 'swasta',
  wirausaha: 'wirausaha', wiraswasta: 'wirausaha', pengusaha: 'wirausaha',
  penyedia: 'penyedia', penyediabarangjasa: 'penyedia', vendor: 'penyedia',
  lainnya: 'lainnya', lainlain: 'lainnya', other: 'lainnya',
};

const codeRe = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export interface ParseOptions {
  fileName: string;
  content: Buffer;
  lang: Language;
}

/** Reads the file into rows of cell texts: the header first. */
async function readCells(fileName: string, content: Buffer): Promise<string[][]> {
  const isZip = content.length > 3 && content[0] === 0x50 && content[1] === 0x4b;
  if (isZip || /\.xlsx$/i.test(fileName)) return readXlsx(content);
  return readCsv(content);
}

function readCsv(content: Buffer): string[][] {
  const text = content.toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  // Spreadsheets set to Indonesian write CSV with semicolons, since the comma is the decimal mark.
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  return parseCsv(text, { delimiter, relax_column_count: true, skip_empty_lines: false, trim: true }) as string[][];
}

async function readXlsx(content: Buffer): Promise<string[][]> {
  // Loaded for a spreadsheet only: exceljs is large, and a CSV (or `sigap skm compute` on one) needs none of it.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  // exceljs' types ask for its own Buffer type; Node's Buffer is what it reads.
  await workbook.xlsx.load(content as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, 0); c++) cells.push(cellText(row.getCell(c).value));
    rows.push(cells);
  }
  return rows;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((part) => part.text).join('').trim();
    if ('text' in value) return String(value.text).trim();
    if ('error' in value) return String(value.error);
    return '';
  }
  return String(value).trim();
}

function problem(lang: Language, row: number, column: string, value: string, rule: RuleKey, params: Record<string, unknown> = {}): ImportProblem {
  const message = ruleMessages[rule][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
  return { row, column, value, rule, message };
}

function parseAnswer(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (/^[1-4]$/.test(t) || /^[1-4]\.0+$/.test(t)) return Number(t[0]);
  const letter = 'abcd'.indexOf(t);
  return t.length === 1 && letter >= 0 ? letter + 1 : undefined;
}

function parseDate(text: string): string | undefined {
  const t = text.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
    if (!match) return undefined;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

function parseAge(text: string): AgeBand | undefined {
  const t = text.trim().toLowerCase();
  if (/^\d{1,3}$/.test(t)) {
    const years = Number(t);
    return years >= 10 && years <= 120 ? ageBandOf(years) : undefined;
  }
  if (/^(<|≤|<=|kurang dari|di ?bawah)\s*20\b/.test(t)) return 'under_20';
  if (/^((>=|≥|di ?atas)\s*60\b|60\s*(\+|tahun ke ?atas|ke ?atas))/.test(t)) return '60_plus';
  const range = /^(\d{2})\s*[-–]\s*(\d{2})(\s*(tahun|th))?$/.exec(t);
  if (range) {
    const band = `${range[1]}_${range[2]}`;
    return (ageBands as readonly string[]).includes(band) ? (band as AgeBand) : undefined;
  }
  return (ageBands as readonly string[]).includes(t) ? (t as AgeBand) : undefined;
}

/** Parses a CSV or XLSX file of paper surveys; never throws on bad content, reports it. */
export async function parseSurveyFile(options: ParseOptions): Promise<ParseResult> {
  const { lang } = options;
  const errors: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  let cells: string[][];
  try {
    cells = await readCells(options.fileName, options.content);
  } catch {
    return { rows: [], errors: [problem(lang, 0, '', options.fileName, 'skm.file_format')], warnings };
  }
  const header = cells[0] ?? [];
  const columns: { index: number; field: Field; name: string }[] = [];
  const seen = new Map<Field, string>();
  header.forEach((name, index) => {
    if (name.trim() === '') return;
    const field = headerAliases[norm(name)];
    if (!field) {
      warnings.push(problem(lang, 1, name, name, 'skm.column_unknown'));
      return;
    }
    if (field !== 'ignore' && seen.has(field)) {
      errors.push(problem(lang, 1, name, name, 'skm.column_duplicate'));
      return;
    }
    seen.set(field, name);
    columns.push({ index, field, name });
  });
  for (const code of skmElementCodes) {
    if (!seen.has(code)) errors.push(problem(lang, 1, code, '', 'skm.column_missing'));
  }
  if (errors.length > 0) return { rows: [], errors, warnings };

  const dataRows = cells.slice(1);
  const nonEmpty = dataRows.filter((row) => row.some((cell) => cell.trim() !== '')).length;
  if (nonEmpty === 0) return { rows: [], errors: [problem(lang, 2, '', '', 'skm.file_empty')], warnings };
  if (nonEmpty > maxImportRows) {
    return { rows: [], errors: [problem(lang, maxImportRows + 2, '', String(nonEmpty), 'skm.too_many_rows', { maximum: maxImportRows })], warnings };
  }

  const rows: ParsedRow[] = [];
  dataRows.forEach((cellsOfRow, i) => {
    const row = i + 2;
    if (!cellsOfRow.some((cell) => cell.trim() !== '')) return;
    const rowErrors: ImportProblem[] = [];
    const answers: Partial<Record<string, number>> = {};
    const parsed: ParsedRow = {
      row,
      answers: {} as SkmAnswers,
      profile: { sex: null, ageBand: null, education: null, occupation: null },
      suggestion: null,
      date: null,
      serviceCode: null,
      channel: null,
    };
    for (const { index, field, name } of columns) {
      const value = (cellsOfRow[index] ?? '').trim();
      const fail = (rule: RuleKey) => rowErrors.push(problem(lang, row, name, value, rule));
      if ((skmElementCodes as readonly string[]).includes(field)) {
        if (value === '') fail('skm.answer_required');
        else {
          const answer = parseAnswer(value);
          if (answer === undefined) fail('skm.answer_range');
          else answers[field] = answer;
        }
        continue;
      }
      if (value === '') continue;
      switch (field) {
        case 'sex': {
          const sex = sexValues[norm(value)];
          if (sex) parsed.profile.sex = sex;
          else fail('skm.sex');
          break;
        }
        case 'age': {
          const band = parseAge(value);
          if (band) parsed.profile.ageBand = band;
          else fail('skm.age');
          break;
        }
        case 'education': {
          const education = educationValues[norm(value)];
          if (education) parsed.profile.education = education;
          else fail('skm.education');
          break;
        }
        case 'occupation': {
          const occupation = occupationValues[norm(value)];
          // The questionnaire's "Lainnya … (sebutkan)": any other job written in counts as other.
          parsed.profile.occupation = occupation ?? 'lainnya';
          if (!occupation) warnings.push(problem(lang, row, name, value, 'skm.occupation'));
          break;
        }
        case 'suggestion':
          if (value.length > 2000) fail('skm.suggestion_length');
          else parsed.suggestion = value;
          break;
        case 'date': {
          const date = parseDate(value);
          if (date) parsed.date = date;
          else fail('skm.date');
          break;
        }
        case 'service':
        case 'channel': {
          const code = value.toLowerCase();
          if (!codeRe.test(code) || code.length > 64) fail('standard.code');
          else if (field === 'service') parsed.serviceCode = code;
          else parsed.channel = code;
          break;
        }
        default:
          break;
      }
    }
    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      return;
    }
    parsed.answers = answers as SkmAnswers;
    rows.push(parsed);
  });
  return { rows, errors, warnings };
}
