import type { AgenciesService } from '../agencies/agencies.service.js';
import { readFile, writeFile } from 'node:fs/promises';
import type { AuditCheckpoint, AuditService, ChainVerdict } from './audit.service.js';

const reasons: Record<NonNullable<ChainVerdict['broken']>['reason'], string> = {
  hash_mismatch: 'its content does not match its hash (altered) / isinya tidak cocok dengan hash-nya (diubah)',
  unkeyed:
    'it is hashed without the audit key (rewritten by someone without the key, or written before the key: see `sigap audit reseal`) / di-hash tanpa kunci audit (ditulis ulang tanpa kunci, atau ditulis sebelum ada kunci)',
  prev_hash_mismatch: 'it does not follow the entry before it (inserted or reordered) / tidak menyambung entri sebelumnya',
  seq_gap: 'it is missing (deleted) / entri ini hilang (dihapus)',
  missing_tail: 'it and the entries after it are missing (deleted) / entri ini dan sesudahnya hilang',
  head_mismatch: 'the chain head disagrees with the last entry / kepala rantai tidak cocok dengan entri terakhir',
  checkpoint_missing:
    'the chain no longer reaches this checkpointed head (entries removed from the end, or rewritten) / rantai tidak lagi mencapai kepala yang dicatat di checkpoint',
  checkpoint_forged: 'the checkpoint for it is not signed with the audit key / checkpoint-nya tidak ditandatangani dengan kunci audit',
};

type CliServices = { audit: Pick<AuditService, 'verifyAll' | 'resealAll'>; agencies: Pick<AgenciesService, 'findByCode' | 'findById'> };

/** The chains a command covers: one agency's (by code) or all; a line to print for an unknown code. */
async function scope(agencies: CliServices['agencies'], agencyCode: string | undefined): Promise<{ agencyId?: string } | string> {
  if (!agencyCode) return {};
  const agency = await agencies.findByCode(agencyCode);
  return agency ? { agencyId: agency.id } : `unknown agency / instansi tidak dikenal: ${agencyCode}`;
}

async function chainName(agencies: CliServices['agencies'], v: ChainVerdict): Promise<string> {
  const agency = v.agencyId ? await agencies.findById(v.agencyId) : undefined;
  return v.agencyId ? `agency ${agency?.code ?? v.agencyId}` : 'global chain';
}

const brokenLine = (name: string, v: ChainVerdict) =>
  `BROKEN ${name}: first broken entry seq ${v.broken!.seq}: ${reasons[v.broken!.reason]} (${v.checked} entries before it intact)`;

/**
 * `sigap audit verify [--agency code]`: walks each hash chain (or one agency's) and names the
 * first entry that does not hold. Returns the lines to print and whether every chain held.
 */
export async function verifyAuditTrail(
  services: { audit: Pick<AuditService, 'verifyAll'>; agencies: CliServices['agencies'] },
  options: { agencyCode?: string | undefined; checkpointsFile?: string | undefined },
): Promise<{ ok: boolean; lines: string[] }> {
  const { audit, agencies } = services;
  const which = await scope(agencies, options.agencyCode);
  if (typeof which === 'string') return { ok: false, lines: [which] };
  let checkpoints: AuditCheckpoint[] = [];
  if (options.checkpointsFile) {
    try {
      checkpoints = (JSON.parse(await readFile(options.checkpointsFile, 'utf8')) as { checkpoints: AuditCheckpoint[] }).checkpoints;
      if (!Array.isArray(checkpoints)) throw new Error('no checkpoints');
    } catch {
      return { ok: false, lines: [`not a checkpoint file of sigap audit checkpoint / bukan berkas checkpoint: ${options.checkpointsFile}`] };
    }
  }
  const verdicts = await audit.verifyAll({ ...which, checkpoints });
  const lines: string[] = [];
  for (const v of verdicts) {
    const name = await chainName(agencies, v);
    lines.push(v.ok ? `OK     ${name}: ${v.checked} entries intact / entri utuh` : brokenLine(name, v));
  }
  if (!verdicts.length) lines.push('no audit entries yet / belum ada entri audit');
  return { ok: verdicts.every((v) => v.ok), lines };
}

/**
 * `sigap audit reseal [--agency code]`, once after upgrading to the keyed chain: rehashes under the key
 * the chains whose first entries were hashed without it, and names (and leaves alone) a chain that does not hold.
 */
export async function resealAuditTrail(services: CliServices, options: { agencyCode?: string | undefined }): Promise<{ ok: boolean; lines: string[] }> {
  const { audit, agencies } = services;
  const which = await scope(agencies, options.agencyCode);
  if (typeof which === 'string') return { ok: false, lines: [which] };
  const results = await audit.resealAll(which);
  const lines: string[] = [];
  for (const { verdict, resealed } of results) {
    const name = await chainName(agencies, verdict);
    lines.push(
      !verdict.ok
        ? `${brokenLine(name, verdict)}; not resealed / tidak disegel ulang`
        : resealed
          ? `SEALED ${name}: ${resealed} entries rehashed under the audit key / entri di-hash ulang dengan kunci audit`
          : `OK     ${name}: already keyed, nothing to do / sudah berkunci`,
    );
  }
  if (!results.length) lines.push('no audit entries yet / belum ada entri audit');
  return { ok: results.every((r) => r.verdict.ok), lines };
}

/**
 * `sigap audit checkpoint --out file`: writes the head of every chain that holds, signed with the audit key.
 * Kept outside the database (another host, a backup medium), it lets `verify --checkpoints file` catch entries
 * removed from the end with the head moved back, which a chain alone cannot show.
 */
export async function checkpointAuditTrail(
  services: { audit: Pick<AuditService, 'checkpoint'>; agencies: CliServices['agencies'] },
  options: { out: string; at: Date },
): Promise<{ ok: boolean; lines: string[] }> {
  const { checkpoints, verdicts } = await services.audit.checkpoint();
  await writeFile(options.out, `${JSON.stringify({ version: 1, at: options.at.toISOString(), checkpoints }, null, 2)}\n`);
  const lines: string[] = [];
  for (const v of verdicts) {
    const name = await chainName(services.agencies, v);
    const c = checkpoints.find((x) => x.chainId === v.chainId);
    lines.push(v.ok ? `OK     ${name}: checkpoint at entry ${c?.seq ?? 0} / checkpoint pada entri ${c?.seq ?? 0}` : `${brokenLine(name, v)}; no checkpoint / tanpa checkpoint`);
  }
  return { ok: verdicts.every((v) => v.ok), lines };
}
