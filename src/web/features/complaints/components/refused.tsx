import { Alert, Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../../lib/api.js';

/** A refused staff page: the server's reason, with a way to sign in when the session is missing or lacks the permission. */
export function Refused({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError)) return null;
  const signIn = error.status === 401 || error.status === 403;
  return (
    <Alert color={signIn ? 'orange' : 'red'}>
      {error.message}{' '}
      {signIn && (
        <Anchor component={Link} to="/masuk">
          {t('nav.signIn')}
        </Anchor>
      )}
    </Alert>
  );
}
