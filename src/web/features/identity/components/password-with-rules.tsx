import { Box, List, Text, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordInput } from '../../../components/ui/password-input.js';
import type { SecurityPolicyInForceView } from '../../../../shared/contracts/identity.js';
import { checkPassword, type PasswordCheckBody } from '../api/identity.js';

/** The rules of the password policy, in the order a person meets them while typing. */
const rules = [
  'password.min_length',
  'password.lowercase',
  'password.uppercase',
  'password.digit',
  'password.punctuation',
  'password.personal',
  'password.guessable',
] as const;

const classRules: readonly string[] = ['password.lowercase', 'password.uppercase', 'password.digit', 'password.punctuation'];

/** Until the server names the policy in force: Sigap's floor (the agencies' policies only add to it). */
const floor: SecurityPolicyInForceView = { passwordMinLength: 10, passwordAllClasses: true, totpRequired: true, declaredBy: [] };

/** The rules a browser can judge alone, shown at once while the server's verdict is on its way. */
function localFailures(password: string, policy: SecurityPolicyInForceView): string[] {
  const failed: string[] = [];
  if ([...password].length < policy.passwordMinLength) failed.push('password.min_length');
  if (!policy.passwordAllClasses) return failed;
  if (!/\p{Ll}/u.test(password)) failed.push('password.lowercase');
  if (!/\p{Lu}/u.test(password)) failed.push('password.uppercase');
  if (!/\p{Nd}/u.test(password)) failed.push('password.digit');
  if (!/[\p{P}\p{S}]/u.test(password)) failed.push('password.punctuation');
  return failed;
}

type RuleState = 'unknown' | 'ok' | 'fail';

/**
 * A new-password field that shows each rule of the policy in force (the strictest security policy
 * of the person's agencies, or of the inviting agency, as the server names it; `policy` when the
 * page knows it already) as met or not while the person types.
 * The server decides (it knows the common-password lists and the person's details): it is asked,
 * debounced, through /api/auth/password-check with `context`; until it answers, the simple rules
 * are judged here and the other two wait.
 */
export function PasswordWithRules(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  context: Omit<PasswordCheckBody, 'password'>;
  policy?: SecurityPolicyInForceView | undefined;
  error?: string | undefined;
  name?: string;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const { value, context } = props;
  const [debounced] = useDebouncedValue(value, 350);
  const [server, setServer] = useState<{ password: string; failed: string[]; policy: SecurityPolicyInForceView } | null>(null);
  const [unavailable, setUnavailable] = useState(false);
  const contextKey = JSON.stringify(context);

  useEffect(() => {
    if (!debounced) return;
    const controller = new AbortController();
    checkPassword({ password: debounced, ...(JSON.parse(contextKey) as Omit<PasswordCheckBody, 'password'>) }, controller.signal)
      .then((result) => {
        setServer({ password: debounced, failed: result.failed.map((f) => f.rule), policy: result.policy });
        setUnavailable(false);
      })
      .catch((error: unknown) => {
        if ((error as Error).name !== 'AbortError') setUnavailable(true);
      });
    return () => controller.abort();
  }, [debounced, contextKey]);

  const fresh = server !== null && server.password === value;
  const policy = server?.policy ?? props.policy ?? floor;
  const local = localFailures(value, policy);
  const stateOf = (rule: string): RuleState => {
    if (!value) return 'unknown';
    if (fresh) return server.failed.includes(rule) ? 'fail' : 'ok';
    if (rule === 'password.personal' || rule === 'password.guessable') return 'unknown';
    return local.includes(rule) ? 'fail' : 'ok';
  };
  const shown = policy.passwordAllClasses ? rules : rules.filter((rule) => !classRules.includes(rule));
  const states = shown.map((rule) => ({ rule, state: stateOf(rule) }));
  const met = states.filter((s) => s.state === 'ok').length;
  const listId = `${props.name ?? 'password'}-rules`;
  const mark: Record<RuleState, string> = { ok: '✓', fail: '✗', unknown: '•' };
  const color: Record<RuleState, string> = { ok: 'teal.8', fail: 'red.8', unknown: 'dimmed' };

  return (
    <Box>
      <PasswordInput
        label={props.label}
        name={props.name}
        value={value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        error={props.error}
        autoComplete="new-password"
        autoFocus={props.autoFocus}
        required
        description={t('auth.password.rulesBelow')}
      />
      <Text id={`${listId}-title`} size="sm" fw={600} mt="xs">
        {t('auth.password.rulesTitle')}
      </Text>
      <Text size="xs" c="dimmed" data-testid="password-policy">
        {policy.declaredBy.length > 0 ? t('auth.password.policyOf', { agencies: policy.declaredBy.join(', ') }) : t('auth.password.policyFloor')}
      </Text>
      <List id={listId} aria-labelledby={`${listId}-title`} size="sm" spacing={2} listStyleType="none" data-testid="password-rules">
        {states.map(({ rule, state }) => (
          <List.Item key={rule} data-rule={rule} data-state={state} c={color[state]}>
            <span aria-hidden="true">{mark[state]} </span>
            {t(`auth.password.rules.${rule.slice('password.'.length)}`, { min: policy.passwordMinLength })}
            <VisuallyHidden> — {t(`auth.password.state.${state}`)}</VisuallyHidden>
          </List.Item>
        ))}
      </List>
      <Text size="xs" c="dimmed" aria-live="polite" mt={4}>
        {value ? t('auth.password.summary', { met, total: shown.length }) : ''}
        {unavailable && !fresh ? ` ${t('auth.password.checkUnavailable')}` : ''}
      </Text>
    </Box>
  );
}
