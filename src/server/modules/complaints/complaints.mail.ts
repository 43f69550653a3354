/**
 * What the complainant is told by e-mail outside the tracking page: an answered complaint closed
 * because they did not reply within the time the agency's standard gives. In Indonesian, then
 * English, as the complainant's language is not known.
 */
import type { Mail } from '../../lib/mailer.js';
import { formatLimit } from '../calendar/limit.js';
import type { StoredLimit } from '../../db/tables/clock.js';

function localTime(at: Date, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(at);
}

export function autoClosedMail(options: {
  to: string;
  number: string;
  agency: { code: string; name: string; timeZone: string };
  limit: StoredLimit;
  answeredAt: Date;
  reopenUntil: Date;
  publicUrl: string;
}): Mail {
  const { number, agency, limit } = options;
  const link = `${options.publicUrl.replace(/\/$/, '')}/instansi/${encodeURIComponent(agency.code)}/pengaduan/lacak`;
  const id = [
    `Pengaduan Anda ${number} kepada ${agency.name} telah dijawab pada ${localTime(options.answeredAt, agency.timeZone, 'id-ID')}.`,
    `Karena tidak ada tanggapan dari Anda dalam ${formatLimit(limit, 'id')} setelah jawaban, sesuai standar pelayanan ${agency.name}, pengaduan ini ditutup.`,
    `Bila jawaban belum menyelesaikan masalah Anda, Anda dapat membuka kembali pengaduan ini sampai ${localTime(options.reopenUntil, agency.timeZone, 'id-ID')} di ${link} dengan nomor pengaduan dan kode pelacakan Anda.`,
  ];
  const en = [
    `Your complaint ${number} to ${agency.name} was answered on ${localTime(options.answeredAt, agency.timeZone, 'en-GB')}.`,
    `As you did not reply within ${formatLimit(limit, 'en')} of the answer, as the service standard of ${agency.name} provides, the complaint is now closed.`,
    `If the answer did not resolve your problem, you may reopen it until ${localTime(options.reopenUntil, agency.timeZone, 'en-GB')} at ${link} with the complaint number and your tracking code.`,
  ];
  return {
    to: options.to,
    subject: `Pengaduan ${number} ditutup / Complaint ${number} closed`,
    text: `${id.join('\n\n')}\n\n---\n\n${en.join('\n\n')}\n`,
  };
}
