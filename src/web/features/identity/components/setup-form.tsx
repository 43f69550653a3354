import { Alert, Button, Card, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { QueryState } from '../../../components/ui/query-state.js';
import { useFocusOnError } from '../../../lib/focus.js';
import { problemsOf } from '../../../lib/form-errors.js';
import { useCompleteSetup, useSetupCheck } from '../api/setup.js';

/**
 * The first-run setup page's form: the unit, then the first administrator's e-mail and name. The
 * password and the authenticator follow on the invitation's own page, where every officer sets
 * theirs.
 */
export function SetupForm({ token, agencies }: { token: string | null; agencies: readonly { code: string; name: string }[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const check = useSetupCheck(token);
  const complete = useCompleteSetup();
  const [agency, setAgency] = useState<string | null>(agencies.length === 1 ? agencies[0]!.code : null);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const form = useRef<HTMLFormElement>(null);
  useFocusOnError(form, complete.error ?? (Object.keys(local).length ? local : null));
  const problems = problemsOf(complete.error);

  if (token === null) {
    return (
      <Alert color="red" title={t('setup.noToken')}>
        {t('setup.noTokenText')}
      </Alert>
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!agency) found.agency = t('setup.chooseUnit');
    if (!email.trim()) found.email = t('auth.required');
    if (!name.trim()) found.name = t('auth.required');
    setLocal(found);
    if (Object.keys(found).length || !agency || token === null) return;
    complete.mutate(
      { token, agency, email: email.trim(), name: name.trim() },
      { onSuccess: (result) => void navigate(result.path, { replace: true }) },
    );
  }

  return (
    <QueryState query={check}>
      {() => (
        <Card withBorder component="section" aria-labelledby="setup-heading" maw={560}>
          <form ref={form} onSubmit={submit} noValidate>
            <Stack gap="sm">
              <Title order={2} id="setup-heading">
                {t('setup.title')}
              </Title>
              <Text size="sm">{t('setup.intro')}</Text>
              <FormAlert problems={problems} />
              {agencies.length === 0 && <Alert color="yellow">{t('setup.noUnits')}</Alert>}
              <Select
                label={t('setup.unit')}
                placeholder={t('setup.chooseUnit')}
                data={agencies.map((a) => ({ value: a.code, label: a.name }))}
                value={agency}
                onChange={setAgency}
                error={local.agency ?? problems.fields.agency}
                searchable
                required
              />
              <TextInput label={t('auth.email')} type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={local.email ?? problems.fields.email} required />
              <TextInput label={t('auth.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={local.name ?? problems.fields.name} required />
              <Text size="xs" c="dimmed">
                {t('setup.next')}
              </Text>
              <Button type="submit" loading={complete.isPending} style={{ alignSelf: 'flex-start' }}>
                {t('setup.submit')}
              </Button>
            </Stack>
          </form>
        </Card>
      )}
    </QueryState>
  );
}
