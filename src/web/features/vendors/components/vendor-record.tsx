import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { VendorView } from '../../../../shared/contracts/vendors.js';
import { Section } from '../../../components/ui/section.js';
import type { VendorScope } from '../api/vendors.js';
import { DocumentsPanel } from './documents.js';
import { HistoryTable, ReceiptsPanel, RequestsPanel, type ZoneOf } from './parts.js';

/**
 * The vendor's file as both the vendor and an agency's officers read it: documents with their
 * verification marks, the account services, (for officers) what `between` adds, the receipts and
 * the history.
 */
export function VendorRecord({
  scope,
  vendor,
  zoneOf,
  requestHref,
  canVerify,
  between,
}: {
  scope: VendorScope;
  vendor: VendorView;
  zoneOf: ZoneOf;
  requestHref: (number: string) => string;
  canVerify: boolean;
  between?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Section title={t('vendors.documents')}>
        <DocumentsPanel scope={scope} vendor={vendor} zoneOf={zoneOf} canVerify={canVerify} />
      </Section>
      <Section title={t('vendors.requests')}>
        <RequestsPanel scope={scope} vendor={vendor} zoneOf={zoneOf} requestHref={requestHref} />
      </Section>
      {between}
      <Section title={t('vendors.receipts')}>
        <ReceiptsPanel scope={scope} vendor={vendor} zoneOf={zoneOf} />
      </Section>
      <Section title={t('vendors.history')}>
        <HistoryTable vendor={vendor} zoneOf={zoneOf} requestHref={requestHref} />
      </Section>
    </>
  );
}
