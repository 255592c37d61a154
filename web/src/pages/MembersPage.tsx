/**
 * Everyone in the organization with their role. Role changes and removals appear only where the API's
 * `can` flags allow them; the server checks again.
 */
import { Badge, Button, Card, Group, Modal, Select, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import type { MemberRole } from '../../../src/core/roles.ts';
import { errorMessage } from '../api/client.ts';
import { membersApi, type MemberDto } from '../api/endpoints.ts';
import { membersQuery, organizationQuery, queryKeys } from '../api/queries.ts';
import { MailIcon } from '../components/Icons.tsx';
import { AnchorLink, ButtonLink } from '../components/Links.tsx';
import { Page } from '../components/Page.tsx';
import { TableHead } from '../components/TableHead.tsx';
import { LoadError, Loading } from '../components/QueryState.tsx';
import { formatDate, ROLE_LABELS, ROLE_OPTIONS } from '../lib/labels.ts';
import { clearLastOrganizationId } from '../lib/last-organization.ts';
import { useMe } from '../session.ts';

const route = getRouteApi('/_app/o/$organizationId/members');

function RoleCell({
  member,
  onChange,
  isSaving,
}: {
  member: MemberDto;
  onChange: (role: MemberRole) => void;
  isSaving: boolean;
}) {
  if (!member.can.changeRole) {
    return <Text size="sm">{ROLE_LABELS[member.role]}</Text>;
  }
  return (
    <Select
      aria-label={`Role of ${member.name}`}
      data={ROLE_OPTIONS}
      value={member.role}
      allowDeselect={false}
      disabled={isSaving}
      onChange={(value) => {
        if (value && value !== member.role) onChange(value);
      }}
      w={210}
      size="sm"
      comboboxProps={{ withinPortal: true }}
    />
  );
}

export function MembersPage() {
  const { organizationId } = route.useParams();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: organization } = useSuspenseQuery(organizationQuery(organizationId));
  const members = useQuery(membersQuery(organizationId));
  const isWide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  const [toRemove, setToRemove] = useState<MemberDto | null>(null);

  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.members(organizationId) }),
      // My own role (and so my permissions) may have changed.
      queryClient.invalidateQueries({ queryKey: queryKeys.organization(organizationId), exact: true }),
      queryClient.invalidateQueries({ queryKey: queryKeys.organizations, exact: true }),
    ]);
  };

  const changeRole = useMutation({
    mutationFn: ({ member, role }: { member: MemberDto; role: MemberRole }) =>
      membersApi.update(organizationId, member.id, { role }),
    onSuccess: async (member) => {
      notifications.show({
        color: 'green',
        message: `${member.name} is now ${ROLE_LABELS[member.role].toLowerCase()}.`,
      });
      await refresh();
    },
    onError: (error) => {
      notifications.show({ color: 'red', title: 'The role was not changed', message: errorMessage(error) });
      void refresh();
    },
  });

  const remove = useMutation({
    mutationFn: (member: MemberDto) => membersApi.remove(organizationId, member.id),
    onSuccess: async (_result, member) => {
      setToRemove(null);
      notifications.show({
        color: 'green',
        message:
          member.userId === me?.id
            ? `You left ${organization.name}.`
            : `${member.name} was removed from ${organization.name}.`,
      });
      if (member.userId === me?.id) {
        // Left the organization: forget it here and open another one.
        clearLastOrganizationId();
        queryClient.removeQueries({ queryKey: queryKeys.organization(organizationId) });
        await queryClient.invalidateQueries({ queryKey: queryKeys.organizations, exact: true });
        await navigate({ to: '/' });
        return;
      }
      await refresh();
    },
  });

  const rows = members.data ?? [];
  const params = { organizationId };

  return (
    <Page
      title="Members"
      documentTitle={['Members', organization.name]}
      description={`Everyone in ${organization.name} and their role.`}
      actions={
        organization.can.invite ? (
          <ButtonLink to="/o/$organizationId/invitations" params={params} leftSection={<MailIcon />}>
            Invite people
          </ButtonLink>
        ) : null
      }
    >
      {members.isPending ? <Loading label="Loading members…" /> : null}
      {members.isError ? <LoadError error={members.error} onRetry={() => void members.refetch()} /> : null}
      {members.isSuccess && rows.length <= 1 ? (
        <Card withBorder padding="md">
          <Text size="sm" c="dimmed">
            {organization.can.invite
              ? 'You are the only member so far. Invite mentors, mentees and coordinators: they appear here once they accept.'
              : 'You are the only member so far. Coordinators and administrators can invite others.'}
          </Text>
        </Card>
      ) : null}

      {members.isSuccess && isWide ? (
        <Card withBorder padding={0}>
          <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
            <Table.Caption>{rows.length === 1 ? '1 member' : `${rows.length} members`}</Table.Caption>
            <TableHead columns={['Name', 'Email', 'Role', 'Joined']} hasActions />
            <Table.Tbody>
              {rows.map((member) => (
                <Table.Tr key={member.id}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <AnchorLink
                        to="/o/$organizationId/members/$membershipId"
                        params={{ organizationId, membershipId: member.id }}
                        fw={500}
                      >
                        {member.name}
                      </AnchorLink>
                      {member.userId === me?.id ? (
                        <Badge size="xs" variant="light" color="gray" style={{ flexShrink: 0 }}>
                          You
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {member.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <RoleCell
                      member={member}
                      isSaving={changeRole.isPending}
                      onChange={(role) => changeRole.mutate({ member, role })}
                    />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm">{formatDate(member.joinedAt)}</Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <RemoveMemberButton
                      member={member}
                      isSelf={member.userId === me?.id}
                      organizationName={organization.name}
                      onRemove={setToRemove}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      ) : null}

      {members.isSuccess && !isWide ? (
        <Stack
          gap="sm"
          component="ul"
          style={{ listStyle: 'none', padding: 0, margin: 0 }}
          aria-label="Members"
        >
          {rows.map((member) => (
            <Card withBorder padding="md" key={member.id} component="li">
              <Stack gap={6}>
                <Group gap={6} justify="space-between" wrap="nowrap">
                  <AnchorLink
                    to="/o/$organizationId/members/$membershipId"
                    params={{ organizationId, membershipId: member.id }}
                    fw={600}
                  >
                    {member.name}
                  </AnchorLink>
                  {member.userId === me?.id ? (
                    <Badge size="xs" variant="light" color="gray">
                      You
                    </Badge>
                  ) : null}
                </Group>
                <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {member.email}
                </Text>
                <Text size="xs" c="dimmed">
                  Joined {formatDate(member.joinedAt)}
                </Text>
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <RoleCell
                    member={member}
                    isSaving={changeRole.isPending}
                    onChange={(role) => changeRole.mutate({ member, role })}
                  />
                  <RemoveMemberButton
                    member={member}
                    isSelf={member.userId === me?.id}
                    organizationName={organization.name}
                    onRemove={setToRemove}
                  />
                </Group>
              </Stack>
            </Card>
          ))}
        </Stack>
      ) : null}

      <Modal
        opened={toRemove !== null}
        onClose={() => {
          setToRemove(null);
          remove.reset();
        }}
        title={
          toRemove?.userId === me?.id
            ? `Leave ${organization.name}?`
            : toRemove
              ? `Remove ${toRemove.name}?`
              : 'Remove member'
        }
        centered
      >
        {toRemove ? (
          <Stack gap="md">
            <Text size="sm">
              {toRemove.userId === me?.id
                ? `You will leave ${organization.name} and lose access to it.`
                : `${toRemove.name} (${toRemove.email}) will lose access to ${organization.name}. You can invite them again later.`}
            </Text>
            <div aria-live="assertive">
              {remove.isError ? (
                <Text size="sm" c="red.8">
                  {errorMessage(remove.error)}
                </Text>
              ) : null}
            </div>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setToRemove(null)}>
                Cancel
              </Button>
              <Button color="red" loading={remove.isPending} onClick={() => remove.mutate(toRemove)}>
                {toRemove.userId === me?.id ? 'Leave' : 'Remove'}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
    </Page>
  );
}

/** "Remove" for others, "Leave" for yourself; shown only when the API says the viewer may. */
function RemoveMemberButton(props: {
  member: MemberDto;
  isSelf: boolean;
  organizationName: string;
  onRemove: (member: MemberDto) => void;
}) {
  const { member, isSelf, organizationName, onRemove } = props;
  if (!member.can.remove) return null;
  return (
    <Button
      size="xs"
      variant="subtle"
      color="red"
      onClick={() => onRemove(member)}
      aria-label={isSelf ? `Leave ${organizationName}` : `Remove ${member.name}`}
    >
      {isSelf ? 'Leave' : 'Remove'}
    </Button>
  );
}
