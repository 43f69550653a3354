import { Alert, Anchor, Loader, Stack, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useVerifyEmail } from '../../features/identity/api/identity.js';
import { tokenFromHash } from '../../features/identity/components/next-path.js';

/** The link of the verification e-mail (`/verify-email#token=…`): verifies once, then invites to sign in. */
export function VerifyEmailPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const [token] = useState(() => tokenFromHash(location.hash));
  const verify = useVerifyEmail();
  const sent = useRef(false);
  const { mutate } = verify;
  useEffect(() => {
    if (!token || sent.current) return;
    sent.current = true;
    mutate(token, { onSuccess: () => window.history.replaceState(null, '', window.location.pathname) });
  }, [token, mutate]);

  return (
    <Stack gap="md" maw={520}>
      <Title order={2}>{t('auth.verify.title')}</Title>
      {!token && <Alert color="red" role="alert">{t('auth.linkMissing')}</Alert>}
      {token && (verify.isPending || verify.isIdle) && <Loader aria-label={t('auth.verify.checking')} />}
      {verify.isError && <Alert color="red" role="alert">{verify.error.message}</Alert>}
      {verify.isSuccess && (
        <Alert color="teal" role="status">
          {t('auth.verify.done')}{' '}
          <Anchor component={Link} to="/masuk">
            {t('auth.toSignIn')}
          </Anchor>
        </Alert>
      )}
    </Stack>
  );
}
