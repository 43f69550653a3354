import { Anchor, Button, Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useMe, useSignOut } from '../api/identity.js';

/** The header's account corner: "Masuk" for a visitor, the person's menu once signed in. */
export function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const person = me.data && me.data.pending === null ? me.data : null;

  if (!person) {
    return (
      <Anchor component={Link} to="/masuk" size="sm">
        {t('nav.signIn')}
      </Anchor>
    );
  }

  const administered = person.agencies.filter((a) => a.permissions.includes('users.view') || a.permissions.includes('audit.view'));
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="subtle" size="compact-sm" maw={{ base: 88, sm: 200 }} px={6} aria-label={t('account.menuFor', { name: person.name })}>
          <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{person.name}</span>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{person.email}</Menu.Label>
        <Menu.Item component={Link} to="/akun">
          {t('account.profile')}
        </Menu.Item>
        <Menu.Item component={Link} to="/akun/sesi">
          {t('account.sessions')}
        </Menu.Item>
        <Menu.Item component={Link} to="/akun/keamanan">
          {t('account.security')}
        </Menu.Item>
        {administered.map((agency) => [
          <Menu.Divider key={`${agency.code}-divider`} />,
          <Menu.Label key={`${agency.code}-label`}>{agency.name}</Menu.Label>,
          agency.permissions.includes('users.view') ? (
            <Menu.Item key={`${agency.code}-staff`} component={Link} to={`/kelola/${agency.code}/staf`}>
              {t('account.staff')}
            </Menu.Item>
          ) : null,
          agency.permissions.includes('audit.view') ? (
            <Menu.Item key={`${agency.code}-audit`} component={Link} to={`/kelola/${agency.code}/audit`}>
              {t('account.audit')}
            </Menu.Item>
          ) : null,
        ])}
        <Menu.Divider />
        <Menu.Item
          color="red"
          onClick={() =>
            signOut.mutate(undefined, {
              onSettled: () => void navigate('/masuk'),
            })
          }
        >
          {t('account.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
