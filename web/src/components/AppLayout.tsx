/**
 * The signed-in frame: a header with the organization switcher and the account menu, a navigation
 * bar that becomes a drawer behind a burger button on phones, and the page in <main>.
 */
import {
  AppShell,
  Avatar,
  Burger,
  Divider,
  Group,
  Menu,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
  em,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { Link, Outlet, useParams, useRouterState } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { organizationQuery, organizationsQuery } from '../api/queries.ts';
import { getLastOrganizationId } from '../lib/last-organization.ts';
import { useMe, useSignOut } from '../session.ts';
import { Brand } from './Brand.tsx';
import {
  HomeIcon,
  ProgramsIcon,
  InboxIcon,
  LogOutIcon,
  MailIcon,
  PlusIcon,
  SettingsIcon,
  UserIcon,
  UsersIcon,
} from './Icons.tsx';
import { NavLinkLink } from './Links.tsx';
import { OrganizationSwitcher } from './OrganizationSwitcher.tsx';
import { VerifyEmailBanner } from './VerifyEmailBanner.tsx';

function initials(name: string): string {
  return (
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((part) => part[0].toUpperCase())
      .join('') || '?'
  );
}

function OrganizationNav({ organizationId }: { organizationId: string }) {
  const { data: organization } = useQuery(organizationQuery(organizationId));
  const params = { organizationId };
  return (
    <Stack gap={2}>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pb={4} truncate="end">
        {organization?.name ?? 'Organization'}
      </Text>
      <NavLinkLink
        to="/o/$organizationId"
        params={params}
        activeOptions={{ exact: true }}
        label="Overview"
        leftSection={<HomeIcon />}
      />
      <NavLinkLink
        to="/o/$organizationId/programs"
        params={params}
        label="Programs"
        leftSection={<ProgramsIcon />}
      />
      <NavLinkLink
        to="/o/$organizationId/my/applications"
        params={params}
        label="My applications"
        leftSection={<InboxIcon />}
      />
      <NavLinkLink
        to="/o/$organizationId/my/relationships"
        params={params}
        label="My mentoring"
        leftSection={<UsersIcon />}
      />
      <NavLinkLink
        to="/o/$organizationId/my/requests"
        params={params}
        label="Mentoring requests"
        leftSection={<MailIcon />}
      />
      <NavLinkLink
        to="/o/$organizationId/members"
        params={params}
        label="Members"
        leftSection={<UsersIcon />}
      />
      {organization?.can.invite ? (
        <NavLinkLink
          to="/o/$organizationId/invitations"
          params={params}
          label="Invitations"
          leftSection={<MailIcon />}
        />
      ) : null}
      <NavLinkLink
        to="/o/$organizationId/profile"
        params={params}
        label="My profile"
        leftSection={<UserIcon />}
      />
      <NavLinkLink
        to="/o/$organizationId/settings"
        params={params}
        label="Settings"
        leftSection={<SettingsIcon />}
      />
    </Stack>
  );
}

export function AppLayout() {
  const me = useMe();
  const signOut = useSignOut();
  const [opened, { toggle, close }] = useDisclosure(false);
  const isMobile = useMediaQuery(`(max-width: ${em(767)})`, false, { getInitialValueInEffect: false });
  const params = useParams({ strict: false });
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const { data: organizations } = useQuery(organizationsQuery);
  const lastId = getLastOrganizationId();
  // Outside an organization's pages (creating one, the outbox) the navigation still leads back to the
  // organization used last, if the person still belongs to it.
  const organizationId =
    params.organizationId ?? (organizations?.some((o) => o.id === lastId) ? lastId : null);
  const switcherId = params.organizationId ?? lastId;

  const burgerRef = useRef<HTMLButtonElement>(null);

  // A navigation closes the drawer on phones.
  useEffect(() => close(), [pathname, close]);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      <a href="#main" className="skip-link">
        Skip to main content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap">
            <Burger
              ref={burgerRef}
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? 'Close navigation' : 'Open navigation'}
              aria-controls="app-navigation"
              aria-expanded={opened}
            />
            <Brand />
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Group visibleFrom="sm">
              <OrganizationSwitcher currentId={switcherId} />
            </Group>
            {me ? (
              <Menu position="bottom-end" width={260} shadow="md">
                <Menu.Target>
                  <UnstyledButton aria-label={`Account: ${me.name}`} style={{ borderRadius: '50%' }}>
                    <Avatar color="navy" radius="xl" size={36}>
                      {initials(me.name)}
                    </Avatar>
                  </UnstyledButton>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Label>
                    <Text size="sm" fw={600} c="var(--mantine-color-text)" lineClamp={1}>
                      {me.name}
                    </Text>
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {me.email}
                    </Text>
                  </Menu.Label>
                  <Menu.Divider />
                  <Menu.Item component={Link} to="/account/api-tokens">
                    API tokens
                  </Menu.Item>
                  <Menu.Item leftSection={<LogOutIcon size={16} />} onClick={() => void signOut()}>
                    Sign out
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            ) : null}
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar
        p="sm"
        id="app-navigation"
        aria-label="Main navigation"
        component="nav"
        // Off-screen on phones until opened: keep it out of the tab order and the accessibility tree.
        inert={isMobile && !opened}
        onKeyDown={(event) => {
          // Escape closes the drawer on phones and returns to the button that opened it.
          if (event.key === 'Escape' && isMobile && opened) {
            close();
            burgerRef.current?.focus();
          }
        }}
      >
        <AppShell.Section hiddenFrom="sm" pb="sm">
          <OrganizationSwitcher currentId={switcherId} onNavigate={close} fullWidth />
        </AppShell.Section>
        <AppShell.Section grow component={ScrollArea}>
          {organizationId ? <OrganizationNav organizationId={organizationId} /> : null}
          {!params.organizationId ? (
            <NavLinkLink to="/organizations/new" label="Create an organization" leftSection={<PlusIcon />} />
          ) : null}
          {me?.isPlatformAdmin ? (
            <>
              <Divider my="sm" />
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pb={4}>
                Installation
              </Text>
              <NavLinkLink to="/admin/emails" label="Email outbox" leftSection={<InboxIcon />} />
            </>
          ) : null}
        </AppShell.Section>
        {me ? (
          <AppShell.Section hiddenFrom="sm" pt="sm">
            <Divider mb="sm" />
            <Text size="sm" fw={600} px="sm">
              {me.name}
            </Text>
            <Text size="xs" c="dimmed" px="sm" mb="xs">
              {me.email}
            </Text>
          </AppShell.Section>
        ) : null}
      </AppShell.Navbar>

      <AppShell.Main id="main" tabIndex={-1}>
        <Stack gap="lg" maw={1100} mx="auto">
          <VerifyEmailBanner />
          <Outlet />
        </Stack>
      </AppShell.Main>
    </AppShell>
  );
}
