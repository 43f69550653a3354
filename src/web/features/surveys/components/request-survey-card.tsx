import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useRequestSurveyState } from '../api/surveys.js';

/** The survey page of a request; the secret stays after '#', out of server logs. */
export const requestSurveyPath = (number: string, secret: string) => `/lacak/${encodeURIComponent(number)}/survei#k=${encodeURIComponent(secret)}`;

/** On the tracking page of a closed request: the invitation to the survey, or thanks once answered. */
export function RequestSurveyCard({ number, secret }: { number: string; secret: string }) {
  const { t } = useTranslation();
  const state = useRequestSurveyState(number, secret);
  if (!state.data || state.data.state === 'not_closed') return null;
  if (state.data.state === 'answered') {
    return (
      <Card withBorder radius="md" bg="green.0" data-testid="request-survey">
        <Text fw={600}>{t('surveys.request.answered')}</Text>
      </Card>
    );
  }
  return (
    <Card withBorder radius="md" bg="blue.0" data-testid="request-survey">
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('surveys.request.cardTitle')}
        </Title>
        <Text>{t('surveys.request.cardText')}</Text>
        <Group>
          <Button component={Link} to={requestSurveyPath(number, secret)} size="md">
            {t('surveys.request.fill')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
