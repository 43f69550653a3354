/**
 * An audit entry in words: the action from i18n (`audit.actions.<group>.<name>`) or, for an action
 * without words yet, its name made readable ("role_granted" → "Role granted"); the target by the
 * number, name or e-mail the entry carries, never by a bare UUID. Pure, so unit tests check it.
 */
type Translate = (key: string, options: { defaultValue: string }) => string;

/** "users.role_granted" → "Role granted": the readable fallback of an action without words. */
export function readableCode(code: string): string {
  const last = code.split('.').pop() ?? code;
  const words = last.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function actionWords(action: string, t: Translate): string {
  return t(`audit.actions.${action}`, { defaultValue: readableCode(action) });
}

const labelFields = ['number', 'name', 'title', 'email', 'code'] as const;

/** The first of number, name, title, e-mail or code the entry's after (else before) state carries. */
function labelOf(state: unknown): string | null {
  if (!state || typeof state !== 'object') return null;
  const record = state as Record<string, unknown>;
  for (const field of labelFields) {
    const value = record[field];
    if (typeof value === 'string' && value.trim()) return value;
    if (typeof value === 'number') return String(value);
  }
  return null;
}

export function targetWords(entry: { targetType: string | null; before?: unknown; after?: unknown }, t: Translate): string | null {
  if (!entry.targetType) return null;
  const kind = t(`audit.targetTypes.${entry.targetType}`, { defaultValue: readableCode(entry.targetType) });
  const label = labelOf(entry.after) ?? labelOf(entry.before);
  return label ? `${kind} ${label}` : kind;
}
