import { Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled part of a long page (a heading level below the page's own). */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section">
      <Title order={3} size="h4">
        {title}
      </Title>
      {children}
    </Stack>
  );
}
