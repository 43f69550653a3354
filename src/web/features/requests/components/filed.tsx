import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { wrap } from '../../../components/ui/styles.js';
import { useLanguage } from '../../../i18n/use-language.js';
import { formatAt } from '../../../lib/format.js';
import { NumberWithCopy } from './parts.js';
import type { FiledResult } from './request-form.js';

/** The tracking link of a filed request: the secret rides after '#', so it never reaches a server log. */
function trackingLink(number: string, secret: string): string {
  return `${window.location.origin}/lacak/${number}#k=${secret}`;
}

/** After filing on the portal: the number to keep, the tracking link, the promised due time. */
export function FiledNotice({ result, timeZone }: { result: FiledResult; timeZone: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { receipt } = result;
  const link = trackingLink(receipt.number, receipt.trackingSecret);
  return (
    <Card withBorder p="lg" data-testid="filed" role="status">
      <Stack gap="sm">
        <Title order={3}>{t('requests.filed.title')}</Title>
        <Text>{t('requests.filed.keep')}</Text>
        <NumberWithCopy number={receipt.number} />
        <Text size="sm">{t('requests.filed.linkHint')}</Text>
        <Anchor href={link} style={wrap} data-testid="tracking-link">
          {link}
        </Anchor>
        {(receipt.resolutionDueAt ?? receipt.responseDueAt) && (
          <Text size="sm">{t(receipt.resolutionDueAt ? 'requests.filed.due' : 'requests.filed.responseDue', { at: formatAt(receipt.resolutionDueAt ?? receipt.responseDueAt, lang, timeZone) })}</Text>
        )}
        {receipt.priority && <Badge color="red">{t('requests.priority')}</Badge>}
        {result.uploadProblems.length > 0 && (
          <Alert color="orange" title={t('requests.filed.uploadProblems')}>
            {result.uploadProblems.map((p) => (
              <Text key={p} size="sm">
                {p}
              </Text>
            ))}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

/**
 * After a desk intake: the number and, shown once, the tracking link to hand to the requester
 * (with it they follow and answer without an account).
 */
export function IntakeFiled({ result, onOpen, onAnother }: { result: FiledResult; onOpen: () => void; onAnother: () => void }) {
  const { t } = useTranslation();
  const { receipt } = result;
  return (
    <Card withBorder data-testid="filed" role="status">
      <Stack gap="sm">
        <Text>{t('requests.intake.filed')}</Text>
        <NumberWithCopy number={receipt.number} />
        <Text size="sm">{t('requests.intake.giveNumber')}</Text>
        <Anchor href={`/lacak/${receipt.number}#k=${receipt.trackingSecret}`} size="sm" style={wrap} data-testid="tracking-link">
          {trackingLink(receipt.number, receipt.trackingSecret)}
        </Anchor>
        <Group>
          <Button onClick={onOpen}>{t('requests.intake.open')}</Button>
          <Button variant="light" onClick={onAnother}>
            {t('requests.intake.another')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
