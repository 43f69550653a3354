import type { IdentityOptions } from '../../app.js';
import type { Database } from '../../db/client.js';
import type { Mail, Mailer } from '../../lib/mailer.js';
import { createAuditRepo } from '../audit/audit.repo.js';
import { createAuditService } from '../audit/audit.service.js';
import { createAccessService } from './identity.access.js';
import type { SystemActor } from './identity.actor.js';
import { createIdentityRepo } from './identity.repo.js';
import { createIdentityService, defaultIdentitySettings } from './identity.service.js';
import { createStaffService } from './identity.staff.service.js';

interface Io {
  out(line: string): void;
  err(line: string): void;
}

/**
 * `sigap staff bootstrap --agency <code> --email <e> --name <n> [--role <code…>]`: invites an
 * officer from the command line — above all an agency's first administrator, whom nobody can
 * invite through the web yet. It goes through the staff service like an invitation from the web
 * (same checks, same audit entry), acting as the operator at the console. Without `--role`, the
 * agency's one role that may manage staff (users.manage) is given. The link is printed as well as
 * e-mailed: a fresh install may have no mail server yet.
 */
export async function inviteFromCli(
  database: Database,
  options: { agency: string; email: string; name: string; roles?: string[] | undefined; operator: string; identity: IdentityOptions },
  io: Io,
): Promise<number> {
  const db = database.db;
  const repo = createIdentityRepo(db);
  const audit = createAuditService({ repo: createAuditRepo(db), db });
  const sent: Mail[] = [];
  const configured = options.identity.mailer;
  // Keep the message, so that its link can be printed even when sending fails.
  const mailer: Mailer = {
    async send(mail) {
      sent.push(mail);
      if (configured) await configured.send(mail);
    },
  };
  const access = createAccessService({ repo });
  const identity = createIdentityService({
    db,
    repo,
    audit,
    access,
    mailer,
    settings: {
      ...defaultIdentitySettings,
      publicUrl: options.identity.publicUrl ?? 'http://localhost:3000',
      secretKey: options.identity.secretKey ?? Buffer.alloc(32),
    },
  });
  const staff = createStaffService({ db, repo, identity, access, audit });

  const agency = await repo.findAgencyByCode(options.agency);
  if (!agency) {
    io.err(`unknown agency / instansi tidak dikenal: ${options.agency} (import its standard first: sigap standards import)`);
    return 1;
  }
  let roles = options.roles ?? [];
  if (roles.length === 0) {
    const managing = (await repo.listRoles(agency.id)).filter((r) => r.permissions.includes('users.manage'));
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
  try {
    await staff.inviteStaff({
      actor,
      agency: { id: agency.id, code: agency.code, name: agency.name, parentId: agency.parentId },
      email: options.email,
      name: options.name,
      roles,
      ctx: { ip: null, userAgent: null, requestId: null, language: 'en' },
    });
  } catch (error) {
    // The invitation is committed before the mail goes out; a mail failure still leaves a usable link.
    if (sent.length === 0) {
      io.err(`${bothLanguages(error)}${describeDetails(error)}`);
      return 1;
    }
    mailError = error as Error;
  }
  const text = sent[0]?.text ?? '';
  const link = /(\S+#token=\S+)/.exec(text)?.[1] ?? null;
  io.out(`${options.email.trim().toLowerCase()} invited to ${agency.code} as ${roles.join(', ')} / diundang ke ${agency.code} sebagai ${roles.join(', ')}`);
  io.out(
    link
      ? `invitation link (single use, valid 7 days) / tautan undangan (sekali pakai, berlaku 7 hari):\n${link}`
      : 'the account already has a password: sign in / akun sudah punya kata sandi: silakan masuk',
  );
  if (mailError) io.err(`the e-mail could not be sent / e-mail gagal dikirim: ${mailError.message}`);
  else if (configured) io.out(`e-mailed to / dikirim ke ${sent[0]?.to}`);
  return 0;
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
