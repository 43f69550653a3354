import { Anchor, Badge, Button, Group, Loader, Pagination, Select, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { complaintStatuses } from '../../../../shared/contracts/complaints.js';
import { DataTable } from '../../../components/ui/data-table.js';
import { useLanguage } from '../../../i18n/use-language.js';
import { formatAt } from '../../../lib/format.js';
import { exportUrl, useComplaintList } from '../api/complaints.js';
import { Refused } from './refused.js';

/**
 * The agency's complaints for its officers (complaints.view), never who filed them: filtered by
 * status and text, paged, exported as CSV. The filters live in the address (`status`, `cari`, `hal`).
 */
export function ComplaintStaffList({ agency }: { agency: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [search, setSearch] = useSearchParams();
  const page = Number(search.get('hal') ?? '1') || 1;
  const status = search.get('status') ?? undefined;
  const q = search.get('cari') ?? undefined;
  const list = useComplaintList(agency, { page, status, q });
  const set = (key: string, value: string | null) =>
    setSearch((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(key, value);
      else next.delete(key);
      if (key !== 'hal') next.delete('hal');
      return next;
    });
  return (
    <>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('complaints.staff.status')}
          data={[{ value: '', label: t('complaints.staff.allStatuses') }, ...complaintStatuses.map((s) => ({ value: s, label: t(`complaints.status.${s}`) }))]}
          value={status ?? ''}
          onChange={(v) => set('status', v || null)}
          w={200}
        />
        <TextInput label={t('complaints.staff.search')} defaultValue={q} onKeyDown={(e) => e.key === 'Enter' && set('cari', e.currentTarget.value || null)} w={260} />
        <Button component="a" variant="outline" href={exportUrl(agency)} download>
          {t('complaints.staff.export')}
        </Button>
      </Group>
      {list.isPending && <Loader />}
      <Refused error={list.error} />
      {list.data && (
        <>
          <DataTable
            rows={list.data.items}
            rowKey={(c) => c.number}
            rowProps={() => ({ 'data-testid': 'complaint-row' })}
            minWidth={560}
            scrollType="native"
            striped
            highlightOnHover
            columns={[
              {
                key: 'number',
                header: t('complaints.staff.number'),
                cell: (c) => (
                  <Anchor component={Link} to={`/kelola/${agency}/pengaduan/${c.number}`}>
                    {c.number}
                  </Anchor>
                ),
              },
              {
                key: 'subject',
                header: t('complaints.field.subject'),
                cell: (c) => (
                  <>
                    {c.subject} {c.anonymous && <Badge size="xs" color="gray">{t('complaints.field.anonymous')}</Badge>} {c.late && <Badge size="xs" color="orange">{t('complaints.staff.late')}</Badge>}
                  </>
                ),
              },
              { key: 'status', header: t('complaints.staff.status'), cell: (c) => t(`complaints.status.${c.status}`) },
              { key: 'received', header: t('complaints.staff.received'), cell: (c) => formatAt(c.receivedAt, lang, list.data.timeZone) },
              {
                key: 'due',
                header: t('complaints.staff.due'),
                cell: (c) => (c.overdue ? <Badge color="red">{t('complaints.staff.overdue')}</Badge> : formatAt(c.resolutionDueAt ?? c.hardDueAt, lang, list.data.timeZone)),
              },
            ]}
          />
          {list.data.items.length === 0 && <Text c="dimmed">{t('complaints.staff.empty')}</Text>}
          {list.data.total > list.data.pageSize && <Pagination total={Math.ceil(list.data.total / list.data.pageSize)} value={page} onChange={(p) => set('hal', String(p))} />}
        </>
      )}
    </>
  );
}
