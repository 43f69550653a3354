import { Alert, Badge, Button, Card, Checkbox, FileInput, Group, List, Modal, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarDate, IcsImportResult, PrefillResult } from '../../../../shared/contracts/calendar.js';
import { DataTable, type Column } from '../../../components/ui/data-table.js';
import { wrap } from '../../../components/ui/styles.js';
import { fieldErrors } from '../../../lib/form-errors.js';
import { formatLocalDate } from '../../../lib/format.js';
import { useAddDate, useImportIcs, usePrefill, useRemoveDate, useUpdateDate } from '../api/calendar.js';
import type { DateKind, DateScope } from '../api/requests.js';

const kindColor: Record<DateKind, string> = { holiday: 'red', cuti_bersama: 'orange', closure: 'violet' };

interface Editing {
  /** The date being edited; undefined when adding. */
  original?: CalendarDate;
  date: string;
  kind: DateKind;
  name: string;
  confirmed: boolean;
  scope: 'agency' | 'national';
}

/**
 * The non-working dates of a year: national holidays and cuti bersama (kept nationally), and the
 * agency's own closures. Unconfirmed dates are marked in words, not only colour. Who may change
 * what: `canEdit` for the agency's dates; `nationalThrough` (a national-level agency where the
 * person holds calendar.edit) for the national ones.
 */
export function HolidayList({
  agency,
  year,
  items,
  canEdit,
  nationalThrough,
}: {
  agency: string;
  year: number;
  items: CalendarDate[];
  canEdit: boolean;
  nationalThrough: string | null;
}) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [removing, setRemoving] = useState<CalendarDate | null>(null);
  const add = useAddDate();
  const update = useUpdateDate();
  const remove = useRemoveDate();
  const scopeOf = (scope: 'agency' | 'national'): DateScope | null =>
    scope === 'agency' ? (canEdit ? { scope: 'agency', agency } : null) : nationalThrough ? { scope: 'national', through: nationalThrough } : null;
  const mayChange = (d: CalendarDate) => scopeOf(d.scope) !== null;
  const unconfirmed = items.filter((d) => !d.confirmed).length;

  const saveEditing = () => {
    if (!editing) return;
    const scope = scopeOf(editing.scope)!;
    const done = { onSuccess: () => setEditing(null) };
    if (editing.original) {
      update.mutate({ scope, date: editing.original.date, patch: { name: editing.name, kind: editing.kind, confirmed: editing.confirmed } }, done);
    } else {
      add.mutate({ scope, fields: { date: editing.date, kind: editing.kind, name: editing.name, confirmed: editing.confirmed } }, done);
    }
  };
  const saving = editing?.original ? update : add;
  const errs = fieldErrors(saving.error);
  const kinds: DateKind[] = editing?.scope === 'national' ? ['holiday', 'cuti_bersama'] : ['closure', 'holiday', 'cuti_bersama'];

  const columns: Column<CalendarDate>[] = [
    { key: 'date', header: t('calendar.holidays.date'), cellProps: { style: { whiteSpace: 'nowrap' } }, cell: (d) => formatLocalDate(d.date, i18n.language) },
    {
      key: 'name',
      header: t('calendar.holidays.name'),
      cellProps: { style: wrap },
      cell: (d) => (
        <>
          {d.name}
          <Text size="xs" c="dimmed">
            {t(`calendar.scope.${d.scope}`)}
            {d.source.startsWith('date-holidays') || d.source.startsWith('ics:') ? ` · ${d.source}` : ''}
          </Text>
        </>
      ),
    },
    {
      key: 'kind',
      header: t('calendar.holidays.kind'),
      cell: (d) => (
        <Badge variant="light" color={kindColor[d.kind]} styles={{ root: { textTransform: 'none' } }}>
          {t(`calendar.kind.${d.kind}`)}
        </Badge>
      ),
    },
    {
      key: 'status',
      header: t('calendar.holidays.status'),
      cell: (d) =>
        d.confirmed ? (
          <Text size="sm" c="teal.8">
            ✓ {t('calendar.holidays.confirmed')}
          </Text>
        ) : (
          <Badge color="orange" variant="outline" styles={{ root: { borderStyle: 'dashed' } }}>
            ? {t('calendar.holidays.unconfirmed')}
          </Badge>
        ),
    },
  ];
  if (canEdit || nationalThrough) {
    columns.push({
      key: 'actions',
      header: t('calendar.holidays.actions'),
      cell: (d) =>
        mayChange(d) ? (
          <Group gap={4} wrap="nowrap">
            {!d.confirmed && (
              <Button
                size="compact-xs"
                variant="light"
                color="teal"
                loading={update.isPending && update.variables?.date === d.date}
                onClick={() => update.mutate({ scope: scopeOf(d.scope)!, date: d.date, patch: { confirmed: true } })}
                aria-label={t('calendar.holidays.confirmLabel', { name: d.name, date: d.date })}
              >
                {t('calendar.holidays.confirm')}
              </Button>
            )}
            <Button
              size="compact-xs"
              variant="subtle"
              onClick={() => {
                update.reset();
                setEditing({ original: d, date: d.date, kind: d.kind, name: d.name, confirmed: d.confirmed, scope: d.scope });
              }}
              aria-label={t('calendar.holidays.editLabel', { name: d.name, date: d.date })}
            >
              {t('calendar.holidays.edit')}
            </Button>
            <Button
              size="compact-xs"
              variant="subtle"
              color="red"
              onClick={() => {
                remove.reset();
                setRemoving(d);
              }}
              aria-label={t('calendar.holidays.removeLabel', { name: d.name, date: d.date })}
            >
              {t('calendar.holidays.remove')}
            </Button>
          </Group>
        ) : (
          <Text size="xs" c="dimmed">
            {t('calendar.holidays.nationalOnly')}
          </Text>
        ),
    });
  }

  return (
    <Stack gap="sm">
      {unconfirmed > 0 && (
        <Alert color="orange" title={t('calendar.holidays.unconfirmedTitle', { count: unconfirmed })}>
          {t('calendar.holidays.unconfirmedNote')}
        </Alert>
      )}
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('calendar.holidays.empty', { year })}
        </Text>
      ) : (
        <DataTable
          rows={items}
          rowKey={(d) => `${d.scope}-${d.date}`}
          rowProps={(d) => ({ 'data-date': d.date, 'data-scope': d.scope })}
          columns={columns}
          minWidth={560}
          scrollType="native"
          striped
          verticalSpacing="xs"
          aria-label={t('calendar.holidays.title', { year })}
        />
      )}
      {update.isError && !editing && (
        <Alert color="red" role="alert">
          {update.error.message}
        </Alert>
      )}

      {(canEdit || nationalThrough) && (
        <Button
          w="fit-content"
          onClick={() => {
            add.reset();
            setEditing({ date: `${year}-01-01`, kind: canEdit ? 'closure' : 'holiday', name: '', confirmed: true, scope: canEdit ? 'agency' : 'national' });
          }}
        >
          + {t('calendar.holidays.add')}
        </Button>
      )}

      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.original ? t('calendar.holidays.editTitle') : t('calendar.holidays.add')}
      >
        {editing && (
          <Stack gap="sm">
            {!editing.original && canEdit && nationalThrough && (
              <NativeSelect
                label={t('calendar.form.scope')}
                value={editing.scope}
                onChange={(e) => {
                  const scope = e.currentTarget.value as 'agency' | 'national';
                  setEditing({ ...editing, scope, kind: scope === 'national' && editing.kind === 'closure' ? 'holiday' : editing.kind });
                }}
                data={[
                  { value: 'agency', label: t('calendar.form.scopeAgency') },
                  { value: 'national', label: t('calendar.form.scopeNational', { agency: nationalThrough }) },
                ]}
              />
            )}
            <TextInput
              type="date"
              label={t('calendar.form.date')}
              value={editing.date}
              onChange={(e) => setEditing({ ...editing, date: e.currentTarget.value })}
              readOnly={Boolean(editing.original)}
              error={errs.date}
              required
            />
            <TextInput label={t('calendar.form.name')} value={editing.name} onChange={(e) => setEditing({ ...editing, name: e.currentTarget.value })} error={errs.name} required />
            <NativeSelect
              label={t('calendar.form.kind')}
              value={editing.kind}
              onChange={(e) => setEditing({ ...editing, kind: e.currentTarget.value as DateKind })}
              data={kinds.map((k) => ({ value: k, label: t(`calendar.kind.${k}`) }))}
              error={errs.kind}
            />
            <Checkbox label={t('calendar.form.confirmed')} checked={editing.confirmed} onChange={(e) => setEditing({ ...editing, confirmed: e.currentTarget.checked })} />
            {saving.isError && (
              <Alert color="red" role="alert">
                {saving.error.message}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setEditing(null)}>
                {t('calendar.form.cancel')}
              </Button>
              <Button onClick={saveEditing} loading={saving.isPending}>
                {t('calendar.form.save')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>

      <Modal opened={removing !== null} onClose={() => setRemoving(null)} title={t('calendar.holidays.removeTitle')}>
        {removing && (
          <Stack gap="sm">
            <Text>{t('calendar.holidays.removeQuestion', { name: removing.name, date: formatLocalDate(removing.date, i18n.language) })}</Text>
            {removing.scope === 'national' && <Text size="sm">{t('calendar.holidays.removeNational')}</Text>}
            {remove.isError && (
              <Alert color="red" role="alert">
                {remove.error.message}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRemoving(null)}>
                {t('calendar.form.cancel')}
              </Button>
              <Button
                color="red"
                loading={remove.isPending}
                onClick={() => remove.mutate({ scope: scopeOf(removing.scope)!, date: removing.date }, { onSuccess: () => setRemoving(null) })}
              >
                {t('calendar.holidays.remove')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>

      {(canEdit || nationalThrough) && <IcsImport agency={agency} canEdit={canEdit} nationalThrough={nationalThrough} />}
      {nationalThrough && <Prefill through={nationalThrough} year={year} hasNational={items.some((d) => d.scope === 'national')} />}
    </Stack>
  );
}

/** Upload of an .ics file (a holiday calendar exported from elsewhere); dates already there stay. */
function IcsImport({ agency, canEdit, nationalThrough }: { agency: string; canEdit: boolean; nationalThrough: string | null }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [scope, setScope] = useState<'agency' | 'national'>(canEdit ? 'agency' : 'national');
  const run = useImportIcs();
  const submit = async () => {
    if (!file) return;
    const target: DateScope = scope === 'agency' ? { scope: 'agency', agency } : { scope: 'national', through: nationalThrough! };
    run.mutate({ scope: target, ics: await file.text(), fileName: file.name, confirmed });
  };
  const result: IcsImportResult | undefined = run.data;
  return (
    <Card withBorder component="section" aria-labelledby="ics-heading">
      <Stack gap="xs">
        <Title order={4} id="ics-heading">
          {t('calendar.ics.title')}
        </Title>
        <Text size="sm">{t('calendar.ics.help')}</Text>
        {canEdit && nationalThrough && (
          <NativeSelect
            label={t('calendar.form.scope')}
            value={scope}
            onChange={(e) => setScope(e.currentTarget.value as 'agency' | 'national')}
            data={[
              { value: 'agency', label: t('calendar.form.scopeAgency') },
              { value: 'national', label: t('calendar.form.scopeNational', { agency: nationalThrough }) },
            ]}
          />
        )}
        <FileInput label={t('calendar.ics.file')} accept=".ics,text/calendar" value={file} onChange={setFile} clearable placeholder={t('calendar.ics.choose')} />
        <Checkbox label={t('calendar.form.confirmed')} checked={confirmed} onChange={(e) => setConfirmed(e.currentTarget.checked)} />
        <Button w="fit-content" disabled={!file} loading={run.isPending} onClick={() => void submit()}>
          {t('calendar.ics.submit')}
        </Button>
        {run.isError && (
          <Alert color="red" role="alert">
            {run.error.message}
          </Alert>
        )}
        {result && (
          <Alert color="green" role="status">
            <Text size="sm">{t('calendar.ics.result', { added: result.added.length, existing: result.existing.length, skipped: result.skippedEvents.length })}</Text>
            {result.skippedEvents.length > 0 && (
              <List size="sm">
                {result.skippedEvents.map((s, i) => (
                  <List.Item key={i}>{t('calendar.ics.skipped', { name: s.name, reason: t(`calendar.ics.reason.${s.reason}`) })}</List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

/** Draft of a year's national holidays from date-holidays, for a national-level administrator. */
function Prefill({ through, year, hasNational }: { through: string; year: number; hasNational: boolean }) {
  const { t, i18n } = useTranslation();
  const run = usePrefill();
  const result: PrefillResult | undefined = run.data;
  return (
    <Card withBorder component="section" aria-labelledby="prefill-heading">
      <Stack gap="xs">
        <Title order={4} id="prefill-heading">
          {t('calendar.prefill.title', { year })}
        </Title>
        <Text size="sm">{t('calendar.prefill.help')}</Text>
        <Button w="fit-content" variant="light" loading={run.isPending} onClick={() => run.mutate({ through, year, forceMissingOnly: hasNational })}>
          {hasNational ? t('calendar.prefill.missingOnly', { year }) : t('calendar.prefill.submit', { year })}
        </Button>
        {run.isError && (
          <Alert color="red" role="alert">
            {run.error.message}
          </Alert>
        )}
        {result && (
          <Alert color="orange" role="status" title={t('calendar.prefill.result', { added: result.added.length, source: result.source })}>
            <List size="sm">
              {result.notes.map((n, i) => (
                <List.Item key={i}>{i18n.language === 'en' ? n.en : n.id}</List.Item>
              ))}
            </List>
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
