import { Anchor, AppShell, Container, Group, SegmentedControl, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { languages } from '../../shared/i18n/languages.js';
import { UserMenu } from '../features/identity/components/user-menu.js';

export function Layout() {
  const { t, i18n } = useTranslation();
  return (
    <AppShell header={{ height: 60 }} padding="md">
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Container size="lg" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Anchor component={Link} to="/" underline="never" c="inherit">
              <Title order={1} size="h3">
                {t('app.name')}
              </Title>
            </Anchor>
            <Group gap="sm" wrap="nowrap">
              {/* On a phone the home page offers both; the header keeps room for the menu and language. */}
              <Anchor component={Link} to="/layanan" size="sm" visibleFrom="sm">
                {t('nav.catalogue')}
              </Anchor>
              <Anchor component={Link} to="/lacak" size="sm" visibleFrom="sm">
                {t('nav.track')}
              </Anchor>
              <UserMenu />
              <VisuallyHidden id="language-label">{t('nav.language')}</VisuallyHidden>
              <SegmentedControl
                size="xs"
                aria-labelledby="language-label"
                value={i18n.language}
                onChange={(value) => void i18n.changeLanguage(value)}
                data={languages.map((lng) => ({ value: lng, label: lng.toUpperCase() }))}
              />
            </Group>
          </Group>
        </Container>
      </AppShell.Header>
      <AppShell.Main id="main">
        <Container size="lg">
          <Outlet />
        </Container>
        <Container size="lg" mt="xl">
          <Text size="xs" c="dimmed">
            {t('app.tagline')} ·{' '}
            <Anchor href="/api/docs" size="xs">
              {t('nav.apiDocs')}
            </Anchor>
          </Text>
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
