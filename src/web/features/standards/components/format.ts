import type { ComponentText } from '../../../../shared/standard/schema.js';

/** A component the source document does not state (shown as such, never hidden). */
export function isNotStated(value: ComponentText): value is { notStated: true; note?: string } {
  return typeof value === 'object';
}
