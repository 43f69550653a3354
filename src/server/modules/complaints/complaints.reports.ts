/**
 * Complaints counted: the staff's CSV export and the public statistics of a year. Neither reads
 * the complainant's identity (the repo's list columns do not include it).
 */
import { complaintOutcomes, complaintStatuses, type ComplaintStatistics } from '../../../shared/contracts/complaints.js';
import { AppError } from '../../lib/app-error.js';
import { localDateOf, localToInstant } from '../calendar/time-zone.js';
import { answeredOnTime } from './complaints.clock.js';
import type { ComplaintsContext } from './complaints.context.js';
import type { ComplaintListRow } from './complaints.repo.js';

const csvHeader = [
  'nomor',
  'diterima',
  'saluran',
  'layanan',
  'nomor_permohonan',
  'id_lapor',
  'klasifikasi',
  'status',
  'terlambat_diajukan',
  'anonim',
  'rahasia',
  'perihal',
  'batas_tanggapan',
  'ditanggapi',
  'batas_penyelesaian',
  'batas_60_hari',
  'dijawab',
  'hasil',
  'tepat_waktu',
  'ditutup',
];

function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value);
  // A cell starting with =, +, - or @ is a formula to a spreadsheet.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvLine(r: ComplaintListRow): string {
  return [
    r.number,
    r.receivedAt,
    r.channel,
    r.serviceCode,
    r.requestNumber,
    r.laporTrackingId,
    r.classCode,
    r.status,
    r.late ? 'ya' : 'tidak',
    r.anonymous ? 'ya' : 'tidak',
    r.confidential ? 'ya' : 'tidak',
    r.subject,
    r.responseDueAt,
    r.respondedAt,
    r.resolutionDueAt,
    r.hardDueAt,
    r.answeredAt,
    r.outcome,
    r.answeredAt ? (answeredOnTime(r) ? 'ya' : 'tidak') : '',
    r.closedAt,
  ]
    .map(csvCell)
    .join(',');
}

export function createReports(ctx: ComplaintsContext) {
  const { repo, clock } = ctx;

  return {
    /**
     * CSV of the complaints received in [from, to] (local dates), for staff reports. No column of
     * the complainant's identity exists here, anonymous or not: the query does not read it.
     */
    async exportCsv({ agencyCode, from, to }: { agencyCode: string; from?: string | undefined; to?: string | undefined }): Promise<{ csv: string; fileName: string }> {
      const agency = await ctx.agencyOf(agencyCode);
      const startOf = (date: string) => {
        const [y, m, d] = date.split('-').map(Number) as [number, number, number];
        return new Date(localToInstant(agency.timeZone, Date.UTC(y, m - 1, d)));
      };
      const endOf = (date: string) => new Date(startOf(date).getTime() + 86_400_000);
      const rows = await repo.listReceivedBetween(agency.id, from ? startOf(from) : undefined, to ? endOf(to) : undefined);
      const lines = [csvHeader.join(','), ...rows.map(csvLine)];
      const fileName = `pengaduan-${agency.code}${from ? `-${from}` : ''}${to ? `-${to}` : ''}.csv`;
      // A byte-order mark so that spreadsheet programs read UTF-8.
      return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, fileName };
    },

    /** Public statistics of a year: counts only, and subjects of answered complaints that are not confidential. */
    async statistics({ agencyCode, year }: { agencyCode: string; year?: number | undefined }): Promise<ComplaintStatistics> {
      const agency = await ctx.agencyOf(agencyCode);
      const now = clock();
      const y = year ?? Number(localDateOf(agency.timeZone, now.getTime()).slice(0, 4));
      const rows = await repo.listReceivedBetween(
        agency.id,
        new Date(localToInstant(agency.timeZone, Date.UTC(y, 0, 1))),
        new Date(localToInstant(agency.timeZone, Date.UTC(y + 1, 0, 1))),
      );
      let classes: { code: string; name: string }[] = [];
      try {
        classes = (await ctx.standardAt(agency, now)).agency.complaints.classes;
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'not_found')) throw error;
      }
      const countBy = <K extends string | null>(key: (r: ComplaintListRow) => K) => {
        const map = new Map<K, number>();
        for (const r of rows) map.set(key(r), (map.get(key(r)) ?? 0) + 1);
        return map;
      };
      const byClass = countBy((r) => r.classCode);
      const byOutcome = countBy((r) => r.outcome);
      const byStatus = countBy((r) => r.status);
      const answered = rows.filter((r) => r.answeredAt !== null);
      const onTime = answered.filter(answeredOnTime).length;
      return {
        agency: { code: agency.code, name: agency.name },
        year: y,
        total: rows.length,
        open: rows.filter((r) => r.status !== 'closed').length,
        lateFiled: rows.filter((r) => r.late).length,
        byClass: [...byClass].map(([classCode, count]) => ({ classCode, name: classes.find((k) => k.code === classCode)?.name ?? classCode, count })),
        byOutcome: complaintOutcomes.map((outcome) => ({ outcome, count: byOutcome.get(outcome) ?? 0 })),
        byStatus: complaintStatuses.map((status) => ({ status, count: byStatus.get(status) ?? 0 })).filter((s) => s.count > 0),
        onTime: { answered: answered.length, onTime, rate: answered.length ? Math.round((onTime / answered.length) * 10000) / 100 : null },
        recent: answered
          .filter((r) => !r.confidential)
          .sort((a, b) => b.answeredAt!.getTime() - a.answeredAt!.getTime())
          .slice(0, 20)
          .map((r) => ({
            number: r.number,
            subject: r.subject,
            className: classes.find((k) => k.code === r.classCode)?.name ?? r.classCode,
            outcome: r.outcome,
            answeredAt: r.answeredAt!.toISOString(),
          })),
      };
    },
  };
}
