import { Anchor, Group, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink } from 'react-router';
import { ChangePasswordForm } from '../../features/identity/components/change-password-form.js';
import { MembershipOffers } from '../../features/identity/components/membership-offers.js';
import { Memberships } from '../../features/identity/components/memberships.js';
import { ProfileForm } from '../../features/identity/components/profile-form.js';
import { RequireAuth } from '../../features/identity/components/require-auth.js';
import { SecuritySettings } from '../../features/identity/components/security-settings.js';
import { SessionsList } from '../../features/identity/components/sessions-list.js';

/** The account pages' tabs: profile, sessions, security. */
function AccountFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const tabs = [
    { to: '/akun', label: t('account.profile') },
    { to: '/akun/sesi', label: t('account.sessions') },
    { to: '/akun/keamanan', label: t('account.security') },
  ];
  return (
    <Stack gap="md" maw={720}>
      <nav aria-label={t('account.navLabel')}>
        <Group gap="xs">
          {tabs.map((tab) => (
            <Anchor key={tab.to} component={RouterNavLink} to={tab.to} end size="sm" className="account-tab">
              {tab.label}
            </Anchor>
          ))}
        </Group>
      </nav>
      <Title order={2}>{title}</Title>
      {children}
    </Stack>
  );
}

/** /akun: the person's name, birth date, agencies and roles; password change. */
export function ProfilePage() {
  const { t } = useTranslation();
  return (
    <RequireAuth>
      {(me) => (
        <AccountFrame title={t('account.profile')}>
          <MembershipOffers />
          <ProfileForm me={me} />
          <Memberships me={me} />
          <ChangePasswordForm />
        </AccountFrame>
      )}
    </RequireAuth>
  );
}

/** /akun/sesi: where the person is signed in; end one, or all. */
export function SessionsPage() {
  const { t } = useTranslation();
  return (
    <RequireAuth>
      {() => (
        <AccountFrame title={t('account.sessions')}>
          <SessionsList />
        </AccountFrame>
      )}
    </RequireAuth>
  );
}

/** /akun/keamanan: the authenticator app and recovery codes. */
export function SecurityPage() {
  const { t } = useTranslation();
  return (
    <RequireAuth>
      {(me) => (
        <AccountFrame title={t('account.security')}>
          <SecuritySettings me={me} />
        </AccountFrame>
      )}
    </RequireAuth>
  );
}

