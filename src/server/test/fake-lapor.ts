import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A report as SP4N-LAPOR! sends it (docs/lapor-adapter.md). */
export interface WireReport {
  tracking_id: string;
  judul: string;
  isi: string;
  kategori: string;
  privasi: { anonim: boolean; rahasia: boolean };
  pelapor: { nama: string | null; email: string | null; telepon: string | null } | null;
  lokasi: string | null;
  tanggal_lapor: string;
  tanggal_disposisi: string;
}

/**
 * A stand-in for LAPOR! that speaks the contract of docs/lapor-adapter.md: bearer token, reports
 * of one instansi paged by an opaque cursor, follow-ups and closings kept for the test to read.
 */
export async function startFakeLapor(options: { token: string; instansi: string }) {
  const reports: WireReport[] = [];
  const followUps: { trackingId: string; isi: string; tanggal: string }[] = [];
  const closings: { trackingId: string; isi: string; tanggal: string }[] = [];
  const requests: string[] = [];
  const body = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as { isi: string; tanggal: string };
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url!, 'http://127.0.0.1');
      requests.push(`${req.method} ${url.pathname}${url.search}`);
      const send = (status: number, payload?: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(payload === undefined ? '' : JSON.stringify(payload));
      };
      if (req.headers.authorization !== `Bearer ${options.token}`) return send(401, { error: 'unauthorized' });
      // Served under /api, as an agency's gateway would.
      const pathname = url.pathname.replace(/^\/api(?=\/)/, '');
      const list = /^\/v1\/instansi\/([^/]+)\/laporan$/.exec(pathname);
      if (req.method === 'GET' && list) {
        if (decodeURIComponent(list[1]!) !== options.instansi) return send(403, { error: 'instansi lain' });
        const from = url.searchParams.has('cursor') ? Number(url.searchParams.get('cursor')!.replace('c', '')) : 0;
        const limit = Number(url.searchParams.get('limit') ?? 50);
        const page = reports.slice(from, from + limit);
        const end = from + page.length;
        return send(200, { data: page, next_cursor: end > 0 ? `c${end}` : null, has_more: end < reports.length });
      }
      const step = /^\/v1\/laporan\/([^/]+)\/(tindak-lanjut|selesai)$/.exec(pathname);
      if (req.method === 'POST' && step) {
        const trackingId = decodeURIComponent(step[1]!);
        if (!reports.some((r) => r.tracking_id === trackingId)) return send(404, { error: 'laporan tidak ada' });
        const b = await body(req);
        (step[2] === 'selesai' ? closings : followUps).push({ trackingId, isi: b.isi, tanggal: b.tanggal });
        return send(step[2] === 'selesai' ? 200 : 201, { ok: true });
      }
      return send(404, { error: 'no route' });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api`,
    reports,
    followUps,
    closings,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const report = (id: string, overrides: Partial<WireReport> = {}): WireReport => ({
  tracking_id: id,
  judul: `Laporan ${id}`,
  isi: 'Akun SPSE saya tidak kunjung diverifikasi oleh LPSE Klungkung',
  kategori: 'pengaduan',
  privasi: { anonim: false, rahasia: false },
  pelapor: { nama: `Pelapor ${id}`, email: `pelapor${id}@example.id`, telepon: null },
  lokasi: 'Semarapura',
  tanggal_lapor: '2026-03-06T09:00:00+08:00',
  tanggal_disposisi: '2026-03-09T10:00:00+08:00',
  ...overrides,
});
