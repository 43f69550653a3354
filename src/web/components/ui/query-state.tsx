import { Alert, Anchor, Button, Loader, Stack } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../lib/api.js';

/** Loading, not found and failure of a page's main query; the page itself once it has data. */
export function QueryState<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  const { t } = useTranslation();
  if (query.isPending) return <Loader aria-label={t('standards.loading')} />;
  if (query.isError) {
    const notFound = query.error instanceof ApiError && query.error.status === 404;
    return (
      <Alert color={notFound ? 'gray' : 'red'} title={notFound ? t('standards.notFound') : t('standards.error')}>
        <Stack gap="xs" align="flex-start">
          {query.error.message}
          {notFound ? (
            <Anchor component={Link} to="/">
              {t('notFound.back')}
            </Anchor>
          ) : (
            <Button variant="light" onClick={() => void query.refetch()}>
              {t('landing.retry')}
            </Button>
          )}
        </Stack>
      </Alert>
    );
  }
  return <>{children(query.data)}</>;
}
