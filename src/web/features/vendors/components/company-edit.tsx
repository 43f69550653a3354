import { Button, Card, Group, NativeSelect, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { personRoles, type VendorView } from '../../../../shared/contracts/vendors.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { useFocusOnError } from '../../../lib/focus.js';
import { problemsOf } from '../../../lib/form-errors.js';
import { useAddPerson, useUpdateVendor, type VendorScope } from '../api/vendors.js';
import { withoutShownMessage } from './format.js';

const optional = (value: string) => (value.trim() ? value.trim() : undefined);

/**
 * The contact data changed directly, each change kept in the history (the name, legal form and
 * NPWP change only through their account services); a NIB may be added when none is recorded. A
 * change made meanwhile by someone else is refused (409) rather than overwritten.
 */
export function ContactForm({ scope, vendor }: { scope: VendorScope; vendor: VendorView }) {
  const { t } = useTranslation();
  const update = useUpdateVendor(scope, vendor.id);
  const formRef = useRef<HTMLFormElement>(null);
  const [v, setV] = useState({ address: vendor.address, email: vendor.email, phone: vendor.phone ?? '', nib: '' });
  useFocusOnError(formRef, update.error);
  const problems = withoutShownMessage(problemsOf(update.error), (f) => ['address', 'email', 'phone', 'nib'].includes(f));
  function submit(e: FormEvent) {
    e.preventDefault();
    update.mutate({
      version: vendor.version,
      ...(v.address.trim() !== vendor.address ? { address: v.address.trim() } : {}),
      ...(v.email.trim().toLowerCase() !== vendor.email ? { email: v.email.trim() } : {}),
      ...(v.phone.trim() !== (vendor.phone ?? '') ? { phone: optional(v.phone) ?? null } : {}),
      ...(v.nib.trim() ? { nib: v.nib.trim() } : {}),
    });
  }
  return (
    <Card withBorder padding="sm" component="form" ref={formRef} onSubmit={submit} data-testid="contact-form">
      <Stack gap="xs">
        <Text fw={600} size="sm">
          {t('vendors.edit.contact')}
        </Text>
        <Textarea label={t('vendors.address')} value={v.address} onChange={(e) => setV({ ...v, address: e.currentTarget.value })} error={problems.fields.address} autosize minRows={2} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <TextInput label={t('vendors.register.email')} type="email" value={v.email} onChange={(e) => setV({ ...v, email: e.currentTarget.value })} error={problems.fields.email} />
          <TextInput label={t('vendors.register.phone')} value={v.phone} onChange={(e) => setV({ ...v, phone: e.currentTarget.value })} error={problems.fields.phone} />
          {vendor.nib === null && <TextInput label={t('vendors.register.nib')} value={v.nib} onChange={(e) => setV({ ...v, nib: e.currentTarget.value })} error={problems.fields.nib} inputMode="numeric" />}
        </SimpleGrid>
        <FormAlert problems={problems} />
        <Group>
          <Button type="submit" size="xs" loading={update.isPending}>
            {t('vendors.edit.save')}
          </Button>
          {update.isSuccess && (
            <Text size="sm" c="green">
              {t('vendors.edit.saved')}
            </Text>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

/** A person who acts for the vendor (a director, the owner, someone with a power of attorney), with a valid NIK. */
export function AddPersonForm({ scope, vendor }: { scope: VendorScope; vendor: VendorView }) {
  const { t } = useTranslation();
  const add = useAddPerson(scope, vendor.id);
  const formRef = useRef<HTMLFormElement>(null);
  const empty = { role: 'kuasa', name: '', nik: '', position: '' };
  const [v, setV] = useState(empty);
  useFocusOnError(formRef, add.error);
  const problems = withoutShownMessage(problemsOf(add.error), (f) => ['role', 'name', 'nik', 'position'].includes(f));
  function submit(e: FormEvent) {
    e.preventDefault();
    add.mutate(
      { role: v.role as (typeof personRoles)[number], name: v.name.trim(), nik: v.nik.trim(), position: optional(v.position) },
      { onSuccess: () => setV(empty) },
    );
  }
  return (
    <Card withBorder padding="sm" component="form" ref={formRef} onSubmit={submit} data-testid="add-person">
      <Stack gap="xs">
        <Text fw={600} size="sm">
          {t('vendors.edit.addPerson')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <NativeSelect label={t('vendors.register.role')} value={v.role} onChange={(e) => setV({ ...v, role: e.currentTarget.value })} data={personRoles.map((r) => ({ value: r, label: t(`vendors.role.${r}`) }))} />
          <TextInput label={t('vendors.register.personName')} value={v.name} onChange={(e) => setV({ ...v, name: e.currentTarget.value })} error={problems.fields.name} />
          <TextInput label={t('vendors.register.nik')} value={v.nik} onChange={(e) => setV({ ...v, nik: e.currentTarget.value })} error={problems.fields.nik} inputMode="numeric" />
          <TextInput label={t('vendors.register.position')} value={v.position} onChange={(e) => setV({ ...v, position: e.currentTarget.value })} error={problems.fields.position} />
        </SimpleGrid>
        <FormAlert problems={problems} />
        <Group>
          <Button type="submit" size="xs" loading={add.isPending}>
            {t('vendors.edit.add')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** Behind one button, so the page reads first: the contact data and a new person. */
export function CompanyEdit({ scope, vendor }: { scope: VendorScope; vendor: VendorView }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <Group>
        <Button size="xs" variant="light" onClick={() => setOpen(true)}>
          {t('vendors.edit.title')}
        </Button>
      </Group>
    );
  }
  return (
    <Stack gap="sm">
      <ContactForm scope={scope} vendor={vendor} />
      <AddPersonForm scope={scope} vendor={vendor} />
    </Stack>
  );
}
