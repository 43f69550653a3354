/**
 * An agency's vendors in and out of a spreadsheet: import from the CSV or XLSX an LPSE exports
 * from its old registry (the columns of `importColumns`), with a dry run, every row problem named
 * by row, column and rule, and nothing stored when any row is wrong; a re-import of the same file
 * changes nothing. The export writes the same columns, so it imports back unchanged.
 */
import { randomUUID } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { z } from 'zod';
import {
  importAccountStatuses,
  importColumns,
  legalForms,
  personRoles,
  requiredImportColumns,
  spseUserId,
  writtenNpwp,
  type AccountStatus,
  type ImportReport,
} from '../../../shared/contracts/vendors.js';
import { nibSchema, nikSchema, phoneSchema } from '../../../shared/identifiers.js';
import type { Language } from '../../../shared/i18n/languages.js';
import { describeIssues } from '../../../shared/validation.js';
import type { Executor } from '../../db/client.js';
import { problem, refuse, refuseAll, type Change, type VendorCall, type VendorsContext, type Workspace } from './vendors.context.js';
import { npwpKeyOf } from './vendors.registry.js';
import type { AccountRow, PersonRow, VendorRow } from './vendors.repo.js';

type Column = (typeof importColumns)[number];
type RowProblem = ImportReport['errors'][number];

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** One row of the file, checked as the registry checks a form. */
const rowSchema = z
  .object({
    npwp: z.preprocess((v) => (typeof v === 'string' && /^\d{14}$/.test(v) ? `0${v}` : v), writtenNpwp),
    nib: optional(nibSchema),
    nama: z.string().trim().min(1).max(300),
    bentuk_usaha: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase().replace(/[\s.]+/g, '_').replace(/_+$/, '') : v), z.enum(legalForms)),
    alamat: z.string().trim().min(1).max(1000),
    email: z.email().max(254).transform((v) => v.toLowerCase()),
    telepon: optional(phoneSchema),
    penanggung_jawab_nama: optional(z.string().trim().min(1).max(200)),
    penanggung_jawab_nik: optional(nikSchema),
    penanggung_jawab_peran: optional(z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.enum(personRoles))),
    penanggung_jawab_jabatan: optional(z.string().trim().min(1).max(200)),
    user_id: optional(spseUserId),
    email_akun: optional(z.email().max(254).transform((v) => v.toLowerCase())),
    status_akun: optional(
      z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.enum(Object.keys(importAccountStatuses) as [string, ...string[]], 'vendor.import_status')),
    ),
  })
  .superRefine((row, ctx) => {
    if (row.penanggung_jawab_nama && !row.penanggung_jawab_nik) ctx.addIssue({ code: 'custom', path: ['penanggung_jawab_nik'], message: 'required', input: undefined });
    if (row.penanggung_jawab_nik && !row.penanggung_jawab_nama) ctx.addIssue({ code: 'custom', path: ['penanggung_jawab_nama'], message: 'required', input: undefined });
    if (row.user_id && !row.email_akun) ctx.addIssue({ code: 'custom', path: ['email_akun'], message: 'required', input: undefined });
    if (!row.user_id && (row.email_akun || row.status_akun)) ctx.addIssue({ code: 'custom', path: ['user_id'], message: 'required', input: undefined });
  });
type ImportRow = z.output<typeof rowSchema>;

/** Reads the file into rows of cell texts, the header first: XLSX (a zip) or CSV (comma or semicolon). */
async function readCells(content: Buffer): Promise<string[][]> {
  const isZip = content.length > 3 && content[0] === 0x50 && content[1] === 0x4b;
  if (isZip) return readXlsx(content);
  const text = content.toString('utf8').replace(/^\uFEFF/, '');
  if (text.includes('\u0000')) throw new Error('binary');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  // Spreadsheets set to Indonesian write CSV with semicolons, the comma being the decimal mark.
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  return parseCsv(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
}

async function readXlsx(content: Buffer): Promise<string[][]> {
  // Loaded for a spreadsheet only: exceljs is large.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  await workbook.xlsx.load(content as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    if (cells.some((c) => c !== '')) rows.push(cells);
  }
  return rows;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((part) => part.text).join('').trim();
    if ('text' in value) return String(value.text).trim();
    return '';
  }
  return String(value).trim();
}

/** Header cells as columns: lower-cased, spaces as underscores. */
const columnOf = (header: string) => header.trim().toLowerCase().replace(/[\s-]+/g, '_');

/** CSV as RFC 4180 writes it, with a BOM so that spreadsheets read it as UTF-8. */
function toCsv(rows: string[][]): string {
  const quote = (v: string) => (/[",;\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `\uFEFF${rows.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;
}

/** Thrown to roll a dry run (or a refused import) back after the whole file was tried. */
class RollBack extends Error {}

export function createTransfer(context: VendorsContext) {
  const { deps, repo, now, recordChange } = context;
  const { db } = deps;

  function parseRows(cells: string[][], lang: Language): { rows: { line: number; row: ImportRow }[]; errors: RowProblem[] } {
    const [header, ...body] = cells;
    if (!header || body.length === 0) throw refuse('validation', lang, 'file', 'vendor.import_empty');
    const columns = header.map(columnOf);
    const missing = requiredImportColumns.filter((c) => !columns.includes(c));
    if (missing.length > 0) throw refuseAll(missing.map((c) => problem(lang, c, 'vendor.import_column')));
    const errors: RowProblem[] = [];
    const rows: { line: number; row: ImportRow }[] = [];
    const seen = new Map<string, number>();
    body.forEach((cellsOfRow, i) => {
      const line = i + 2;
      const record: Partial<Record<Column, string>> = {};
      columns.forEach((c, j) => {
        if ((importColumns as readonly string[]).includes(c)) record[c as Column] = cellsOfRow[j] ?? '';
      });
      const parsed = rowSchema.safeParse(record);
      if (!parsed.success) {
        for (const p of describeIssues(parsed.error.issues, lang)) errors.push({ row: line, field: p.field, rule: p.rule, message: p.message });
        return;
      }
      const row = parsed.data;
      for (const [column, key] of [
        ['npwp', `npwp:${npwpKeyOf(row.npwp)}`],
        ['nib', row.nib ? `nib:${row.nib}` : null],
        ['user_id', row.user_id ? `user:${row.user_id.toLowerCase()}` : null],
      ] as const) {
        if (!key) continue;
        const first = seen.get(key);
        if (first !== undefined) errors.push({ row: line, field: column, ...message(lang, 'vendor.import_repeated', { row: first }) });
        else seen.set(key, line);
      }
      rows.push({ line, row });
    });
    return { rows, errors };
  }

  function message(lang: Language, rule: Parameters<typeof problem>[2], params: Record<string, string | number> = {}) {
    const p = problem(lang, '', rule, params);
    return { rule: p.rule, message: p.message };
  }

  /** Applies one row in the import's transaction; its problems are reported against the row. */
  async function applyRow(
    tx: Executor,
    options: { ctx: VendorCall; workspace: Workspace; line: number; row: ImportRow; errors: RowProblem[] },
  ): Promise<'created' | 'updated' | 'unchanged' | 'failed'> {
    const { ctx, workspace, row, line, errors } = options;
    const lang = ctx.lang;
    const fail = (field: string, rule: Parameters<typeof problem>[2], params: Record<string, string | number> = {}) => {
      errors.push({ row: line, field, ...message(lang, rule, params) });
      return 'failed' as const;
    };
    const at = now();
    const actor = context.auditActor(ctx);
    const meta = { agencyId: workspace.id, actor, at };
    const npwpKey = npwpKeyOf(row.npwp);
    await repo.lockIdentifier('npwp', npwpKey, tx);
    let vendor: VendorRow | undefined = await repo.findVendorByNpwpKey(npwpKey, tx);
    if (row.nib) {
      await repo.lockIdentifier('nib', row.nib, tx);
      const holder = await repo.findVendorByNib(row.nib, tx);
      if (holder && holder.id !== vendor?.id) return fail('nib', 'vendor.duplicate', { name: holder.name });
    }
    let outcome: 'created' | 'updated' | 'unchanged' = 'unchanged';
    if (!vendor) {
      vendor = await repo.insertVendor(
        { name: row.nama, legalForm: row.bentuk_usaha, npwp: row.npwp, npwpKey, nib: row.nib ?? null, address: row.alamat, email: row.email, phone: row.telepon ?? null, createdAt: at, updatedAt: at },
        tx,
      );
      await recordChange(tx, { vendorId: vendor.id, changes: [{ field: 'registered', oldValue: null, newValue: `${row.bentuk_usaha} ${row.nama} (import)` }], meta, action: 'vendors.imported' });
      outcome = 'created';
    } else {
      vendor = await repo.lockVendor(vendor.id, tx);
      const v = vendor!;
      const changes: Change[] = [];
      const patch: Partial<VendorRow> = {};
      const diff = <K extends 'name' | 'legalForm' | 'npwp' | 'address' | 'email' | 'phone' | 'nib'>(field: K, value: VendorRow[K] | undefined) => {
        if (value === undefined || value === v[field]) return;
        changes.push({ field, oldValue: v[field], newValue: value });
        (patch as Record<string, unknown>)[field] = value;
      };
      diff('name', row.nama);
      diff('legalForm', row.bentuk_usaha);
      diff('npwp', row.npwp);
      diff('nib', row.nib);
      diff('address', row.alamat);
      diff('email', row.email);
      diff('phone', row.telepon);
      if (changes.length > 0) {
        vendor = await repo.updateVendor(v.id, patch, null, at, tx);
        await recordChange(tx, { vendorId: v.id, changes, meta, action: 'vendors.imported' });
        outcome = 'updated';
      }
    }
    const v = vendor!;
    if (row.penanggung_jawab_nik) {
      const persons: PersonRow[] = await repo.listPersons(v.id, tx);
      if (!persons.some((p) => p.nik === row.penanggung_jawab_nik)) {
        const role = row.penanggung_jawab_peran ?? 'direktur';
        await repo.insertPersons([{ vendorId: v.id, role, name: row.penanggung_jawab_nama!, nik: row.penanggung_jawab_nik, position: row.penanggung_jawab_jabatan ?? null, createdAt: at }], tx);
        await recordChange(tx, { vendorId: v.id, changes: [{ field: 'person.added', oldValue: null, newValue: `${role}: ${row.penanggung_jawab_nama}` }], meta, action: 'vendors.imported' });
        if (outcome === 'unchanged') outcome = 'updated';
      }
    }
    if (row.user_id && row.email_akun) {
      const status: AccountStatus = importAccountStatuses[row.status_akun ?? 'menunggu_verifikasi']!;
      const loginKey = row.user_id.toLowerCase();
      const holder = await repo.findAccountByLogin(workspace.id, loginKey, tx);
      if (holder && holder.vendorId !== v.id) return fail('user_id', 'vendor.user_id_taken');
      await repo.lockEmail(row.email_akun, tx);
      if ((await repo.findAccountsWithEmailOfOthers(row.email_akun, v.id, tx)).length > 0) return fail('email_akun', 'vendor.email_taken');
      const account: AccountRow | undefined = await repo.findAccount(workspace.id, v.id, tx, true);
      if (!account) {
        const inserted = await repo.insertAccount(
          {
            agencyId: workspace.id,
            id: randomUUID(),
            vendorId: v.id,
            userLogin: row.user_id,
            userLoginKey: loginKey,
            email: row.email_akun,
            status,
            registeredAt: at,
            updatedAt: at,
            ...(status === 'active' ? { activatedAt: at, activatedByLabel: `import:${actor.label ?? ''}` } : {}),
            ...(status === 'inactive' ? { deactivatedAt: at, deactivatedByLabel: `import:${actor.label ?? ''}` } : {}),
          },
          tx,
        );
        await recordChange(tx, {
          vendorId: v.id,
          changes: [{ field: 'account.registered', oldValue: null, newValue: `${row.user_id} <${row.email_akun}> ${status}`, accountId: inserted.id }],
          meta,
          action: 'vendors.imported',
          target: { type: 'vendor_account', id: inserted.id },
        });
        if (outcome === 'unchanged') outcome = 'updated';
      } else {
        const changes: Change[] = [];
        const patch: Partial<AccountRow> = {};
        if (account.userLogin !== row.user_id) {
          changes.push({ field: 'account.userId', oldValue: account.userLogin, newValue: row.user_id, accountId: account.id });
          Object.assign(patch, { userLogin: row.user_id, userLoginKey: loginKey });
        }
        if (account.email !== row.email_akun) {
          changes.push({ field: 'account.email', oldValue: account.email, newValue: row.email_akun, accountId: account.id });
          patch.email = row.email_akun;
        }
        if (row.status_akun && account.status !== status) {
          changes.push({ field: 'account.status', oldValue: account.status, newValue: status, accountId: account.id });
          patch.status = status;
        }
        if (changes.length > 0) {
          await repo.updateAccount(workspace.id, account.id, patch, at, tx);
          await recordChange(tx, { vendorId: v.id, changes, meta, action: 'vendors.imported', target: { type: 'vendor_account', id: account.id } });
          if (outcome === 'unchanged') outcome = 'updated';
        }
      }
    }
    return outcome;
  }

  return {
    async importVendors(options: { ctx: VendorCall; workspace: Workspace; content: Buffer; dryRun: boolean }): Promise<ImportReport> {
      const { ctx } = options;
      let cells: string[][];
      try {
        cells = await readCells(options.content);
      } catch {
        throw refuse('validation', ctx.lang, 'file', 'vendor.import_file');
      }
      const parsed = parseRows(cells, ctx.lang);
      const report: ImportReport = { dryRun: options.dryRun, rows: parsed.rows.length + new Set(parsed.errors.map((e) => e.row)).size, created: 0, updated: 0, unchanged: 0, errors: [...parsed.errors] };
      try {
        await db.transaction(async (tx) => {
          for (const { line, row } of parsed.rows) {
            if (report.errors.some((e) => e.row === line)) continue;
            // A savepoint per row: a row refused by the database leaves the others to be tried.
            const outcome = await tx.transaction((inner) => applyRow(inner, { ctx, workspace: options.workspace, line, row, errors: report.errors })).catch((error: unknown) => {
              // Not the file's fault as far as the rules know: logged, and the row reported without internals.
              deps.log.error({ err: error, row: line }, 'a vendor import row could not be stored');
              report.errors.push({ row: line, field: '', ...message(ctx.lang, 'custom') });
              return 'failed' as const;
            });
            if (outcome !== 'failed') report[outcome]++;
          }
          // Nothing is stored unless every row is right; a dry run stores nothing at all.
          if (options.dryRun || report.errors.length > 0) throw new RollBack();
          await deps.audit.record({
            tx,
            agencyId: options.workspace.id,
            actor: context.auditActor(ctx),
            action: 'vendors.import',
            after: { rows: report.rows, created: report.created, updated: report.updated, unchanged: report.unchanged },
            ip: ctx.ip,
            requestId: ctx.requestId,
          });
        });
      } catch (error) {
        if (!(error instanceof RollBack)) throw error;
      }
      report.errors.sort((a, b) => a.row - b.row);
      if (!options.dryRun && report.errors.length > 0) {
        // The counts would say what a corrected file would do; the errors say why nothing was stored.
        throw refuseAll(report.errors.map((e) => ({ field: `rows.${e.row}.${e.field}`, rule: e.rule, message: e.message })));
      }
      return report;
    },

    /** The agency's vendors with their account, in the import's columns: as CSV or XLSX. */
    async exportVendors(options: { workspace: Workspace; format: 'csv' | 'xlsx' }): Promise<{ fileName: string; mimeType: string; data: Buffer }> {
      const rows: string[][] = [[...importColumns]];
      let after: { name: string; id: string } | null = null;
      const statusWords = Object.fromEntries(Object.entries(importAccountStatuses).map(([word, status]) => [status, word])) as Record<AccountStatus, string>;
      for (;;) {
        const batch = await repo.exportBatch(options.workspace.id, after, 1000);
        if (batch.length === 0) break;
        const persons = await repo.listPersonsOf(batch.map((b) => b.vendor.id));
        for (const { vendor, account } of batch) {
          const person = persons.find((p) => p.vendorId === vendor.id && p.role !== 'kuasa') ?? persons.find((p) => p.vendorId === vendor.id);
          const record: Record<Column, string> = {
            npwp: vendor.npwp,
            nib: vendor.nib ?? '',
            nama: vendor.name,
            bentuk_usaha: vendor.legalForm,
            alamat: vendor.address,
            email: vendor.email,
            telepon: vendor.phone ?? '',
            penanggung_jawab_nama: person?.name ?? '',
            penanggung_jawab_nik: person?.nik ?? '',
            penanggung_jawab_peran: person?.role ?? '',
            penanggung_jawab_jabatan: person?.position ?? '',
            user_id: account.userLogin,
            email_akun: account.email,
            status_akun: statusWords[account.status],
          };
          rows.push(importColumns.map((c) => record[c]));
        }
        const last = batch.at(-1)!.vendor;
        after = { name: last.name, id: last.id };
      }
      const stamp = now().toISOString().slice(0, 10);
      const base = `penyedia-${options.workspace.code}-${stamp}`;
      if (options.format === 'csv') return { fileName: `${base}.csv`, mimeType: 'text/csv; charset=utf-8', data: Buffer.from(toCsv(rows), 'utf8') };
      const { default: Excel } = await import('exceljs');
      const workbook = new Excel.Workbook();
      const sheet = workbook.addWorksheet('Penyedia');
      // Every cell as text: NPWP, NIK and NIB are numbers only in appearance (leading zeros, 16 digits).
      for (const r of rows) sheet.addRow(r).eachCell((cell) => (cell.numFmt = '@'));
      sheet.getRow(1).font = { bold: true };
      const data = Buffer.from(await workbook.xlsx.writeBuffer());
      return { fileName: `${base}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data };
    },
  };
}
