import { Alert, Anchor, Button, Checkbox, Code, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ComplaintForm as FormDefinition, ContentField, FiledComplaint } from '../../../../shared/contracts/complaints.js';
import { useLanguage } from '../../../i18n/use-language.js';
import { fieldErrors } from '../../../lib/form-errors.js';
import { formatAt } from '../../../lib/format.js';
import { useFileComplaint } from '../api/complaints.js';

interface Values {
  subject: string;
  description: string;
  serviceCode: string;
  serviceDate: string;
  requestNumber: string;
  name: string;
  address: string;
  email: string;
  phone: string;
  loss: string;
  requestedResolution: string;
  place: string;
  signed: boolean;
  anonymous: boolean;
  confidential: boolean;
  others: Record<string, string>;
}

const empty: Values = {
  subject: '',
  description: '',
  serviceCode: '',
  serviceDate: '',
  requestNumber: '',
  name: '',
  address: '',
  email: '',
  phone: '',
  loss: '',
  requestedResolution: '',
  place: '',
  signed: false,
  anonymous: false,
  confidential: false,
  others: {},
};

/**
 * The public complaint form of one agency: the fields its standard requires are marked as such
 * (with the standard's own words), the anonymity choices are explained in plain words, and the
 * number and tracking code are shown once at the end.
 */
export function ComplaintFormView({ form }: { form: FormDefinition }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const file = useFileComplaint(form.agency.code);
  const [values, setValues] = useState<Values>(empty);
  const [filed, setFiled] = useState<FiledComplaint | null>(null);
  const errors = fieldErrors(file.error);
  const required = new Map(form.fields.map((f) => [f.field, f.requirement]));
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const hint = (field: ContentField) => (required.has(field) ? t('complaints.form.requiredBy', { requirement: required.get(field) }) : undefined);

  if (filed) {
    return (
      <Paper withBorder p="lg" data-testid="complaint-filed">
        <Stack>
          <Title order={3}>{t('complaints.form.filedTitle')}</Title>
          <Text>{t('complaints.form.numberLabel')}</Text>
          <Code fz="lg" data-testid="complaint-number">{filed.number}</Code>
          <Text>{t('complaints.form.secretLabel')}</Text>
          <Code fz="lg" data-testid="complaint-secret">{filed.trackingSecret}</Code>
          <Alert color="yellow">{t('complaints.form.secretOnce')}</Alert>
          {filed.late && <Alert color="orange">{t('complaints.form.lateNotice', { date: filed.fileBy })}</Alert>}
          {filed.responseDueAt && <Text>{t('complaints.form.responseBy', { at: formatAt(filed.responseDueAt, lang, form.agency.timeZone) })}</Text>}
          <Text>{t('complaints.form.hardBy', { at: formatAt(filed.hardDueAt, lang, form.agency.timeZone) })}</Text>
          <Anchor component={Link} to={`/instansi/${form.agency.code}/pengaduan/lacak?nomor=${encodeURIComponent(filed.number)}`}>
            {t('complaints.form.trackLink')}
          </Anchor>
        </Stack>
      </Paper>
    );
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const others = Object.fromEntries(form.otherContents.map((s) => [s, values.others[s] ?? '']));
    file.mutate(
      {
        subject: values.subject,
        description: values.description,
        serviceCode: values.serviceCode || undefined,
        serviceDate: values.serviceDate || undefined,
        requestNumber: values.requestNumber || undefined,
        loss: values.loss || undefined,
        requestedResolution: values.requestedResolution || undefined,
        place: values.place || undefined,
        signed: values.signed,
        otherContents: others,
        complainant: { name: values.name || undefined, address: values.address || undefined, email: values.email || undefined, phone: values.phone || undefined },
        anonymous: values.anonymous,
        confidential: values.confidential,
      },
      { onSuccess: setFiled },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {file.isError && <Alert color="red" role="alert">{file.error.message}</Alert>}
        <Title order={3}>{t('complaints.form.aboutTitle')}</Title>
        <TextInput label={t('complaints.field.subject')} required value={values.subject} onChange={(e) => set('subject', e.currentTarget.value)} error={errors.subject} maxLength={200} />
        <Textarea
          label={t('complaints.field.description')}
          description={hint('description')}
          required
          autosize
          minRows={4}
          value={values.description}
          onChange={(e) => set('description', e.currentTarget.value)}
          error={errors.description}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('complaints.field.service')}
            data={[{ value: '', label: t('complaints.form.noService') }, ...form.services.map((s) => ({ value: s.code, label: s.name }))]}
            value={values.serviceCode}
            onChange={(v) => set('serviceCode', v ?? '')}
            error={errors.serviceCode}
          />
          <TextInput
            type="date"
            label={t('complaints.field.serviceDate')}
            description={form.fileWithin ? t('complaints.form.fileWithin', { limit: form.fileWithin.text[lang] }) : undefined}
            value={values.serviceDate}
            onChange={(e) => set('serviceDate', e.currentTarget.value)}
            error={errors.serviceDate}
          />
          <TextInput label={t('complaints.field.requestNumber')} value={values.requestNumber} onChange={(e) => set('requestNumber', e.currentTarget.value)} />
        </SimpleGrid>
        <Textarea label={t('complaints.field.loss')} description={hint('loss')} required={required.has('loss')} autosize minRows={2} value={values.loss} onChange={(e) => set('loss', e.currentTarget.value)} error={errors.loss} />
        <Textarea
          label={t('complaints.field.requestedResolution')}
          description={hint('requestedResolution')}
          required={required.has('requestedResolution')}
          autosize
          minRows={2}
          value={values.requestedResolution}
          onChange={(e) => set('requestedResolution', e.currentTarget.value)}
          error={errors.requestedResolution}
        />
        <TextInput label={t('complaints.field.place')} description={hint('place')} required={required.has('place')} value={values.place} onChange={(e) => set('place', e.currentTarget.value)} error={errors.place} />
        {form.otherContents.map((sentence) => (
          <Textarea
            key={sentence}
            label={sentence}
            description={t('complaints.form.requiredBy', { requirement: sentence })}
            required
            autosize
            minRows={2}
            value={values.others[sentence] ?? ''}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setValues((v) => ({ ...v, others: { ...v.others, [sentence]: value } }));
            }}
            error={errors[`otherContents.${sentence}`]}
          />
        ))}

        <Title order={3}>{t('complaints.form.whoTitle')}</Title>
        <Text size="sm" c="dimmed">{t('complaints.form.whoHint')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={t('complaints.field.name')} description={hint('complainant.name')} required={required.has('complainant.name')} value={values.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors['complainant.name']} />
          <TextInput label={t('complaints.field.email')} type="email" value={values.email} onChange={(e) => set('email', e.currentTarget.value)} error={errors['complainant.email'] ?? errors['complainant.contact']} />
          <TextInput label={t('complaints.field.phone')} value={values.phone} onChange={(e) => set('phone', e.currentTarget.value)} />
        </SimpleGrid>
        <Textarea label={t('complaints.field.address')} description={hint('complainant.address')} required={required.has('complainant.address')} autosize value={values.address} onChange={(e) => set('address', e.currentTarget.value)} error={errors['complainant.address']} />

        <Title order={3}>{t('complaints.form.privacyTitle')}</Title>
        <Checkbox
          label={t('complaints.field.anonymous')}
          description={t('complaints.form.anonymousHint')}
          checked={values.anonymous}
          onChange={(e) => set('anonymous', e.currentTarget.checked)}
        />
        <Checkbox
          label={t('complaints.field.confidential')}
          description={t('complaints.form.confidentialHint')}
          checked={values.confidential}
          onChange={(e) => set('confidential', e.currentTarget.checked)}
        />
        <Text size="sm" c="dimmed">{t('complaints.form.identityNote')}</Text>
        <Checkbox
          label={t('complaints.field.signed')}
          description={hint('signed')}
          checked={values.signed}
          onChange={(e) => set('signed', e.currentTarget.checked)}
          error={errors.signed}
        />
        <Group>
          <Button type="submit" loading={file.isPending}>
            {t('complaints.form.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
