import type { Mail } from '../../lib/mailer.js';

/** E-mails of the vendor module: Indonesian first, then English, in one message. */
const footer = '\n\n--\nSigap — layanan UKPBJ / LPSE.\nIf you did not expect this e-mail, contact the LPSE named above.';

/** `b***i@mail.com`: enough for the owner to recognise, not enough to hand to anyone else. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  const shown = local.length <= 2 ? `${local[0] ?? ''}*` : `${local[0]}***${local.at(-1)}`;
  return `${shown}@${domain}`;
}

interface AccountRef {
  vendorName: string;
  userId: string;
  agencyName: string;
}

/** To the new address: the single-use link that makes the change take effect. */
export function emailChangeLinkMail(o: AccountRef & { to: string; link: string; hours: number; requestNumber: string | null }): Mail {
  const request = o.requestNumber ? ` (permohonan ${o.requestNumber})` : '';
  const requestEn = o.requestNumber ? ` (request ${o.requestNumber})` : '';
  return {
    to: o.to,
    subject: `Konfirmasi e-mail akun SPSE ${o.userId} / Confirm the e-mail of SPSE account ${o.userId}`,
    text:
      `${o.agencyName} mencatat perubahan e-mail akun SPSE "${o.userId}" milik ${o.vendorName} ke alamat ini${request}. ` +
      `Perubahan berlaku setelah Anda membuka tautan berikut; tautan hanya dapat dipakai sekali dan berlaku ${o.hours} jam:\n${o.link}\n\n` +
      `${o.agencyName} recorded a change of the e-mail of the SPSE account "${o.userId}" of ${o.vendorName} to this address${requestEn}. ` +
      `It takes effect when you open this link; the link works once and for ${o.hours} hours:\n${o.link}` +
      footer,
  };
}

/** To the old address, when the change is asked for: so that its holder can object before it takes effect. */
export function emailChangeNoticeMail(o: AccountRef & { to: string; newEmail: string; requestNumber: string | null }): Mail {
  const masked = maskEmail(o.newEmail);
  const request = o.requestNumber ? ` (permohonan ${o.requestNumber})` : '';
  const requestEn = o.requestNumber ? ` (request ${o.requestNumber})` : '';
  return {
    to: o.to,
    subject: `Perubahan e-mail akun SPSE ${o.userId} / E-mail change of SPSE account ${o.userId}`,
    text:
      `${o.agencyName} mencatat permohonan perubahan e-mail akun SPSE "${o.userId}" milik ${o.vendorName} dari alamat ini ke ${masked}${request}. ` +
      `Perubahan berlaku setelah pemilik alamat baru mengonfirmasinya. Bila Anda tidak memintanya, segera hubungi ${o.agencyName}.\n\n` +
      `${o.agencyName} recorded a request to change the e-mail of the SPSE account "${o.userId}" of ${o.vendorName} from this address to ${masked}${requestEn}. ` +
      `It takes effect once the new address confirms it. If you did not ask for it, contact ${o.agencyName} at once.` +
      footer,
  };
}

/** To the old address, when the change took effect. */
export function emailChangedMail(o: AccountRef & { to: string; newEmail: string }): Mail {
  const masked = maskEmail(o.newEmail);
  return {
    to: o.to,
    subject: `E-mail akun SPSE ${o.userId} telah diubah / The e-mail of SPSE account ${o.userId} was changed`,
    text:
      `E-mail akun SPSE "${o.userId}" milik ${o.vendorName} di ${o.agencyName} kini ${masked}; alamat ini tidak lagi menerima pemberitahuan akun tersebut.\n\n` +
      `The e-mail of the SPSE account "${o.userId}" of ${o.vendorName} at ${o.agencyName} is now ${masked}; this address no longer receives its notices.` +
      footer,
  };
}

/** To the account's e-mail, with the receipt of the activation attached. */
export function activationReceiptMail(o: AccountRef & { to: string; product: string; requestNumber: string; pdf: Buffer }): Mail {
  return {
    to: o.to,
    subject: `${o.product}: User ID ${o.userId} aktif / User ID ${o.userId} is active`,
    text:
      `User ID SPSE "${o.userId}" milik ${o.vendorName} telah diaktifkan oleh ${o.agencyName} (permohonan ${o.requestNumber}). ` +
      `Tanda terima aktivasi terlampir: dokumen yang diverifikasi, asli yang diperlihatkan, dan petugas yang memeriksa.\n\n` +
      `The SPSE user ID "${o.userId}" of ${o.vendorName} has been activated by ${o.agencyName} (request ${o.requestNumber}). ` +
      `The receipt of the activation is attached: the documents verified, the originals shown, and the officer who checked them.` +
      footer,
    attachments: [{ filename: `tanda-terima-aktivasi-${o.requestNumber}.pdf`, content: o.pdf, contentType: 'application/pdf' }],
  };
}
