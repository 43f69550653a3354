import { Alert, Anchor, Autocomplete, Button, Code, Group, Loader, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { DataTable } from '../../../components/ui/data-table.js';
import { formatInstant } from '../../../lib/format.js';
import { actionWords, targetWords } from './audit-words.js';
import { auditCsvUrl, useAuditPage, type AuditEvent, type AuditFilters } from '../api/audit.js';

/** Groups of actions an administrator looks for; a trailing dot matches the whole group. */
const actionSuggestions = ['auth.', 'auth.sign_in', 'auth.sign_in_failed', 'auth.totp_failed', 'users.', 'users.invited', 'users.role_granted', 'users.role_revoked', 'users.totp_reset', 'access.denied', 'standards.', 'calendar.', 'surveys.'];
const pageSize = 50;
const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/** An officer whose actions the viewer may filter by. */
export interface Actor {
  id: string;
  name: string;
  email: string;
}

/** The filters kept in the address (so a view can be bookmarked or sent), as the API takes them. */
function filtersFrom(search: URLSearchParams): AuditFilters {
  const from = search.get('dari') ?? '';
  const to = search.get('sampai') ?? '';
  return {
    ...(search.get('tindakan') ? { action: search.get('tindakan')! } : {}),
    ...(search.get('pelaku') ? { actorId: search.get('pelaku')! } : {}),
    // Whole days in the browser's time zone: from the first day's midnight to the last day's end.
    ...(isoDay.test(from) ? { from: new Date(`${from}T00:00:00`).toISOString() } : {}),
    ...(isoDay.test(to) ? { to: new Date(`${to}T23:59:59.999`).toISOString() } : {}),
  };
}

/**
 * The agency's audit trail: filtered (kept in the address, so a view can be bookmarked or sent),
 * paged newest first, each event's before/after on demand, exported as CSV. `actors` are the
 * agency's officers to choose from; without them (no users.view) an actor id is typed.
 */
export function AuditViewer({ agency, actors }: { agency: string; actors: readonly Actor[] | undefined }) {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const filters = filtersFrom(search);
  // Cursors of the pages before this one; the first page has none.
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const page = useAuditPage(agency, filters, cursor, pageSize);
  const [shown, setShown] = useState<AuditEvent | null>(null);

  const [draft, setDraft] = useState({
    action: search.get('tindakan') ?? '',
    actor: search.get('pelaku') ?? '',
    from: search.get('dari') ?? '',
    to: search.get('sampai') ?? '',
  });

  function apply(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.action.trim()) next.set('tindakan', draft.action.trim());
    if (draft.actor) next.set('pelaku', draft.actor);
    if (draft.from) next.set('dari', draft.from);
    if (draft.to) next.set('sampai', draft.to);
    setSearch(next);
    setCursors([undefined]);
  }

  function clear() {
    setDraft({ action: '', actor: '', from: '', to: '' });
    setSearch(new URLSearchParams());
    setCursors([undefined]);
  }

  const rangeWrong = draft.from && draft.to && draft.from > draft.to ? t('audit.rangeWrong') : undefined;

  return (
    <Stack gap="md">
      <form onSubmit={apply} noValidate aria-label={t('audit.filters')}>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Autocomplete
            label={t('audit.action')}
            description={t('audit.actionHint')}
            data={actionSuggestions}
            value={draft.action}
            onChange={(action) => setDraft((d) => ({ ...d, action }))}
            w={230}
          />
          <ActorFilter actors={actors} value={draft.actor} onChange={(actor) => setDraft((d) => ({ ...d, actor }))} />
          <TextInput label={t('audit.from')} type="date" value={draft.from} onChange={(e) => setDraft((d) => ({ ...d, from: e.currentTarget.value }))} w={170} />
          <TextInput label={t('audit.to')} type="date" value={draft.to} onChange={(e) => setDraft((d) => ({ ...d, to: e.currentTarget.value }))} error={rangeWrong} w={170} />
          <Group gap="xs">
            <Button type="submit" disabled={Boolean(rangeWrong)}>
              {t('audit.apply')}
            </Button>
            <Button variant="default" onClick={clear}>
              {t('audit.clear')}
            </Button>
          </Group>
        </Group>
      </form>
      <Group justify="space-between" wrap="wrap">
        <Anchor href={auditCsvUrl(agency, filters)} download>
          {t('audit.csv')}
        </Anchor>
        {page.isFetching && <Loader size="xs" aria-label={t('standards.loading')} />}
      </Group>
      {page.isError && <Alert color="red" role="alert">{page.error.message}</Alert>}
      {page.data && page.data.items.length === 0 && <Text c="dimmed">{t('audit.empty')}</Text>}
      {page.data && page.data.items.length > 0 && (
        <DataTable
          rows={page.data.items}
          rowKey={(e) => e.seq}
          caption={t('audit.caption', { count: page.data.items.length })}
          minWidth={720}
          striped
          highlightOnHover
          columns={[
            { key: 'when', header: t('audit.when'), cell: (e) => <Text size="sm">{formatInstant(e.occurredAt, i18n.language, { zone: true })}</Text> },
            { key: 'actor', header: t('audit.actor'), cell: (e) => <Text size="sm">{e.actorLabel?.startsWith('requester:') ? t('requests.actorName.requester') : (e.actorLabel ?? t(`audit.actorType.${e.actorType}`, { defaultValue: e.actorType }))}</Text> },
            { key: 'action', header: t('audit.action'), cell: (e) => <Text size="sm">{actionWords(e.action, t)}</Text> },
            { key: 'target', header: t('audit.target'), cell: (e) => <Text size="xs">{targetWords(e, t) ?? '—'}</Text> },
            { key: 'ip', header: t('audit.ip'), cell: (e) => <Text size="xs">{e.ip ?? '—'}</Text> },
            {
              key: 'details',
              header: t('audit.details'),
              hiddenHeader: true,
              cell: (e) => (
                <Button size="xs" variant="subtle" onClick={() => setShown(e)} aria-label={t('audit.detailsOf', { seq: e.seq })}>
                  {t('audit.details')}
                </Button>
              ),
            },
          ]}
        />
      )}
      <Group gap="sm">
        <Button variant="default" disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {t('audit.newer')}
        </Button>
        <Button variant="default" disabled={!page.data?.nextBeforeSeq} onClick={() => setCursors((c) => [...c, page.data!.nextBeforeSeq!])}>
          {t('audit.older')}
        </Button>
        <Text size="sm" c="dimmed">
          {t('audit.pageNo', { page: cursors.length })}
        </Text>
      </Group>
      <Modal opened={shown !== null} onClose={() => setShown(null)} title={shown ? `${actionWords(shown.action, t)} #${shown.seq}` : ''} size="lg">
        {shown && (
          <Stack gap="xs">
            <Text size="sm">{t('audit.code')}: <Code>{shown.action}</Code>{shown.targetId ? ` · ${shown.targetType ?? ''} ${shown.targetId}` : ''}</Text>
            <Text size="sm">{t('audit.requestId')}: {shown.requestId ?? '—'}</Text>
            <Text size="sm" fw={600}>{t('audit.before')}</Text>
            <Code block>{JSON.stringify(shown.before ?? null, null, 2)}</Code>
            <Text size="sm" fw={600}>{t('audit.after')}</Text>
            <Code block>{JSON.stringify(shown.after ?? null, null, 2)}</Code>
            <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
              {t('audit.hash')}: {shown.hash}
            </Text>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

/** Whose actions: chosen among the agency's officers, or (without users.view) typed as an id. */
function ActorFilter({ actors, value, onChange }: { actors: readonly Actor[] | undefined; value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  if (actors) {
    return (
      <Select
        label={t('audit.actor')}
        placeholder={t('audit.anyone')}
        data={actors.map((m) => ({ value: m.id, label: `${m.name} (${m.email})` }))}
        value={value || null}
        onChange={(v) => onChange(v ?? '')}
        searchable
        clearable
        w={260}
      />
    );
  }
  return <TextInput label={t('audit.actorId')} value={value} onChange={(e) => onChange(e.currentTarget.value.trim())} w={260} />;
}
