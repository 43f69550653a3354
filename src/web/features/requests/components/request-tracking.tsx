import { Alert, Button, Card, Loader, SegmentedControl, Stack, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicRequestView } from '../../../../shared/contracts/requests.js';
import { fieldErrors } from '../../../lib/form-errors.js';
import { useTrackRequest } from '../api/requests.js';

/**
 * Following a request without an account: by its number with the e-mail or phone it was filed
 * with, or straight from the tracking link (`number` and `secret` given: looked up once per
 * link). Once found, `children` draws it; the requester may then look up another.
 */
export function RequestTracking({
  number: linkNumber,
  secret,
  children,
}: {
  number: string | undefined;
  secret: string | null;
  children: (view: PublicRequestView, onChange: (view: PublicRequestView) => void) => ReactNode;
}) {
  const { t } = useTranslation();
  const track = useTrackRequest();
  const [number, setNumber] = useState(linkNumber ?? '');
  const [by, setBy] = useState<'email' | 'phone'>('email');
  const [contact, setContact] = useState('');
  const [view, setView] = useState<PublicRequestView | null>(null);
  const errors = fieldErrors(track.error);

  useEffect(() => {
    if (linkNumber && secret) track.mutate({ number: linkNumber, secret }, { onSuccess: setView });
    // Only when the link changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [linkNumber, secret]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    track.mutate({ number: number.trim().toUpperCase(), ...(by === 'email' ? { email: contact.trim() } : { phone: contact.trim() }) }, { onSuccess: setView });
  };
  if (view) {
    return (
      <>
        {children(view, setView)}
        <Button variant="subtle" onClick={() => setView(null)}>
          {t('requests.track.another')}
        </Button>
      </>
    );
  }
  return (
    <Card withBorder>
      <form onSubmit={onSubmit}>
        <Stack gap="sm">
          <TextInput label={t('requests.track.number')} required value={number} onChange={(e) => setNumber(e.currentTarget.value)} error={errors.number} />
          <SegmentedControl
            value={by}
            onChange={(v) => setBy(v as 'email' | 'phone')}
            data={[
              { value: 'email', label: t('requests.form.email') },
              { value: 'phone', label: t('requests.form.phone') },
            ]}
          />
          <TextInput
            label={by === 'email' ? t('requests.form.email') : t('requests.form.phone')}
            type={by === 'email' ? 'email' : 'tel'}
            required
            value={contact}
            onChange={(e) => setContact(e.currentTarget.value)}
            error={errors[by]}
          />
          {track.isError && Object.keys(errors).length === 0 && (
            <Alert color="red" role="alert">
              {track.error.message}
            </Alert>
          )}
          {track.isPending && secret && <Loader size="sm" />}
          <Button type="submit" loading={track.isPending}>
            {t('requests.track.submit')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
