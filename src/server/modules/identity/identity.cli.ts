import { administratorRole } from '../../../shared/permissions.js';
import type { Mail, Mailer } from '../../lib/mailer.js';
import type { AgenciesService } from '../agencies/agencies.service.js';
import type { SystemActor } from './identity.actor.js';
import type { StaffService } from './identity.staff.service.js';

interface Io {
  out(line: string): void;
  err(line: string): void;
}

/**
 * `sigap staff bootstrap --agency <code> --email <e> --name <n> [--role <code…>]`: invites an
 * officer from the command line — above all an agency's first administrator, whom nobody can
 * invite through the web yet. It goes through the staff service like an invitation from the web
 * (same checks, same audit entry), acting as the operator at the console. Without `--role`,
 * Sigap's own administrator role (which every agency has) is given. The link is printed as well as
 * e-mailed: a fresh install may have no mail server yet.
 */
export async function inviteFromCli(
  services: { agencies: Pick<AgenciesService, 'findByCode'>; staff: Pick<StaffService, 'listRoles' | 'inviteStaff'> },
  options: {
    agency: string;
    email: string;
    name: string;
    roles?: string[] | undefined;
    operator: string;
    /** The messages the services' mailer was asked to send (see `keepSentMail`). */
    sent: readonly Mail[];
  },
  io: Io,
): Promise<number> {
  const { agencies, staff } = services;
  const { sent } = options;
  // Only what this invitation sends: an outbox may be shared by several calls.
  const sentBefore = sent.length;
  const agency = await agencies.findByCode(options.agency);
  if (!agency) {
    io.err(`unknown agency / instansi tidak dikenal: ${options.agency} (import its standard first: sigap standards import)`);
    return 1;
  }
  let roles = options.roles ?? [];
  if (roles.length === 0) {
    const agencyRoles = await staff.listRoles({ agency });
    const administrator = agencyRoles.find((r) => r.code === administratorRole.code);
    const managing = administrator ? [administrator] : agencyRoles.filter((r) => r.permissions.includes('users.manage'));
    if (managing.length !== 1) {
      io.err(
        `choose the role(s) with --role / pilih peran dengan --role; roles that may manage staff / peran yang dapat mengelola petugas: ${managing.map((r) => r.code).join(', ') || '—'}`,
      );
      return 1;
    }
    roles = [managing[0]!.code];
  }
  const actor: SystemActor = { type: 'system', label: `cli:${options.operator}` };
  let mailError: Error | null = null;
  let offered = false;
  try {
    ({ offered } = await staff.inviteStaff({
      actor,
      agency,
      email: options.email,
      name: options.name,
      roles,
      ctx: { ip: null, userAgent: null, requestId: null, language: 'en' },
    }));
  } catch (error) {
    // The invitation is committed before the mail goes out; a mail failure still leaves a usable link.
    if (sent.length === sentBefore) {
      io.err(`${bothLanguages(error)}${describeDetails(error)}`);
      return 1;
    }
    mailError = error as Error;
  }
  const text = sent[sentBefore]?.text ?? '';
  const link = /(\S+#token=\S+)/.exec(text)?.[1] ?? null;
  io.out(`${options.email.trim().toLowerCase()} invited to ${agency.code} as ${roles.join(', ')} / diundang ke ${agency.code} sebagai ${roles.join(', ')}`);
  io.out(
    link
      ? `invitation link (single use, valid 7 days) / tautan undangan (sekali pakai, berlaku 7 hari):\n${link}`
      : offered
        ? 'the account already exists: the roles are offered and take effect once the person accepts them on their account page after signing in / akun sudah ada: peran ditawarkan dan berlaku setelah orangnya menerimanya di halaman akun setelah masuk'
        : 'the account already has a password: sign in / akun sudah punya kata sandi: silakan masuk',
  );
  if (mailError) io.err(`the e-mail could not be sent / e-mail gagal dikirim: ${mailError.message}`);
  else io.out(`e-mailed to / dikirim ke ${sent[sentBefore]?.to}`);
  return 0;
}

/**
 * Keeps every message sent through the mailer it wraps, so the command can print the invitation
 * link even when the mail server refuses it: `around` goes to the composition root, `sent` to
 * `inviteFromCli`.
 */
export function keepSentMail(): { around: (mailer: Mailer) => Mailer; sent: Mail[] } {
  const sent: Mail[] = [];
  return {
    sent,
    around: (mailer) => ({
      async send(mail) {
        sent.push(mail);
        await mailer.send(mail);
      },
    }),
  };
}

/** An AppError says it in both languages at the console; anything else as it is. */
function bothLanguages(error: unknown): string {
  const localized = (error as { localized?: { id: string; en: string } }).localized;
  return localized ? `${localized.en} / ${localized.id}` : (error as Error).message;
}

function describeDetails(error: unknown): string {
  const details = (error as { details?: { rule: string; message: string }[] }).details;
  return details?.length ? ` (${details.map((d) => d.rule).join(', ')})` : '';
}
