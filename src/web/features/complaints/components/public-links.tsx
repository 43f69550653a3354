import { Anchor, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The public complaint pages of an agency: file, track, statistics. */
export function PublicLinks({ code }: { code: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="md">
      <Anchor component={Link} to={`/instansi/${code}/pengaduan`}>{t('complaints.nav.file')}</Anchor>
      <Anchor component={Link} to={`/instansi/${code}/pengaduan/lacak`}>{t('complaints.nav.track')}</Anchor>
      <Anchor component={Link} to={`/instansi/${code}/pengaduan/statistik`}>{t('complaints.nav.statistics')}</Anchor>
    </Group>
  );
}
