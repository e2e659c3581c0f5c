import { AppShell, Badge, Burger, Button, Group, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { logout } from '../api/client';
import { setLang } from '../i18n';
import { useLang } from '../lib/lang';
import { hasRole, useSession } from './auth';
import { RouteFallback } from './RouteFallback';

/**
 * The sections, each with the roles that work in it (admins see all): a section a role can
 * do nothing in is not offered. Orders are read by accountants (the jobs behind statements
 * and invoices), taken only by dispatchers.
 */
const NAV: { key: string; roles: string[] }[] = [
  { key: 'today', roles: ['dispatcher', 'accountant'] },
  { key: 'members', roles: ['dispatcher', 'accountant'] },
  { key: 'orders', roles: ['dispatcher', 'accountant'] },
  { key: 'dispatch', roles: ['dispatcher'] },
  { key: 'billing', roles: ['accountant'] },
  { key: 'insurance', roles: ['dispatcher', 'accountant'] },
  { key: 'settings', roles: ['dispatcher', 'accountant'] },
];

/** The signed-in frame: navigation, the user and their role, sign-out, the language toggle. */
export function Layout() {
  const { t } = useTranslation();
  const lang = useLang();
  const user = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [opened, { toggle, close }] = useDisclosure();
  // Signed out on purpose: the next sign-in starts at Today. Session lost: it comes back here.
  const signedOut = useRef(false);
  if (!user) return <Navigate to="/signin" replace state={signedOut.current ? null : { from: location.pathname + location.search }} />;
  const signOut = async () => {
    signedOut.current = true;
    await logout();
    navigate('/signin', { replace: true });
  };
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 200, breakpoint: 'md', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label={t('nav.menu')} />
            <Title order={4}>{t('app.name')}</Title>
            <Text c="dimmed" visibleFrom="md">
              {t('app.office')}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Text size="sm" data-testid="user-name">
              {user.name}
            </Text>
            {user.roles.map((r) => (
              <Badge key={r} variant="light" data-testid="user-role">
                {t(`roles.${r}`)}
              </Badge>
            ))}
            <Button size="xs" variant="subtle" onClick={() => setLang(lang === 'ko' ? 'en' : 'ko')} data-testid="lang-toggle">
              {t('session.language')}
            </Button>
            <Button size="xs" variant="default" onClick={() => void signOut()} data-testid="sign-out">
              {t('session.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        {NAV.filter((n) => hasRole(user, ...n.roles)).map(({ key }) => (
          <NavLink
            key={key}
            component={Link}
            to={`/${key}`}
            label={t(`nav.${key}`)}
            active={location.pathname.startsWith(`/${key}`)}
            onClick={close}
            data-testid={`nav-${key}`}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<RouteFallback />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
