import { Alert, Badge, Button, Card, Checkbox, Code, CopyButton, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/ui/data-table.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { useFocusHeading, useFocusOnError } from '../../../lib/focus.js';
import { problemsOf } from '../../../lib/form-errors.js';
import { formatInstant } from '../../../lib/format.js';
import { useApiTokens, useCreateApiToken, useRevokeApiToken, type CreatedApiToken } from '../api/staff.js';

/** The agency's API tokens for integrations: create one (shown once), list and revoke them. */
export function ApiTokens({ agency, held }: { agency: string; held: string[] }) {
  const { t, i18n } = useTranslation();
  const tokens = useApiTokens(agency, true);
  const revoke = useRevokeApiToken(agency);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  return (
    <Stack gap="lg">
      {created ? <CreatedToken token={created} onDone={() => setCreated(null)} /> : <CreateTokenForm agency={agency} held={held} onCreated={setCreated} />}
      <Stack gap="xs" component="section" aria-labelledby="tokens-heading">
        <Title order={3} size="h4" id="tokens-heading">
          {t('staff.tokensTitle')}
        </Title>
        <FormAlert problems={problemsOf(revoke.error)} />
        {tokens.isError && <Alert color="red">{tokens.error.message}</Alert>}
        {tokens.data && tokens.data.items.length === 0 && <Text c="dimmed">{t('staff.noTokens')}</Text>}
        {tokens.data && tokens.data.items.length > 0 && (
          <DataTable
            rows={tokens.data.items}
            rowKey={(tok) => tok.id}
            minWidth={560}
            striped
            columns={[
              {
                key: 'name',
                header: t('staff.tokenName'),
                cell: (tok) => (
                  <>
                    <Text size="sm" fw={600}>
                      {tok.name}
                    </Text>
                    <Code>{tok.prefix}…</Code>
                  </>
                ),
              },
              { key: 'permissions', header: t('staff.tokenPermissions'), cell: (tok) => <Text size="xs">{tok.permissions.join(', ')}</Text> },
              {
                key: 'lastUsed',
                header: t('staff.tokenLastUsed'),
                cell: (tok) => (
                  <>
                    <Text size="xs">{tok.lastUsedAt ? formatInstant(tok.lastUsedAt, i18n.language) : t('staff.never')}</Text>
                    {tok.expiresAt && <Text size="xs" c="dimmed">{t('staff.expires', { at: formatInstant(tok.expiresAt, i18n.language) })}</Text>}
                  </>
                ),
              },
              {
                key: 'actions',
                header: t('account.actions'),
                hiddenHeader: true,
                cell: (tok) =>
                  tok.revokedAt ? (
                    <Badge color="gray">{t('staff.revoked')}</Badge>
                  ) : (
                    <Button size="xs" color="red" variant="light" aria-label={t('staff.revokeToken', { name: tok.name })} loading={revoke.isPending && revoke.variables === tok.id} onClick={() => revoke.mutate(tok.id)}>
                      {t('account.revoke')}
                    </Button>
                  ),
              },
            ]}
          />
        )}
      </Stack>
    </Stack>
  );
}

function CreateTokenForm({ agency, held, onCreated }: { agency: string; held: string[]; onCreated: (token: CreatedApiToken) => void }) {
  const { t } = useTranslation();
  const create = useCreateApiToken(agency);
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [expires, setExpires] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const form = useRef<HTMLFormElement>(null);
  useFocusOnError(form, create.error ?? (Object.keys(local).length ? local : null));
  const problems = problemsOf(create.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = t('auth.required');
    if (chosen.length === 0) found.permissions = t('staff.choosePermission');
    setLocal(found);
    if (Object.keys(found).length) return;
    // A date means the end of that day in the browser's time zone.
    const expiresAt = expires ? new Date(`${expires}T23:59:59`).toISOString() : null;
    create.mutate({ name: name.trim(), permissions: chosen, expiresAt }, { onSuccess: onCreated });
  }
  return (
    <Card withBorder component="section" aria-labelledby="new-token-heading">
      <form ref={form} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={3} size="h4" id="new-token-heading">
            {t('staff.newToken')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('staff.newTokenIntro')}
          </Text>
          <FormAlert problems={problems} />
          <TextInput label={t('staff.tokenName')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={local.name ?? problems.fields.name} required />
          <Checkbox.Group label={t('staff.tokenPermissions')} value={chosen} onChange={setChosen} error={local.permissions ?? problems.fields.permissions} withAsterisk>
            <Group gap="md" mt={4}>
              {held.map((p) => (
                <Checkbox key={p} value={p} label={p} />
              ))}
            </Group>
          </Checkbox.Group>
          <TextInput label={t('staff.tokenExpires')} description={t('staff.tokenExpiresHint')} type="date" value={expires} onChange={(e) => setExpires(e.currentTarget.value)} error={problems.fields.expiresAt} maw={220} />
          <Button type="submit" loading={create.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('staff.createToken')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

function CreatedToken({ token, onDone }: { token: CreatedApiToken; onDone: () => void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusHeading(heading, token.id);
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={3} size="h4" ref={heading} tabIndex={-1}>
          {t('staff.tokenCreated', { name: token.name })}
        </Title>
        <Alert color="yellow">{t('staff.tokenOnce')}</Alert>
        <Code block data-testid="created-token" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
          {token.token}
        </Code>
        <Group>
          <CopyButton value={token.token}>
            {({ copied, copy }) => (
              <Button variant="light" onClick={copy}>
                {copied ? t('auth.recovery.copied') : t('staff.copyToken')}
              </Button>
            )}
          </CopyButton>
          <Button onClick={onDone}>{t('account.done')}</Button>
        </Group>
      </Stack>
    </Card>
  );
}
