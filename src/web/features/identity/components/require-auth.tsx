import { Alert, Anchor, Loader, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import { holdsAny } from '../../../lib/access.js';
import { ApiError } from '../../../lib/api.js';
import { meKey, useMe, type Me } from '../api/identity.js';

/** `/masuk?next=<here>`: where a page that needs sign-in sends a visitor. */
export function signInPath(next: string): string {
  return `/masuk?next=${encodeURIComponent(next)}`;
}

/**
 * A session can end under an open page (idle timeout, signed out elsewhere, disabled): the first
 * 401 from any query or mutation re-asks who is signed in, and the guard then sends the person
 * to sign in and back here.
 */
function useSessionEndWatch() {
  const client = useQueryClient();
  useEffect(() => {
    const ended = (error: unknown) => error instanceof ApiError && error.status === 401;
    const recheck = () => void client.invalidateQueries({ queryKey: meKey });
    const queries = client.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error' && event.query.queryKey[0] !== 'me' && ended(event.action.error)) recheck();
    });
    const mutations = client.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error' && ended(event.action.error)) recheck();
    });
    return () => {
      queries();
      mutations();
    };
  }, [client]);
}

/** Renders `children` for a fully signed-in person; sends anyone else to sign in and back. */
export function RequireAuth({ children }: { children: (me: Me) => ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  useSessionEndWatch();
  if (me.isPending) return <Loader aria-label={t('auth.checking')} />;
  if (me.isError) return <Alert color="red">{me.error.message}</Alert>;
  if (!me.data || me.data.pending !== null) {
    return <Navigate to={signInPath(`${location.pathname}${location.search}`)} replace />;
  }
  return <>{children(me.data)}</>;
}

/**
 * A page of one agency's administration: the person must hold `permission` there (or, given a
 * list, any one of them), directly or through an escalation tier — /api/me lists both, computed by
 * the server's own access check. The server checks again; this only spares an officer a page of
 * errors and says plainly why.
 */
export function RequireAgencyPermission({
  agency,
  permission,
  children,
}: {
  agency: string;
  permission: string | readonly string[];
  children: (me: Me) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <RequireAuth>
      {(me) => {
        if (!holdsAny(me, agency, permission)) {
          return (
            <Stack gap="sm">
              <Alert color="red" role="alert" title={t('guard.forbiddenTitle')}>
                {t('guard.forbidden', { agency })}
              </Alert>
              <Anchor component={Link} to="/akun">
                {t('guard.toAccount')}
              </Anchor>
            </Stack>
          );
        }
        return children(me);
      }}
    </RequireAuth>
  );
}
