import { Alert, Anchor, Button, Card, Divider, Stack, Text, Textarea, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { skmElements, type RespondentProfile, type SkmAnswers, type SkmElementCode } from '../../../shared/contracts/surveys.js';
import { useService } from '../../features/standards/api/standards.js';
import { QueryState } from '../../features/standards/components/query-state.js';
import { useSubmitKiosk } from '../../features/surveys/api/surveys.js';
import { ElementQuestion } from '../../features/surveys/components/element-question.js';
import { ProfileFields } from '../../features/surveys/components/profile-fields.js';

const emptyProfile: RespondentProfile = { sex: null, ageBand: null, education: null, occupation: null };
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
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const service = useService(code, serviceCode);
  const submit = useSubmitKiosk(code);
  const [answers, setAnswers] = useState<Partial<Record<SkmElementCode, number>>>({});
  const [profile, setProfile] = useState<RespondentProfile>(emptyProfile);
  const [suggestion, setSuggestion] = useState('');
  const [showMissing, setShowMissing] = useState(false);

  const missing = skmElements.filter((e) => answers[e.code] === undefined);

  function reset() {
    setAnswers({});
    setProfile(emptyProfile);
    setSuggestion('');
    setShowMissing(false);
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

  function send() {
    if (missing.length > 0) {
      setShowMissing(true);
      document.getElementById(`skm-${missing[0]!.code}`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      return;
    }
    submit.mutate({
      serviceCode,
      channel: channel && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(channel) ? channel : null,
      answers: answers as SkmAnswers,
      profile,
      suggestion: suggestion.trim() || null,
    });
  }

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

            {skmElements.map((element, i) => (
              <ElementQuestion
                key={element.code}
                element={element}
                number={i + 1}
                lang={lang}
                value={answers[element.code]}
                onChange={(value) => setAnswers((prev) => ({ ...prev, [element.code]: value }))}
                error={showMissing && answers[element.code] === undefined ? t('surveys.kiosk.required') : undefined}
              />
            ))}

            <Divider />
            <Stack gap="xs">
              <Title order={3}>{t('surveys.kiosk.profileTitle')}</Title>
              <Text size="sm" c="dimmed">
                {t('surveys.kiosk.profileOptional')}
              </Text>
              <ProfileFields value={profile} onChange={setProfile} lang={lang} />
            </Stack>

            <Textarea
              size="lg"
              label={t('surveys.kiosk.suggestion')}
              description={t('surveys.kiosk.suggestionHint')}
              value={suggestion}
              onChange={(e) => setSuggestion(e.currentTarget.value)}
              maxLength={2000}
              autosize
              minRows={3}
            />

            {showMissing && missing.length > 0 && (
              <Alert color="orange" title={t('surveys.kiosk.missingTitle')}>
                {t('surveys.kiosk.missing', { list: missing.map((e) => e.code).join(', ') })}
              </Alert>
            )}
            {submit.isError && (
              <Alert color="red" title={t('surveys.kiosk.failed')}>
                {submit.error.message}
              </Alert>
            )}
            <Button size="xl" fullWidth onClick={send} loading={submit.isPending}>
              {t('surveys.kiosk.submit')}
            </Button>
            <Text size="xs" c="dimmed">
              {t('surveys.kiosk.privacy')}
            </Text>
          </Stack>
        )
      }
    </QueryState>
  );
}
