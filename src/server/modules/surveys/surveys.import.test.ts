import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { skmCompute } from './surveys.cli.js';
import { parseSurveyFile } from './surveys.import.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'sigap-skm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const csv = (lines: string[]) => Buffer.from(lines.join('\n'), 'utf8');

async function xlsx(rows: (string | number | Date | null)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Survei');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

describe('parseSurveyFile', () => {
  it('reads a CSV with answers as digits or letters a–d and the profile in Indonesian', async () => {
    const result = await parseSurveyFile({
      fileName: 'survei.csv',
      lang: 'id',
      content: csv([
        'No,U1,U2,U3,U4,U5,U6,U7,U8,U9,Jenis Kelamin,Usia,Pendidikan,Pekerjaan,Saran,Tanggal',
        '1,4,3,3,4,3,3,4,3,2,L,34,S1,Penyedia,Antrean terlalu lama,15/03/2026',
        '2,d,c,c,d,c,c,d,c,b,P,20-29,SMA,Mahasiswa,,2026-03-16',
        ',,,,,,,,,,,,,,,',
      ]),
    });
    expect(result.errors).toEqual([]);
    expect(result.rows).toHaveLength(2);
    expect(result.rows[0]).toMatchObject({
      row: 2,
      answers: { U1: 4, U2: 3, U9: 2 },
      profile: { sex: 'male', ageBand: '30_39', education: 's1', occupation: 'penyedia' },
      suggestion: 'Antrean terlalu lama',
      date: '2026-03-15',
    });
    // Letters are the questionnaire's a–d: the same answers as the first row.
    expect(result.rows[1]?.answers).toEqual(result.rows[0]?.answers);
    // "Lainnya (sebutkan)": an occupation not on the list counts as other, with a warning.
    expect(result.rows[1]?.profile.occupation).toBe('lainnya');
    expect(result.warnings).toEqual([expect.objectContaining({ row: 3, column: 'Pekerjaan', value: 'Mahasiswa', rule: 'skm.occupation' })]);
    expect(result.rows[1]?.profile).toMatchObject({ sex: 'female', ageBand: '20_29', education: 'sma' });
  });

  it('reports every bad cell with its row, column, value and rule, in the chosen language', async () => {
    const content = csv([
      'U1;U2;U3;U4;U5;U6;U7;U8;U9;JK;Usia;Pendidikan;Tanggal',
      '4;3;3;4;3;3;4;3;2;L;30-39;S1;2026-02-30',
      '5;3;;4;3;3;4;3;2;X;7;SMA;2026-03-01',
      '4;3;3;4;3;3;4;3;2;P;40-49;S9;2026-03-01',
    ]);
    const id = await parseSurveyFile({ fileName: 'survei.csv', lang: 'id', content });
    expect(id.rows).toEqual([]);
    expect(id.errors.map(({ row, column, value, rule }) => ({ row, column, value, rule }))).toEqual([
      { row: 2, column: 'Tanggal', value: '2026-02-30', rule: 'skm.date' },
      { row: 3, column: 'U1', value: '5', rule: 'skm.answer_range' },
      { row: 3, column: 'U3', value: '', rule: 'skm.answer_required' },
      { row: 3, column: 'JK', value: 'X', rule: 'skm.sex' },
      { row: 3, column: 'Usia', value: '7', rule: 'skm.age' },
      { row: 4, column: 'Pendidikan', value: 'S9', rule: 'skm.education' },
    ]);
    expect(id.errors[1]?.message).toBe('jawaban harus 1, 2, 3 atau 4 (atau huruf a–d)');
    const en = await parseSurveyFile({ fileName: 'survei.csv', lang: 'en', content });
    expect(en.errors[1]?.message).toBe('the answer must be 1, 2, 3 or 4 (or the letter a–d)');
  });

  it('refuses a header without all nine elements, or with one twice', async () => {
    const missing = await parseSurveyFile({ fileName: 'a.csv', lang: 'en', content: csv(['U1,U2,U3,U4,U5,U6,U7,U8', '4,4,4,4,4,4,4,4']) });
    expect(missing.errors).toEqual([expect.objectContaining({ row: 1, column: 'U9', rule: 'skm.column_missing' })]);
    const twice = await parseSurveyFile({ fileName: 'a.csv', lang: 'en', content: csv(['U1,U2,U3,U4,U5,U6,U7,U8,U9,Unsur 9', '4,4,4,4,4,4,4,4,4,4']) });
    expect(twice.errors).toEqual([expect.objectContaining({ row: 1, column: 'Unsur 9', rule: 'skm.column_duplicate' })]);
  });

  it('refuses a file with no respondent rows and one that is not a spreadsheet', async () => {
    const empty = await parseSurveyFile({ fileName: 'a.csv', lang: 'en', content: csv(['U1,U2,U3,U4,U5,U6,U7,U8,U9', '']) });
    expect(empty.errors.map((e) => e.rule)).toEqual(['skm.file_empty']);
    const broken = await parseSurveyFile({ fileName: 'a.xlsx', lang: 'en', content: Buffer.from('PK\u0003\u0004 not really a zip') });
    expect(broken.errors.map((e) => e.rule)).toEqual(['skm.file_format']);
  });

  it('reads an XLSX with numbers, dates and text cells', async () => {
    const content = await xlsx([
      ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9', 'Jenis kelamin', 'Usia', 'Pendidikan', 'Pekerjaan', 'Tanggal', 'Layanan', 'Kanal'],
      [4, 4, 3, 4, 3, 3, 4, 4, 3, 'Perempuan', 41, 'D3', 'PNS', new Date(Date.UTC(2026, 2, 10)), 'konsultasi-pbj', 'walk-in'],
      [3, 3, 3, 4, 3, 3, 3, 3, 3, 'Laki-laki', '≥ 60', 'S2', 'Wiraswasta', null, null, null],
      [3, 3, 9, 4, 3, 3, 3, 3, 3, 'L', 30, 'S1', 'PNS', null, 'Bad Code!', null],
    ]);
    const result = await parseSurveyFile({ fileName: 'survei.xlsx', lang: 'en', content });
    expect(result.errors).toEqual([
      expect.objectContaining({ row: 4, column: 'U3', value: '9', rule: 'skm.answer_range' }),
      expect.objectContaining({ row: 4, column: 'Layanan', value: 'Bad Code!', rule: 'standard.code' }),
    ]);
    expect(result.rows).toHaveLength(2);
    expect(result.rows[0]).toMatchObject({
      row: 2,
      profile: { sex: 'female', ageBand: '40_49', education: 'diploma', occupation: 'pns' },
      date: '2026-03-10',
      serviceCode: 'konsultasi-pbj',
      channel: 'walk-in',
    });
    expect(result.rows[1]).toMatchObject({ profile: { ageBand: '60_plus', education: 's2', occupation: 'wirausaha' }, date: null });
  });

  it('accepts the age bands as the form prints them', async () => {
    const rows = ['< 20', '20-29', '30 – 39', '40-49 tahun', '50-59', '60+', '18', '65'];
    const result = await parseSurveyFile({
      fileName: 'a.csv',
      lang: 'en',
      content: csv(['U1,U2,U3,U4,U5,U6,U7,U8,U9,Usia', ...rows.map((age) => `4,4,4,4,4,4,4,4,4,${age}`)]),
    });
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => r.profile.ageBand)).toEqual(['under_20', '20_29', '30_39', '40_49', '50_59', '60_plus', 'under_20', '60_plus']);
  });
});

describe('sigap skm compute', () => {
  it('prints NRR, IKM, grade, sample and profile for a CSV, in Indonesian with decimal commas', async () => {
    const file = path.join(dir, 'ok.csv');
    writeFileSync(file, ['U1,U2,U3,U4,U5,U6,U7,U8,U9,JK', '4,3,3,4,3,3,4,3,2,L', '4,4,3,4,4,3,4,4,3,P', '3,3,3,4,3,3,3,3,3,P'].join('\n'));
    const { out, err, io } = capture();
    expect(await skmCompute({ file, lang: 'id', users: 50 }, io)).toBe(0);
    expect(err).toEqual([]);
    const text = out.join('\n');
    expect(text).toContain('Responden: 3');
    expect(text).toMatch(/^U1\s+Persyaratan\s+3,6667\s+0,4074\s+91,67\s+A$/m);
    // S = 11+10+9+12+10+9+11+10+8 = 90: IKM = 2500·90 / 27 = 83.33 → B.
    expect(text).toContain('IKM: 83,33 — B Baik');
    expect(text).toContain('N = 50: 44 — responden 3, TIDAK tercapai');
    expect(text).toContain('Jenis kelamin: Laki-laki 1 (33,33%), Perempuan 2 (66,67%)');
  });

  it('labels the legacy weights in the output, in English', async () => {
    const file = path.join(dir, 'ok.xlsx');
    writeFileSync(file, await xlsx([['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'], [4, 4, 4, 4, 4, 4, 4, 4, 4]]));
    const { out, io } = capture();
    expect(await skmCompute({ file, lang: 'en', legacyWeights: true }, io)).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('Weights: Legacy weight 0.111 per element');
    expect(text).toContain('IKM [LEGACY WEIGHT 0.111]: 99.90 — A Very good');
    expect(text).toContain('not computed (give --users N');
  });

  it('exits 1 and lists the row errors for a bad file, 2 for a missing one', async () => {
    const file = path.join(dir, 'bad.csv');
    writeFileSync(file, ['U1,U2,U3,U4,U5,U6,U7,U8,U9', '4,3,3,4,3,3,4,3,2', '4,3,3,0,3,3,4,3,2'].join('\n'));
    const { out, err, io } = capture();
    expect(await skmCompute({ file, lang: 'en' }, io)).toBe(1);
    expect(out).toEqual([]);
    expect(err[0]).toBe('File refused: 1 errors. Fix these rows and run again.');
    expect(err[1]).toBe(`${file}: row 3, column U4, value "0": the answer must be 1, 2, 3 or 4 (or the letter a–d) [skm.answer_range]`);
    expect(await skmCompute({ file: path.join(dir, 'nope.csv'), lang: 'en' }, capture().io)).toBe(2);
  });
});
