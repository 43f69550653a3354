import { Badge, Button, Card, Stack, Text, TextInput, Title } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { useFocusOnError } from '../../../lib/focus.js';
import { problemsOf } from '../../../lib/form-errors.js';
import { useUpdateProfile, type Me } from '../api/identity.js';
import { RequesterTypeChoice } from './requester-type.js';

/** The person's own details: name, birth date and, for a requester outside any agency, what kind of requester they are. */
export function ProfileForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const update = useUpdateProfile();
  const [name, setName] = useState(me.name);
  const [birthDate, setBirthDate] = useState(me.birthDate ?? '');
  const [requesterType, setRequesterType] = useState(me.requesterType);
  // Officers act for their agency; what kind of requester one is matters to external users.
  const external = me.agencies.length === 0;
  const form = useRef<HTMLFormElement>(null);
  useFocusOnError(form, update.error);
  const problems = problemsOf(update.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    update.mutate({ name: name.trim(), birthDate: birthDate || null, ...(external ? { requesterType } : {}) });
  }
  return (
    <Card withBorder component="section" aria-labelledby="profile-heading">
      <form ref={form} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={3} size="h4" id="profile-heading">
            {t('account.details')}
          </Title>
          <Text size="sm">
            {t('auth.email')}: <strong>{me.email}</strong>{' '}
            {me.emailVerified ? <Badge color="teal" variant="light">{t('account.verified')}</Badge> : <Badge color="yellow">{t('account.notVerified')}</Badge>}
          </Text>
          <FormAlert problems={problems} />
          <TextInput label={t('auth.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={problems.fields.name} autoComplete="name" required />
          <TextInput label={t('auth.birthDate')} description={t('auth.birthDateHint')} type="date" value={birthDate} onChange={(e) => setBirthDate(e.currentTarget.value)} error={problems.fields.birthDate} />
          {external && <RequesterTypeChoice value={requesterType} onChange={setRequesterType} error={problems.fields.requesterType} />}
          {update.isSuccess && <Text role="status" c="teal.8" size="sm">{t('account.saved')}</Text>}
          <Button type="submit" loading={update.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('account.save')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
