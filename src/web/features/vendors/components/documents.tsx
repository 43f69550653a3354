import { Anchor, Badge, Button, Card, FileInput, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { documentKinds, type DocumentView, type VendorView } from '../../../../shared/contracts/vendors.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { wrap } from '../../../components/ui/styles.js';
import { useLanguage } from '../../../i18n/use-language.js';
import { useFocusOnError } from '../../../lib/focus.js';
import { problemsOf } from '../../../lib/form-errors.js';
import { formatAt } from '../../../lib/format.js';
import { documentUrl, useUploadDocument, useVerifyDocument, type VendorScope } from '../api/vendors.js';
import { withoutShownMessage } from './format.js';
import type { ZoneOf } from './parts.js';

/** A document's name as a list shows it: its kind, then its title or number. */
export function useDocumentLabel() {
  const { t } = useTranslation();
  return (d: Pick<DocumentView, 'kind' | 'title' | 'number'>) => [t(`vendors.kind.${d.kind}`), d.title ?? d.number].filter(Boolean).join(' — ');
}

function VerificationMark({ document, zoneOf }: { document: DocumentView; zoneOf: ZoneOf }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const v = document.verification;
  if (!v) {
    return (
      <Badge color="yellow" variant="light" data-testid="verification" data-verified="false">
        {t('vendors.unverified')}
      </Badge>
    );
  }
  return (
    <Stack gap={2} data-testid="verification" data-verified="true">
      {/* Text, not a badge: a badge cuts a long mark short on a phone. */}
      <Text size="xs" fw={700} c="green.8">
        ✓ {v.originalShown ? t('vendors.verifiedOriginal') : t('vendors.verifiedCopy')}
      </Text>
      <Text size="xs" c="dimmed" style={wrap}>
        {t('vendors.verifiedBy', { by: v.by ?? '–', at: formatAt(v.at, lang, zoneOf(v.agency)) })}
        {v.note ? ` · ${v.note}` : ''}
      </Text>
    </Stack>
  );
}

/**
 * The vendor's file: each document once, with its verification mark (original shown or copy only,
 * by whom, when). An officer verifies here at the counter; the vendor and the desk upload.
 */
export function DocumentsPanel({ scope, vendor, zoneOf, canVerify }: { scope: VendorScope; vendor: VendorView; zoneOf: ZoneOf; canVerify: boolean }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const label = useDocumentLabel();
  const verify = useVerifyDocument(scope.kind === 'staff' ? scope.agency : '', vendor.id);
  const current = vendor.documents.filter((d) => d.supersededAt === null);
  const old = vendor.documents.filter((d) => d.supersededAt !== null);
  return (
    <Stack gap="sm">
      {current.length === 0 && <Text size="sm">{t('vendors.noDocuments')}</Text>}
      {current.map((d) => (
        <Card key={d.id} withBorder padding="sm" data-testid="document" data-kind={d.kind}>
          <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
            <Stack gap={2} style={{ minWidth: 0, flex: '1 1 200px' }}>
              <Text fw={600} size="sm" style={wrap}>
                {label(d)}
              </Text>
              <Anchor href={documentUrl(scope, vendor.id, d.id)} size="sm" style={wrap}>
                {d.fileName}
              </Anchor>
              <Text size="xs" c="dimmed" style={wrap}>
                {t('vendors.uploadedBy', { by: d.uploadedBy ?? '–', at: formatAt(d.uploadedAt, lang, zoneOf(null)) })}
              </Text>
            </Stack>
            <Stack gap={4} align="flex-end">
              <VerificationMark document={d} zoneOf={zoneOf} />
              {canVerify && !d.verification && (
                <Group gap={4} wrap="wrap" justify="flex-end">
                  <Button size="compact-xs" loading={verify.isPending} onClick={() => verify.mutate({ documentId: d.id, originalShown: true })}>
                    {t('vendors.verifyOriginal')}
                  </Button>
                  <Button size="compact-xs" variant="light" loading={verify.isPending} onClick={() => verify.mutate({ documentId: d.id, originalShown: false })}>
                    {t('vendors.verifyCopy')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Group>
        </Card>
      ))}
      {verify.isError && <FormAlert problems={problemsOf(verify.error)} />}
      {old.length > 0 && (
        <Text size="xs" c="dimmed" style={wrap}>
          {t('vendors.superseded')}: {old.map((d) => label(d)).join('; ')}
        </Text>
      )}
      {(scope.kind === 'own' || canVerify) && <UploadDocument scope={scope} vendor={vendor} />}
    </Stack>
  );
}

/** One upload, kept in the vendor's file and offered again in every later request. */
function UploadDocument({ scope, vendor }: { scope: VendorScope; vendor: VendorView }) {
  const { t } = useTranslation();
  const label = useDocumentLabel();
  const upload = useUploadDocument(scope, vendor.id);
  const formRef = useRef<HTMLFormElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<string>('akta_pendirian');
  const [title, setTitle] = useState('');
  const [number, setNumber] = useState('');
  const [issuedOn, setIssuedOn] = useState('');
  const [replaces, setReplaces] = useState('');
  useFocusOnError(formRef, upload.error);
  const problems = problemsOf(upload.error);
  const sameKind = vendor.documents.filter((d) => d.supersededAt === null && d.kind === kind);
  return (
    <Card
      withBorder
      padding="sm"
      component="form"
      ref={formRef}
      data-testid="upload-document"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        if (!file) return;
        upload.mutate(
          { file, kind, title: title.trim() || undefined, number: number.trim() || undefined, issuedOn: issuedOn || undefined, replaces: replaces || undefined },
          {
            onSuccess: () => {
              setFile(null);
              setTitle('');
              setNumber('');
              setIssuedOn('');
              setReplaces('');
            },
          },
        );
      }}
    >
      <Stack gap="xs">
        <Text fw={600} size="sm">
          {t('vendors.uploadTitle')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('vendors.uploadOnce')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <NativeSelect
            label={t('vendors.documentKind')}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value)}
            data={documentKinds.map((k) => ({ value: k, label: t(`vendors.kind.${k}`) }))}
            error={problems.fields.kind}
          />
          <TextInput label={t('vendors.documentTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={problems.fields.title} />
          <TextInput label={t('vendors.documentNumber')} value={number} onChange={(e) => setNumber(e.currentTarget.value)} error={problems.fields.number} />
          <TextInput label={t('vendors.issuedOn')} type="date" value={issuedOn} onChange={(e) => setIssuedOn(e.currentTarget.value)} error={problems.fields.issuedOn} />
        </SimpleGrid>
        {sameKind.length > 0 && (
          <NativeSelect
            label={t('vendors.replaces')}
            value={replaces}
            onChange={(e) => setReplaces(e.currentTarget.value)}
            data={[{ value: '', label: t('vendors.replacesNone') }, ...sameKind.map((d) => ({ value: d.id, label: label(d) }))]}
          />
        )}
        <FileInput label={t('vendors.file')} value={file} onChange={setFile} accept="application/pdf,image/jpeg,image/png" clearable error={problems.fields.file} />
        <FormAlert problems={withoutShownMessage(problems, (f) => ['kind', 'title', 'number', 'issuedOn', 'file'].includes(f))} />
        <Group>
          <Button type="submit" disabled={!file} loading={upload.isPending}>
            {t('vendors.upload')}
          </Button>
          {upload.isSuccess && (
            <Text size="sm" c="green">
              {t('vendors.uploaded')}
            </Text>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
