import { Alert, Button, Card, Checkbox, FileInput, NativeSelect, Radio, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { Fragment, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntakeInput, IntakeReceipt } from '../../../../shared/contracts/requests.js';
import type { ServiceStandard } from '../../../../shared/standard/schema.js';
import { fieldErrors } from '../../../lib/form-errors.js';
import { useFormatLimit } from '../../../lib/time-limit.js';
import { uploadAsRequester, uploadAsStaff } from '../api/requests.js';

type Channel = ServiceStandard['channels'][number];
type Requirement = ServiceStandard['requirements'][number];
type RequesterType = IntakeInput['requester']['type'];

const onlineKinds = new Set(['website', 'application', 'email', 'chat']);

/** Whether requesters file on this kind of channel themselves (online), or at the desk (walk-in, call, letter). */
export function isOnlineChannel(kind: string): boolean {
  return onlineKinds.has(kind);
}

/** The channels a form may file on: online ones for the public, the others at the desk. */
export function channelsFor(service: ServiceStandard, mode: 'public' | 'staff'): Channel[] {
  return service.channels.filter((c) => (mode === 'public' ? isOnlineChannel(c.kind) : !isOnlineChannel(c.kind)));
}

function requirementsFor(service: ServiceStandard, channel: string, type: RequesterType): Requirement[] {
  return service.requirements.filter((r) => (!r.channels || r.channels.includes(channel)) && (!r.requesterTypes || r.requesterTypes.includes(type)));
}

type LeadTimeRule = ServiceStandard['leadTimeRules'][number];

/**
 * A lead-time rule ("≥ 3 working days before the event") and the earliest event date it allows,
 * once known; the form learns the date through `onEarliest` to refuse earlier ones on the field.
 */
export function LeadTimeNote({ rule, earliest, onEarliest }: { rule: LeadTimeRule; earliest: string | null; onEarliest: (date: string) => void }) {
  const { t } = useTranslation();
  const formatLimit = useFormatLimit();
  useEffect(() => {
    if (earliest) onEarliest(earliest);
  }, [earliest, onEarliest]);
  return (
    <Text size="sm" data-testid="earliest-date">
      {t('requests.form.leadTime', { label: rule.label, minimum: formatLimit(rule.minimum), before: rule.before })}
      {earliest ? ` ${t('requests.form.earliest', { date: earliest })}` : ''}
    </Text>
  );
}

export interface FiledResult {
  receipt: IntakeReceipt;
  uploadProblems: string[];
}

/**
 * A request form built from the service's definition: channel, requester (person and
 * organisation), the checklist by kind (uploads, typed values, statements; originals are shown
 * at the desk), and the event date where a lead-time rule applies. The server's rule errors are
 * shown on their fields.
 */
export function RequestForm({
  agency,
  service,
  mode,
  defaultEmail,
  submit,
  onFiled,
  leadTime,
}: {
  agency: string;
  service: ServiceStandard;
  mode: 'public' | 'staff';
  defaultEmail?: string | undefined;
  submit: (body: IntakeInput) => Promise<IntakeReceipt>;
  onFiled: (result: FiledResult) => void;
  /** Draws a lead-time rule with its earliest date, counted on the agency's calendar (a LeadTimeNote). */
  leadTime: (rule: LeadTimeRule, onEarliest: (date: string) => void) => ReactNode;
}) {
  const { t } = useTranslation();
  const channels = channelsFor(service, mode);
  const [channel, setChannel] = useState(channels[0]?.code ?? '');
  const [type, setType] = useState<RequesterType>(service.requesterTypes[0] ?? 'vendor');
  const [person, setPerson] = useState({ name: '', nik: '', phone: '', email: defaultEmail ?? '' });
  const [org, setOrg] = useState({ name: '', npwp: '', nib: '', governmentUnit: '' });
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [statements, setStatements] = useState<string[]>([]);
  const [files, setFiles] = useState<Record<string, File | null>>({});
  const [eventDate, setEventDate] = useState('');
  const [variant, setVariant] = useState('');
  const [earliest, setEarliest] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(error);
  const requirements = requirementsFor(service, channel, type);
  const leadRules = service.leadTimeRules.filter((r) => !r.channels || r.channels.includes(channel));
  // The timeline's alternatives (tender, seleksi, tender cepat): the stage limits follow the one chosen.
  const variants = service.timeline?.variants ?? [];

  if (channels.length === 0) return <Alert color="gray">{t(mode === 'public' ? 'requests.form.noOnline' : 'requests.form.noDesk')}</Alert>;

  const opt = (v: string) => (v.trim() === '' ? undefined : v.trim());
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const organisation = type === 'public' ? undefined : { name: opt(org.name), npwp: opt(org.npwp), nib: opt(org.nib), governmentUnit: opt(org.governmentUnit) };
    const body: IntakeInput = {
      service: service.code,
      channel,
      title: title.trim(),
      description: opt(description),
      requester: { type, name: person.name.trim(), nik: opt(person.nik), phone: opt(person.phone), email: opt(person.email) },
      organisation: organisation && Object.values(organisation).some(Boolean) ? organisation : undefined,
      fields: Object.fromEntries(Object.entries(fields).filter(([code, v]) => v.trim() !== '' && requirements.some((r) => r.code === code))),
      statements: statements.filter((code) => requirements.some((r) => r.code === code)),
      eventDate: leadRules.length > 0 ? opt(eventDate) : undefined,
      variant: variants.length > 0 ? opt(variant) : undefined,
    };
    try {
      const receipt = await submit(body);
      // Files go after the filing: they need its number (and, for the public, its secret).
      const uploadProblems: string[] = [];
      for (const r of requirements) {
        const file = files[r.code];
        if (!file) continue;
        try {
          if (mode === 'public') await uploadAsRequester(receipt.number, receipt.trackingSecret, file, r.code);
          else await uploadAsStaff(agency, receipt.number, file, r.code);
        } catch (err) {
          uploadProblems.push(`${file.name}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      onFiled({ receipt, uploadProblems });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  // Field errors sit on their fields; the alert only points to them.
  const general = !error ? null : Object.keys(errors).length > 0 ? t('requests.form.checkFields') : error instanceof Error ? error.message : String(error);

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <Stack gap="md">
        {channels.length > 1 ? (
          <NativeSelect
            label={t('requests.form.channel')}
            value={channel}
            onChange={(e) => setChannel(e.currentTarget.value)}
            data={channels.map((c) => ({ value: c.code, label: c.label }))}
            error={errors.channel}
          />
        ) : (
          <Text size="sm">
            {t('requests.form.channel')}: {channels[0]!.label}
          </Text>
        )}

        <Card withBorder>
          <Stack gap="sm">
            <Title order={3} size="h5">
              {t('requests.form.requester')}
            </Title>
            <Radio.Group label={t(mode === 'staff' ? 'requests.form.typeStaff' : 'requests.form.type')} value={type} onChange={(v) => setType(v as RequesterType)} error={errors['requester.type']}>
              <Stack gap={4} mt={4}>
                {service.requesterTypes.map((rt) => (
                  <Radio key={rt} value={rt} label={t(`standards.requesterType.${rt}`)} />
                ))}
              </Stack>
            </Radio.Group>
            <TextInput label={t('requests.form.name')} required value={person.name} onChange={(e) => setPerson({ ...person, name: e.currentTarget.value })} error={errors['requester.name']} />
            <TextInput label={t('requests.form.nik')} inputMode="numeric" value={person.nik} onChange={(e) => setPerson({ ...person, nik: e.currentTarget.value })} error={errors['requester.nik']} />
            <TextInput label={t('requests.form.email')} type="email" value={person.email} onChange={(e) => setPerson({ ...person, email: e.currentTarget.value })} error={errors['requester.email']} description={t('requests.form.contactHint')} />
            <TextInput label={t('requests.form.phone')} type="tel" value={person.phone} onChange={(e) => setPerson({ ...person, phone: e.currentTarget.value })} error={errors['requester.phone']} />
            {type === 'vendor' && (
              <>
                <TextInput label={t('requests.form.company')} required value={org.name} onChange={(e) => setOrg({ ...org, name: e.currentTarget.value })} error={errors['organisation.name']} />
                <TextInput label={t('requests.form.npwp')} value={org.npwp} onChange={(e) => setOrg({ ...org, npwp: e.currentTarget.value })} error={errors['organisation.npwp']} description={t('requests.form.npwpOrNib')} />
                <TextInput label={t('requests.form.nib')} inputMode="numeric" value={org.nib} onChange={(e) => setOrg({ ...org, nib: e.currentTarget.value })} error={errors['organisation.nib']} />
              </>
            )}
            {type === 'government' && (
              <TextInput label={t('requests.form.governmentUnit')} required value={org.governmentUnit} onChange={(e) => setOrg({ ...org, governmentUnit: e.currentTarget.value })} error={errors['organisation.governmentUnit']} />
            )}
          </Stack>
        </Card>

        <TextInput label={t('requests.form.title')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} />
        <Textarea label={t('requests.form.description')} autosize minRows={3} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={errors.description} />

        {variants.length > 0 && (
          <NativeSelect
            label={t('requests.form.variant')}
            description={t('requests.form.variantHint')}
            value={variant}
            onChange={(e) => setVariant(e.currentTarget.value)}
            error={errors.variant}
            data={[{ value: '', label: t('requests.form.variantNone') }, ...variants.map((v) => ({ value: v.code, label: v.name }))]}
          />
        )}

        {leadRules.length > 0 && (
          <Card withBorder>
            <Stack gap="xs">
              {leadRules.map((r) => (
                <Fragment key={r.code}>{leadTime(r, (d) => d !== earliest && setEarliest(d))}</Fragment>
              ))}
              <TextInput type="date" label={t('requests.form.eventDate')} required min={earliest ?? undefined} value={eventDate} onChange={(e) => setEventDate(e.currentTarget.value)} error={errors.eventDate} />
            </Stack>
          </Card>
        )}

        {requirements.length > 0 && (
          <Card withBorder component="fieldset" style={{ border: undefined }}>
            <Stack gap="sm">
              <Title order={3} size="h5" component="legend">
                {t('requests.form.checklist')}
              </Title>
              {requirements.map((r) => {
                const label = `${r.label}${r.required ? '' : ` (${t('requests.form.optional')})`}`;
                if (r.kind === 'document')
                  return (
                    <FileInput
                      key={r.code}
                      label={label}
                      description={r.note ?? t('requests.form.fileHint')}
                      placeholder={t('requests.form.chooseFile')}
                      clearable
                      value={files[r.code] ?? null}
                      onChange={(f) => setFiles({ ...files, [r.code]: f })}
                      styles={{ label: { whiteSpace: 'normal' } }}
                    />
                  );
                if (r.kind === 'form_field')
                  return (
                    <TextInput
                      key={r.code}
                      label={label}
                      description={r.note}
                      required={r.required && mode === 'public'}
                      value={fields[r.code] ?? ''}
                      onChange={(e) => setFields({ ...fields, [r.code]: e.currentTarget.value })}
                      error={errors[`fields.${r.code}`]}
                      styles={{ label: { whiteSpace: 'normal' } }}
                    />
                  );
                if (r.kind === 'statement')
                  return (
                    <Checkbox
                      key={r.code}
                      label={label}
                      checked={statements.includes(r.code)}
                      onChange={(e) => setStatements(e.currentTarget.checked ? [...statements, r.code] : statements.filter((s) => s !== r.code))}
                      error={errors[`statements.${r.code}`]}
                    />
                  );
                return (
                  <Text key={r.code} size="sm">
                    {label} — <em>{t('requests.form.original')}</em>
                  </Text>
                );
              })}
            </Stack>
          </Card>
        )}

        {general && (
          <Alert color="red" role="alert">
            {general}
          </Alert>
        )}
        <Button type="submit" loading={busy} size="md">
          {t(mode === 'public' ? 'requests.form.submit' : 'requests.form.submitIntake')}
        </Button>
      </Stack>
    </form>
  );
}
