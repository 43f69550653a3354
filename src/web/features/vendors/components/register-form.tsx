import { Button, NativeSelect, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { legalFormLabels, legalForms, personRoles, type VendorView } from '../../../../shared/contracts/vendors.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { useFocusOnError } from '../../../lib/focus.js';
import { problemsOf } from '../../../lib/form-errors.js';
import { useRegisterOwnVendor, useRegisterVendor } from '../api/vendors.js';
import { withoutShownMessage } from './format.js';

/** The text fields of the form, as typed; empty optional ones are left out of the request. */
const empty = {
  legalForm: 'cv',
  name: '',
  npwp: '',
  nib: '',
  address: '',
  email: '',
  phone: '',
  personName: '',
  role: 'direktur',
  nik: '',
  position: '',
};

const optional = (value: string) => (value.trim() ? value.trim() : undefined);

/**
 * Registers a company: by one of its own people (who become its first person, named by their
 * account) or by the help desk from its papers (naming the person who acts for it). Every problem
 * the server finds (NPWP check digit, NIB of 13 digits, an NPWP or NIB already registered to
 * another vendor, whose name it says) shows on its field.
 */
export function RegisterVendorForm({ mode, agency, onDone }: { mode: 'own' | 'staff'; agency?: string; onDone: (vendor: VendorView) => void }) {
  const { t } = useTranslation();
  const own = useRegisterOwnVendor();
  const staff = useRegisterVendor(agency ?? '');
  const mutation = mode === 'own' ? own : staff;
  const formRef = useRef<HTMLFormElement>(null);
  const [v, setV] = useState(empty);
  useFocusOnError(formRef, mutation.error);
  // The person's fields are `self.*` from the portal and `persons.0.*` from the desk.
  const personPrefix = mode === 'own' ? 'self.' : 'persons.0.';
  const shown = new Set(['legalForm', 'name', 'npwp', 'nib', 'address', 'email', 'phone', ...['name', 'role', 'nik', 'position'].map((f) => `${personPrefix}${f}`)]);
  const problems = withoutShownMessage(problemsOf(mutation.error), (f) => shown.has(f));
  const err = (f: string) => problems.fields[f];
  const set = (f: keyof typeof empty) => (e: { currentTarget: { value: string } }) => setV({ ...v, [f]: e.currentTarget.value });

  function submit(e: FormEvent) {
    e.preventDefault();
    const company = {
      legalForm: v.legalForm as (typeof legalForms)[number],
      name: v.name.trim(),
      npwp: v.npwp.trim(),
      nib: optional(v.nib),
      address: v.address.trim(),
      email: v.email.trim(),
      phone: optional(v.phone),
    };
    const person = { role: v.role as (typeof personRoles)[number], nik: v.nik.trim(), position: optional(v.position) };
    if (mode === 'own') own.mutate({ ...company, self: person, persons: [] }, { onSuccess: onDone });
    else staff.mutate({ ...company, persons: [{ ...person, name: v.personName.trim() }] }, { onSuccess: onDone });
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate data-testid="register-vendor">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('vendors.register.company')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect label={t('vendors.legalForm')} value={v.legalForm} onChange={set('legalForm')} data={legalForms.map((f) => ({ value: f, label: legalFormLabels[f] }))} error={err('legalForm')} />
          <TextInput label={t('vendors.register.name')} description={t('vendors.register.nameHelp')} value={v.name} onChange={set('name')} error={err('name')} required />
          <TextInput label={t('vendors.register.npwp')} description={t('vendors.register.npwpHelp')} value={v.npwp} onChange={set('npwp')} error={err('npwp')} required inputMode="numeric" />
          <TextInput label={t('vendors.register.nib')} value={v.nib} onChange={set('nib')} error={err('nib')} inputMode="numeric" />
          <TextInput label={t('vendors.register.email')} type="email" value={v.email} onChange={set('email')} error={err('email')} required />
          <TextInput label={t('vendors.register.phone')} value={v.phone} onChange={set('phone')} error={err('phone')} />
        </SimpleGrid>
        <Textarea label={t('vendors.address')} value={v.address} onChange={set('address')} error={err('address')} required autosize minRows={2} />
        <Title order={3} size="h4">
          {mode === 'own' ? t('vendors.register.you') : t('vendors.register.person')}
        </Title>
        {mode === 'own' && <Text size="sm">{t('vendors.register.youHelp')}</Text>}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {mode === 'staff' && <TextInput label={t('vendors.register.personName')} value={v.personName} onChange={set('personName')} error={err(`${personPrefix}name`)} required />}
          <NativeSelect label={t('vendors.register.role')} value={v.role} onChange={set('role')} data={personRoles.map((r) => ({ value: r, label: t(`vendors.role.${r}`) }))} error={err(`${personPrefix}role`)} />
          <TextInput label={t('vendors.register.nik')} value={v.nik} onChange={set('nik')} error={err(`${personPrefix}nik`)} required inputMode="numeric" />
          <TextInput label={t('vendors.register.position')} value={v.position} onChange={set('position')} error={err(`${personPrefix}position`)} />
        </SimpleGrid>
        <FormAlert problems={problems} />
        <Button type="submit" loading={mutation.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('vendors.register.submit')}
        </Button>
      </Stack>
    </form>
  );
}
