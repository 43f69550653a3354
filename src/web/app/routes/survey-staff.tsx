import { Alert, Anchor, Button, Group, Loader, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Me } from '../../../shared/contracts/identity.js';
import { RequireAgencyPermission } from '../../features/identity/components/require-auth.js';
import { useAgencyStandard } from '../../features/standards/api/standards.js';
import { surveyReportUrl, useSurveyResults } from '../../features/surveys/api/surveys.js';
import { ImportForm } from '../../features/surveys/components/import-form.js';
import { ResultsFilters, resultsParamsFrom } from '../../features/surveys/components/results-filters.js';
import { ResultsView } from '../../features/surveys/components/results-view.js';
import { useLanguage } from '../../i18n/use-language.js';
import { holdsAny } from '../../lib/access.js';

/** Who may open the results and the report: survey officers, and supervisors compiling reports. */
const viewPermissions = ['surveys.view', 'reports.view'] as const;

/**
 * /kelola/:agency/survei: the SKM results of a period, its PDF report, and the paper import.
 * The shared guard sends a visitor to sign in and tells an officer without the permission why.
 */
export function SurveyStaffPage() {
  const { agency = '' } = useParams();
  return (
    <RequireAgencyPermission agency={agency} permission={viewPermissions}>
      {(me) => <SurveyStaff agency={agency} me={me} />}
    </RequireAgencyPermission>
  );
}

function SurveyStaff({ agency, me }: { agency: string; me: Me }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [search] = useSearchParams();
  const params = resultsParamsFrom(search, new Date());
  const results = useSurveyResults(agency, params);
  const standard = useAgencyStandard(agency);
  const services = (standard.data?.services ?? []).map((s) => ({ code: s.code, name: s.name }));
  const names = new Map(services.map((s) => [s.code, s.name]));
  const canImport = holdsAny(me, agency, 'surveys.import');
  return (
    <Stack gap="lg">
      <Title order={2}>{t('surveys.staff.title', { agency: standard.data?.agency.name ?? agency })}</Title>
      <ResultsFilters params={params} services={services} />

      {results.isPending && <Loader aria-label={t('standards.loading')} />}
      {results.isError && <Alert color="red">{results.error.message}</Alert>}
      {results.data && (
        <>
          <Group>
            <Button component="a" href={surveyReportUrl(agency, params, lang)} download>
              {t('surveys.staff.pdf')}
            </Button>
            <Anchor component={Link} to={`/instansi/${agency}/survei`}>
              {t('surveys.staff.publicPage')}
            </Anchor>
          </Group>
          <ResultsView report={results.data} lang={lang} serviceName={(code) => names.get(code) ?? code} />
        </>
      )}

      {canImport && services.length > 0 && (
        <Stack gap="sm">
          <Title order={3}>{t('surveys.staff.importTitle')}</Title>
          <ImportForm agency={agency} services={services} />
        </Stack>
      )}
    </Stack>
  );
}
