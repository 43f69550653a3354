import { Anchor, Button, Group, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { VendorView } from '../../../shared/contracts/vendors.js';
import { QueryState } from '../../components/ui/query-state.js';
import { Section } from '../../components/ui/section.js';
import type { Me } from '../../features/identity/api/identity.js';
import { RequireAgencyPermission } from '../../features/identity/components/require-auth.js';
import { useVendor, type VendorScope } from '../../features/vendors/api/vendors.js';
import { CompanyEdit } from '../../features/vendors/components/company-edit.js';
import { AccountsPanel, CompanyCard } from '../../features/vendors/components/parts.js';
import { RegisterVendorForm } from '../../features/vendors/components/register-form.js';
import { OffersPanel } from '../../features/vendors/components/services.js';
import { VendorRecord } from '../../features/vendors/components/vendor-record.js';
import { AggregationsPanel, CounterApplications, ImportExport, VendorSearch } from '../../features/vendors/components/staff.js';
import { holdsAny } from '../../lib/access.js';
import { useZoneOf } from './vendors.js';

const back = (agency: string, label: string) => (
  <Anchor component={Link} to={`/kelola/${agency}/penyedia`} size="sm">
    ← {label}
  </Anchor>
);

/** /kelola/:agency/penyedia: the registry search, services waiting at the counter, and links to register and import. */
export function VendorRegistryPage() {
  const { agency = '' } = useParams();
  return <RequireAgencyPermission agency={agency} permission="requests.view">{(me) => <VendorRegistry agency={agency} me={me} />}</RequireAgencyPermission>;
}

function VendorRegistry({ agency, me }: { agency: string; me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const zoneOf = useZoneOf();
  return (
    <Stack gap="lg">
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>{t('vendors.registry.title')}</Title>
        <Group gap="xs">
          {holdsAny(me, agency, 'requests.act') && (
            <Button component={Link} to={`/kelola/${agency}/penyedia/baru`}>
              {t('vendors.registry.register')}
            </Button>
          )}
          {holdsAny(me, agency, 'requests.assign') && (
            <Button component={Link} to={`/kelola/${agency}/penyedia/impor`} variant="light">
              {t('vendors.registry.import')}
            </Button>
          )}
        </Group>
      </Group>
      {holdsAny(me, agency, 'requests.intake') && (
        <Section title={t('vendors.counter.title')}>
          <CounterApplications agency={agency} zone={zoneOf(agency)} onFiled={(number) => void navigate(`/kelola/${agency}/permohonan/${number}`)} />
        </Section>
      )}
      <Section title={t('vendors.search.title')}>
        <VendorSearch agency={agency} />
      </Section>
    </Stack>
  );
}

/** /kelola/:agency/penyedia/baru: the desk registers a vendor from its papers. */
export function VendorRegisterStaffPage() {
  const { agency = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <RequireAgencyPermission agency={agency} permission="requests.act">
      {() => (
        <Stack gap="md" maw={820}>
          {back(agency, t('vendors.registry.title'))}
          <Title order={2}>{t('vendors.registry.register')}</Title>
          <RegisterVendorForm mode="staff" agency={agency} onDone={(v) => void navigate(`/kelola/${agency}/penyedia/${v.id}`)} />
        </Stack>
      )}
    </RequireAgencyPermission>
  );
}

/** /kelola/:agency/penyedia/impor: the agency's vendors from a CSV or XLSX, and the export. */
export function VendorImportPage() {
  const { agency = '' } = useParams();
  const { t } = useTranslation();
  return (
    <RequireAgencyPermission agency={agency} permission="requests.assign">
      {() => (
        <Stack gap="md">
          {back(agency, t('vendors.registry.title'))}
          <Title order={2}>{t('vendors.registry.import')}</Title>
          <ImportExport agency={agency} />
        </Stack>
      )}
    </RequireAgencyPermission>
  );
}

/** /kelola/:agency/penyedia/:vendorId: the vendor as this agency's officers work it. */
export function VendorStaffPage() {
  const { agency = '', vendorId = '' } = useParams();
  return <RequireAgencyPermission agency={agency} permission="requests.view">{(me) => <VendorStaff agency={agency} vendorId={vendorId} me={me} />}</RequireAgencyPermission>;
}

function VendorStaff({ agency, vendorId, me }: { agency: string; vendorId: string; me: Me }) {
  const scope: VendorScope = { kind: 'staff', agency };
  const query = useVendor(scope, vendorId);
  return <QueryState query={query}>{(vendor) => <VendorStaffView agency={agency} vendor={vendor} me={me} />}</QueryState>;
}

function VendorStaffView({ agency, vendor, me }: { agency: string; vendor: VendorView; me: Me }) {
  const { t } = useTranslation();
  const zoneOf = useZoneOf(agency);
  const scope: VendorScope = { kind: 'staff', agency };
  const requestHref = (number: string) => `/kelola/${agency}/permohonan/${number}`;
  return (
    <Stack gap="lg">
      {back(agency, t('vendors.registry.title'))}
      <CompanyCard vendor={vendor} />
      {holdsAny(me, agency, 'requests.act') && <CompanyEdit scope={scope} vendor={vendor} />}
      <Section title={t('vendors.accountHere')}>
        <AccountsPanel scope={scope} vendor={vendor} zoneOf={zoneOf} requestHref={requestHref} />
      </Section>
      {holdsAny(me, agency, 'requests.intake') && (
        <Section title={t('vendors.onBehalf')}>
          <OffersPanel scope={scope} vendor={vendor} agency={agency} requestHref={requestHref} />
        </Section>
      )}
      <VendorRecord
        scope={scope}
        vendor={vendor}
        zoneOf={zoneOf}
        requestHref={requestHref}
        canVerify={holdsAny(me, agency, 'requests.act')}
        between={
          <Section title={t('vendors.lkpp.title')}>
            <AggregationsPanel agency={agency} vendor={vendor} zone={zoneOf(agency)} requestHref={requestHref} />
          </Section>
        }
      />
    </Stack>
  );
}
