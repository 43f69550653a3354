import { Alert, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { NotFoundPage } from './not-found.js';

/**
 * What a visitor sees when a page fails while drawing: an apology in their language and a way
 * on, inside the usual layout, instead of React Router's developer message. The error itself
 * goes to the browser console for whoever investigates.
 */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  console.error(error);
  return (
    <Stack gap="sm" role="alert">
      <Title order={2}>{t('routeError.title')}</Title>
      <Alert color="red">
        <Text>{t('routeError.body')}</Text>
      </Alert>
      <Group>
        <Button onClick={() => window.location.reload()}>{t('routeError.reload')}</Button>
        <Anchor component={Link} to="/">
          {t('notFound.back')}
        </Anchor>
      </Group>
    </Stack>
  );
}
