import { Card, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ComplaintForm } from '../../../../shared/contracts/complaints.js';
import { DataTable } from '../../../components/ui/data-table.js';
import { useLanguage } from '../../../i18n/use-language.js';

/** What the agency's standard promises a complainant before they write: the limits, the classes, the other channels. */
export function ComplaintFormIntro({ form }: { form: ComplaintForm }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <>
      <Text>{t('complaints.form.intro', { days: form.hardLimitDays })}</Text>
      {form.responseLimit && <Text>{t('complaints.form.responseLimit', { limit: form.responseLimit.text[lang] })}</Text>}
      {form.classes.length > 0 && (
        <Card withBorder>
          <Text fw={600}>{t('complaints.form.classesTitle')}</Text>
          <DataTable
            rows={form.classes}
            rowKey={(c) => c.code}
            columns={[
              { key: 'name', cell: (c) => c.name },
              { key: 'limit', cell: (c) => c.limit.text[lang] },
            ]}
          />
        </Card>
      )}
      <Card withBorder>
        <Text fw={600}>{t('complaints.form.channelsTitle')}</Text>
        <Stack gap={4}>
          {form.channels.map((c) => (
            <Text key={c.code} size="sm">
              {c.label}
              {c.value ? `: ${c.value}` : ''}
            </Text>
          ))}
        </Stack>
      </Card>
    </>
  );
}
