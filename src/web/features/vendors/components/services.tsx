import { Alert, Anchor, Button, Card, Group, NativeSelect, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { legalFormLabels, legalForms, type StartServiceResult, type VendorView } from '../../../../shared/contracts/vendors.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { QueryState } from '../../../components/ui/query-state.js';
import { wrap } from '../../../components/ui/styles.js';
import { useFocusOnError } from '../../../lib/focus.js';
import { problemsOf } from '../../../lib/form-errors.js';
import { useOffers, useStartService, type ServiceOffer, type VendorScope } from '../api/vendors.js';
import { useDocumentLabel } from './documents.js';
import { formatNpwpShown, withoutShownMessage } from './format.js';

/** Requirement kinds answered by a document of the vendor's file (form fields and statements are not). */
const documentRequirementKinds = new Set(['document', 'original']);
const deskChannelKinds = new Set(['walk_in', 'call_centre', 'letter']);

/**
 * The account services of one agency for this vendor, each prefilled from the registry; the ones
 * that cannot start now say the rule that stops them (no account yet, account inactive…).
 */
export function OffersPanel({ scope, vendor, agency, requestHref }: { scope: VendorScope; vendor: VendorView; agency: string; requestHref: (number: string) => string }) {
  const { t } = useTranslation();
  const offers = useOffers(scope, vendor.id, agency);
  const [open, setOpen] = useState<string | null>(null);
  const [started, setStarted] = useState<StartServiceResult | null>(null);
  if (started) return <Started result={started} requestHref={requestHref} onAnother={() => setStarted(null)} />;
  return (
    <QueryState query={offers}>
      {(items) => (
        <Stack gap="sm">
          {items.length === 0 && <Text size="sm">{t('vendors.noOffers')}</Text>}
          {items.map((offer) => (
            <Card key={offer.code} withBorder padding="sm" data-testid={`offer-${offer.code}`}>
              <Stack gap="xs">
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <Text fw={600} style={wrap}>
                    {offer.name}
                  </Text>
                  <Text size="xs" c={offer.online ? 'blue' : 'grape'} fw={600}>
                    {scope.kind === 'staff' ? t('vendors.atCounter') : offer.online ? t('vendors.online') : t('vendors.preparedForCounter')}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed" style={wrap}>
                  {t('vendors.product')}: {offer.product}
                </Text>
                {offer.available ? (
                  open === offer.code ? (
                    <StartForm
                      scope={scope}
                      vendor={vendor}
                      agency={agency}
                      offer={offer}
                      onCancel={() => setOpen(null)}
                      onStarted={(result) => {
                        setOpen(null);
                        setStarted(result);
                      }}
                    />
                  ) : (
                    <Group>
                      <Button size="xs" onClick={() => setOpen(offer.code)} h="auto" py={4} styles={{ label: { whiteSpace: 'normal' } }}>
                        {t('vendors.start', { service: offer.name })}
                      </Button>
                    </Group>
                  )
                ) : (
                  <Text size="sm" c="orange" style={wrap} data-testid="unavailable">
                    {offer.unavailable?.message}
                  </Text>
                )}
              </Stack>
            </Card>
          ))}
        </Stack>
      )}
    </QueryState>
  );
}

function Started({ result, requestHref, onAnother }: { result: StartServiceResult; requestHref: (number: string) => string; onAnother: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="green" title={result.receipt ? t('vendors.filedTitle') : t('vendors.preparedTitle')} data-testid="service-started">
      <Stack gap="xs">
        {result.receipt ? (
          <Text size="sm">
            {t('vendors.filedText')}{' '}
            <Anchor component={Link} to={requestHref(result.receipt.number)} data-testid="started-number">
              {result.receipt.number}
            </Anchor>
          </Text>
        ) : (
          <>
            <Text size="sm">{t('vendors.preparedText')}</Text>
            <Text size="xl" fw={700} ff="monospace" data-testid="started-reference">
              {result.request.reference}
            </Text>
          </>
        )}
        <Group>
          <Button size="xs" variant="light" onClick={onAnother}>
            {t('vendors.startAnother')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** What the service changes (prefilled), the documents of the file for each requirement, and for activation the account to register. */
function StartForm({
  scope,
  vendor,
  agency,
  offer,
  onCancel,
  onStarted,
}: {
  scope: VendorScope;
  vendor: VendorView;
  agency: string;
  offer: ServiceOffer;
  onCancel: () => void;
  onStarted: (r: StartServiceResult) => void;
}) {
  const { t } = useTranslation();
  const label = useDocumentLabel();
  const start = useStartService(scope, vendor.id);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusOnError(formRef, start.error);
  const problems = withoutShownMessage(problemsOf(start.error), (f) => /^(change\.|account\.|documents\.\d+\.documentId$)/.test(f));
  const fields = [...offer.changeFields.required, ...offer.changeFields.optional];
  const prefill = offer.prefill.change;
  const [change, setChange] = useState<Record<string, string>>(() => ({
    email: '',
    npwp: '',
    legalForm: fields.includes('legalForm') ? (prefill.legalForm === 'cv' ? 'pt' : prefill.legalForm) : '',
    name: prefill.name,
    nib: '',
    reason: '',
  }));
  const needsAccount = offer.effect === 'vendor.activate' && !vendor.accounts.some((a) => a.agency.code === agency);
  const [account, setAccount] = useState({ userId: '', email: vendor.email });
  const documents = vendor.documents.filter((d) => d.supersededAt === null);
  const docRequirements = offer.requirements.filter((r) => documentRequirementKinds.has(r.kind));
  const [chosen, setChosen] = useState<Record<string, string>>(() => Object.fromEntries(docRequirements.map((r) => [r.code, r.suggestedDocumentId ?? ''])));
  const deskChannels = offer.channels.filter((c) => deskChannelKinds.has(c.kind));
  const [channel, setChannel] = useState(deskChannels[0]?.code ?? '');

  // The documents as sent: the server names a bad one by its place in that list.
  const [sent, setSent] = useState<string[]>([]);
  function submit(e: FormEvent) {
    e.preventDefault();
    const picked = Object.entries(chosen).filter(([, id]) => id);
    setSent(picked.map(([code]) => code));
    const body: Record<string, string> = {};
    for (const f of fields) {
      const value = (change[f] ?? '').trim();
      // An optional field left as the registry has it changes nothing.
      if (value && !(f === 'name' && value === prefill.name)) body[f] = value;
    }
    start.mutate(
      {
        agency,
        service: offer.code,
        change: body,
        documents: picked.map(([requirementCode, documentId]) => ({ requirementCode, documentId })),
        ...(needsAccount ? { account: { userId: account.userId.trim(), email: account.email.trim() } } : {}),
        ...(scope.kind === 'staff' && channel ? { channel } : {}),
      },
      { onSuccess: onStarted },
    );
  }

  const set = (f: string) => (value: string) => setChange((c) => ({ ...c, [f]: value }));
  const err = (f: string) => problems.fields[`change.${f}`];
  return (
    <form ref={formRef} onSubmit={submit} data-testid="start-form">
      <Stack gap="xs">
        <Text size="xs" c="dimmed" style={wrap}>
          {t('vendors.prefilled', { name: offer.prefill.organisation.name, npwp: formatNpwpShown(offer.prefill.organisation.npwp), requester: offer.prefill.requester.name })}
        </Text>
        {fields.includes('email') && (
          <TextInput
            label={t('vendors.change.email')}
            description={prefill.email ? t('vendors.change.emailNow', { email: prefill.email }) : undefined}
            type="email"
            value={change.email}
            onChange={(e) => set('email')(e.currentTarget.value)}
            error={err('email')}
            required={offer.changeFields.required.includes('email')}
          />
        )}
        {fields.includes('npwp') && (
          <TextInput
            label={t('vendors.change.npwp')}
            description={t('vendors.change.npwpNow', { npwp: formatNpwpShown(prefill.npwp) })}
            value={change.npwp}
            onChange={(e) => set('npwp')(e.currentTarget.value)}
            error={err('npwp')}
            required
          />
        )}
        {fields.includes('legalForm') && (
          <NativeSelect
            label={t('vendors.change.legalForm')}
            description={t('vendors.change.legalFormNow', { form: legalFormLabels[prefill.legalForm] })}
            value={change.legalForm}
            onChange={(e) => set('legalForm')(e.currentTarget.value)}
            data={legalForms.map((f) => ({ value: f, label: legalFormLabels[f] }))}
            error={err('legalForm')}
          />
        )}
        {fields.includes('name') && <TextInput label={t('vendors.change.name')} value={change.name} onChange={(e) => set('name')(e.currentTarget.value)} error={err('name')} />}
        {fields.includes('nib') && (
          <TextInput label={t('vendors.change.nib')} description={prefill.nib ? t('vendors.change.nibNow', { nib: prefill.nib }) : undefined} value={change.nib} onChange={(e) => set('nib')(e.currentTarget.value)} error={err('nib')} />
        )}
        {fields.includes('reason') && <Textarea label={t('vendors.change.reason')} value={change.reason} onChange={(e) => set('reason')(e.currentTarget.value)} error={err('reason')} required autosize minRows={2} />}
        {needsAccount && (
          <>
            <Text size="sm" fw={600}>
              {t('vendors.accountToRegister')}
            </Text>
            <TextInput label={t('vendors.userId')} value={account.userId} onChange={(e) => setAccount({ ...account, userId: e.currentTarget.value })} error={problems.fields['account.userId']} required />
            <TextInput
              label={t('vendors.accountEmail')}
              type="email"
              value={account.email}
              onChange={(e) => setAccount({ ...account, email: e.currentTarget.value })}
              error={problems.fields['account.email']}
              required
            />
          </>
        )}
        {docRequirements.length > 0 && (
          <>
            <Title order={5}>{t('vendors.requirements')}</Title>
            {documents.length === 0 && <Text size="sm" c="orange">{t('vendors.uploadFirst')}</Text>}
            {docRequirements.map((r) => (
              <NativeSelect
                key={r.code}
                label={`${r.label}${r.required ? '' : ` (${t('vendors.optional')})`}`}
                description={r.note ?? undefined}
                value={chosen[r.code] ?? ''}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setChosen((c) => ({ ...c, [r.code]: value }));
                }}
                data={[{ value: '', label: t('vendors.noDocumentChosen') }, ...documents.map((d) => ({ value: d.id, label: `${label(d)} (${d.fileName})` }))]}
                error={problems.fields[`documents.${sent.indexOf(r.code)}.documentId`]}
                styles={{ label: wrap }}
              />
            ))}
          </>
        )}
        {scope.kind === 'staff' && deskChannels.length > 1 && (
          <NativeSelect label={t('vendors.channel')} value={channel} onChange={(e) => setChannel(e.currentTarget.value)} data={deskChannels.map((c) => ({ value: c.code, label: c.label }))} />
        )}
        <FormAlert problems={problems} />
        <Group>
          <Button type="submit" loading={start.isPending}>
            {scope.kind === 'staff' || offer.online ? t('vendors.fileNow') : t('vendors.prepare')}
          </Button>
          <Button variant="subtle" onClick={onCancel}>
            {t('vendors.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
