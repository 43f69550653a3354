import { PasswordInput as MantinePasswordInput, type PasswordInputProps } from '@mantine/core';
import { useId } from 'react';

/**
 * Mantine's PasswordInput shows `error` and `description` but (unlike TextInput) does not tie them
 * to its input: no aria-invalid, no aria-describedby. This one does, so a screen reader reads the
 * rule that failed with the field, and focus-on-error finds the field.
 */
export function PasswordInput(props: PasswordInputProps) {
  const generated = useId();
  const id = props.id ?? `pw-${generated.replace(/:/g, '')}`;
  const describedBy = [props.error ? `${id}-error` : null, props.description ? `${id}-description` : null].filter(Boolean).join(' ');
  return <MantinePasswordInput {...props} id={id} aria-invalid={props.error ? true : undefined} aria-describedby={describedBy || undefined} />;
}
