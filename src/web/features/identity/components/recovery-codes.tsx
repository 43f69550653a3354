import { Alert, Button, Checkbox, CopyButton, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFocusHeading } from '../../../lib/focus.js';

/**
 * The ten recovery codes, shown once: copy, print or download them, then confirm they are kept.
 * The print view shows only this panel (see `.print-only-target` in styles).
 */
export function RecoveryCodesPanel({ codes, onDone, doneLabel }: { codes: string[]; onDone: () => void; doneLabel: string }) {
  const { t } = useTranslation();
  const [kept, setKept] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusHeading(heading, codes);
  const text = `${t('auth.recovery.fileTitle')}\n\n${codes.join('\n')}\n`;

  function download() {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'sigap-recovery-codes.txt';
    a.click();
    URL.revokeObjectURL(url);
  }

  return (
    <Stack gap="md" className="recovery-codes">
      <Title order={2} ref={heading} tabIndex={-1}>
        {t('auth.recovery.title')}
      </Title>
      <Alert color="yellow">{t('auth.recovery.once')}</Alert>
      <Paper withBorder p="md">
        <List listStyleType="none" spacing={4} ff="monospace" fz="lg" aria-label={t('auth.recovery.listLabel')} data-testid="recovery-codes">
          {codes.map((code) => (
            <List.Item key={code}>{code}</List.Item>
          ))}
        </List>
      </Paper>
      <Group gap="sm" className="no-print">
        <CopyButton value={text}>
          {({ copied, copy }) => (
            <Button variant="light" onClick={copy}>
              {copied ? t('auth.recovery.copied') : t('auth.recovery.copy')}
            </Button>
          )}
        </CopyButton>
        <Button variant="light" onClick={() => window.print()}>
          {t('auth.recovery.print')}
        </Button>
        <Button variant="light" onClick={download}>
          {t('auth.recovery.download')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed" className="no-print">
        {t('auth.recovery.howToUse')}
      </Text>
      <Checkbox className="no-print" label={t('auth.recovery.kept')} checked={kept} onChange={(e) => setKept(e.currentTarget.checked)} />
      <Button className="no-print" disabled={!kept} onClick={onDone} style={{ alignSelf: 'flex-start' }}>
        {doneLabel}
      </Button>
    </Stack>
  );
}
