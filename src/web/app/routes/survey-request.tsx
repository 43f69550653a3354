import { Alert, Anchor, Button, Card, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { QueryState } from '../../components/ui/query-state.js';
import { useRequestSurveyState, useSubmitRequestSurvey } from '../../features/surveys/api/surveys.js';
import { requestSurveyPath } from '../../features/surveys/components/request-survey-card.js';
import { SurveyForm } from '../../features/surveys/components/survey-form.js';
import { useLanguage } from '../../i18n/use-language.js';

/** The secret of a pasted tracking link (`…/lacak/NUMBER#k=SECRET`), or the pasted text itself. */
function secretOf(pasted: string): string {
  const text = pasted.trim();
  const hash = text.indexOf('#');
  return hash >= 0 ? (new URLSearchParams(text.slice(hash + 1)).get('k') ?? '') : text;
}

/**
 * /lacak/:number/survei#k=…: the requester's satisfaction survey of a closed request, once per
 * request. `k` is the tracking secret (from the tracking page) or the survey link's token (from
 * the invitation e-mail, `s1.…`: it opens the survey only, not the tracking page). Without
 * either, the page asks for the tracking link the requester was given.
 */
export function RequestSurveyPage() {
  const { number = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const { t } = useTranslation();
  const lang = useLanguage();
  const secret = new URLSearchParams(location.hash.slice(1)).get('k');
  const state = useRequestSurveyState(number, secret);
  const submit = useSubmitRequestSurvey(number);
  const [pasted, setPasted] = useState('');
  const trackingSecret = secret && !secret.startsWith('s1.') ? secret : null;
  const trackingPath = `/lacak/${encodeURIComponent(number)}${trackingSecret ? `#k=${encodeURIComponent(trackingSecret)}` : ''}`;

  const onPaste = (e: FormEvent) => {
    e.preventDefault();
    const found = secretOf(pasted);
    if (found) void navigate(requestSurveyPath(number, found));
  };

  return (
    <Stack gap="lg" maw={960} mx="auto">
      <Stack gap={4}>
        <Title order={2}>{t('surveys.kiosk.title')}</Title>
        <Text size="lg" fw={500}>
          {t('surveys.request.of', { number })}
        </Text>
      </Stack>
      {!secret ? (
        <Card withBorder>
          <form onSubmit={onPaste}>
            <Stack gap="sm">
              <Text>{t('surveys.request.needLink')}</Text>
              <TextInput label={t('surveys.request.linkLabel')} required value={pasted} onChange={(e) => setPasted(e.currentTarget.value)} />
              <Button type="submit">{t('surveys.request.open')}</Button>
            </Stack>
          </form>
        </Card>
      ) : submit.isSuccess ? (
        <Card withBorder radius="md" p="xl" role="status">
          <Stack gap="md" align="center" ta="center">
            <Title order={2}>{t('surveys.kiosk.thanksTitle')}</Title>
            <Text size="lg">{t('surveys.kiosk.thanksText')}</Text>
            <Anchor component={Link} to={trackingPath}>
              {t('surveys.request.back')}
            </Anchor>
          </Stack>
        </Card>
      ) : (
        <QueryState query={state}>
          {(data) =>
            data.state === 'not_closed' ? (
              <Alert color="blue">{t('surveys.request.notClosed')}</Alert>
            ) : data.state === 'answered' ? (
              <Alert color="green" title={t('surveys.request.answered')}>
                <Anchor component={Link} to={trackingPath}>
                  {t('surveys.request.back')}
                </Anchor>
              </Alert>
            ) : (
              <Stack gap="xl">
                <Text>{t('surveys.request.intro')}</Text>
                <SurveyForm
                  lang={lang}
                  pending={submit.isPending}
                  error={submit.isError ? submit.error.message : null}
                  onSubmit={(value) => submit.mutate({ secret, ...value })}
                />
              </Stack>
            )
          }
        </QueryState>
      )}
    </Stack>
  );
}
