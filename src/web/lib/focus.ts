import { useEffect, useRef, type RefObject } from 'react';

/**
 * After a failed submit, moves the focus to the first field marked invalid (Mantine sets
 * aria-invalid on inputs given an `error`), else to the form's alert, so a keyboard or screen
 * reader user lands on what needs fixing.
 */
export function useFocusOnError(formRef: RefObject<HTMLElement | null>, error: unknown) {
  const last = useRef<unknown>(null);
  useEffect(() => {
    if (!error || error === last.current) return;
    last.current = error;
    const root = formRef.current;
    if (!root) return;
    const target = root.querySelector<HTMLElement>('[aria-invalid="true"]') ?? root.querySelector<HTMLElement>('[role="alert"]');
    if (target) {
      if (target.getAttribute('role') === 'alert' && !target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus();
    }
  }, [error, formRef]);
}

/** Focuses a step's heading when the step appears, so the reader hears where they are. */
export function useFocusHeading(ref: RefObject<HTMLElement | null>, key: unknown) {
  useEffect(() => {
    ref.current?.focus();
  }, [ref, key]);
}
