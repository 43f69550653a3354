import { Alert, Anchor, Badge, Button, Card, CopyButton, Group, Spoiler, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ClockStateName, ClockViewState, PublicRequestView, RequestStatus, RequestView } from '../../../../shared/contracts/requests.js';
import type { AgencyStandard, ServiceStandard, TimeUnit } from '../../../../shared/standard/schema.js';
import { wrap } from '../../../components/ui/styles.js';
import { useLanguage } from '../../../i18n/use-language.js';
import { ApiError } from '../../../lib/api.js';
import { formatAt, formatDeadline, remainingParts } from '../../../lib/format.js';
import { useFormatLimit } from '../../../lib/time-limit.js';

type AnyView = PublicRequestView | RequestView;

/**
 * Time left in words. A working clock says working hours ("sisa waktu kerja 30 jam 0 menit"), a
 * calendar-day clock days of wall time; negative as "terlambat …".
 */
export function useRemaining() {
  const { t } = useTranslation();
  return (minutes: number | null, unit: TimeUnit) => {
    if (minutes === null) return '';
    const p = remainingParts(minutes, unit);
    const text = [p.days ? t('requests.time.d', { count: p.days }) : '', p.hours ? t('requests.time.h', { count: p.hours }) : '', `${p.minutes} ${t('requests.time.m')}`]
      .filter(Boolean)
      .join(' ');
    const key = p.working ? (p.late ? 'workLate' : 'workLeft') : p.late ? 'late' : 'left';
    return t(`requests.time.${key}`, { text });
  };
}

export const stateColor: Record<ClockViewState, string> = { running: 'blue', paused: 'gray', handed_over: 'gray', met: 'green', late: 'red', not_started: 'gray' };
export const clockStateColor: Record<ClockStateName, string> = { ok: 'green', warning: 'orange', breached: 'red' };
export const statusColor: Record<RequestStatus, string> = { open: 'blue', waiting: 'orange', confirming: 'grape', closed: 'gray' };

/** Which rule of the standard a limit comes from (channel, tier, stage or component), with the standard's own words. */
function RuleWords({ rule }: { rule: AnyView['timeLimit']['rule'] }) {
  const { t } = useTranslation();
  const words = (
    <Text size="xs" c="dimmed" data-testid={`rule-${rule.kind}-${rule.code}`}>
      {t(`requests.clock.rule.${rule.kind}`, { name: rule.name })}
      {rule.text ? `: “${rule.text}”` : ''}
    </Text>
  );
  // A whole time-limit component can run to many lines: folded, the officer opens it to check.
  return rule.text && rule.text.length > 240 ? (
    <Spoiler maxHeight={54} showLabel={t('requests.clock.ruleMore')} hideLabel={t('requests.clock.ruleLess')} styles={{ control: { fontSize: 'var(--mantine-font-size-xs)' } }}>
      {words}
    </Spoiler>
  ) : (
    words
  );
}

/** The clocks of a request: limit, due time in the agency's zone, state, the rule it comes from; a breach said plainly. */
export function Clocks({ view, timeZone }: { view: AnyView; timeZone: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const limitText = useFormatLimit();
  const remaining = useRemaining();
  return (
    <Card withBorder component="section" aria-labelledby="clocks-heading">
      <Stack gap="xs">
        <Title order={3} size="h4" id="clocks-heading">
          {t('requests.clock.title')}
        </Title>
        {view.timeLimit.handedOver ? (
          <Alert color="gray" title={t('requests.clock.handedOverTitle', { handler: view.timeLimit.handedOver.agency?.toUpperCase() ?? view.timeLimit.handedOver.system ?? '' })} data-testid="clock-handed-over">
            <Text size="sm">{t('requests.clock.handedOverText', { tier: view.timeLimit.rule.name })}</Text>
            {view.timeLimit.handedOver.reference && (
              <Text size="sm">{t('requests.clock.externalReference', { system: view.timeLimit.handedOver.system ?? view.timeLimit.handedOver.agency ?? '', reference: view.timeLimit.handedOver.reference })}</Text>
            )}
            <RuleWords rule={view.timeLimit.rule} />
          </Alert>
        ) : (
          !view.timeLimit.stated && (
            <Stack gap={2} data-testid="clock-not-stated">
              <Text size="sm">{t('requests.clock.none')}</Text>
              <RuleWords rule={view.timeLimit.rule} />
            </Stack>
          )
        )}
        {view.clocks.map((c) => (
          <Stack key={`${c.kind}-${c.rule.code}`} gap={2} data-testid={c.kind === 'stage' ? `clock-stage-${c.rule.code}` : `clock-${c.kind}`}>
            <Group gap="xs" wrap="wrap">
              <Text fw={600} size="sm">
                {c.kind === 'stage' ? t('requests.clock.stage', { name: c.rule.name }) : t(`requests.clock.${c.kind}`)}: {limitText(c.limit)}
              </Text>
              <Badge color={c.breached ? 'red' : stateColor[c.state]} variant="light">
                {c.breached && c.state !== 'late' ? t('requests.clock.breachedBadge') : t(`requests.clock.state.${c.state}`)}
              </Badge>
            </Group>
            {c.dueAt && (
              <Text size="sm">
                {t('requests.clock.due', { at: formatDeadline(c.dueAt, lang, timeZone) })}
                {c.state === 'running' || c.state === 'late' ? ` · ${remaining(c.remainingMinutes, c.limit.unit)}` : ''}
              </Text>
            )}
            {c.state === 'paused' && <Text size="sm">{t('requests.clock.pausedText')}</Text>}
            <RuleWords rule={c.rule} />
          </Stack>
        ))}
        {view.timeLimit.stagesNotStated.map((rule) => (
          <Stack key={`stage-${rule.code}`} gap={2} data-testid={`clock-stage-${rule.code}`}>
            <Text fw={600} size="sm">
              {t('requests.clock.stage', { name: rule.name })}: {t('requests.clock.notStatedShort')}
            </Text>
            <RuleWords rule={rule} />
          </Stack>
        ))}
        {view.clockState === 'breached' && (
          <Alert color="red" title={t('requests.clock.breachedTitle')} data-testid="breach">
            {t('requests.clock.breachedText')}
            {view.compensation && (
              <Text size="sm" mt="xs" data-testid="compensation">
                {t('requests.clock.compensation')} {view.compensation}
              </Text>
            )}
          </Alert>
        )}
        {view.priority && <Badge color="red">{t('requests.priority')}</Badge>}
      </Stack>
    </Card>
  );
}

/**
 * Names from the standard the request is pinned to: action labels for the timeline (events carry
 * codes) and external systems' names. Codes are shown until the standard has loaded.
 */
export interface RequestNames {
  action(fromStep: string | null, code: string): string;
  system(code: string): string;
}

export function requestNamesOf(service: ServiceStandard | undefined, standard: AgencyStandard | undefined): RequestNames {
  return {
    action(fromStep, code) {
      const steps = service?.workflow.steps ?? [];
      const step = steps.find((st) => st.code === fromStep);
      return (step ?? steps.find((st) => st.actions.some((a) => a.code === code)))?.actions.find((a) => a.code === code)?.label ?? code;
    },
    system(code) {
      return standard?.externalSystems.find((x) => x.code === code)?.name ?? code;
    },
  };
}

/** Status and the current step in plain words. */
export function StatusLine({ view, names, staff = false }: { view: AnyView; names: RequestNames; staff?: boolean }) {
  const { t } = useTranslation();
  const status = t(`${staff ? 'requests.statusStaff' : 'requests.status'}.${view.status}`);
  const outcome = view.outcome ? t(`requests.outcome.${view.outcome}`, { defaultValue: view.outcome }) : null;
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="wrap">
        <Badge color={statusColor[view.status]} size="lg" data-testid="request-status">
          {status}
        </Badge>
        {/* A completed request is "Selesai" once, not "Selesai Selesai". */}
        {outcome && outcome !== status && <Badge variant="outline">{outcome}</Badge>}
      </Group>
      <Text>
        <Text span fw={600}>
          {t('requests.step')}:
        </Text>{' '}
        <span data-testid="current-step">{view.step.name}</span>
      </Text>
      {view.tier && (
        <Text size="sm">
          {t('requests.tier')}: {view.tier.name}
        </Text>
      )}
      {view.external && (
        <Text size="sm" data-testid="external-ref">
          {t('requests.external', { system: names.system(view.external.system), reference: view.external.reference })}
        </Text>
      )}
    </Stack>
  );
}

/** The server names who acted in Indonesian words (an officer by name for staff); shown in the reader's language. */
const actorWords: Record<string, string> = { sistem: 'system', pemohon: 'requester', petugas: 'officer' };

/** The timeline, oldest first. */
export function Timeline({ view, names, timeZone }: { view: AnyView; names: RequestNames; timeZone: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <Card withBorder component="section" aria-labelledby="timeline-heading">
      <Title order={3} size="h4" id="timeline-heading" mb="xs">
        {t('requests.timeline')}
      </Title>
      <Stack gap="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {view.events.map((e) => (
          <li key={e.seq}>
            <Group gap="xs" wrap="wrap">
              <Text size="xs" c="dimmed">
                {formatAt(e.occurredAt, lang, timeZone)}
              </Text>
              {e.visibility === 'internal' && (
                <Badge size="xs" color="gray">
                  {t('requests.internal')}
                </Badge>
              )}
              {e.actor && (
                <Text size="xs" c="dimmed">
                  {actorWords[e.actor] ? t(`requests.actorName.${actorWords[e.actor]}`) : e.actor}
                </Text>
              )}
            </Group>
            <Text size="sm" style={wrap}>
              {t(`requests.event.${e.kind}`, { defaultValue: e.kind })}
              {e.action ? ` — ${names.action(e.fromStep, e.action)}` : ''}
            </Text>
            {e.comment && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', ...wrap }} pl="sm" c={e.visibility === 'internal' ? 'dimmed' : undefined}>
                {e.comment}
              </Text>
            )}
          </li>
        ))}
      </Stack>
    </Card>
  );
}

/** Attachments with download links; confidential ones marked. */
export function Attachments({ view, hrefOf }: { view: AnyView; hrefOf: (id: string) => string | null }) {
  const { t } = useTranslation();
  if (view.attachments.length === 0) return null;
  return (
    <Card withBorder component="section" aria-labelledby="attachments-heading">
      <Title order={3} size="h4" id="attachments-heading" mb="xs">
        {t('requests.attachments')}
      </Title>
      <Stack gap={4}>
        {view.attachments.map((a) => {
          const href = hrefOf(a.id);
          return (
            <Group key={a.id} gap="xs" wrap="wrap">
              {href ? (
                <Anchor href={href} size="sm" style={wrap}>
                  {a.fileName}
                </Anchor>
              ) : (
                <Text size="sm">{a.fileName}</Text>
              )}
              <Text size="xs" c="dimmed">
                {Math.ceil(a.size / 1024)} KB
                {a.requirementCode ? ` · ${view.checklist.find((c) => c.code === a.requirementCode)?.label ?? a.requirementCode}` : ''}
              </Text>
              {a.confidential && (
                <Badge size="xs" color="red">
                  {t('requests.confidential')}
                </Badge>
              )}
            </Group>
          );
        })}
      </Stack>
    </Card>
  );
}

/** What is still missing or not yet received, for the requester. */
export function MissingItems({ view }: { view: AnyView }) {
  const { t } = useTranslation();
  const missing = view.checklist.filter((c) => c.state === 'missing' || (c.required && c.state === 'pending'));
  if (missing.length === 0) return null;
  return (
    <Alert color="orange" title={t('requests.missing.title')} data-testid="missing-items">
      <Stack gap={2} component="ul" style={{ margin: 0, paddingLeft: 18 }}>
        {missing.map((m) => (
          <li key={m.code}>
            <Text size="sm">
              {m.label}
              {m.state === 'missing' ? ` — ${t('requests.checklist.state.missing')}` : ''}
              {m.note ? `: ${m.note}` : ''}
            </Text>
          </li>
        ))}
      </Stack>
    </Alert>
  );
}

/** The checklist as a list: label, then its state (no table, so nothing is cut off on a phone). */
export function ChecklistTable({ view }: { view: AnyView }) {
  const { t } = useTranslation();
  if (view.checklist.length === 0) return null;
  return (
    <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {view.checklist.map((c) => (
        <li key={c.code}>
          <Text size="sm" style={wrap}>
            {c.label}
          </Text>
          <Badge variant="light" color={c.state === 'missing' ? 'red' : c.state === 'pending' ? 'gray' : 'green'}>
            {t(`requests.checklist.state.${c.state}`)}
          </Badge>
        </li>
      ))}
    </Stack>
  );
}

/** The number with a copy button, large: what the requester must keep. */
export function NumberWithCopy({ number }: { number: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="wrap">
      <Text fw={700} size="xl" data-testid="request-number" style={wrap}>
        {number}
      </Text>
      <CopyButton value={number}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? t('requests.copied') : t('requests.copy')}>
            <Button size="compact-sm" variant="light" onClick={copy} aria-label={t('requests.copyNumber')}>
              {copied ? t('requests.copied') : t('requests.copy')}
            </Button>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}

/** A stale version: someone else changed the request since it was loaded; the officer reloads. */
export function isConflict(error: unknown): boolean {
  // Other 409s (closed, another step's action, a tier outside this deployment) say why themselves.
  return error instanceof ApiError && error.status === 409 && error.details.some((d) => d.rule === 'stale_version');
}

export function errorText(error: unknown): string | null {
  if (!error) return null;
  return error instanceof Error ? error.message : String(error);
}
