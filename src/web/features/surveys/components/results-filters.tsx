import { Group, NumberInput, SegmentedControl, Select, Switch } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { periodKinds } from '../../../../shared/contracts/surveys.js';
import { useLanguage } from '../../../i18n/use-language.js';
import { monthName } from '../../../lib/format.js';
import type { ResultsParams } from '../api/surveys.js';

const periodsPerYear = { month: 12, quarter: 4, semester: 2, year: 1 } as const;

/**
 * The selection kept in the address (`periode`, `tahun`, `ke`, `layanan`, `pengguna`, `bobot`), so
 * a report can be bookmarked or sent; what is missing or wrong falls back to the period of `today`.
 */
export function resultsParamsFrom(search: URLSearchParams, today: Date): ResultsParams {
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

/** The period, service, number of users and weighting of the results shown; each choice goes to the address. */
export function ResultsFilters({ params, services }: { params: ResultsParams; services: readonly { code: string; name: string }[] }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [, setSearch] = useSearchParams();
  const set = (key: string, value: string | null | undefined) =>
    setSearch((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });
  const indexOptions = Array.from({ length: periodsPerYear[params.period] }, (_, i) => ({
    value: String(i + 1),
    label: params.period === 'month' ? monthName(i + 1, lang) : String(i + 1),
  }));
  return (
    <Group align="flex-end" wrap="wrap">
      <SegmentedControl
        aria-label={t('surveys.staff.period')}
        value={params.period}
        onChange={(v) =>
          setSearch((prev) => {
            const next = new URLSearchParams(prev);
            next.set('periode', v);
            next.delete('ke');
            return next;
          })
        }
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
  );
}
