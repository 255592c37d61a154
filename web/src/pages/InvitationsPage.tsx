/** Invite people by email with a role; follow, resend and revoke invitations. */
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { CreateInvitationRequest } from '../../../src/contracts/organizations.ts';
import type { MemberRole } from '../../../src/core/roles.ts';
import { errorMessage } from '../api/client.ts';
import { invitationsApi, type InvitationDto } from '../api/endpoints.ts';
import { invitationsQuery, organizationQuery, queryKeys } from '../api/queries.ts';
import { AlertIcon } from '../components/Icons.tsx';
import { Page } from '../components/Page.tsx';
import { TableHead } from '../components/TableHead.tsx';
import { FormAlert, LoadError, Loading } from '../components/QueryState.tsx';
import { applyServerError, zodValidate } from '../lib/form-errors.ts';
import { formatDate, formatDateTime, ROLE_DESCRIPTIONS, ROLE_LABELS } from '../lib/labels.ts';
import { useMe } from '../session.ts';

const route = getRouteApi('/_app/o/$organizationId/invitations');
const LABELS = { email: 'Email', role: 'Role' };

const STATUS_COLORS: Record<InvitationDto['status'], string> = {
  pending: 'navy',
  accepted: 'green',
  revoked: 'gray',
  expired: 'orange',
};
const STATUS_LABELS: Record<InvitationDto['status'], string> = {
  pending: 'Pending',
  accepted: 'Accepted',
  revoked: 'Revoked',
  expired: 'Expired',
};
const STATUS_ORDER: Record<InvitationDto['status'], number> = {
  pending: 0,
  expired: 1,
  accepted: 2,
  revoked: 3,
};

/** The role an invitation form starts with: member when the inviter may grant it, else their lowest. */
function defaultRole(roles: MemberRole[]): MemberRole {
  return roles.includes('member') ? 'member' : (roles.at(-1) ?? 'member');
}

/**
 * Invite by email. `roles` are the roles the server says this person may grant (`can.inviteRoles`):
 * the form offers no other.
 */
function InviteForm({ organizationId, roles }: { organizationId: string; roles: MemberRole[] }) {
  const queryClient = useQueryClient();
  const me = useMe();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<{ email: string; role: MemberRole }>({
    mode: 'controlled',
    initialValues: { email: '', role: defaultRole(roles) },
    validate: zodValidate(CreateInvitationRequest, LABELS),
  });

  const handleSubmit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      const invitation = await invitationsApi.create(organizationId, values);
      notifications.show({
        color: 'green',
        title: 'Invitation sent',
        message: `${invitation.email} was invited as ${ROLE_LABELS[invitation.role].toLowerCase()}.`,
      });
      form.reset();
      await queryClient.invalidateQueries({ queryKey: queryKeys.invitations(organizationId) });
    } catch (error) {
      setFormError(applyServerError(form, error, LABELS));
    }
  });

  return (
    <Card withBorder padding="lg">
      <form onSubmit={handleSubmit} noValidate aria-labelledby="invite-heading">
        <Stack gap="md">
          <Title order={2} size="h4" id="invite-heading">
            Invite someone
          </Title>
          {me && !me.emailVerified ? (
            <Alert color="yellow" variant="light" icon={<AlertIcon />} role="note">
              Invitations are sent only from confirmed email addresses. Confirm yours with the link we emailed
              you, then send invitations here.
            </Alert>
          ) : null}
          <FormAlert message={formError} title="The invitation was not sent" />
          <Group align="flex-start" gap="md" wrap="wrap">
            <TextInput
              label="Email"
              type="email"
              autoComplete="off"
              required
              placeholder="name@example.com"
              style={{ flex: '1 1 260px' }}
              {...form.getInputProps('email')}
            />
            <Select
              label="Role"
              data={roles.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
              allowDeselect={false}
              description={ROLE_DESCRIPTIONS[form.values.role]}
              style={{ flex: '1 1 220px' }}
              {...form.getInputProps('role')}
            />
          </Group>
          <Group>
            <Button type="submit" loading={form.submitting}>
              Send invitation
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            The link in the email works for a limited time; you can resend it from the list below.
          </Text>
        </Stack>
      </form>
    </Card>
  );
}

export function InvitationsPage() {
  const { organizationId } = route.useParams();
  const queryClient = useQueryClient();
  const { data: organization } = useSuspenseQuery(organizationQuery(organizationId));
  const canInvite = organization.can.invite;
  const invitations = useQuery({ ...invitationsQuery(organizationId), enabled: canInvite });
  const isWide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });

  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.invitations(organizationId) });
  const resend = useMutation({
    mutationFn: (invitation: InvitationDto) => invitationsApi.resend(organizationId, invitation.id),
    onSuccess: async (invitation) => {
      notifications.show({
        color: 'green',
        message: `The invitation was sent again to ${invitation.email}.`,
      });
      await refresh();
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: 'Not resent', message: errorMessage(error) }),
  });
  const revoke = useMutation({
    mutationFn: (invitation: InvitationDto) => invitationsApi.revoke(organizationId, invitation.id),
    onSuccess: async (_result, invitation) => {
      notifications.show({ color: 'green', message: `The invitation for ${invitation.email} was revoked.` });
      await refresh();
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: 'Not revoked', message: errorMessage(error) }),
  });

  if (!canInvite) {
    return (
      <Page title="Invitations" documentTitle={['Invitations', organization.name]}>
        <Alert
          color="gray"
          variant="light"
          icon={<AlertIcon />}
          role="note"
          title="Only coordinators and administrators invite people"
        >
          Ask an administrator of {organization.name} to invite the colleagues you have in mind.
        </Alert>
      </Page>
    );
  }

  const rows = [...(invitations.data ?? [])].sort(
    (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || b.createdAt.localeCompare(a.createdAt),
  );

  const actions = (invitation: InvitationDto) => (
    <Group gap="xs" justify="flex-end" wrap="nowrap">
      {invitation.can.resend ? (
        <Button
          size="xs"
          variant="default"
          loading={resend.isPending && resend.variables?.id === invitation.id}
          onClick={() => resend.mutate(invitation)}
          aria-label={`Resend the invitation to ${invitation.email}`}
        >
          Resend
        </Button>
      ) : null}
      {invitation.can.revoke ? (
        <Button
          size="xs"
          variant="subtle"
          color="red"
          loading={revoke.isPending && revoke.variables?.id === invitation.id}
          onClick={() => revoke.mutate(invitation)}
          aria-label={`Revoke the invitation to ${invitation.email}`}
        >
          Revoke
        </Button>
      ) : null}
    </Group>
  );

  return (
    <Page
      title="Invitations"
      documentTitle={['Invitations', organization.name]}
      description={`Invite people to ${organization.name} by email. They choose their own password when they accept.`}
    >
      <InviteForm organizationId={organizationId} roles={organization.can.inviteRoles} />

      <Title order={2} size="h4">
        Sent invitations
      </Title>
      {invitations.isPending ? <Loading label="Loading invitations…" /> : null}
      {invitations.isError ? (
        <LoadError error={invitations.error} onRetry={() => void invitations.refetch()} />
      ) : null}
      {invitations.isSuccess && rows.length === 0 ? (
        <Card withBorder padding="md">
          <Text size="sm" c="dimmed">
            No invitations yet. Invite someone with the form above; their invitation appears here until they
            accept it.
          </Text>
        </Card>
      ) : null}
      {invitations.isSuccess && rows.length > 0 && isWide ? (
        <Card withBorder padding={0}>
          <Table verticalSpacing="sm" horizontalSpacing="md">
            <TableHead columns={['Email', 'Role', 'Status', 'Sent', 'Expires']} hasActions />
            <Table.Tbody>
              {rows.map((invitation) => (
                <Table.Tr key={invitation.id}>
                  <Table.Td>
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {invitation.email}
                    </Text>
                    {invitation.invitedBy ? (
                      <Text size="xs" c="dimmed">
                        Invited by {invitation.invitedBy}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{ROLE_LABELS[invitation.role]}</Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Badge color={STATUS_COLORS[invitation.status]} variant="light">
                      {STATUS_LABELS[invitation.status]}
                    </Badge>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm">{formatDate(invitation.createdAt)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {invitation.status === 'pending' ? formatDateTime(invitation.expiresAt) : '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>{actions(invitation)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      ) : null}
      {invitations.isSuccess && rows.length > 0 && !isWide ? (
        <Stack
          gap="sm"
          component="ul"
          style={{ listStyle: 'none', padding: 0, margin: 0 }}
          aria-label="Sent invitations"
        >
          {rows.map((invitation) => (
            <Card withBorder padding="md" key={invitation.id} component="li">
              <Stack gap={6}>
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {invitation.email}
                  </Text>
                  <Badge color={STATUS_COLORS[invitation.status]} variant="light">
                    {STATUS_LABELS[invitation.status]}
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed">
                  {ROLE_LABELS[invitation.role]} · sent {formatDate(invitation.createdAt)}
                  {invitation.status === 'pending'
                    ? ` · expires ${formatDateTime(invitation.expiresAt)}`
                    : ''}
                </Text>
                {actions(invitation)}
              </Stack>
            </Card>
          ))}
        </Stack>
      ) : null}
    </Page>
  );
}
