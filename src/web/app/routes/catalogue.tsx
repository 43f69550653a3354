import { Alert, Loader, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { CatalogueQuery } from '../../../shared/contracts/standards.js';
import { channelKinds, requesterTypes } from '../../../shared/standard/schema.js';
import { useAgencies } from '../../features/agencies/api/agencies.js';
import { useCatalogue } from '../../features/standards/api/standards.js';
import { ServiceCard } from '../../features/standards/components/agency-parts.js';

/** Every agency's current services, searchable and filtered by requester type and channel. */
export function CataloguePage() {
  const { t } = useTranslation();
  // Filters live in the address, so a filtered list can be shared and survives a reload.
  const [params, setParams] = useSearchParams();
  const text = params.get('q') ?? '';
  const [q] = useDebouncedValue(text.trim(), 300);
  const requesterType = params.get('pemohon') as CatalogueQuery['requesterType'] | null;
  const channel = params.get('saluran') as CatalogueQuery['channel'] | null;
  const agency = params.get('instansi');
  const agencies = useAgencies();
  const query = useCatalogue({
    q: q || undefined,
    requesterType: requesterType && (requesterTypes as readonly string[]).includes(requesterType) ? requesterType : undefined,
    channel: channel && (channelKinds as readonly string[]).includes(channel) ? channel : undefined,
    agency: agency || undefined,
  });
  const set = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  return (
    <Stack gap="md">
      <Title order={2}>{t('standards.catalogue.title')}</Title>
      <Text>{t('standards.catalogue.intro')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
        <TextInput
          label={t('standards.catalogue.search')}
          placeholder={t('standards.catalogue.searchPlaceholder')}
          value={text}
          onChange={(e) => set('q', e.currentTarget.value)}
          type="search"
        />
        <Select
          label={t('standards.catalogue.requesterType')}
          placeholder={t('standards.catalogue.all')}
          clearable
          value={requesterType}
          onChange={(v) => set('pemohon', v)}
          data={requesterTypes.map((rt) => ({ value: rt, label: t(`standards.requesterType.${rt}`) }))}
        />
        <Select
          label={t('standards.catalogue.channel')}
          placeholder={t('standards.catalogue.all')}
          clearable
          value={channel}
          onChange={(v) => set('saluran', v)}
          data={channelKinds.map((k) => ({ value: k, label: t(`standards.channelKind.${k}`) }))}
        />
        <Select
          label={t('standards.catalogue.agency')}
          placeholder={t('standards.catalogue.all')}
          clearable
          searchable
          value={agency}
          onChange={(v) => set('instansi', v)}
          data={(agencies.data ?? []).map((a) => ({ value: a.code, label: a.name }))}
        />
      </SimpleGrid>
      {query.isPending && <Loader aria-label={t('standards.loading')} />}
      {query.isError && <Alert color="red">{query.error.message}</Alert>}
      {query.data && (
        <>
          <Text size="sm" c="dimmed" role="status">
            {t('standards.catalogue.count', { count: query.data.length })}
          </Text>
          {query.data.length === 0 && <Alert color="gray">{t('standards.catalogue.empty')}</Alert>}
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
            {query.data.map((s) => (
              <ServiceCard key={`${s.agency.code}/${s.code}`} agencyCode={s.agency.code} agencyName={s.agency.name} service={s} />
            ))}
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
