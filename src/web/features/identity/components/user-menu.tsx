import { Anchor, Button, Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useMe, useSignOut } from '../api/identity.js';
import { adminPagesFor, staffHomePath, tierAgencies } from './agency-access.js';

/** An officer of a national tier reaches many agencies; past this many, the account page lists them all. */
const menuAgencyLimit = 6;

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

  // /api/me lists agencies reached through an escalation tier too, with what the server grants there.
  const administered = person.agencies.filter((a) => adminPagesFor(a).length > 0);
  const shown = administered.slice(0, menuAgencyLimit);
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="subtle" size="compact-sm" maw={{ base: 88, sm: 200 }} px={6} aria-label={t('account.menuFor', { name: person.name })}>
          <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{person.name}</span>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{person.email}</Menu.Label>
        {administered.length > 0 && (
          <Menu.Item component={Link} to={staffHomePath} fw={600}>
            {t('work.title')}
          </Menu.Item>
        )}
        <Menu.Item component={Link} to="/akun">
          {t('account.profile')}
        </Menu.Item>
        <Menu.Item component={Link} to="/akun/permohonan">
          {t('account.myRequests')}
        </Menu.Item>
        <Menu.Item component={Link} to="/penyedia">
          {t('account.myVendors')}
        </Menu.Item>
        <Menu.Item component={Link} to="/akun/sesi">
          {t('account.sessions')}
        </Menu.Item>
        <Menu.Item component={Link} to="/akun/keamanan">
          {t('account.security')}
        </Menu.Item>
        {shown.map((agency) => {
          const tiers = tierAgencies(agency);
          return [
            <Menu.Divider key={`${agency.code}-divider`} />,
            <Menu.Label key={`${agency.code}-label`}>
              {agency.name}
              {tiers.length > 0 ? ` · ${t('account.viaTier', { agencies: tiers.join(', ') })}` : ''}
            </Menu.Label>,
            ...adminPagesFor(agency).map((page) => (
              <Menu.Item key={`${agency.code}-${page.key}`} component={Link} to={`/kelola/${agency.code}/${page.path}`}>
                {t(`account.${page.key}`)}
              </Menu.Item>
            )),
          ];
        })}
        {administered.length > shown.length && (
          <Menu.Item component={Link} to="/akun">
            {t('account.allAgencies', { count: administered.length })}
          </Menu.Item>
        )}
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
