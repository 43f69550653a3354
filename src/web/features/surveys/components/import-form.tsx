import { Alert, Button, FileInput, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/ui/data-table.js';
import { fileToBase64, useImportSurveys } from '../api/surveys.js';

/**
 * Paper surveys typed into a CSV or XLSX: check first (nothing stored), then import. A file
 * with any error is refused whole; the table names each bad cell.
 */
export function ImportForm({ agency, services }: { agency: string; services: { code: string; name: string }[] }) {
  const { t } = useTranslation();
  const mutation = useImportSurveys(agency);
  const [file, setFile] = useState<File | null>(null);
  const [service, setService] = useState<string | null>(services[0]?.code ?? null);
  const [channel, setChannel] = useState('');
  const [date, setDate] = useState('');

  async function run(dryRun: boolean) {
    if (!file || !service) return;
    mutation.mutate({
      fileName: file.name,
      content: await fileToBase64(file),
      serviceCode: service,
      channel: channel.trim() || null,
      ...(date ? { surveyedOn: date } : {}),
      dryRun,
    });
  }

  const report = mutation.data;
  return (
    <Stack gap="sm">
      <Text size="sm">{t('surveys.staff.importHelp')}</Text>
      <FileInput label={t('surveys.staff.file')} accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" value={file} onChange={setFile} clearable />
      <Group grow align="flex-start">
        <Select label={t('surveys.staff.defaultService')} data={services.map((s) => ({ value: s.code, label: s.name }))} value={service} onChange={setService} allowDeselect={false} />
        <TextInput label={t('surveys.staff.channel')} placeholder="walk-in" value={channel} onChange={(e) => setChannel(e.currentTarget.value)} />
        <TextInput label={t('surveys.staff.date')} type="date" value={date} onChange={(e) => setDate(e.currentTarget.value)} />
      </Group>
      <Group>
        <Button variant="light" disabled={!file || !service} loading={mutation.isPending} onClick={() => void run(true)}>
          {t('surveys.staff.check')}
        </Button>
        <Button disabled={!file || !service} loading={mutation.isPending} onClick={() => void run(false)}>
          {t('surveys.staff.import')}
        </Button>
      </Group>
      {mutation.isError && <Alert color="red">{mutation.error.message}</Alert>}
      {report && report.accepted && (
        <Alert color="green">
          {report.dryRun ? t('surveys.staff.checked', { count: report.rows }) : t('surveys.staff.imported', { count: report.imported })}
        </Alert>
      )}
      {report && !report.accepted && <Alert color="red">{t('surveys.staff.refused', { count: report.errors.length })}</Alert>}
      {report && report.errors.length + report.warnings.length > 0 && (
        <DataTable
          rows={[...report.errors.map((p) => ({ ...p, warning: false })), ...report.warnings.map((p) => ({ ...p, warning: true }))]}
          rowKey={(_, i) => i}
          rowProps={(p) => ({ c: p.warning ? 'dimmed' : undefined })}
          minWidth={520}
          fz="sm"
          aria-label={t('surveys.staff.problems')}
          columns={[
            { key: 'row', header: t('surveys.staff.row'), cell: (p) => p.row },
            { key: 'column', header: t('surveys.staff.column'), cell: (p) => p.column },
            { key: 'value', header: t('surveys.staff.value'), cell: (p) => p.value },
            {
              key: 'problem',
              header: t('surveys.staff.problem'),
              cell: (p) => (
                <>
                  {p.warning ? `${t('surveys.staff.warning')}: ` : ''}
                  {p.message}
                </>
              ),
            },
          ]}
        />
      )}
    </Stack>
  );
}
