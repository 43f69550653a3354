import { Alert, Button, Divider, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { skmElements, type RespondentProfile, type SkmAnswers, type SkmElementCode } from '../../../../shared/contracts/surveys.js';
import type { Language } from '../../../../shared/i18n/languages.js';
import { ElementQuestion } from './element-question.js';
import { ProfileFields } from './profile-fields.js';

const emptyProfile: RespondentProfile = { sex: null, ageBand: null, education: null, occupation: null };

export interface SurveyAnswers {
  answers: SkmAnswers;
  profile: RespondentProfile;
  suggestion: string | null;
}

/**
 * The questionnaire of PermenPANRB 14/2017: the nine questions, the optional profile and a
 * suggestion, with the check that every question is answered. The kiosk and the requester's
 * survey of a closed request both show it; remount it (React `key`) to clear it.
 */
export function SurveyForm(props: { lang: Language; onSubmit: (value: SurveyAnswers) => void; pending: boolean; error: string | null }) {
  const { t } = useTranslation();
  const [answers, setAnswers] = useState<Partial<Record<SkmElementCode, number>>>({});
  const [profile, setProfile] = useState<RespondentProfile>(emptyProfile);
  const [suggestion, setSuggestion] = useState('');
  const [showMissing, setShowMissing] = useState(false);
  const missing = skmElements.filter((e) => answers[e.code] === undefined);

  function send() {
    if (missing.length > 0) {
      setShowMissing(true);
      document.getElementById(`skm-${missing[0]!.code}`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      return;
    }
    props.onSubmit({ answers: answers as SkmAnswers, profile, suggestion: suggestion.trim() || null });
  }

  return (
    <Stack gap="xl">
      {skmElements.map((element, i) => (
        <ElementQuestion
          key={element.code}
          element={element}
          number={i + 1}
          lang={props.lang}
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
        <ProfileFields value={profile} onChange={setProfile} lang={props.lang} />
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
      {props.error !== null && (
        <Alert color="red" title={t('surveys.kiosk.failed')}>
          {props.error}
        </Alert>
      )}
      <Button size="xl" fullWidth onClick={send} loading={props.pending}>
        {t('surveys.kiosk.submit')}
      </Button>
    </Stack>
  );
}
