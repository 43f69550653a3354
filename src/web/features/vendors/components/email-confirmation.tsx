import { Alert, Loader, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConfirmEmail } from '../api/vendors.js';
import { tokenFromHash } from './format.js';

/**
 * What the e-mail change link opens: the token is sent once, and the page says which account
 * now has which address, or why the link no longer works (used, expired, unknown).
 */
export function EmailConfirmation({ hash, agencyName }: { hash: string; agencyName: (code: string) => string }) {
  const { t } = useTranslation();
  const confirm = useConfirmEmail();
  const [token] = useState(() => tokenFromHash(hash));
  const sent = useRef(false);
  const { mutate } = confirm;
  useEffect(() => {
    if (!token || sent.current) return;
    sent.current = true;
    // Used once: the token leaves the address bar, so a reload does not send it again.
    mutate(token, { onSettled: () => window.history.replaceState(null, '', window.location.pathname) });
  }, [token, mutate]);
  return (
    <Stack gap="md" maw={560}>
      <Title order={2}>{t('vendors.confirm.title')}</Title>
      {!token && (
        <Alert color="red" role="alert">
          {t('vendors.confirm.noToken')}
        </Alert>
      )}
      {confirm.isPending && <Loader aria-label={t('vendors.confirm.checking')} />}
      {confirm.isError && (
        <Alert color="red" role="alert" title={t('vendors.confirm.failed')}>
          {confirm.error.message}
        </Alert>
      )}
      {confirm.data && (
        <Alert color="green" title={t('vendors.confirm.done')} data-testid="email-confirmed">
          <Text size="sm">{t('vendors.confirm.doneText', { email: confirm.data.email, userId: confirm.data.userId, agency: agencyName(confirm.data.agency) })}</Text>
        </Alert>
      )}
    </Stack>
  );
}
