import { Alert, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function SignInPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="md" maw={420}>
      <Title order={2}>{t('signIn.title')}</Title>
      <Alert color="blue">{t('signIn.placeholder')}</Alert>
    </Stack>
  );
}
