/**
 * What the requester is told by e-mail when a request needs them: more data asked, the product
 * delivered and awaiting their confirmation, the request closed because they did not confirm.
 * In Indonesian, then English (the requester's language is not known), with the request number,
 * what happened, what to do and by when (in the agency's time zone, WIB/WITA/WIT), and the
 * tracking page. The tracking secret is never mailed (only its hash is stored): the link opens
 * the page that asks for the tracking code of the receipt, or the e-mail/phone given at filing,
 * so the mail lets nobody do more than the tracking link already does.
 *
 * Sent after the commit: a failure never undoes the action, it is logged and written on the
 * request's history. Auto-close needs a sent message: a confirmation request that could not be
 * e-mailed (no address, as with many walk-ins, or the mail failed) gets no auto-close date and
 * waits for the requester's answer, given on the tracking page or at the desk (an officer
 * confirms on their behalf).
 */
import { formatLongDateTime as when } from '../documents/documents.pdf.js';
import type { RequestsContext } from './requests.context.js';
import type { RequestRow } from './requests.repo.js';

export type NoticeKind = 'data_requested' | 'confirmation_requested' | 'auto_closed';

/** Which notice a transition from `before` to `after` calls for, if any. */
export function noticeFor(before: Pick<RequestRow, 'status' | 'currentStep'>, after: Pick<RequestRow, 'status' | 'currentStep'>): NoticeKind | undefined {
  if (after.status === 'waiting' && before.currentStep !== after.currentStep) return 'data_requested';
  if (after.status === 'confirming' && before.currentStep !== after.currentStep) return 'confirmation_requested';
  return undefined;
}

/** The e-mail of one notice; `autoCloseAt` is the deadline of a confirmation request. */
export function noticeMail(options: {
  kind: NoticeKind;
  row: Pick<RequestRow, 'number' | 'title' | 'requesterName' | 'autoCloseAt' | 'productText'>;
  to: string;
  agencyName: string;
  timeZone: string;
  publicUrl: string;
  comment?: string | null | undefined;
  missing?: readonly string[];
}): { to: string; subject: string; text: string } {
  const { kind, row, timeZone } = options;
  const link = `${options.publicUrl.replace(/\/$/, '')}/lacak/${encodeURIComponent(row.number)}`;
  const missing = options.missing && options.missing.length > 0 ? options.missing : undefined;
  const deadline = row.autoCloseAt;
  const subjects: Record<NoticeKind, string> = {
    data_requested: `Permohonan ${row.number}: mohon lengkapi data / Request ${row.number}: please complete your data`,
    confirmation_requested: `Permohonan ${row.number} telah diselesaikan: mohon konfirmasi / Request ${row.number} resolved: please confirm`,
    auto_closed: `Permohonan ${row.number} ditutup otomatis / Request ${row.number} closed automatically`,
  };
  const id: string[] = [`Yth. ${row.requesterName},`, ''];
  const en: string[] = [`Dear ${row.requesterName},`, ''];
  if (kind === 'data_requested') {
    id.push(
      `${options.agencyName} meminta kelengkapan data untuk permohonan ${row.number} ("${row.title}").`,
      ...(options.comment ? [`Pesan petugas: ${options.comment}`] : []),
      ...(missing ? [`Yang belum diterima: ${missing.join('; ')}`] : []),
      `Yang perlu Anda lakukan: buka halaman pelacakan, unggah data yang diminta, lalu pilih "kirim data".`,
      'Batas waktu: tidak dinyatakan dalam standar pelayanan. Waktu layanan berhenti sampai data Anda diterima.',
    );
    en.push(
      `${options.agencyName} asks for more data for request ${row.number} ("${row.title}").`,
      ...(options.comment ? [`The officer's message: ${options.comment}`] : []),
      ...(missing ? [`Not received yet: ${missing.join('; ')}`] : []),
      'What to do: open the tracking page, upload the data asked for, then send it.',
      'Deadline: not stated in the service standard. The service clock stands still until your data arrives.',
    );
  } else if (kind === 'confirmation_requested') {
    const until = deadline ? when(timeZone, deadline, 'id') : undefined;
    const untilEn = deadline ? when(timeZone, deadline, 'en') : undefined;
    id.push(
      `Permohonan ${row.number} ("${row.title}") telah diselesaikan oleh ${options.agencyName}.`,
      ...(row.productText ? ['Jawaban untuk Anda:', row.productText, ''] : []),
      'Jawaban dan berkasnya (bila ada) juga ada di halaman pelacakan.',
      `Yang perlu Anda lakukan: konfirmasi bahwa permasalahan selesai, atau pilih "belum selesai" bila belum.`,
      ...(until ? [`Batas waktu: ${until}. Tanpa konfirmasi sampai saat itu, permohonan ditutup otomatis.`] : []),
    );
    en.push(
      `Request ${row.number} ("${row.title}") has been resolved by ${options.agencyName}.`,
      ...(row.productText ? ['The answer for you:', row.productText, ''] : []),
      'The answer and its file (if any) are also on the tracking page.',
      'What to do: confirm that the problem is solved, or say it is not solved yet.',
      ...(untilEn ? [`Deadline: ${untilEn}. Without your confirmation by then, the request is closed automatically.`] : []),
    );
  } else {
    id.push(`Permohonan ${row.number} ("${row.title}") ditutup otomatis karena tidak ada konfirmasi dari Anda sampai batas waktu yang diberitahukan.`, 'Tidak ada yang perlu Anda lakukan.');
    en.push(`Request ${row.number} ("${row.title}") was closed automatically as you did not confirm it by the deadline you were told.`, 'There is nothing you need to do.');
  }
  id.push('', `Halaman pelacakan: ${link}`, 'Buka dengan kode pelacakan dari tanda terima permohonan Anda, atau dengan e-mail atau nomor telepon yang Anda berikan.');
  en.push('', `Tracking page: ${link}`, 'Open it with the tracking code of your receipt, or with the e-mail address or phone number you gave.');
  return { to: options.to, subject: subjects[kind], text: `${id.join('\n')}\n\n---\n\n${en.join('\n')}\n` };
}

export function createNotices(context: RequestsContext) {
  const { deps, db, repo, now, calendarOf } = context;
  const log = deps.log ?? { error: (details: object, message: string) => console.error(message, details) };

  /** Writes on the request's history (staff only) that the requester was not told, and why. */
  async function record(row: RequestRow, comment: string): Promise<void> {
    await repo.insertEvent({
      agencyId: row.agencyId,
      requestId: row.id,
      occurredAt: now(),
      kind: 'note',
      actorType: 'system',
      actorId: null,
      actorLabel: 'Sigap',
      visibility: 'internal',
      comment,
      data: {},
    });
  }

  /**
   * Tells the requester, after the commit, what `kind` asks of them. A confirmation request that
   * was not sent loses its auto-close date (the request waits for the answer).
   */
  async function tell(kind: NoticeKind, row: RequestRow, comment?: string | null): Promise<void> {
    let sent = false;
    let reason = 'tidak ada alamat e-mail / no e-mail address';
    if (row.requesterEmail && deps.mailer) {
      try {
        const [agency, calendar] = await Promise.all([deps.agencies.getAgency({ id: row.agencyId }), calendarOf(row.agencyId)]);
        const missing = kind === 'data_requested' ? (await repo.listChecklist(row.agencyId, row.id)).filter((i) => i.state === 'missing').map((i) => i.label) : [];
        await deps.mailer.send(noticeMail({ kind, row, to: row.requesterEmail, agencyName: agency.name, timeZone: calendar.timeZone, publicUrl: deps.publicUrl, comment, missing }));
        sent = true;
      } catch (error) {
        reason = 'e-mail gagal dikirim / the e-mail could not be sent';
        log.error({ err: error instanceof Error ? error.message : String(error), number: row.number, notice: kind }, 'requester notice not sent');
      }
    } else if (row.requesterEmail) {
      reason = 'pengiriman e-mail tidak dikonfigurasi / e-mail is not configured';
    }
    if (sent) return;
    try {
      if (kind === 'confirmation_requested' && row.autoCloseAt) {
        await db.transaction(async (tx) => {
          await repo.updateRequest(row.agencyId, row.id, row.version, { autoCloseAt: null }, tx);
        });
      }
      const waits = kind === 'confirmation_requested' ? ' Permohonan tidak ditutup otomatis; menunggu konfirmasi pemohon. / The request is not closed automatically; it waits for the requester to confirm.' : '';
      await record(row, `Pemohon tidak diberi tahu melalui e-mail: ${reason}. Beri tahu pemohon melalui telepon atau di meja layanan. / The requester was not told by e-mail.${waits}`);
    } catch (error) {
      log.error({ err: error instanceof Error ? error.message : String(error), number: row.number, notice: kind }, 'requester notice not recorded');
    }
  }

  return { tell };
}

export type RequestNotices = ReturnType<typeof createNotices>;
