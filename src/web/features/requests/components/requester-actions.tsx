import { Alert, Button, Card, Checkbox, FileInput, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicRequestView } from '../../../../shared/contracts/requests.js';
import { portalAction, requesterAction, uploadAsRequester } from '../api/requests.js';
import { errorText } from './parts.js';

/**
 * What the requester can do now: the actions of a requester step, a reply, and uploads for the
 * missing items. With the link's secret (anyone holding the link) or as the signed-in owner.
 */
export function RequesterActions({ view, secret, portal, onChange }: { view: PublicRequestView; secret: string | null; portal: boolean; onChange: (v: PublicRequestView) => void }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [confidential, setConfidential] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (view.allowedActions.length === 0) return null;
  if (!secret && !portal) return <Alert color="blue">{t('requests.track.needLink')}</Alert>;
  const missing = view.checklist.filter((c) => c.kind === 'document' && (c.state === 'missing' || c.state === 'pending'));
  const act = async (action: string) => {
    setBusy(true);
    setError(null);
    try {
      if (secret) {
        for (const [i, f] of files.entries()) await uploadAsRequester(view.number, secret, f, missing[i]?.code ?? missing[0]?.code, confidential);
      }
      const body = { action, version: view.version, comment: comment.trim() || undefined };
      const next = secret ? await requesterAction(view.number, { ...body, secret }) : await portalAction(view.number, body);
      setComment('');
      setFiles([]);
      onChange(next);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder component="section" aria-labelledby="your-turn" data-testid="requester-actions">
      <Stack gap="sm">
        <Title order={3} size="h4" id="your-turn">
          {t('requests.track.yourTurn')}
        </Title>
        <Textarea label={t('requests.track.reply')} autosize minRows={2} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
        {!secret && <Text size="sm">{t('requests.track.uploadByLink')}</Text>}
        {secret && (
          <>
            <FileInput
              label={t('requests.track.files')}
              description={missing.length > 0 ? t('requests.track.filesFor', { items: missing.map((m) => m.label).join('; ') }) : undefined}
              multiple
              clearable
              placeholder={t('requests.form.chooseFile')}
              value={files}
              onChange={setFiles}
            />
            <Checkbox label={t('requests.track.confidential')} checked={confidential} onChange={(e) => setConfidential(e.currentTarget.checked)} />
          </>
        )}
        {error != null && (
          <Alert color="red" role="alert">
            {errorText(error)}
          </Alert>
        )}
        <Group gap="sm" wrap="wrap">
          {view.allowedActions.map((a) => (
            <Button key={a.code} loading={busy} onClick={() => void act(a.code)} variant={a.code === view.allowedActions[0]!.code ? 'filled' : 'outline'}>
              {a.label}
            </Button>
          ))}
        </Group>
      </Stack>
    </Card>
  );
}
