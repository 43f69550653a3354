import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  accepted,
  changePasswordBody,
  done,
  invitationAcceptBody,
  invitationInfo,
  Me,
  passwordCheckBody,
  passwordCheckResult,
  passwordResetBody,
  profileBody,
  recoveryCodes,
  registerBody,
  secondFactorBody,
  sessionList,
  signInBody,
  SignInResult,
  totpEnrolment,
} from '../../../../shared/contracts/identity.js';
import { ApiError, apiFetch } from '../../../lib/api.js';

export type InvitationInfo = z.infer<typeof invitationInfo>;
export type PasswordCheckBody = z.infer<typeof passwordCheckBody>;
export type PasswordCheckResult = z.infer<typeof passwordCheckResult>;
export type RecoveryCodes = z.infer<typeof recoveryCodes>;
export type SessionList = z.infer<typeof sessionList>;
export type TotpEnrolment = z.infer<typeof totpEnrolment>;
export type { Me, SignInResult };
type Accepted = z.infer<typeof accepted>;
type Done = z.infer<typeof done>;

const post = <T>(path: string, body?: unknown) =>
  apiFetch<T>(path, { method: 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

export const meKey = ['me'] as const;

/**
 * Who is signed in: the person, or null for a visitor. A session that still owes its second
 * factor is returned too (`pending`), so the sign-in page can ask for it.
 */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async () => {
      try {
        return await apiFetch<Me>('/api/me');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    retry: false,
    staleTime: 60_000,
  });
}

/**
 * A new session (or none) changes everything cached for the previous one. Queries the page still
 * shows are left alone: dropping them would refetch them (a spent invitation, for one) mid-step.
 */
async function sessionChanged(client: QueryClient) {
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' && q.getObserversCount() === 0 });
  await client.invalidateQueries({ queryKey: meKey });
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof signInBody>) => post<SignInResult>('/api/auth/sign-in', body),
    onSuccess: () => sessionChanged(client),
  });
}

export function useSecondFactor() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof secondFactorBody>) => post<SignInResult>('/api/auth/second-factor', body),
    onSuccess: () => sessionChanged(client),
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => post<Done>('/api/auth/sign-out'),
    onSettled: () => {
      client.setQueryData(meKey, null);
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    },
  });
}

export function useRegister() {
  return useMutation({
    mutationFn: (body: z.input<typeof registerBody>) => post<Accepted>('/api/auth/register', body),
  });
}

export function useVerifyEmail() {
  return useMutation({ mutationFn: (token: string) => post<Done>('/api/auth/verify-email', { token }) });
}

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (email: string) => post<Accepted>('/api/auth/password-reset/request', { email }),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: (body: z.input<typeof passwordResetBody>) => post<Done>('/api/auth/password-reset', body),
  });
}

/** Who an invitation is for; a dead link is a 400 the page explains. */
export function useInvitation(token: string | null) {
  return useQuery({
    queryKey: ['invitation', token],
    queryFn: () => post<InvitationInfo>('/api/auth/invitation', { token }),
    enabled: token !== null,
    retry: false,
    staleTime: Infinity,
  });
}

export function useAcceptInvitation() {
  return useMutation({
    mutationFn: (body: z.input<typeof invitationAcceptBody>) => post<Done>('/api/auth/invitation/accept', body),
  });
}

/** The rules a candidate password breaks, for live feedback while typing. */
export function checkPassword(body: PasswordCheckBody, signal?: AbortSignal) {
  return apiFetch<PasswordCheckResult>('/api/auth/password-check', { method: 'POST', body: JSON.stringify(body), ...(signal ? { signal } : {}) });
}

// ── the signed-in person ──

export function useUpdateProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof profileBody>) => apiFetch<Me>('/api/me', { method: 'PATCH', body: JSON.stringify(body) }),
    onSuccess: (me) => client.setQueryData(meKey, me),
  });
}

export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof changePasswordBody>) => post<Done>('/api/me/password', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['me', 'sessions'] }),
  });
}

export function useSessions() {
  return useQuery({ queryKey: ['me', 'sessions'], queryFn: () => apiFetch<SessionList>('/api/me/sessions') });
}

export function useRevokeSession() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<Done>(`/api/me/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['me', 'sessions'] }),
  });
}

export function useSignOutEverywhere() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => post<Done>('/api/me/sessions/sign-out-everywhere'),
    onSuccess: () => {
      client.setQueryData(meKey, null);
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    },
  });
}

export function useStartTotpEnrolment() {
  return useMutation({ mutationFn: () => post<TotpEnrolment>('/api/me/totp/enrolment') });
}

export function useConfirmTotpEnrolment() {
  return useMutation({
    mutationFn: (code: string) => post<RecoveryCodes>('/api/me/totp/enrolment/confirm', { code }),
    // Not invalidated here: a half-signed-in page would re-render into the signed-in layout
    // before the person has seen the recovery codes. The caller refreshes when they move on.
  });
}

export function useRegenerateRecoveryCodes() {
  return useMutation({ mutationFn: (code: string) => post<RecoveryCodes>('/api/me/totp/recovery-codes', { code }) });
}

export function useDisableTotp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (password: string) => post<Done>('/api/me/totp/disable', { password }),
    onSuccess: () => client.invalidateQueries({ queryKey: meKey }),
  });
}

export function refreshMe(client: QueryClient) {
  return sessionChanged(client);
}
