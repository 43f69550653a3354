import type { AgenciesService } from '../agencies/agencies.service.js';
import type { AuditService, ChainVerdict } from './audit.service.js';

const reasons: Record<NonNullable<ChainVerdict['broken']>['reason'], string> = {
  hash_mismatch: 'its content does not match its hash (altered) / isinya tidak cocok dengan hash-nya (diubah)',
  unkeyed:
    'it is hashed without the audit key (rewritten by someone without the key, or written before the key: see `sigap audit reseal`) / di-hash tanpa kunci audit (ditulis ulang tanpa kunci, atau ditulis sebelum ada kunci)',
  prev_hash_mismatch: 'it does not follow the entry before it (inserted or reordered) / tidak menyambung entri sebelumnya',
  seq_gap: 'it is missing (deleted) / entri ini hilang (dihapus)',
  missing_tail: 'it and the entries after it are missing (deleted) / entri ini dan sesudahnya hilang',
  head_mismatch: 'the chain head disagrees with the last entry / kepala rantai tidak cocok dengan entri terakhir',
};

/**
 * `sigap audit verify [--agency code]`: walks each hash chain (or one agency's) and names the
 * first entry that does not hold. Returns the lines to print and whether every chain held.
 */
export async function verifyAuditTrail(
  services: { audit: Pick<AuditService, 'verifyAll'>; agencies: Pick<AgenciesService, 'findByCode' | 'findById'> },
  options: { agencyCode?: string | undefined },
): Promise<{ ok: boolean; lines: string[] }> {
  const { audit, agencies } = services;
  let verdicts: ChainVerdict[];
  if (options.agencyCode) {
    const agency = await agencies.findByCode(options.agencyCode);
    if (!agency) return { ok: false, lines: [`unknown agency / instansi tidak dikenal: ${options.agencyCode}`] };
    verdicts = await audit.verifyAll({ agencyId: agency.id });
  } else {
    verdicts = await audit.verifyAll();
  }
  const lines: string[] = [];
  for (const v of verdicts) {
    const agency = v.agencyId ? await agencies.findById(v.agencyId) : undefined;
    const name = v.agencyId ? `agency ${agency?.code ?? v.agencyId}` : 'global chain';
    lines.push(
      v.ok
        ? `OK     ${name}: ${v.checked} entries intact / entri utuh`
        : `BROKEN ${name}: first broken entry seq ${v.broken!.seq}: ${reasons[v.broken!.reason]} (${v.checked} entries before it intact)`,
    );
  }
  if (!verdicts.length) lines.push('no audit entries yet / belum ada entri audit');
  return { ok: verdicts.every((v) => v.ok), lines };
}
