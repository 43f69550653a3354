import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Transporter } from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** Files sent with it (a receipt PDF). */
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

/** Sends e-mail. Modules depend on this interface, not on nodemailer. */
export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/**
 * SMTP when a URL is configured; otherwise every message is written to `<dir>/*.eml`, so a
 * laptop install without a mail server still shows the operator what would have been sent.
 */
export function createMailer(options: { smtpUrl?: string | undefined; from: string; dropDir: string }): Mailer {
  // nodemailer is loaded with the first message: most processes (a command, a test) send none.
  let transport: Promise<Transporter> | undefined;
  const transportFor = (settings: string | { streamTransport: true; buffer: true; newline: 'unix' }) =>
    (transport ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(settings)));
  if (options.smtpUrl) {
    const smtpUrl = options.smtpUrl;
    return {
      async send(mail) {
        await (await transportFor(smtpUrl)).sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.text, attachments: mail.attachments });
      },
    };
  }
  return {
    async send(mail) {
      const stream = await transportFor({ streamTransport: true, buffer: true, newline: 'unix' });
      const info = await stream.sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.text, attachments: mail.attachments });
      await mkdir(options.dropDir, { recursive: true, mode: 0o700 });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^\w.-]/g, '')}.eml`;
      await writeFile(path.join(options.dropDir, name), info.message as Buffer, { mode: 0o600 });
    },
  };
}
