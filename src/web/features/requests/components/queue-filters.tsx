import { Button, Collapse, Group, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { clockStates, queueStatuses } from '../../../../shared/contracts/requests.js';
import type { QueueFilters } from '../api/requests.js';

interface Option {
  value: string;
  label: string;
}

/**
 * The queue's search and filters. The search is sent when the form is submitted (Enter or the
 * button), each filter as soon as it is chosen. Services, channels and officers come from the page
 * (the standard and the staff list); officers only for those who may see the staff. On a phone
 * the filters fold behind a button naming how many are set, so the queue starts on the first screen.
 */
export function QueueFilterForm({
  filters,
  onChange,
  services,
  channels,
  officers,
}: {
  filters: QueueFilters;
  onChange: (next: QueueFilters) => void;
  services: Option[];
  channels: Option[];
  officers: Option[] | null;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(filters.q ?? '');
  const phone = useMediaQuery('(max-width: 40em)');
  const [open, setOpen] = useState(false);
  const chosen = (['service', 'channel', 'status', 'clock', 'officer'] as const).filter((k) => filters[k]).length;
  const all = { value: '', label: t('requests.queue.filter.any') };
  const set = (key: keyof QueueFilters, value: string) => onChange({ ...filters, [key]: value || undefined });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    set('q', text.trim());
  };
  return (
    <Stack gap="xs">
      <form onSubmit={submit} role="search" aria-label={t('requests.queue.search.label')}>
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            style={{ flex: 1, minWidth: 0 }}
            type="search"
            label={t('requests.queue.search.label')}
            description={t('requests.queue.search.hint')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            maxLength={200}
          />
          <Button type="submit">{t('requests.queue.search.submit')}</Button>
        </Group>
      </form>
      {phone && (
        <Button variant="default" size="compact-md" onClick={() => setOpen((o) => !o)} aria-expanded={open} aria-controls="queue-filters" style={{ alignSelf: 'flex-start' }}>
          {t('requests.queue.filter.toggle', { count: chosen })}
        </Button>
      )}
      <Collapse expanded={!phone || open} id="queue-filters">
        <SimpleGrid cols={{ base: 2, sm: officers ? 5 : 4 }} spacing="xs">
          <NativeSelect label={t('requests.queue.filter.service')} data={[all, ...services]} value={filters.service ?? ''} onChange={(e) => set('service', e.currentTarget.value)} />
          <NativeSelect label={t('requests.queue.filter.channel')} data={[all, ...channels]} value={filters.channel ?? ''} onChange={(e) => set('channel', e.currentTarget.value)} />
          <NativeSelect
            label={t('requests.queue.filter.status')}
            data={[all, ...queueStatuses.map((s) => ({ value: s, label: t(`requests.statusStaff.${s}`) }))]}
            value={filters.status ?? ''}
            onChange={(e) => set('status', e.currentTarget.value)}
          />
          <NativeSelect
            label={t('requests.queue.filter.clock')}
            data={[all, ...clockStates.map((s) => ({ value: s, label: t(`requests.clockState.${s}`) }))]}
            value={filters.clock ?? ''}
            onChange={(e) => set('clock', e.currentTarget.value)}
          />
          {officers && (
            <NativeSelect label={t('requests.queue.filter.officer')} data={[all, ...officers]} value={filters.officer ?? ''} onChange={(e) => set('officer', e.currentTarget.value)} />
          )}
        </SimpleGrid>
      </Collapse>
    </Stack>
  );
}
