import { Anchor, Button, Card, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { QueryState } from '../../components/ui/query-state.js';
import { useService } from '../../features/standards/api/standards.js';
import { useSubmitKiosk } from '../../features/surveys/api/surveys.js';
import { SurveyForm } from '../../features/surveys/components/survey-form.js';
import { useLanguage } from '../../i18n/use-language.js';

/** After a response the kiosk clears itself for the next person. */
const resetAfterMs = 20_000;

/**
 * The satisfaction survey of one service, as a tablet at the desk (or a phone) shows it:
 * anonymous, the nine questions of PermenPANRB 14/2017 with their four answers, the profile and
 * a suggestion. `?kanal=walk-in` records the channel the tablet stands at.
 */
export function SurveyKioskPage() {
  const { code = '', service: serviceCode = '' } = useParams();
  const [search] = useSearchParams();
  const channel = search.get('kanal');
  const { t } = useTranslation();
  const lang = useLanguage();
  const service = useService(code, serviceCode);
  const submit = useSubmitKiosk(code);
  // A new round remounts the form, which clears it for the next person.
  const [round, setRound] = useState(0);

  function reset() {
    setRound((n) => n + 1);
    submit.reset();
    window.scrollTo({ top: 0 });
  }

  useEffect(() => {
    if (!submit.isSuccess) return;
    const timer = window.setTimeout(reset, resetAfterMs);
    return () => window.clearTimeout(timer);
    // reset only depends on setters and the mutation, stable across renders.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [submit.isSuccess]);

  return (
    <QueryState query={service}>
      {({ agency, service: svc }) =>
        submit.isSuccess ? (
          <Card withBorder radius="md" p="xl" role="status">
            <Stack gap="md" align="center" ta="center">
              <Title order={2}>{t('surveys.kiosk.thanksTitle')}</Title>
              <Text size="lg">{t('surveys.kiosk.thanksText')}</Text>
              <Button size="xl" onClick={reset}>
                {t('surveys.kiosk.again')}
              </Button>
              <Anchor component={Link} to={`/instansi/${agency.code}/survei`}>
                {t('surveys.kiosk.seeResults')}
              </Anchor>
            </Stack>
          </Card>
        ) : (
          <Stack gap="xl" maw={960} mx="auto">
            <Stack gap={4}>
              <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {agency.name}
              </Text>
              <Title order={2}>{t('surveys.kiosk.title')}</Title>
              <Text size="lg" fw={500} style={{ overflowWrap: 'anywhere' }}>
                {svc.name}
              </Text>
              <Text>{t('surveys.kiosk.intro')}</Text>
            </Stack>

            <SurveyForm
              key={round}
              lang={lang}
              pending={submit.isPending}
              error={submit.isError ? submit.error.message : null}
              onSubmit={(value) =>
                submit.mutate({ serviceCode, channel: channel && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(channel) ? channel : null, ...value })
              }
            />
            <Text size="xs" c="dimmed">
              {t('surveys.kiosk.privacy')}
            </Text>
          </Stack>
        )
      }
    </QueryState>
  );
}
