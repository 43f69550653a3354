/**
 * What the complainant is told by e-mail outside the tracking page: their complaint answered
 * (what to do and by when), and an answered complaint closed because they did not reply within
 * the time the agency's standard gives. In Indonesian, then English, as the complainant's
 * language is not known. The tracking code is never mailed (only its hash is stored).
 */
import type { Mail } from '../../lib/mailer.js';
import { formatLimit } from '../calendar/limit.js';
import type { StoredLimit } from '../../db/tables/clock.js';
import { formatLongDateTime } from '../documents/documents.pdf.js';

function localTime(at: Date, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(at);
}

const trackingLink = (publicUrl: string, agencyCode: string) => `${publicUrl.replace(/\/$/, '')}/instansi/${encodeURIComponent(agencyCode)}/pengaduan/lacak`;

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
  const link = trackingLink(options.publicUrl, agency.code);
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

/**
 * The complaint has an answer: read it on the tracking page, accept it or reply; by `autoCloseAt`
 * (the standard's "closed without reply after …") or, where the standard states no such time,
 * "tidak dinyatakan": it stays open.
 */
export function answeredMail(options: { to: string; number: string; agency: { code: string; name: string; timeZone: string }; autoCloseAt: Date | null; publicUrl: string }): Mail {
  const { number, agency, autoCloseAt } = options;
  const link = trackingLink(options.publicUrl, agency.code);
  const id = [
    `Pengaduan Anda ${number} kepada ${agency.name} telah dijawab. Jawabannya ada di halaman pelacakan pengaduan.`,
    'Yang perlu Anda lakukan: baca jawaban, lalu terima jawaban atau tanggapi bila belum menyelesaikan masalah Anda.',
    autoCloseAt
      ? `Batas waktu: ${formatLongDateTime(agency.timeZone, autoCloseAt, 'id')}. Tanpa tanggapan sampai saat itu, pengaduan ditutup sesuai standar pelayanan ${agency.name}.`
      : 'Batas waktu: tidak dinyatakan dalam standar pelayanan. Pengaduan tetap terbuka sampai Anda menerima jawaban atau petugas menutupnya.',
    `Halaman pelacakan: ${link} (dengan nomor pengaduan dan kode pelacakan Anda).`,
  ];
  const en = [
    `Your complaint ${number} to ${agency.name} has been answered. The answer is on the complaint tracking page.`,
    'What to do: read the answer, then accept it, or reply if it does not resolve your problem.',
    autoCloseAt
      ? `Deadline: ${formatLongDateTime(agency.timeZone, autoCloseAt, 'en')}. Without your reply by then, the complaint is closed as the service standard of ${agency.name} provides.`
      : 'Deadline: not stated in the service standard. The complaint stays open until you accept the answer or an officer closes it.',
    `Tracking page: ${link} (with the complaint number and your tracking code).`,
  ];
  return { to: options.to, subject: `Pengaduan ${number} telah dijawab / Complaint ${number} answered`, text: `${id.join('\n\n')}\n\n---\n\n${en.join('\n\n')}\n` };
}
