/**
 * SP4N-LAPOR! (lapor.go.id), the national complaint system, forwards reports to the agency they
 * concern and expects its follow-up and closing back. LAPOR! documents its integration API only to
 * registered agencies, so Sigap speaks to it through this adapter: the interface is what Sigap
 * needs, and `createHttpLaporAdapter` implements the contract written in docs/lapor-adapter.md.
 * That contract is Sigap's own model of the exchange, not LAPOR!'s published API: an agency that
 * holds the real documentation writes an adapter for it behind the same interface.
 */
import { z } from 'zod';
import type { FileComplaintInput } from '../../../shared/contracts/complaints.js';
import type { AuditActor } from '../audit/audit.service.js';
import type { ComplaintsService } from './complaints.service.js';

/** A report as LAPOR! forwards it to the agency. */
export interface LaporReport {
  trackingId: string;
  title: string;
  content: string;
  /** aspirasi, pengaduan, permintaan_informasi or whistleblowing. */
  category: string;
  /** anonim: the reporter is hidden; rahasia: the report is hidden from the public. */
  privacy: { anonymous: boolean; confidential: boolean };
  /** Null when LAPOR! withholds the reporter (anonim). */
  reporter: { name: string | null; email: string | null; phone: string | null } | null;
  location: string | null;
  reportedAt: Date;
  /** When LAPOR! forwarded it to this agency: the agency's clocks start here. */
  forwardedAt: Date;
}

export interface LaporAdapter {
  /** New reports for the agency after `cursor` (null: from the beginning), one page at a time. */
  pullReports(options: { cursor: string | null }): Promise<{ reports: LaporReport[]; nextCursor: string | null; hasMore: boolean }>;
  /** The agency's follow-up (tindak lanjut), shown to the reporter on LAPOR!. */
  postFollowUp(options: { trackingId: string; text: string; at: Date }): Promise<void>;
  /** The report is resolved (selesai). */
  closeReport(options: { trackingId: string; text: string; at: Date }): Promise<void>;
}

export class LaporError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'LaporError';
  }
}

const wireReport = z.object({
  tracking_id: z.string().min(1).max(64),
  judul: z.string().min(1),
  isi: z.string().min(1),
  kategori: z.string(),
  privasi: z.object({ anonim: z.boolean(), rahasia: z.boolean() }),
  pelapor: z.object({ nama: z.string().nullable(), email: z.string().nullable(), telepon: z.string().nullable() }).nullable(),
  lokasi: z.string().nullable(),
  tanggal_lapor: z.iso.datetime({ offset: true }),
  tanggal_disposisi: z.iso.datetime({ offset: true }),
});
const wirePage = z.object({ data: z.array(wireReport), next_cursor: z.string().nullable(), has_more: z.boolean() });

/** The HTTP contract of docs/lapor-adapter.md, with a bearer token per agency (instansi). */
export function createHttpLaporAdapter(options: { baseUrl: string; token: string; instansiId: string; pageSize?: number; fetch?: typeof fetch }): LaporAdapter {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const headers = { authorization: `Bearer ${options.token}`, accept: 'application/json' };

  async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, {
        method,
        headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new LaporError(`LAPOR! tidak dapat dihubungi / LAPOR! unreachable: ${(error as Error).message}`, null);
    }
    const text = await res.text();
    if (!res.ok) {
      const reason = res.status === 401 || res.status === 403 ? 'token ditolak / token refused' : `HTTP ${res.status}`;
      throw new LaporError(`${method} ${path}: ${reason}${text ? ` — ${text.slice(0, 200)}` : ''}`, res.status);
    }
    return text ? JSON.parse(text) : null;
  }

  return {
    async pullReports({ cursor }) {
      const query = new URLSearchParams({ limit: String(options.pageSize ?? 50) });
      if (cursor) query.set('cursor', cursor);
      const raw = await call('GET', `/v1/instansi/${encodeURIComponent(options.instansiId)}/laporan?${query}`);
      const parsed = wirePage.safeParse(raw);
      if (!parsed.success) throw new LaporError(`jawaban LAPOR! tidak sesuai kontrak / LAPOR! answer breaks the contract: ${parsed.error.issues[0]?.path.join('.')}`, 200);
      return {
        nextCursor: parsed.data.next_cursor,
        hasMore: parsed.data.has_more,
        reports: parsed.data.data.map((r) => ({
          trackingId: r.tracking_id,
          title: r.judul,
          content: r.isi,
          category: r.kategori,
          privacy: { anonymous: r.privasi.anonim, confidential: r.privasi.rahasia },
          reporter: r.pelapor ? { name: r.pelapor.nama, email: r.pelapor.email, phone: r.pelapor.telepon } : null,
          location: r.lokasi,
          reportedAt: new Date(r.tanggal_lapor),
          forwardedAt: new Date(r.tanggal_disposisi),
        })),
      };
    },
    async postFollowUp({ trackingId, text, at }) {
      await call('POST', `/v1/laporan/${encodeURIComponent(trackingId)}/tindak-lanjut`, { isi: text, tanggal: at.toISOString() });
    },
    async closeReport({ trackingId, text, at }) {
      await call('POST', `/v1/laporan/${encodeURIComponent(trackingId)}/selesai`, { isi: text, tanggal: at.toISOString() });
    },
  };
}

/** A LAPOR! report as a complaint's contents. LAPOR! has already accepted it: nothing is refused. */
export function reportToComplaint(report: LaporReport): FileComplaintInput {
  const who = report.reporter;
  return {
    subject: report.title.slice(0, 200),
    description: report.content,
    requestNumber: undefined,
    loss: undefined,
    requestedResolution: undefined,
    place: report.location ?? undefined,
    signed: false,
    otherContents: {},
    complainant: {
      name: who?.name ?? undefined,
      address: undefined,
      email: who?.email?.toLowerCase() ?? undefined,
      phone: who?.phone ?? undefined,
    },
    anonymous: report.privacy.anonymous,
    confidential: report.privacy.confidential,
  };
}

export interface LaporSyncResult {
  pulled: number;
  created: { number: string; laporTrackingId: string }[];
  alreadyRecorded: string[];
  posted: { number: string; laporTrackingId: string; kind: 'follow_up' | 'close' }[];
  failures: { laporTrackingId: string; message: string }[];
}

/**
 * One synchronisation: pull every new report into a complaint (once per tracking ID), then post
 * back each follow-up, answer and closing not yet posted. The cursor advances only past pages
 * stored, so a failure part-way repeats nothing and loses nothing.
 */
export async function syncLapor(options: { service: ComplaintsService; adapter: LaporAdapter; agencyCode: string; actor: AuditActor }): Promise<LaporSyncResult> {
  const { service, adapter, agencyCode, actor } = options;
  const context = { actor, ip: null, requestId: null, lang: 'id' as const };
  const result: LaporSyncResult = { pulled: 0, created: [], alreadyRecorded: [], posted: [], failures: [] };

  let cursor = await service.getLaporCursor({ agencyCode });
  for (let page = 0; page < 1000; page++) {
    const { reports, nextCursor, hasMore } = await adapter.pullReports({ cursor });
    result.pulled += reports.length;
    for (const report of reports) {
      const filed = await service.fileFromLapor({ agencyCode, laporTrackingId: report.trackingId, receivedAt: report.forwardedAt, input: reportToComplaint(report), context });
      if (filed) result.created.push({ number: filed.number, laporTrackingId: report.trackingId });
      else result.alreadyRecorded.push(report.trackingId);
    }
    if (nextCursor !== null && nextCursor !== cursor) {
      cursor = nextCursor;
      await service.saveLaporCursor({ agencyCode, cursor });
    }
    if (!hasMore || reports.length === 0) break;
  }

  for (const pending of await service.listLaporPending({ agencyCode })) {
    for (const event of pending.events) {
      try {
        const kind = event.type === 'closed' || event.type === 'confirmed' ? 'close' : 'follow_up';
        if (kind === 'close') await adapter.closeReport({ trackingId: pending.laporTrackingId, text: event.note ?? pending.answer ?? '-', at: event.at });
        else await adapter.postFollowUp({ trackingId: pending.laporTrackingId, text: event.note ?? '-', at: event.at });
        await service.markLaporPosted({ agencyCode, number: pending.number, eventSeq: event.seq, kind, context });
        result.posted.push({ number: pending.number, laporTrackingId: pending.laporTrackingId, kind });
      } catch (error) {
        // The rest of this complaint waits for the next run, in order.
        result.failures.push({ laporTrackingId: pending.laporTrackingId, message: (error as Error).message });
        break;
      }
    }
  }
  return result;
}
