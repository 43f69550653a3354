/**
 * `sigap complaints …`: the SP4N-LAPOR! synchronisation. Gets the complaints service (from the
 * composition root), writes lines through `out`/`err` and returns the exit code.
 */
import { readFile } from 'node:fs/promises';
import { AppError } from '../../lib/app-error.js';
import { systemActor } from '../audit/audit.service.js';
import { createHttpLaporAdapter, LaporError, syncLapor, type LaporAdapter } from './complaints.lapor.js';
import type { ComplaintsService } from './complaints.service.js';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/**
 * `sigap complaints lapor-sync --agency <code> --url <base> --token-file <file> [--instansi <id>]`:
 * pulls new SP4N-LAPOR! reports into complaints and posts back follow-ups and closings.
 * Exit codes: 0 done, 1 some follow-ups not posted, 2 LAPOR! refused or unreachable, 3 unknown agency.
 */
export async function laporSyncCommand(
  complaints: ComplaintsService,
  options: { agency: string; url: string; tokenFile: string; instansi?: string | undefined; operator: string; adapter?: LaporAdapter },
  io: CliIo,
): Promise<number> {
  try {
    const token = options.adapter ? '' : (await readFile(options.tokenFile, 'utf8')).trim();
    const adapter = options.adapter ?? createHttpLaporAdapter({ baseUrl: options.url, token, instansiId: options.instansi ?? options.agency });
    const result = await syncLapor({
      service: complaints,
      adapter,
      agencyCode: options.agency,
      actor: systemActor(`sigap complaints lapor-sync (${options.operator})`),
    });
    for (const c of result.created) io.out(`baru / new: ${c.number} ← LAPOR! ${c.laporTrackingId}`);
    for (const p of result.posted) io.out(`dikirim / posted: ${p.number} → LAPOR! ${p.laporTrackingId} (${p.kind === 'close' ? 'selesai / closed' : 'tindak lanjut / follow-up'})`);
    for (const f of result.failures) io.err(`gagal / failed: LAPOR! ${f.laporTrackingId}: ${f.message}`);
    io.out(
      `${result.pulled} laporan ditarik, ${result.created.length} pengaduan baru, ${result.alreadyRecorded.length} sudah tercatat, ${result.posted.length} tindak lanjut dikirim / ` +
        `${result.pulled} reports pulled, ${result.created.length} new complaints, ${result.alreadyRecorded.length} already recorded, ${result.posted.length} follow-ups posted`,
    );
    return result.failures.length > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof LaporError) {
      io.err(error.message);
      return 2;
    }
    if (error instanceof AppError) {
      io.err(`${error.localized.id} / ${error.localized.en}`);
      return error.status === 404 ? 3 : 1;
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      io.err(`berkas token tidak ada / token file not found: ${options.tokenFile}`);
      return 2;
    }
    throw error;
  }
}
