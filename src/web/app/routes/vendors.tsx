import { Anchor, Button, Card, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { VendorView } from '../../../shared/contracts/vendors.js';
import { QueryState } from '../../components/ui/query-state.js';
import { Section } from '../../components/ui/section.js';
import { wrap } from '../../components/ui/styles.js';
import { useAgencies, useAgencyZones } from '../../features/agencies/api/agencies.js';
import { RequireAuth } from '../../features/identity/components/require-auth.js';
import { useMyVendors, useVendor } from '../../features/vendors/api/vendors.js';
import { CompanyEdit } from '../../features/vendors/components/company-edit.js';
import { EmailConfirmation } from '../../features/vendors/components/email-confirmation.js';
import { browserZone, companyName, formatNpwpShown } from '../../features/vendors/components/format.js';
import { AccountsPanel, CompanyCard, type ZoneOf } from '../../features/vendors/components/parts.js';
import { RegisterVendorForm } from '../../features/vendors/components/register-form.js';
import { OffersPanel } from '../../features/vendors/components/services.js';
import { VendorRecord } from '../../features/vendors/components/vendor-record.js';

const ownScope = { kind: 'own' } as const;
const myRequestHref = (number: string) => `/akun/permohonan/${number}`;

/**
 * Times of an agency on its own clock (WIB/WITA/WIT); what belongs to no agency (the vendor's
 * uploads, the shared history) on the officer's agency clock, else the browser's.
 */
export function useZoneOf(officersAgency?: string): ZoneOf {
  const zones = useAgencyZones();
  return (agency) => {
    const code = agency ?? officersAgency;
    return code ? zones(code) : browserZone();
  };
}

/** /penyedia: the companies the signed-in person acts for, and registering one. */
export function MyVendorsPage() {
  return <RequireAuth>{() => <MyVendors />}</RequireAuth>;
}

function MyVendors() {
  const { t } = useTranslation();
  const vendors = useMyVendors();
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>{t('vendors.mine.title')}</Title>
        <Button component={Link} to="/penyedia/daftar">
          {t('vendors.mine.register')}
        </Button>
      </Group>
      <Text size="sm">{t('vendors.mine.intro')}</Text>
      <QueryState query={vendors}>
        {(items) =>
          items.length === 0 ? (
            <Text>{t('vendors.mine.none')}</Text>
          ) : (
            <Stack gap="xs">
              {items.map((v) => (
                <Card key={v.id} withBorder padding="sm">
                  <Anchor component={Link} to={`/penyedia/${v.id}`} fw={600} style={wrap}>
                    {companyName(v)}
                  </Anchor>
                  <Text size="sm">
                    {t('vendors.npwp')}: {formatNpwpShown(v.npwp)} · {t('vendors.nib')}: {v.nib ?? '–'}
                  </Text>
                </Card>
              ))}
            </Stack>
          )
        }
      </QueryState>
    </Stack>
  );
}

/** /penyedia/daftar: a person registers their company and becomes one of its persons. */
export function RegisterMyVendorPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <RequireAuth>
      {() => (
        <Stack gap="md" maw={820}>
          <Anchor component={Link} to="/penyedia" size="sm">
            ← {t('vendors.mine.title')}
          </Anchor>
          <Title order={2}>{t('vendors.register.title')}</Title>
          <RegisterVendorForm mode="own" onDone={(v) => void navigate(`/penyedia/${v.id}`)} />
        </Stack>
      )}
    </RequireAuth>
  );
}

/** /penyedia/:vendorId: my company, its accounts at each agency, documents, services and history. */
export function MyVendorPage() {
  const { vendorId = '' } = useParams();
  return <RequireAuth>{() => <MyVendor vendorId={vendorId} />}</RequireAuth>;
}

function MyVendor({ vendorId }: { vendorId: string }) {
  const query = useVendor(ownScope, vendorId);
  return <QueryState query={query}>{(vendor) => <MyVendorView vendor={vendor} />}</QueryState>;
}

function MyVendorView({ vendor }: { vendor: VendorView }) {
  const { t } = useTranslation();
  const zoneOf = useZoneOf();
  const agencies = useAgencies();
  const [agency, setAgency] = useState<string>(vendor.accounts[0]?.agency.code ?? '');
  const choices = agencies.data ?? [];
  const chosen = agency || choices[0]?.code || '';
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/penyedia" size="sm">
        ← {t('vendors.mine.title')}
      </Anchor>
      <CompanyCard vendor={vendor} />
      <CompanyEdit scope={ownScope} vendor={vendor} />
      <Section title={t('vendors.accounts')}>
        <AccountsPanel scope={ownScope} vendor={vendor} zoneOf={zoneOf} requestHref={myRequestHref} />
      </Section>
      <Section title={t('vendors.services')}>
        <Text size="sm">{t('vendors.servicesIntro')}</Text>
        <NativeSelect label={t('vendors.agency')} value={chosen} onChange={(e) => setAgency(e.currentTarget.value)} data={choices.map((a) => ({ value: a.code, label: a.name }))} />
        {chosen && <OffersPanel key={chosen} scope={ownScope} vendor={vendor} agency={chosen} requestHref={myRequestHref} />}
      </Section>
      <VendorRecord scope={ownScope} vendor={vendor} zoneOf={zoneOf} requestHref={myRequestHref} canVerify={false} />
    </Stack>
  );
}

/** /penyedia/konfirmasi-email#token=…: the link sent to a new e-mail address of an SPSE account. */
export function VendorEmailConfirmationPage() {
  const location = useLocation();
  const agencies = useAgencies();
  // A second link opened in the same tab (only the hash differs) is a new confirmation.
  return <EmailConfirmation key={location.hash} hash={location.hash} agencyName={(code) => agencies.data?.find((a) => a.code === code)?.name ?? code} />;
}
