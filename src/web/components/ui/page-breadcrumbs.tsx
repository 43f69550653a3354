import { Breadcrumbs } from '@mantine/core';
import type { ReactNode } from 'react';
import { wrap } from './styles.js';

// Long agency names wrap instead of widening the page on a phone.
const styles = { root: { flexWrap: 'wrap' }, breadcrumb: { whiteSpace: 'normal', minWidth: 0, ...wrap } } as const;

/** The trail above a public page: home, the agency, …; each crumb a link or, last, plain text. */
export function PageBreadcrumbs({ children }: { children: ReactNode }) {
  return (
    <Breadcrumbs separatorMargin={4} styles={styles}>
      {children}
    </Breadcrumbs>
  );
}
