/** My self-match requests: incoming (as mentor: accept or decline with a message), outgoing (as mentee). */
import { Badge, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { selfMatchApi, selfMatchKeys, type MatchRequestDto } from '../api/self-match.ts';
import { Page } from '../components/Page.tsx';
import { LoadError, Loading } from '../components/QueryState.tsx';
import { formatDate } from '../lib/labels.ts';

const STATUS_COLORS: Record<MatchRequestDto['status'], string> = {
  pending: 'blue',
  accepted: 'green',
  declined: 'red',
  withdrawn: 'gray',
  expired: 'orange',
};

function RequestCard({ request }: { request: MatchRequestDto }) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState('');
  const incoming = request.direction === 'incoming';
  const act = useMutation({
    mutationFn: (action: 'accept' | 'decline' | 'withdraw') =>
      action === 'withdraw'
        ? selfMatchApi.withdraw(request.id)
        : action === 'accept'
          ? selfMatchApi.accept(request.id, message)
          : selfMatchApi.decline(request.id, message),
    onSuccess: async (_result, action) => {
      notifications.show({
        color: 'green',
        message:
          action === 'accept'
            ? `You are now ${request.mentee.name}'s mentor.`
            : action === 'decline'
              ? 'The request was declined.'
              : 'Your request was withdrawn.',
      });
      await queryClient.invalidateQueries({ queryKey: selfMatchKeys.all });
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: 'That did not work', message: errorMessage(error) }),
  });
  return (
    <Card withBorder padding="md" data-testid="match-request">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h5">
            {incoming ? `From ${request.mentee.name}` : `To ${request.mentor.name}`}
          </Title>
          <Badge color={STATUS_COLORS[request.status]}>{request.status}</Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {request.programName} · sent {formatDate(request.createdAt)}
          {request.status === 'pending' ? ` · expires ${formatDate(request.expiresAt)}` : ''}
        </Text>
        {request.note ? <Text size="sm">“{request.note}”</Text> : null}
        {request.responseMessage ? (
          <Text size="sm" c="dimmed">
            Answer: “{request.responseMessage}”
          </Text>
        ) : null}
        {request.can.accept || request.can.decline ? (
          <>
            <Textarea
              label="Message to the mentee (optional)"
              value={message}
              maxLength={1000}
              onChange={(event) => setMessage(event.currentTarget.value)}
            />
            <Group>
              <Button
                size="xs"
                loading={act.isPending}
                onClick={() => act.mutate('accept')}
                disabled={!request.can.accept}
              >
                Accept
              </Button>
              <Button
                size="xs"
                variant="default"
                loading={act.isPending}
                onClick={() => act.mutate('decline')}
              >
                Decline
              </Button>
            </Group>
          </>
        ) : null}
        {request.can.withdraw ? (
          <Group>
            <Button
              size="xs"
              variant="default"
              loading={act.isPending}
              onClick={() => act.mutate('withdraw')}
            >
              Withdraw
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}

export function MyRequestsPage() {
  const { organizationId } = useParams({ from: '/_app/o/$organizationId/my/requests' });
  const requests = useQuery({
    queryKey: selfMatchKeys.myRequests(organizationId),
    queryFn: () => selfMatchApi.myRequests(organizationId),
  });
  return (
    <Page
      title="My requests"
      description="Mentoring requests addressed to you as a mentor, and the ones you sent as a mentee."
    >
      {requests.error ? (
        <LoadError error={requests.error} />
      ) : !requests.data ? (
        <Loading />
      ) : (
        <>
          <Title order={2} size="h4">
            Requests to you
          </Title>
          {requests.data.incoming.length === 0 ? (
            <Text c="dimmed">
              No mentee has asked you yet. Requests appear here, and you are emailed, when one does.
            </Text>
          ) : (
            requests.data.incoming.map((request) => <RequestCard key={request.id} request={request} />)
          )}
          <Title order={2} size="h4">
            Requests you sent
          </Title>
          {requests.data.outgoing.length === 0 ? (
            <Text c="dimmed">
              You have not asked a mentor yet. Open your program's mentor directory to find one and send a
              request.
            </Text>
          ) : (
            requests.data.outgoing.map((request) => <RequestCard key={request.id} request={request} />)
          )}
        </>
      )}
    </Page>
  );
}
