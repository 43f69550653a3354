import { Alert, Button, Card, Checkbox, Group, Stack, TextInput, Title } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { useFocusOnError } from '../../../lib/focus.js';
import { problemsOf } from '../../../lib/form-errors.js';
import { useInviteStaff, type Role } from '../api/staff.js';

/** Inviting an officer: e-mail, name and at least one role; the invitation link goes by e-mail. */
export function InviteForm({ agency, roles }: { agency: string; roles: Role[] }) {
  const { t } = useTranslation();
  const invite = useInviteStaff(agency);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [sent, setSent] = useState<{ email: string; kind: 'invited' | 'offered' | 'existing' } | null>(null);
  const form = useRef<HTMLFormElement>(null);
  useFocusOnError(form, invite.error ?? (Object.keys(local).length ? local : null));
  const problems = problemsOf(invite.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!email.trim()) found.email = t('auth.required');
    if (!name.trim()) found.name = t('auth.required');
    if (chosen.length === 0) found.roles = t('staff.chooseRole');
    setLocal(found);
    if (Object.keys(found).length) return;
    invite.mutate(
      { email: email.trim(), name: name.trim(), roles: chosen },
      {
        onSuccess: (result) => {
          setSent({ email: email.trim(), kind: result.offered ? 'offered' : result.invitationSent ? 'invited' : 'existing' });
          setEmail('');
          setName('');
          setChosen([]);
        },
      },
    );
  }

  return (
    <Card withBorder component="section" aria-labelledby="invite-heading">
      <form ref={form} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={3} size="h4" id="invite-heading">
            {t('staff.inviteTitle')}
          </Title>
          <FormAlert problems={problems} />
          {invite.isSuccess && sent && (
            <Alert color="teal" role="status">
              {sent.kind === 'invited' ? t('staff.inviteSent', { email: sent.email }) : sent.kind === 'offered' ? t('staff.inviteOffered', { email: sent.email }) : t('staff.inviteExisting')}
            </Alert>
          )}
          <Group grow align="flex-start" wrap="wrap">
            <TextInput label={t('auth.email')} type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={local.email ?? problems.fields.email} miw={220} required />
            <TextInput label={t('auth.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={local.name ?? problems.fields.name} miw={220} required />
          </Group>
          <Checkbox.Group label={t('staff.roles')} value={chosen} onChange={setChosen} error={local.roles ?? problems.fields.roles} withAsterisk>
            <Group gap="md" mt={4}>
              {roles.map((r) => (
                <Checkbox key={r.code} value={r.code} label={r.name} />
              ))}
            </Group>
          </Checkbox.Group>
          <Button type="submit" loading={invite.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('staff.inviteSubmit')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
