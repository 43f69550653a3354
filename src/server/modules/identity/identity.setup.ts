import { administratorRole } from '../../../shared/permissions.js';
import type { SetupBody, SetupResult } from '../../../shared/contracts/setup.js';
import { AppError } from '../../lib/app-error.js';
import { deriveKey, safeEqual, signToken } from '../../lib/secrets.js';
import type { AgenciesService } from '../agencies/agencies.service.js';
import type { RequestContext } from './identity.service.js';
import type { IdentityRepo } from './identity.repo.js';
import type { StaffService } from './identity.staff.service.js';

/**
 * The first hour of a new unit: while nobody can administer Sigap, `serve` prints a setup link
 * (as Gitea, GitLab or Zammad do) and its page names the first administrator of a unit, who then
 * sets a password and enrols TOTP through the ordinary invitation. No second terminal, no process
 * beside the server on the embedded database.
 *
 * The link's token is an HMAC under a key derived from the deployment's key: every process of the
 * deployment prints and accepts the same one, nothing is stored, and only someone who can read the
 * server's console (or its key) has it. It opens nothing once an administrator has a password.
 */
export interface SetupServiceDeps {
  repo: Pick<IdentityRepo, 'hasAdministrator'>;
  staff: Pick<StaffService, 'inviteStaff'>;
  agencies: Pick<AgenciesService, 'getAgency'>;
  secretKey: Buffer;
  publicUrl: string;
}

const closed = () =>
  new AppError('not_found', {
    id: 'Tautan penyiapan tidak berlaku: Sigap sudah memiliki administrator (masuk dengan akunnya), atau tautan bukan dari server ini',
    en: 'The setup link is not valid: Sigap already has an administrator (sign in with that account), or the link is not from this server',
  });

export function createSetupService(deps: SetupServiceDeps) {
  const token = signToken(deriveKey(deps.secretKey, 'sigap first-run setup v1'), 'setup');

  async function check(given: string): Promise<void> {
    if (!safeEqual(given, token) || (await deps.repo.hasAdministrator())) throw closed();
  }

  return {
    /** The link `serve` prints while no administrator exists; null once one does. */
    async setupLink(): Promise<string | null> {
      return (await deps.repo.hasAdministrator()) ? null : `${deps.publicUrl}/setup#token=${token}`;
    },

    /** Whether the page may offer the setup (the token is this deployment's, no administrator yet). */
    async checkSetup({ token: given }: { token: string }): Promise<{ open: true }> {
      await check(given);
      return { open: true };
    },

    /**
     * Invites the first administrator of `agency` with Sigap's administrator role, as the staff
     * service invites anyone (same checks, same audit entry), acting as the setup page. The
     * invitation's own page then takes the password and enrols TOTP.
     */
    async completeSetup(input: SetupBody & { ctx: RequestContext }): Promise<SetupResult> {
      await check(input.token);
      const agency = await deps.agencies.getAgency({ code: input.agency });
      const invited = await deps.staff.inviteStaff({
        actor: { type: 'system', label: 'first-run setup' },
        agency,
        email: input.email,
        name: input.name,
        roles: [administratorRole.code],
        ctx: input.ctx,
      });
      if (invited.invitationToken) return { next: 'invitation', path: `/invitation#token=${encodeURIComponent(invited.invitationToken)}` };
      // The address already has an account: the role is offered, and accepted after signing in.
      return { next: 'sign-in', path: '/masuk' };
    },
  };
}

export type SetupService = ReturnType<typeof createSetupService>;
