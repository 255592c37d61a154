/** The landing page of an organization: what it is, your role, and what to do next. */
import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { membersQuery, organizationQuery } from '../api/queries.ts';
import { MailIcon, SettingsIcon, UserIcon, UsersIcon } from '../components/Icons.tsx';
import { ButtonLink } from '../components/Links.tsx';
import { Page } from '../components/Page.tsx';
import { jurisdictionLabel } from '../lib/jurisdictions.ts';
import { KIND_LABELS, ROLE_LABELS } from '../lib/labels.ts';

const route = getRouteApi('/_app/o/$organizationId/');

function NextStep({
  icon,
  title,
  children,
  action,
}: {
  icon: React.ReactNode;
  title: string;
  children: React.ReactNode;
  action: React.ReactNode;
}) {
  return (
    <Card withBorder padding="lg">
      <Stack gap="sm" h="100%">
        <Group gap="xs" c="navy.8">
          {icon}
          <Title order={2} size="h4">
            {title}
          </Title>
        </Group>
        <Text size="sm" c="dimmed" style={{ flexGrow: 1 }}>
          {children}
        </Text>
        <Group>{action}</Group>
      </Stack>
    </Card>
  );
}

export function OrganizationOverviewPage() {
  const { organizationId } = route.useParams();
  const { data: organization } = useSuspenseQuery(organizationQuery(organizationId));
  const members = useQuery(membersQuery(organizationId));
  const params = { organizationId };

  return (
    <Page title={organization.name} documentTitle={[organization.name]}>
      <Card withBorder padding="lg">
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="lg">
          <Stack gap={2}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
              Kind
            </Text>
            <Text>{KIND_LABELS[organization.kind]}</Text>
          </Stack>
          <Stack gap={2}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
              Your role
            </Text>
            <Text>{ROLE_LABELS[organization.role]}</Text>
          </Stack>
          <Stack gap={2}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
              Time zone
            </Text>
            <Text>{organization.timeZone.replaceAll('_', ' ')}</Text>
          </Stack>
          <Stack gap={2}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
              Members
            </Text>
            <Text>{members.data ? members.data.length : '…'}</Text>
          </Stack>
        </SimpleGrid>
        <Stack gap={6} mt="lg">
          <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
            Jurisdictions
          </Text>
          {organization.jurisdictions.length ? (
            <Group gap={6}>
              {organization.jurisdictions.map((code) => (
                <Badge key={code} variant="light" color="navy" tt="none">
                  {jurisdictionLabel(code)}
                </Badge>
              ))}
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              None yet.{' '}
              {organization.can.edit ? 'Add them in the settings.' : 'An administrator can add them.'}
            </Text>
          )}
        </Stack>
      </Card>

      <Title order={2} size="h3">
        Next steps
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NextStep
          icon={<UserIcon />}
          title="Your profile"
          action={
            <ButtonLink to="/o/$organizationId/profile" params={params} variant="light">
              Open my profile
            </ButtonLink>
          }
        >
          Say whether you want to mentor, be mentored or both, with your practice areas and admissions, so
          that coordinators can match you well.
        </NextStep>
        {organization.can.invite ? (
          <NextStep
            icon={<MailIcon />}
            title="Invite colleagues"
            action={
              <ButtonLink to="/o/$organizationId/invitations" params={params} variant="light">
                Invite people
              </ButtonLink>
            }
          >
            Send invitations by email to the mentors, mentees and coordinators who will take part.
          </NextStep>
        ) : null}
        <NextStep
          icon={<UsersIcon />}
          title="Members"
          action={
            <ButtonLink to="/o/$organizationId/members" params={params} variant="light">
              See members
            </ButtonLink>
          }
        >
          Everyone in {organization.name}, with their roles.
          {organization.can.changeRoles ? ' As an administrator you can change roles and remove people.' : ''}
        </NextStep>
        {organization.can.edit ? (
          <NextStep
            icon={<SettingsIcon />}
            title="Settings"
            action={
              <ButtonLink to="/o/$organizationId/settings" params={params} variant="light">
                Open settings
              </ButtonLink>
            }
          >
            Keep the name, kind, jurisdictions and time zone of the organization up to date.
          </NextStep>
        ) : null}
      </SimpleGrid>
    </Page>
  );
}
