import { Alert, Anchor, Button, Group, Loader, NumberInput, SegmentedControl, Select, Stack, Switch, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { holdsAny } from '../../lib/access.js';
import { RequireAgencyPermission } from '../../features/identity/components/require-auth.js';
import type { Me } from '../../../shared/contracts/identity.js';
import { useAgencyStandard } from '../../features/standards/api/standards.js';
import { surveyReportUrl, useSurveyResults, type ResultsParams } from '../../features/surveys/api/surveys.js';
import { ImportForm } from '../../features/surveys/components/import-form.js';
import { ResultsView } from '../../features/surveys/components/results-view.js';

const periodKinds = ['month', 'quarter', 'semester', 'year'] as const;
const periodsPerYear = { month: 12, quarter: 4, semester: 2, year: 1 } as const;

/** The selection kept in the address, so a report can be bookmarked or sent. */
function paramsFrom(search: URLSearchParams, today: Date): ResultsParams {
  const kind = (periodKinds as readonly string[]).includes(search.get('periode') ?? '') ? (search.get('periode') as ResultsParams['period']) : 'semester';
  const year = Number.parseInt(search.get('tahun') ?? '', 10) || today.getFullYear();
  const fallback = kind === 'month' ? today.getMonth() + 1 : kind === 'quarter' ? Math.floor(today.getMonth() / 3) + 1 : kind === 'semester' ? (today.getMonth() < 6 ? 1 : 2) : 1;
  const index = Math.min(periodsPerYear[kind], Number.parseInt(search.get('ke') ?? '', 10) || fallback);
  const users = Number.parseInt(search.get('pengguna') ?? '', 10);
  return {
    period: kind,
    year,
    index,
    service: search.get('layanan') || undefined,
    users: Number.isInteger(users) && users >= 0 ? users : undefined,
    weights: search.get('bobot') === 'lama' ? 'legacy' : 'exact',
  };
}

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
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const [search, setSearch] = useSearchParams();
  const params = paramsFrom(search, new Date());
  const results = useSurveyResults(agency, params);
  const standard = useAgencyStandard(agency);
  const services = (standard.data?.services ?? []).map((s) => ({ code: s.code, name: s.name }));
  const names = new Map(services.map((s) => [s.code, s.name]));
  const set = (key: string, value: string | null | undefined) =>
    setSearch((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });

  const canImport = holdsAny(me, agency, 'surveys.import');
  const indexOptions = Array.from({ length: periodsPerYear[params.period] }, (_, i) => ({
    value: String(i + 1),
    label: params.period === 'month' ? new Date(2000, i, 1).toLocaleString(lang === 'en' ? 'en-US' : 'id-ID', { month: 'long' }) : String(i + 1),
  }));

  return (
    <Stack gap="lg">
      <Title order={2}>{t('surveys.staff.title', { agency: standard.data?.agency.name ?? agency })}</Title>
      <Group align="flex-end" wrap="wrap">
        <SegmentedControl
          aria-label={t('surveys.staff.period')}
          value={params.period}
          onChange={(v) => setSearch((prev) => {
            const next = new URLSearchParams(prev);
            next.set('periode', v);
            next.delete('ke');
            return next;
          })}
          data={periodKinds.map((k) => ({ value: k, label: t(`surveys.staff.kind.${k}`) }))}
        />
        <NumberInput label={t('surveys.staff.year')} value={params.year} onChange={(v) => set('tahun', String(v))} min={2000} max={2200} w={110} />
        {params.period !== 'year' && (
          <Select label={t(`surveys.staff.kind.${params.period}`)} data={indexOptions} value={String(params.index)} onChange={(v) => set('ke', v)} allowDeselect={false} w={150} />
        )}
        <Select
          label={t('surveys.staff.service')}
          data={[{ value: '', label: t('surveys.staff.allServices') }, ...services.map((s) => ({ value: s.code, label: s.name }))]}
          value={params.service ?? ''}
          onChange={(v) => set('layanan', v)}
          w={280}
        />
        <NumberInput label={t('surveys.staff.users')} description={t('surveys.staff.usersHint')} value={params.users ?? ''} onChange={(v) => set('pengguna', v === '' ? null : String(v))} min={0} w={200} />
        <Switch label={t('surveys.staff.legacy')} checked={params.weights === 'legacy'} onChange={(e) => set('bobot', e.currentTarget.checked ? 'lama' : null)} />
      </Group>

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
