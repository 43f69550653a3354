import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
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
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      async send(mail) {
        await transport.sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.text });
      },
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(mail) {
      const info = await transport.sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.text });
      await mkdir(options.dropDir, { recursive: true, mode: 0o700 });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^\w.-]/g, '')}.eml`;
      await writeFile(path.join(options.dropDir, name), info.message as Buffer, { mode: 0o600 });
    },
  };
}
