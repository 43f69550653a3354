import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { QueryState } from '../../components/ui/query-state.js';
import { useComplaintForm } from '../../features/complaints/api/complaints.js';
import { ComplaintFormView } from '../../features/complaints/components/complaint-form.js';
import { ComplaintFormIntro } from '../../features/complaints/components/form-intro.js';
import { PublicLinks } from '../../features/complaints/components/public-links.js';
import { ComplaintStatisticsView } from '../../features/complaints/components/statistics.js';
import { ComplaintTracking } from '../../features/complaints/components/tracking.js';

/** /instansi/:code/pengaduan: the public complaint form, built from the agency's standard. */
export function ComplaintFilePage() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const form = useComplaintForm(code);
  return (
    <Stack gap="lg">
      <QueryState query={form}>
        {(f) => (
          <>
            <Title order={2}>{t('complaints.form.title', { agency: f.agency.name })}</Title>
            <PublicLinks code={code} />
            <ComplaintFormIntro form={f} />
            <ComplaintFormView form={f} />
          </>
        )}
      </QueryState>
    </Stack>
  );
}

/** /instansi/:code/pengaduan/lacak: the complaint by number and tracking code (or e-mail). */
export function ComplaintTrackPage() {
  const { code = '' } = useParams();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <Title order={2}>{t('complaints.track.title')}</Title>
      <PublicLinks code={code} />
      <ComplaintTracking agency={code} initialNumber={search.get('nomor') ?? ''} />
    </Stack>
  );
}

/** /instansi/:code/pengaduan/statistik: anonymised counts of a year. */
export function ComplaintStatisticsPage() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <Title order={2}>{t('complaints.stats.title')}</Title>
      <PublicLinks code={code} />
      <ComplaintStatisticsView agency={code} />
    </Stack>
  );
}
