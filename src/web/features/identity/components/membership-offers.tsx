import { Alert, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { problemsOf } from '../../../lib/form-errors.js';
import { useAnswerOffer, useMembershipOffers } from '../api/staff.js';

/**
 * Roles agencies offer the person: an agency cannot add someone who already has an account to its
 * staff; the person accepts or declines here. Nothing is shown when there is no offer.
 */
export function MembershipOffers() {
  const { t } = useTranslation();
  const offers = useMembershipOffers();
  const answer = useAnswerOffer();
  if (!offers.data?.items.length) return null;
  return (
    <Card withBorder component="section" aria-labelledby="offers-heading">
      <Stack gap="sm">
        <Title order={3} size="h4" id="offers-heading">
          {t('account.offersTitle')}
        </Title>
        <Text size="sm">{t('account.offersHint')}</Text>
        <FormAlert problems={problemsOf(answer.error)} />
        {offers.data.items.map((offer) => (
          <Alert key={offer.agency.code} color="blue" role="group" aria-label={offer.agency.name}>
            <Stack gap="xs">
              <Text fw={600}>{offer.agency.name}</Text>
              <Group gap={4} wrap="wrap">
                {offer.roles.map((r) => (
                  <Badge key={r.code} variant="light">
                    {r.name}
                  </Badge>
                ))}
              </Group>
              {offer.offeredBy && <Text size="sm">{t('account.offeredBy', { name: offer.offeredBy })}</Text>}
              <Group gap="sm">
                <Button size="xs" loading={answer.isPending} onClick={() => answer.mutate({ agency: offer.agency.code, accept: true })}>
                  {t('account.offerAccept')}
                </Button>
                <Button size="xs" variant="default" loading={answer.isPending} onClick={() => answer.mutate({ agency: offer.agency.code, accept: false })}>
                  {t('account.offerDecline')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        ))}
      </Stack>
    </Card>
  );
}
