import { Alert, Anchor, Badge, Button, Card, FileInput, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AggregationView, ImportReport, VendorSummary, VendorView } from '../../../../shared/contracts/vendors.js';
import { DataTable } from '../../../components/ui/data-table.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { QueryState } from '../../../components/ui/query-state.js';
import { wrap } from '../../../components/ui/styles.js';
import { useLanguage } from '../../../i18n/use-language.js';
import { ApiError } from '../../../lib/api.js';
import { problemsOf } from '../../../lib/form-errors.js';
import { formatAt } from '../../../lib/format.js';
import { documentUrl, exportUrl, useFilePrepared, useImportVendors, usePrepared, useRecordAggregation, useRequestVendor, useVendor, useVendorSearch, type VendorScope } from '../api/vendors.js';
import { useDocumentLabel } from './documents.js';
import { companyName, formatNpwpShown } from './format.js';
import { AccountStatus } from './parts.js';

/**
 * The registry of an agency: one box for NPWP, NIB, a name (typos forgiven), a user ID or an
 * e-mail; pages of 20 with "next" (the server's cursor) and back.
 */
export function VendorSearch({ agency }: { agency: string }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  // The cursors of the pages before this one, to go back.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const search = useVendorSearch(agency, { q, after });
  function submit(e: FormEvent) {
    e.preventDefault();
    setQ(typed);
    setCursors([null]);
  }
  return (
    <Stack gap="sm">
      <form onSubmit={submit} role="search">
        <Group align="flex-end" wrap="wrap" gap="xs">
          <TextInput
            label={t('vendors.search.label')}
            description={t('vendors.search.help')}
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            style={{ flex: '1 1 240px' }}
          />
          <Button type="submit">{t('vendors.search.submit')}</Button>
        </Group>
      </form>
      <QueryState query={search}>
        {(page) => (
          // The previous answer stays while the next one loads, dimmed.
          <Stack gap="xs" aria-busy={search.isPlaceholderData} style={{ opacity: search.isPlaceholderData ? 0.5 : 1 }}>
            {page.items.length === 0 ? (
              <Text size="sm">{t('vendors.search.none')}</Text>
            ) : (
              <DataTable<VendorSummary>
                rows={page.items}
                rowKey={(v) => v.id}
                rowProps={() => ({ 'data-testid': 'vendor-row' })}
                minWidth={640}
                fz="sm"
                aria-label={t('vendors.search.results')}
                columns={[
                  {
                    key: 'name',
                    header: t('vendors.search.name'),
                    cell: (v) => (
                      <Anchor component={Link} to={`/kelola/${agency}/penyedia/${v.id}`} style={wrap}>
                        {companyName(v)}
                      </Anchor>
                    ),
                  },
                  { key: 'npwp', header: t('vendors.npwp'), cell: (v) => <span style={{ whiteSpace: 'nowrap' }}>{formatNpwpShown(v.npwp)}</span> },
                  { key: 'nib', header: t('vendors.nib'), cell: (v) => v.nib ?? '–' },
                  { key: 'account', header: t('vendors.userId'), cell: (v) => (v.account ? <span style={wrap}>{v.account.userId}</span> : '–') },
                  { key: 'status', header: t('vendors.state'), cell: (v) => (v.account ? <AccountStatus status={v.account.status} /> : <Text size="xs">{t('vendors.noAccountHere')}</Text>) },
                ]}
              />
            )}
            <Group gap="xs">
              <Button size="xs" variant="default" disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
                {t('vendors.search.previous')}
              </Button>
              <Button size="xs" variant="default" disabled={!page.next} onClick={() => setCursors((c) => [...c, page.next])}>
                {t('vendors.search.next')}
              </Button>
            </Group>
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}

/**
 * Services vendors prepared online, waiting at the counter: the vendor says the six-character
 * reference, the desk files it, and the standard's time limit starts now.
 */
export function CounterApplications({ agency, zone, onFiled }: { agency: string; zone: string; onFiled: (number: string) => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [reference, setReference] = useState('');
  const prepared = usePrepared(agency, reference);
  const file = useFilePrepared(agency);
  return (
    <Stack gap="xs">
      <TextInput
        label={t('vendors.counter.reference')}
        description={t('vendors.counter.referenceHelp')}
        value={reference}
        maxLength={6}
        onChange={(e) => setReference(e.currentTarget.value.toUpperCase())}
        style={{ maxWidth: 260 }}
      />
      <QueryState query={prepared}>
        {(items) =>
          items.length === 0 ? (
            <Text size="sm">{t('vendors.counter.none')}</Text>
          ) : (
            <Stack gap="xs">
              {items.map((a) => (
                <Card key={a.id} withBorder padding="xs" data-testid="prepared-application">
                  <Group justify="space-between" wrap="wrap" gap="xs">
                    <Stack gap={0} style={{ minWidth: 0, flex: '1 1 220px' }}>
                      <Text size="sm" fw={600} style={wrap}>
                        {a.reference} · {companyName(a.vendor)}
                      </Text>
                      <Text size="xs" c="dimmed" style={wrap}>
                        {a.service.name} · {formatNpwpShown(a.vendor.npwp)} · {formatAt(a.createdAt, lang, zone)}
                      </Text>
                    </Stack>
                    {a.state === 'prepared' ? (
                      <Button size="xs" loading={file.isPending} onClick={() => file.mutate({ id: a.id }, { onSuccess: (r) => r.receipt && onFiled(r.receipt.number) })}>
                        {t('vendors.counter.file')}
                      </Button>
                    ) : (
                      <Badge variant="light">{t(`vendors.requestState.${a.state}`)}</Badge>
                    )}
                  </Group>
                </Card>
              ))}
            </Stack>
          )
        }
      </QueryState>
      {file.isError && <FormAlert problems={problemsOf(file.error)} />}
    </Stack>
  );
}

/** The hand-overs to LKPP (Agregasi Data Penyedia) and, while one waits, the form for LKPP's answer. */
export function AggregationsPanel({ agency, vendor, zone, requestHref }: { agency: string; vendor: VendorView; zone: string; requestHref: (n: string) => string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  if (vendor.aggregations.length === 0) return <Text size="sm">{t('vendors.lkpp.none')}</Text>;
  return (
    <Stack gap="xs">
      {vendor.aggregations.map((a) => (
        <Card key={a.id} withBorder padding="sm" data-testid="aggregation" data-state={a.state}>
          <Stack gap={4}>
            <Group gap="xs" wrap="wrap">
              <Badge variant="light" color={a.state === 'submitted' ? 'yellow' : a.state === 'approved' ? 'green' : 'red'}>
                {t(`vendors.lkpp.state.${a.state}`)}
              </Badge>
              {a.requestNumber && (
                <Anchor component={Link} to={requestHref(a.requestNumber)} size="sm">
                  {a.requestNumber}
                </Anchor>
              )}
            </Group>
            <Text size="xs" c="dimmed" style={wrap}>
              {t('vendors.lkpp.submitted', { at: formatAt(a.submittedAt, lang, zone), by: a.submittedBy ?? '–', reference: a.lkppReference ?? '–' })}
            </Text>
            {a.result && (
              <Text size="xs" style={wrap}>
                {t('vendors.lkpp.answered', { at: formatAt(a.result.at, lang, zone), by: a.result.by ?? '–', reference: a.result.reference ?? '–' })}
                {a.result.note ? ` · ${a.result.note}` : ''}
              </Text>
            )}
            {a.state === 'submitted' && <AggregationResultForm agency={agency} vendorId={vendor.id} aggregation={a} />}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

function AggregationResultForm({ agency, vendorId, aggregation }: { agency: string; vendorId: string; aggregation: AggregationView }) {
  const { t } = useTranslation();
  const record = useRecordAggregation(agency, vendorId);
  const [outcome, setOutcome] = useState<'approved' | 'rejected'>('approved');
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const problems = problemsOf(record.error);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        record.mutate({ id: aggregation.id, outcome, ...(reference.trim() ? { reference: reference.trim() } : {}), ...(note.trim() ? { note: note.trim() } : {}) });
      }}
    >
      <Stack gap="xs">
        <NativeSelect
          label={t('vendors.lkpp.outcome')}
          value={outcome}
          onChange={(e) => setOutcome(e.currentTarget.value as 'approved' | 'rejected')}
          data={[
            { value: 'approved', label: t('vendors.lkpp.state.approved') },
            { value: 'rejected', label: t('vendors.lkpp.state.rejected') },
          ]}
        />
        <TextInput label={t('vendors.lkpp.reference')} value={reference} onChange={(e) => setReference(e.currentTarget.value)} error={problems.fields.reference} />
        <TextInput label={t('vendors.lkpp.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={problems.fields.note} />
        <FormAlert problems={problems} />
        <Button type="submit" size="xs" loading={record.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('vendors.lkpp.record')}
        </Button>
      </Stack>
    </form>
  );
}

/** Import from CSV or XLSX: check first (nothing stored, every row problem named), then import; and the export. */
export function ImportExport({ agency }: { agency: string }) {
  const { t } = useTranslation();
  const mutation = useImportVendors(agency);
  const [file, setFile] = useState<File | null>(null);
  const report: ImportReport | undefined = mutation.data;
  // A real import with problems is refused whole (400); its details are the row problems.
  const refused = mutation.error instanceof ApiError ? mutation.error : null;
  const rows = report?.errors ?? refused?.details.map((d) => {
      // `rows.<row>.<column>`; a missing column is named alone.
      const m = /^rows\.(\d+)\.(.*)$/.exec(d.field);
      return { row: m ? Number(m[1]) : 0, field: m ? m[2]! : d.field, rule: d.rule, message: d.message };
    }) ?? [];
  return (
    <Stack gap="sm">
      <Text size="sm">{t('vendors.import.help')}</Text>
      <FileInput
        label={t('vendors.import.file')}
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        value={file}
        onChange={(f) => {
          setFile(f);
          mutation.reset();
        }}
        clearable
      />
      <Group gap="xs">
        <Button variant="light" disabled={!file} loading={mutation.isPending} onClick={() => file && mutation.mutate({ file, dryRun: true })}>
          {t('vendors.import.check')}
        </Button>
        <Button disabled={!file} loading={mutation.isPending} onClick={() => file && mutation.mutate({ file, dryRun: false })}>
          {t('vendors.import.run')}
        </Button>
      </Group>
      {refused && <Alert color="red" role="alert">{refused.message}</Alert>}
      {report && (
        <Alert color={report.errors.length > 0 ? 'orange' : 'green'} data-testid="import-report">
          {t(report.dryRun ? 'vendors.import.checked' : 'vendors.import.done', { rows: report.rows, created: report.created, updated: report.updated, unchanged: report.unchanged, errors: report.errors.length })}
        </Alert>
      )}
      {rows.length > 0 && (
        <DataTable
          rows={rows}
          rowKey={(_, i) => i}
          minWidth={520}
          fz="sm"
          aria-label={t('vendors.import.problems')}
          columns={[
            { key: 'row', header: t('vendors.import.row'), cell: (p) => p.row || '–' },
            { key: 'field', header: t('vendors.import.column'), cell: (p) => p.field },
            { key: 'message', header: t('vendors.import.problem'), cell: (p) => <span style={wrap}>{p.message}</span> },
          ]}
        />
      )}
      <Group gap="xs">
        <Text size="sm">{t('vendors.import.export')}:</Text>
        <Anchor href={exportUrl(agency, 'csv')} size="sm">
          CSV
        </Anchor>
        <Anchor href={exportUrl(agency, 'xlsx')} size="sm">
          XLSX
        </Anchor>
      </Group>
    </Stack>
  );
}

/** On a request's page: the vendor it is for and what its service changes, linked to the vendor's page. */
export function RequestVendorCard({ agency, number }: { agency: string; number: string }) {
  const { t } = useTranslation();
  const found = useRequestVendor(agency, number);
  if (!found.data) return null;
  const { vendor, request } = found.data;
  const change = request ? Object.entries(request.change) : [];
  return (
    <Card withBorder padding="sm" data-testid="request-vendor">
      <Stack gap={4}>
        <Text size="xs" c="dimmed">
          {t('vendors.requestCard.title')}
        </Text>
        <Anchor component={Link} to={`/kelola/${agency}/penyedia/${vendor.id}`} fw={600} style={wrap}>
          {companyName(vendor)}
        </Anchor>
        <Text size="sm">
          {t('vendors.npwp')}: {formatNpwpShown(vendor.npwp)}
        </Text>
        {vendor.account ? (
          <Group gap="xs" wrap="wrap">
            <Text size="sm" style={wrap}>
              {t('vendors.userId')}: {vendor.account.userId}
            </Text>
            <AccountStatus status={vendor.account.status} />
          </Group>
        ) : (
          <Text size="sm">{t('vendors.noAccountHere')}</Text>
        )}
        {change.length > 0 && (
          <Text size="sm" style={wrap}>
            {t('vendors.requestCard.changes')}: {change.map(([k, v]) => `${t(`vendors.change.${k}`)}: ${k === 'npwp' ? formatNpwpShown(String(v)) : String(v)}`).join('; ')}
          </Text>
        )}
        {request && request.documents.length > 0 && <ChosenDocuments agency={agency} vendorId={vendor.id} chosen={request.documents} />}
        <Text size="xs" c="dimmed">
          {t('vendors.requestCard.verifyHint')}
        </Text>
      </Stack>
    </Card>
  );
}

/** The documents of the vendor's file chosen for the request's requirements, each with its mark, to check against the originals. */
function ChosenDocuments({ agency, vendorId, chosen }: { agency: string; vendorId: string; chosen: { requirementCode: string; documentId: string }[] }) {
  const { t } = useTranslation();
  const label = useDocumentLabel();
  const scope: VendorScope = { kind: 'staff', agency };
  const vendor = useVendor(scope, vendorId);
  if (!vendor.data) return null;
  const byId = new Map(vendor.data.documents.map((d) => [d.id, d]));
  return (
    <Stack gap={2} data-testid="chosen-documents">
      <Text size="sm" fw={600}>
        {t('vendors.requestCard.documents')}
      </Text>
      {chosen.map((c) => {
        const d = byId.get(c.documentId);
        return (
          <Text key={c.requirementCode} size="xs" style={wrap}>
            {c.requirementCode}:{' '}
            {d ? (
              <>
                <Anchor href={documentUrl(scope, vendorId, d.id)} size="xs">
                  {label(d)}
                </Anchor>{' '}
                — {d.verification ? (d.verification.originalShown ? t('vendors.verifiedOriginal') : t('vendors.verifiedCopy')) : t('vendors.unverified')}
              </>
            ) : (
              '–'
            )}
          </Text>
        );
      })}
    </Stack>
  );
}
