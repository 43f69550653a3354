import { Badge, Group, List, Stack, Text, ThemeIcon } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { feeAmount, type ServiceStandard } from '../../../../shared/standard/schema.js';
import { DataTable } from '../../../components/ui/data-table.js';
import { wrap } from '../../../components/ui/styles.js';
import { formatRupiah } from '../../../lib/format.js';
import { useFormatLimit } from '../../../lib/time-limit.js';

/** Each channel with its own time limit (and response limit), as the standard gives them. */
export function ChannelTable({ channels }: { channels: ServiceStandard['channels'] }) {
  const { t } = useTranslation();
  const formatLimit = useFormatLimit();
  return (
    <DataTable
      rows={channels}
      rowKey={(c) => c.code}
      minWidth={280}
      scrollType="native"
      withTableBorder
      verticalSpacing="xs"
      aria-label={t('standards.channels.title')}
      columns={[
        {
          key: 'channel',
          header: t('standards.channels.channel'),
          cellProps: { valign: 'top' },
          cell: (c) => (
            <>
              <Text size="sm" fw={500} style={wrap}>
                {c.label}
              </Text>
              <Text size="xs" c="dimmed" style={wrap}>
                {t(`standards.channelKind.${c.kind}`)}
                {c.value ? ` · ${c.value}` : ''}
              </Text>
              {c.note && (
                <Text size="xs" c="dimmed" fs="italic" style={wrap}>
                  {c.note}
                </Text>
              )}
            </>
          ),
        },
        { key: 'timeLimit', header: t('standards.channels.timeLimit'), cellProps: { valign: 'top' }, cell: (c) => <Text size="sm">{c.timeLimit ? formatLimit(c.timeLimit) : c.limitNotStated ? `${t('standards.channels.notStated')}: “${c.limitNotStated}”` : '—'}</Text> },
        { key: 'responseLimit', header: t('standards.channels.responseLimit'), cellProps: { valign: 'top' }, cell: (c) => <Text size="sm">{c.responseLimit ? formatLimit(c.responseLimit) : '—'}</Text> },
      ]}
    />
  );
}

/** The requirement checklist: what to bring or send, and where it applies. */
export function RequirementChecklist({ service }: { service: ServiceStandard }) {
  const { t } = useTranslation();
  if (service.requirements.length === 0) return <Text size="sm">{t('standards.requirements.none')}</Text>;
  const channelLabel = new Map(service.channels.map((c) => [c.code, c.label]));
  return (
    <List spacing="xs" listStyleType="none" aria-label={t('standards.requirements.title')}>
      {service.requirements.map((r) => (
        <List.Item
          key={r.code}
          icon={
            <ThemeIcon size={20} radius="xl" variant={r.required ? 'filled' : 'light'} aria-hidden>
              ✓
            </ThemeIcon>
          }
        >
          <Text size="sm" style={wrap}>
            {r.label}
          </Text>
          <Group gap={4} mt={2}>
            <Badge size="xs" variant="light">
              {t(`standards.requirementKind.${r.kind}`)}
            </Badge>
            <Badge size="xs" variant="outline" color={r.required ? 'red' : 'gray'}>
              {t(r.required ? 'standards.requirements.required' : 'standards.requirements.optional')}
            </Badge>
            {r.channels?.map((c) => (
              <Badge key={c} size="xs" variant="outline" color="gray">
                {channelLabel.get(c) ?? c}
              </Badge>
            ))}
            {r.requesterTypes?.map((rt) => (
              <Badge key={rt} size="xs" variant="outline" color="grape">
                {t(`standards.requesterType.${rt}`)}
              </Badge>
            ))}
          </Group>
          {r.note && (
            <Text size="xs" c="dimmed" style={wrap}>
              {r.note}
            </Text>
          )}
        </List.Item>
      ))}
    </List>
  );
}

/** The workflow: numbered steps, who acts, and where each action leads. */
export function WorkflowSteps({ service, roles }: { service: ServiceStandard; roles: { code: string; name: string }[] }) {
  const { t } = useTranslation();
  const formatLimit = useFormatLimit();
  const roleName = new Map(roles.map((r) => [r.code, r.name]));
  const stepName = new Map(service.workflow.steps.map((s) => [s.code, s.name]));
  const tiers = service.workflow.tiers;
  const tierName = new Map(tiers.map((tier) => [tier.code, tier.name]));
  const who = (role: string | undefined) =>
    role === undefined ? null : role === 'requester' ? t('standards.workflow.requester') : (roleName.get(role) ?? role);
  return (
    <Stack gap="sm">
      {tiers.length > 0 && (
        <div>
          <Text size="sm" fw={600}>
            {t('standards.workflow.tiers')}
          </Text>
          <List type="ordered" size="sm" spacing={2}>
            {tiers.map((tier) => (
              <List.Item key={tier.code}>
                {tier.name}
                {tier.timeLimit ? ` (${formatLimit(tier.timeLimit)})` : ''}
              </List.Item>
            ))}
          </List>
        </div>
      )}
      <List type="ordered" spacing="sm" aria-label={t('standards.workflow.title')}>
        {service.workflow.steps.map((step) => (
          <List.Item key={step.code}>
            <Text size="sm" fw={500} style={wrap}>
              {step.name}
            </Text>
            {step.role && (
              <Text size="xs" c="dimmed">
                {t('standards.workflow.actor', { role: who(step.role) })}
                {step.tier ? ` · ${tierName.get(step.tier) ?? step.tier}` : ''}
              </Text>
            )}
            {step.final && (
              <Badge size="xs" variant="light" color="green">
                {t(`standards.outcome.${step.outcome ?? 'completed'}`)}
              </Badge>
            )}
            {step.actions.length > 0 && (
              <List size="xs" spacing={2} mt={4} withPadding>
                {step.actions.map((a) => (
                  <List.Item key={a.code}>
                    <Text size="xs" style={wrap} span>
                      {a.label} → {stepName.get(a.to) ?? a.to}
                    </Text>{' '}
                    {a.pausesClock && (
                      <Badge size="xs" variant="outline" color="orange">
                        {t('standards.workflow.pausesClock')}
                      </Badge>
                    )}{' '}
                    {a.escalates && (
                      <Badge size="xs" variant="outline" color="red">
                        {t('standards.workflow.escalates', { tier: tierName.get(a.escalates) ?? a.escalates })}
                      </Badge>
                    )}
                  </List.Item>
                ))}
              </List>
            )}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

/** Products, fee, lead-time rules and the multi-stage timeline, when the service has them. */
export function ServiceFacts({ service }: { service: ServiceStandard }) {
  const { t, i18n } = useTranslation();
  const formatLimit = useFormatLimit();
  const { timeline } = service;
  // A fee the standard does not state is "not stated", never "free".
  const feeText = (amount: number | null) =>
    amount === null ? t('standards.facts.feeNotStated') : amount === 0 ? t('standards.facts.free') : formatRupiah(amount, i18n.language);
  return (
    <Stack gap="sm">
      <div>
        <Text size="sm" fw={600}>
          {t('standards.facts.products')}
        </Text>
        <List size="sm" spacing={2}>
          {service.products.map((p) => (
            <List.Item key={p.code}>{p.name}</List.Item>
          ))}
        </List>
      </div>
      <div>
        <Text size="sm" fw={600}>
          {t('standards.facts.fee')}
        </Text>
        <Text size="sm" data-testid="service-fee">
          {feeText(feeAmount(service))}
          {service.fee.note ? ` — ${service.fee.note}` : ''}
        </Text>
      </div>
      {service.leadTimeRules.length > 0 && (
        <div>
          <Text size="sm" fw={600}>
            {t('standards.facts.leadTime')}
          </Text>
          <List size="sm" spacing={2}>
            {service.leadTimeRules.map((r) => (
              <List.Item key={r.code}>
                {r.label} ({t('standards.facts.atLeastBefore', { limit: formatLimit(r.minimum), before: r.before })})
              </List.Item>
            ))}
          </List>
        </div>
      )}
      {timeline && (
        <div>
          <Text size="sm" fw={600}>
            {t('standards.facts.timeline')}
          </Text>
          <List type="ordered" size="sm" spacing={2}>
            {timeline.stages.map((stage) => (
              <List.Item key={stage.code}>
                {stage.name}:{' '}
                {stage.limit
                  ? formatLimit(stage.limit)
                  : timeline.variants
                      .map((v) => `${v.name} ${stage.limitsByVariant?.[v.code] ? formatLimit(stage.limitsByVariant[v.code]!) : '—'}`)
                      .join('; ')}
              </List.Item>
            ))}
          </List>
        </div>
      )}
    </Stack>
  );
}
