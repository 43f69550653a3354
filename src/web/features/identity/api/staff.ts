import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  apiTokenList,
  createApiTokenBody,
  createdApiToken,
  inviteStaffBody,
  inviteStaffResult,
  membershipOfferList,
  roleList,
  staffList,
} from '../../../../shared/contracts/identity.js';
import { apiFetch } from '../../../lib/api.js';

export type StaffList = z.infer<typeof staffList>;
export type StaffMember = StaffList['items'][number];
export type MembershipOffer = z.infer<typeof membershipOfferList>['items'][number];
export type RoleList = z.infer<typeof roleList>;
export type Role = RoleList['items'][number];
export type ApiTokenList = z.infer<typeof apiTokenList>;
export type CreatedApiToken = z.infer<typeof createdApiToken>;
/** A token's permissions are among those the person holds, as /api/me lists them; the server checks each. */
export type NewApiToken = Omit<z.input<typeof createApiTokenBody>, 'permissions'> & { permissions: string[] };

const enc = encodeURIComponent;
const base = (agency: string) => `/api/agencies/${enc(agency)}`;

export function useStaff(agency: string, enabled = true) {
  return useQuery({ queryKey: ['staff', agency], queryFn: () => apiFetch<StaffList>(`${base(agency)}/staff`), retry: false, enabled });
}

export function useRoles(agency: string) {
  return useQuery({ queryKey: ['staff', agency, 'roles'], queryFn: () => apiFetch<RoleList>(`${base(agency)}/roles`), retry: false });
}

/** Every staff write refreshes the list. */
function useStaffMutation<V, R>(agency: string, run: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => client.invalidateQueries({ queryKey: ['staff', agency] }) });
}

export function useInviteStaff(agency: string) {
  return useStaffMutation(agency, (body: z.input<typeof inviteStaffBody>) =>
    apiFetch<z.infer<typeof inviteStaffResult>>(`${base(agency)}/staff/invitations`, { method: 'POST', body: JSON.stringify(body) }),
  );
}

const offersKey = ['me', 'membership-offers'] as const;

export const fetchMembershipOffers = () => apiFetch<z.infer<typeof membershipOfferList>>('/api/me/membership-offers');

/** Roles agencies offer the signed-in person; they hold none of them until they accept. */
export function useMembershipOffers() {
  return useQuery({ queryKey: offersKey, queryFn: fetchMembershipOffers, retry: false });
}

/** Accepting changes what /api/me lists (and may end the session until an authenticator is enrolled). */
export function useAnswerOffer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ agency, accept }: { agency: string; accept: boolean }) =>
      apiFetch(`/api/me/membership-offers/${enc(agency)}/${accept ? 'accept' : 'decline'}`, { method: 'POST' }),
    onSettled: () => client.invalidateQueries({ queryKey: ['me'] }),
  });
}

export function useSetRole(agency: string) {
  return useStaffMutation(agency, ({ userId, role, granted }: { userId: string; role: string; granted: boolean }) =>
    apiFetch(`${base(agency)}/staff/${enc(userId)}/roles/${enc(role)}`, { method: granted ? 'PUT' : 'DELETE' }),
  );
}

export function useSetDisabled(agency: string) {
  return useStaffMutation(agency, ({ userId, disabled }: { userId: string; disabled: boolean }) =>
    apiFetch(`${base(agency)}/staff/${enc(userId)}/disabled`, { method: 'PUT', body: JSON.stringify({ disabled }) }),
  );
}

export function useResetTotp(agency: string) {
  return useStaffMutation(agency, (userId: string) => apiFetch(`${base(agency)}/staff/${enc(userId)}/totp-reset`, { method: 'POST' }));
}

export function useApiTokens(agency: string, enabled: boolean) {
  return useQuery({
    queryKey: ['staff', agency, 'api-tokens'],
    queryFn: () => apiFetch<ApiTokenList>(`${base(agency)}/api-tokens`),
    enabled,
    retry: false,
  });
}

export function useCreateApiToken(agency: string) {
  return useStaffMutation(agency, (body: NewApiToken) =>
    apiFetch<CreatedApiToken>(`${base(agency)}/api-tokens`, { method: 'POST', body: JSON.stringify(body) }),
  );
}

export function useRevokeApiToken(agency: string) {
  return useStaffMutation(agency, (tokenId: string) => apiFetch(`${base(agency)}/api-tokens/${enc(tokenId)}`, { method: 'DELETE' }));
}
