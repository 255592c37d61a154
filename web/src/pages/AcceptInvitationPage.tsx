/**
 * The page an invitation link opens. Anyone holding the link sees which organization invites which
 * address to which role; the person it was sent to signs in (or signs up, email prefilled) and accepts.
 */
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { errorMessage, isApiError } from '../api/client.ts';
import { invitationsApi } from '../api/endpoints.ts';
import { invitationPreviewQuery, queryKeys } from '../api/queries.ts';
import { AlertIcon } from '../components/Icons.tsx';
import { ButtonLink } from '../components/Links.tsx';
import { PublicCard } from '../components/PublicLayout.tsx';
import { FormAlert, LoadError, Loading } from '../components/QueryState.tsx';
import { formatDateTime, ROLE_DESCRIPTIONS, ROLE_LABELS } from '../lib/labels.ts';
import { setLastOrganizationId } from '../lib/last-organization.ts';
import { useMe, useSignOut } from '../session.ts';

const route = getRouteApi('/_public/invitations/$token');

const STATUS_TEXT = {
  accepted: 'This invitation has already been accepted. If it was you, sign in to open the organization.',
  revoked: 'This invitation was withdrawn. Ask the person who invited you to send a new one.',
  expired: 'This invitation has expired. Ask the person who invited you to send a new one.',
} as const;

export function AcceptInvitationPage() {
  const { token } = route.useParams();
  const me = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const preview = useQuery(invitationPreviewQuery(token));
  const accept = useMutation({
    mutationFn: () => invitationsApi.accept(token),
    onSuccess: async (organization) => {
      setLastOrganizationId(organization.id);
      queryClient.setQueryData(queryKeys.organization(organization.id), organization);
      await queryClient.invalidateQueries({ queryKey: queryKeys.organizations });
      // Accepting the emailed link verifies the address: refresh the user so the banner goes away.
      await queryClient.invalidateQueries({ queryKey: queryKeys.me });
      notifications.show({ color: 'green', title: 'Welcome', message: `You joined ${organization.name}.` });
      await navigate({ to: '/o/$organizationId/members', params: { organizationId: organization.id } });
    },
  });

  if (preview.isPending) {
    return (
      <PublicCard title="Invitation">
        <Loading label="Opening the invitation…" />
      </PublicCard>
    );
  }
  if (preview.isError) {
    return (
      <PublicCard title="Invitation not found">
        {isApiError(preview.error, 'NOT_FOUND', 'VALIDATION_FAILED') ? (
          <Alert
            color="red"
            variant="light"
            icon={<AlertIcon />}
            role="alert"
            title="This link does not work"
          >
            The invitation link is incomplete or no longer exists. Check that you copied the whole link from
            the email, or ask for a new invitation.
          </Alert>
        ) : (
          <LoadError error={preview.error} onRetry={() => void preview.refetch()} />
        )}
      </PublicCard>
    );
  }

  const invitation = preview.data;
  const here = `/invitations/${token}`;
  const isForMe = me !== null && me.email.toLowerCase() === invitation.email.toLowerCase();

  return (
    <PublicCard
      title={`Join ${invitation.organizationName}`}
      description={
        <>
          You are invited as <strong>{ROLE_LABELS[invitation.role]}</strong> (
          {ROLE_DESCRIPTIONS[invitation.role].toLowerCase()}).
        </>
      }
    >
      <Stack gap={4}>
        <Text size="sm">
          Invitation for <strong>{invitation.email}</strong>
        </Text>
        {invitation.status === 'pending' ? (
          <Text size="sm" c="dimmed">
            Valid until {formatDateTime(invitation.expiresAt)}
          </Text>
        ) : null}
      </Stack>

      {invitation.status !== 'pending' ? (
        <Alert
          color="yellow"
          variant="light"
          icon={<AlertIcon />}
          role="alert"
          title="This invitation cannot be used"
        >
          {STATUS_TEXT[invitation.status]}
        </Alert>
      ) : me === null ? (
        <Stack gap="sm">
          <Text size="sm">
            To accept, sign in with {invitation.email}, or create an account with that address.
          </Text>
          <Group>
            <ButtonLink to="/sign-up" search={{ email: invitation.email, redirect: here }}>
              Create an account
            </ButtonLink>
            <ButtonLink to="/sign-in" search={{ email: invitation.email, redirect: here }} variant="default">
              Sign in
            </ButtonLink>
          </Group>
        </Stack>
      ) : !isForMe ? (
        <Stack gap="sm">
          <Alert
            color="yellow"
            variant="light"
            icon={<AlertIcon />}
            role="alert"
            title="This invitation is for someone else"
          >
            You are signed in as <strong>{me.email}</strong>, but this invitation was sent to{' '}
            <strong>{invitation.email}</strong>. Sign out, then sign in or create an account with{' '}
            {invitation.email} to accept it.
          </Alert>
          <Group>
            <Button
              variant="default"
              onClick={() =>
                void signOut(
                  `/sign-in?${new URLSearchParams({ email: invitation.email, redirect: here }).toString()}`,
                )
              }
            >
              Sign out and switch account
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="sm">
          <FormAlert
            message={accept.isError ? errorMessage(accept.error) : null}
            title="The invitation was not accepted"
          />
          <Text size="sm">
            Signed in as <strong>{me.email}</strong>.
          </Text>
          <Group>
            <Button onClick={() => accept.mutate()} loading={accept.isPending}>
              Accept invitation
            </Button>
          </Group>
        </Stack>
      )}
    </PublicCard>
  );
}
