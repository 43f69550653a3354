import { Alert, Badge, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { DataTable } from '../../../components/ui/data-table.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { problemsOf } from '../../../lib/form-errors.js';
import { formatInstant } from '../../../lib/format.js';
import { refreshMe, useRevokeSession, useSessions, useSignOutEverywhere } from '../api/identity.js';

/** Where the person is signed in: end one session, or every session at once. */
export function SessionsList() {
  const { t, i18n } = useTranslation();
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const everywhere = useSignOutEverywhere();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [confirmAll, setConfirmAll] = useState(false);

  if (sessions.isPending) return <Text>{t('standards.loading')}</Text>;
  if (sessions.isError) return <Alert color="red">{sessions.error.message}</Alert>;
  return (
    <Stack gap="sm">
      <FormAlert problems={problemsOf(revoke.error ?? everywhere.error)} />
      <DataTable
        rows={sessions.data.items}
        rowKey={(s) => s.id}
        minWidth={520}
        striped
        columns={[
          {
            key: 'device',
            header: t('account.device'),
            cell: (s) => (
              <>
                <Text size="sm" lineClamp={2} title={s.userAgent ?? ''}>
                  {s.userAgent ?? '—'}
                </Text>
                {s.current && <Badge color="teal" variant="light">{t('account.thisDevice')}</Badge>}
              </>
            ),
          },
          { key: 'address', header: t('account.address'), cell: (s) => s.ip ?? '—' },
          { key: 'lastSeen', header: t('account.lastSeen'), cell: (s) => formatInstant(s.lastSeenAt, i18n.language) },
          {
            key: 'actions',
            header: t('account.actions'),
            hiddenHeader: true,
            cell: (s) => (
              <Button
                size="xs"
                variant="light"
                color="red"
                loading={revoke.isPending && revoke.variables === s.id}
                aria-label={t('account.revokeSessionOf', { device: s.userAgent ?? s.ip ?? s.id })}
                onClick={() =>
                  revoke.mutate(s.id, {
                    onSuccess: () => {
                      if (s.current) void refreshMe(client).then(() => navigate('/masuk'));
                    },
                  })
                }
              >
                {s.current ? t('account.signOut') : t('account.revoke')}
              </Button>
            ),
          },
        ]}
      />
      <Button color="red" variant="outline" onClick={() => setConfirmAll(true)} style={{ alignSelf: 'flex-start' }}>
        {t('account.signOutEverywhere')}
      </Button>
      <Modal opened={confirmAll} onClose={() => setConfirmAll(false)} title={t('account.signOutEverywhere')}>
        <Stack>
          <Text>{t('account.signOutEverywhereConfirm')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmAll(false)}>
              {t('account.cancel')}
            </Button>
            <Button color="red" loading={everywhere.isPending} onClick={() => everywhere.mutate(undefined, { onSuccess: () => void navigate('/masuk') })}>
              {t('account.signOutEverywhere')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
