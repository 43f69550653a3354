import { Anchor, Badge, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { accountStatuses, aggregationStates, legalFormLabels, type AccountView, type LegalForm, type HistoryEntryView, type VendorRequestView, type VendorView } from '../../../../shared/contracts/vendors.js';
import { DataTable } from '../../../components/ui/data-table.js';
import { wrap } from '../../../components/ui/styles.js';
import { useLanguage } from '../../../i18n/use-language.js';
import { formatAt } from '../../../lib/format.js';
import { receiptUrl, useResendEmailLink, useWithdrawOwn, type VendorScope } from '../api/vendors.js';
import { companyName, formatNpwpShown } from './format.js';

/** The time zone to read a time in: an agency's own (WIB/WITA/WIT), else the browser's. */
export type ZoneOf = (agency: string | null) => string;

const accountColors = { awaiting_verification: 'yellow', active: 'green', inactive: 'gray' } as const;
const requestColors = { prepared: 'yellow', filed: 'blue', applied: 'green', withdrawn: 'gray' } as const;

export function AccountStatus({ status }: { status: AccountView['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={accountColors[status]} variant="light" data-testid="account-status" data-status={status}>
      {t(`vendors.accountStatus.${status}`)}
    </Badge>
  );
}

/** Name, legal form, NPWP (formatted), NIB and contact data, and the persons who act for the vendor. */
export function CompanyCard({ vendor }: { vendor: VendorView }) {
  const { t } = useTranslation();
  return (
    <Card withBorder data-testid="company">
      <Stack gap="xs">
        <Title order={3} size="h4" style={wrap}>
          {companyName(vendor)}
        </Title>
        <Text size="sm">
          {t('vendors.npwp')}: <span data-testid="npwp">{formatNpwpShown(vendor.npwp)}</span>
        </Text>
        <Text size="sm">
          {t('vendors.nib')}: {vendor.nib ?? t('vendors.none')}
        </Text>
        <Text size="sm" style={wrap}>
          {t('vendors.address')}: {vendor.address}
        </Text>
        <Text size="sm" style={wrap}>
          {t('vendors.email')}: {vendor.email}
          {vendor.phone ? ` · ${vendor.phone}` : ''}
        </Text>
        <Title order={4} size="h5" mt="xs">
          {t('vendors.persons')}
        </Title>
        <List size="sm" spacing={4}>
          {vendor.persons.map((p) => (
            <List.Item key={p.id} style={wrap}>
              {p.name} — {p.position && p.position.toLowerCase() !== t(`vendors.role.${p.role}`).toLowerCase() ? `${t(`vendors.role.${p.role}`)} (${p.position})` : t(`vendors.role.${p.role}`)} ·{' '}
              {t('vendors.nik')} {p.nik}
              {p.signsIn ? ` · ${t('vendors.signsIn')}` : ''}
            </List.Item>
          ))}
        </List>
      </Stack>
    </Card>
  );
}

/** " · <number>" linked to the request that made a change, when there is one. */
function RequestLink({ number, requestHref }: { number: string | null; requestHref: (number: string) => string }) {
  if (!number) return null;
  return (
    <>
      {' · '}
      <Anchor component={Link} to={requestHref(number)} size="xs">
        {number}
      </Anchor>
    </>
  );
}

/** The SPSE accounts: per agency, its user ID, e-mail of record, status and who changed it by which request. */
export function AccountsPanel({ scope, vendor, zoneOf, requestHref }: { scope: VendorScope; vendor: VendorView; zoneOf: ZoneOf; requestHref: (number: string) => string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const resend = useResendEmailLink(scope, vendor.id);
  if (vendor.accounts.length === 0) return <Text size="sm">{t('vendors.noAccounts')}</Text>;
  return (
    <Stack gap="sm">
      {vendor.accounts.map((a) => {
        const zone = zoneOf(a.agency.code);
        return (
          <Card key={a.id} withBorder padding="sm" data-testid={`account-${a.agency.code}`}>
            <Stack gap={4}>
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Text fw={600} style={wrap}>
                  {a.agency.name}
                </Text>
                <AccountStatus status={a.status} />
              </Group>
              <Text size="sm" style={wrap}>
                {t('vendors.userId')}: <b>{a.userId}</b> · {a.email}
              </Text>
              <Text size="xs" c="dimmed">
                {t('vendors.registeredAt', { at: formatAt(a.registeredAt, lang, zone) })}
              </Text>
              {a.activatedAt && (
                <Text size="xs" c="dimmed" style={wrap}>
                  {t('vendors.activatedAt', { at: formatAt(a.activatedAt, lang, zone), by: a.activatedBy ?? '–' })}
                  <RequestLink number={a.activatedRequest} requestHref={requestHref} />
                </Text>
              )}
              {a.deactivatedAt && (
                <Text size="xs" c="dimmed" style={wrap}>
                  {t('vendors.deactivatedAt', { at: formatAt(a.deactivatedAt, lang, zone), by: a.deactivatedBy ?? '–', reason: a.deactivationReason ?? '–' })}
                  <RequestLink number={a.deactivatedRequest} requestHref={requestHref} />
                </Text>
              )}
              {a.pendingEmail && (
                <Group gap="xs" wrap="wrap" data-testid="pending-email">
                  <Text size="sm" style={wrap}>
                    {t('vendors.pendingEmail', { email: a.pendingEmail.email, until: formatAt(a.pendingEmail.expiresAt, lang, zone) })}
                  </Text>
                  <Button size="compact-xs" variant="light" loading={resend.isPending} onClick={() => resend.mutate({ agency: a.agency.code, id: a.pendingEmail!.id })}>
                    {t('vendors.resendLink')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Card>
        );
      })}
      {resend.isError && <Text c="red" size="sm" role="alert">{resend.error.message}</Text>}
      {resend.isSuccess && <Text c="green" size="sm">{t('vendors.linkResent')}</Text>}
    </Stack>
  );
}

/** The vendor's account services: prepared (with the reference to say at the counter), filed, applied. */
export function RequestsPanel({
  scope,
  vendor,
  zoneOf,
  requestHref,
}: {
  scope: VendorScope;
  vendor: VendorView;
  zoneOf: ZoneOf;
  requestHref: (number: string) => string;
}) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const withdraw = useWithdrawOwn(vendor.id);
  if (vendor.requests.length === 0) return <Text size="sm">{t('vendors.noRequests')}</Text>;
  return (
    <DataTable<VendorRequestView>
      rows={vendor.requests}
      rowKey={(r) => r.id}
      rowProps={(r) => ({ 'data-testid': 'vendor-request', 'data-state': r.state })}
      minWidth={560}
      fz="sm"
      aria-label={t('vendors.requests')}
      columns={[
        { key: 'service', header: t('vendors.service'), cell: (r) => <span style={wrap}>{r.service.name}</span> },
        {
          key: 'state',
          header: t('vendors.state'),
          cell: (r) => (
            <Badge color={requestColors[r.state]} variant="light">
              {t(`vendors.requestState.${r.state}`)}
            </Badge>
          ),
        },
        {
          key: 'number',
          header: t('vendors.requestOrReference'),
          cell: (r) =>
            r.requestNumber ? (
              <Anchor component={Link} to={requestHref(r.requestNumber)}>
                {r.requestNumber}
              </Anchor>
            ) : (
              <span data-testid="reference">
                {t('vendors.reference')}: <b>{r.reference}</b>
              </span>
            ),
        },
        { key: 'at', header: t('vendors.when'), cell: (r) => formatAt(r.appliedAt ?? r.filedAt ?? r.createdAt, lang, zoneOf(r.agency)) },
        {
          key: 'act',
          header: t('vendors.actions'),
          hiddenHeader: true,
          cell: (r) =>
            scope.kind === 'own' && r.state === 'prepared' ? (
              <Button size="compact-xs" variant="subtle" color="red" loading={withdraw.isPending} onClick={() => withdraw.mutate({ agency: r.agency, id: r.id })}>
                {t('vendors.withdraw')}
              </Button>
            ) : null,
        },
      ]}
    />
  );
}

/** Activation receipts (the product "Jasa Layanan Aktivasi User Id …") as PDFs. */
export function ReceiptsPanel({ scope, vendor, zoneOf }: { scope: VendorScope; vendor: VendorView; zoneOf: ZoneOf }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  if (vendor.receipts.length === 0) return <Text size="sm">{t('vendors.noReceipts')}</Text>;
  return (
    <List size="sm" spacing={4}>
      {vendor.receipts.map((r) => (
        <List.Item key={r.id}>
          <Anchor href={receiptUrl(scope, vendor.id, r.id, lang)} data-testid="receipt-link">
            {t('vendors.receiptOf', { number: r.requestNumber })}
          </Anchor>{' '}
          <Text span size="xs" c="dimmed">
            {formatAt(r.createdAt, lang, zoneOf(r.agency))}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}

function useHistoryValue() {
  const { t } = useTranslation();
  return (entry: HistoryEntryView, value: string | null): string => {
    if (value === null || value === '') return '–';
    if (entry.field === 'npwp') return formatNpwpShown(value);
    if (entry.field === 'legalForm' && value in legalFormLabels) return legalFormLabels[value as LegalForm];
    if (entry.field === 'account.status') {
      // "inactive: <reason>" for a deactivation.
      const [status, ...reason] = value.split(': ');
      const known = (accountStatuses as readonly string[]).includes(status!) ? t(`vendors.accountStatus.${status}`) : status;
      return reason.length > 0 ? `${known}: ${reason.join(': ')}` : known!;
    }
    if (entry.field === 'account.aggregation') {
      // "<state> <LKPP's reference>"
      const [state, ...rest] = value.split(' ');
      if ((aggregationStates as readonly string[]).includes(state!)) return [t(`vendors.lkpp.state.${state}`), ...rest].join(' ');
    }
    return value;
  };
}

/** Every change: who, when, old → new, which request (another agency's request stays hidden by the server). */
export function HistoryTable({ vendor, zoneOf, requestHref }: { vendor: VendorView; zoneOf: ZoneOf; requestHref: (number: string) => string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const historyValue = useHistoryValue();
  const rows = [...vendor.history].sort((a, b) => b.seq - a.seq);
  return (
    <DataTable<HistoryEntryView>
      rows={rows}
      rowKey={(h) => h.seq}
      rowProps={(h) => ({ 'data-testid': 'history-row', 'data-field': h.field })}
      minWidth={720}
      fz="xs"
      aria-label={t('vendors.history')}
      columns={[
        // One clock for the whole table, so its order reads right.
        { key: 'at', header: t('vendors.when'), cell: (h) => formatAt(h.occurredAt, lang, zoneOf(null)) },
        { key: 'field', header: t('vendors.changed'), cell: (h) => t(`vendors.field.${h.field.replace('.', '_')}`) },
        {
          key: 'value',
          header: t('vendors.oldNew'),
          cell: (h) => (
            <span style={wrap}>
              {historyValue(h, h.oldValue)} → {historyValue(h, h.newValue)}
            </span>
          ),
        },
        { key: 'who', header: t('vendors.who'), cell: (h) => <span style={wrap}>{h.actor ?? '–'}</span> },
        {
          key: 'request',
          header: t('vendors.request'),
          cell: (h) =>
            h.requestNumber ? (
              <Anchor component={Link} to={requestHref(h.requestNumber)} size="xs">
                {h.requestNumber}
              </Anchor>
            ) : (
              (h.agency ?? '–')
            ),
        },
      ]}
    />
  );
}
