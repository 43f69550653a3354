import type { Mail } from '../../lib/mailer.js';

/** E-mails of the identity module: Indonesian first, then English, in one message. */
const footer = '\n\n--\nSigap — layanan UKPBJ / LPSE. Abaikan e-mail ini bila Anda tidak memintanya.\nIf you did not ask for this e-mail, ignore it.';

export function verificationMail(o: { to: string; name: string; link: string }): Mail {
  return {
    to: o.to,
    subject: 'Verifikasi alamat e-mail Anda / Verify your e-mail address',
    text:
      `Yth. ${o.name},\n\nBuka tautan berikut untuk memverifikasi alamat e-mail akun Sigap Anda (berlaku 24 jam):\n${o.link}\n\n` +
      `Dear ${o.name},\n\nOpen this link to verify the e-mail address of your Sigap account (valid for 24 hours):\n${o.link}` +
      footer,
  };
}

export function alreadyRegisteredMail(o: { to: string; link: string }): Mail {
  return {
    to: o.to,
    subject: 'Akun Anda sudah terdaftar / You already have an account',
    text:
      `Seseorang mencoba mendaftar dengan alamat e-mail ini, yang sudah memiliki akun Sigap. Bila Anda lupa kata sandi, aturlah ulang di:\n${o.link}\n\n` +
      `Someone tried to register with this e-mail address, which already has a Sigap account. If you forgot your password, reset it at:\n${o.link}` +
      footer,
  };
}

export function passwordResetMail(o: { to: string; name: string; link: string }): Mail {
  return {
    to: o.to,
    subject: 'Atur ulang kata sandi / Reset your password',
    text:
      `Yth. ${o.name},\n\nBuka tautan berikut untuk mengatur ulang kata sandi Anda. Tautan hanya dapat dipakai sekali dan berlaku 1 jam:\n${o.link}\n\n` +
      `Dear ${o.name},\n\nOpen this link to reset your password. It works once and for 1 hour:\n${o.link}` +
      footer,
  };
}

export function invitationMail(o: { to: string; name: string; agencyName: string; link: string | null }): Mail {
  const idAction = o.link
    ? `Buka tautan berikut untuk membuat kata sandi dan mendaftarkan aplikasi autentikator (berlaku 7 hari):\n${o.link}`
    : 'Masuklah dengan akun Sigap Anda yang sudah ada.';
  const enAction = o.link
    ? `Open this link to set your password and enrol an authenticator app (valid for 7 days):\n${o.link}`
    : 'Sign in with your existing Sigap account.';
  return {
    to: o.to,
    subject: `Undangan petugas ${o.agencyName} / Staff invitation`,
    text: `Yth. ${o.name},\n\nAnda diundang sebagai petugas ${o.agencyName} di Sigap. ${idAction}\n\nDear ${o.name},\n\nYou have been invited as an officer of ${o.agencyName} in Sigap. ${enAction}` + footer,
  };
}
