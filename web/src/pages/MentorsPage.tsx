/**
 * A mentee's search for a mentor (self-match): recommended mentors with the engine's score and reasons,
 * then the mentor directory with filters, and a dialog to send a request with a note.
 */
import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  Pagination,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import {
  MEETING_FORMATS,
  PRACTICE_AREA_LABELS,
  WEEKDAYS,
  labelOf,
} from '../../../src/core/matching/profile.ts';
import { errorMessage } from '../api/client.ts';
import {
  selfMatchApi,
  selfMatchKeys,
  type DirectoryMentorDto,
  type DirectoryQuery,
  type RecommendedMentorDto,
  type SelfMatchStandingDto,
} from '../api/self-match.ts';
import { Page } from '../components/Page.tsx';
import { LoadError, Loading } from '../components/QueryState.tsx';

const DAY_LABELS: Record<(typeof WEEKDAYS)[number], string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};
const PAGE_SIZE = 12;

function MentorFacts({ mentor }: { mentor: DirectoryMentorDto }) {
  const a = mentor.answers;
  return (
    <Stack gap={4}>
      {a.practice_areas?.length ? (
        <Text size="sm">{a.practice_areas.map((id) => labelOf(PRACTICE_AREA_LABELS, id)).join(', ')}</Text>
      ) : null}
      <Text size="xs" c="dimmed">
        {[
          a.years_of_practice !== undefined ? `${a.years_of_practice} years in practice` : null,
          a.jurisdictions_of_admission?.join(', '),
          a.languages?.join(', '),
          a.meeting_format,
          a.time_zone,
          a.location,
        ]
          .filter(Boolean)
          .join(' · ')}
      </Text>
    </Stack>
  );
}

function MentorCard({
  mentor,
  onRequest,
  children,
}: {
  mentor: DirectoryMentorDto;
  onRequest: (mentor: DirectoryMentorDto) => void;
  children?: React.ReactNode;
}) {
  return (
    <Card withBorder padding="md" data-testid="mentor-card">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Title order={3} size="h5">
            {mentor.name}
          </Title>
          <Badge color={mentor.remainingSeats > 0 ? 'green' : 'gray'} variant="light">
            {mentor.remainingSeats > 0 ? `${mentor.remainingSeats} open of ${mentor.capacity}` : 'Full'}
          </Badge>
        </Group>
        <MentorFacts mentor={mentor} />
        {children}
        {mentor.unavailableReason ? (
          <Text size="xs" c="dimmed">
            {mentor.unavailableReason}
          </Text>
        ) : null}
        <Group>
          {mentor.requestStatus ? (
            <Badge variant="outline">Request {mentor.requestStatus}</Badge>
          ) : (
            <Button
              size="xs"
              disabled={!mentor.can.request}
              onClick={() => onRequest(mentor)}
              aria-label={`Request ${mentor.name}`}
            >
              Request
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

function Standing({ standing, organizationId }: { standing: SelfMatchStandingDto; organizationId: string }) {
  if (standing.hasMentor) {
    return (
      <Text>
        You have a mentor in this program. See it under{' '}
        <Link to="/o/$organizationId/my/requests" params={{ organizationId }}>
          My requests
        </Link>
        .
      </Text>
    );
  }
  return (
    <Text data-testid="remaining-requests">
      You can send {standing.remainingRequests} more request{standing.remainingRequests === 1 ? '' : 's'} (
      {standing.pendingRequests} of {standing.maxPendingRequests} pending). A request expires after{' '}
      {standing.requestExpiryDays} days without an answer.
    </Text>
  );
}

function RequestDialog({
  programId,
  mentor,
  onClose,
}: {
  programId: string;
  mentor: DirectoryMentorDto | null;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const send = useMutation({
    mutationFn: () => selfMatchApi.request(programId, { mentorApplicationId: mentor!.applicationId, note }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: `Your request was sent to ${mentor!.name}.` });
      setNote('');
      onClose();
      await queryClient.invalidateQueries({ queryKey: selfMatchKeys.all });
    },
  });
  return (
    <Modal
      opened={mentor !== null}
      onClose={onClose}
      title={mentor ? `Ask ${mentor.name} to mentor you` : ''}
    >
      <Stack>
        <Textarea
          label="Note"
          description="Why you would like this mentor: they read it before answering"
          autosize
          minRows={3}
          maxLength={1000}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
        />
        {send.error ? (
          <Text c="red" size="sm" role="alert">
            {errorMessage(send.error)}
          </Text>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={send.isPending} onClick={() => send.mutate()}>
            Send request
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function MentorsPage() {
  const { organizationId, programId } = useParams({
    from: '/_app/o/$organizationId/programs/$programId/mentors',
  });
  const [requesting, setRequesting] = useState<DirectoryMentorDto | null>(null);
  const [filters, setFilters] = useState<DirectoryQuery>({});
  const [page, setPage] = useState(1);
  const query = { ...filters, page, pageSize: PAGE_SIZE };
  const recommended = useQuery({
    queryKey: selfMatchKeys.recommended(programId),
    queryFn: () => selfMatchApi.recommended(programId),
    retry: false,
  });
  const directory = useQuery({
    queryKey: selfMatchKeys.directory(programId, query),
    queryFn: () => selfMatchApi.directory(programId, query),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const setFilter = (patch: Partial<DirectoryQuery>) => {
    setPage(1);
    setFilters((current) => {
      const next: Record<string, unknown> = { ...current, ...patch };
      for (const key of Object.keys(next)) if (next[key] === undefined || next[key] === '') delete next[key];
      return next;
    });
  };

  if (recommended.error) {
    return (
      <Page title="Find a mentor">
        <LoadError error={recommended.error} title="You cannot look for a mentor here yet" />
      </Page>
    );
  }
  return (
    <Page
      title="Find a mentor"
      description="Mentors the program's matching recommends for you, then every mentor of your cohort. Send a request; the first mentor to accept becomes your mentor."
    >
      {recommended.data ? (
        <Standing standing={recommended.data.standing} organizationId={organizationId} />
      ) : null}
      <Title order={2} size="h4">
        Recommended for you
      </Title>
      {!recommended.data ? (
        <Loading />
      ) : recommended.data.mentors.length === 0 ? (
        <Text c="dimmed">
          No mentor with an open seat fits the program's rules for you right now. Browse the directory below,
          or ask your program coordinator.
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {recommended.data.mentors.map((mentor: RecommendedMentorDto) => (
            <MentorCard key={mentor.applicationId} mentor={mentor} onRequest={setRequesting}>
              <Text size="sm" fw={600}>
                Match score {Math.round(mentor.score / 10)}%
              </Text>
              <Stack gap={0} component="ul" style={{ margin: 0, paddingLeft: 18 }}>
                {mentor.reasons.slice(0, 4).map((reason) => (
                  <Text component="li" size="xs" key={reason.criterion}>
                    {reason.reason}
                  </Text>
                ))}
              </Stack>
            </MentorCard>
          ))}
        </SimpleGrid>
      )}

      <Title order={2} size="h4">
        Mentor directory
      </Title>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label="Search"
          placeholder="Name or city"
          onChange={(event) => setFilter({ search: event.currentTarget.value || undefined })}
        />
        <Select
          label="Practice area"
          clearable
          data={Object.entries(PRACTICE_AREA_LABELS).map(([value, label]) => ({ value, label }))}
          onChange={(value) => setFilter({ practiceArea: value ?? undefined })}
        />
        <TextInput
          label="Jurisdiction"
          placeholder="US-OR"
          onChange={(event) =>
            setFilter({ jurisdiction: event.currentTarget.value.trim().toUpperCase() || undefined })
          }
        />
        <TextInput
          label="Language"
          placeholder="es"
          onChange={(event) => setFilter({ language: event.currentTarget.value.trim() || undefined })}
        />
        <Select
          label="Format"
          clearable
          data={MEETING_FORMATS.map((value) => ({ value, label: value }))}
          onChange={(value) => setFilter({ format: value ?? undefined })}
        />
        <Select
          label="Available on"
          clearable
          data={WEEKDAYS.map((value) => ({ value, label: DAY_LABELS[value] }))}
          onChange={(value) => setFilter({ availabilityDay: value ?? undefined })}
        />
        <TextInput
          label="Time zone"
          placeholder="America/Chicago"
          onChange={(event) => setFilter({ timeZone: event.currentTarget.value.trim() || undefined })}
        />
        <Checkbox
          label="Has an open seat"
          onChange={(event) => setFilter({ hasCapacity: event.currentTarget.checked ? 'true' : undefined })}
        />
      </Group>
      {directory.error ? (
        <LoadError error={directory.error} />
      ) : !directory.data ? (
        <Loading />
      ) : directory.data.mentors.length === 0 ? (
        <Text c="dimmed">No mentor matches these filters. Clear a filter to see more mentors.</Text>
      ) : (
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {directory.data.mentors.map((mentor) => (
              <MentorCard key={mentor.applicationId} mentor={mentor} onRequest={setRequesting} />
            ))}
          </SimpleGrid>
          {directory.data.total > PAGE_SIZE ? (
            <Pagination total={Math.ceil(directory.data.total / PAGE_SIZE)} value={page} onChange={setPage} />
          ) : null}
        </Stack>
      )}
      <RequestDialog programId={programId} mentor={requesting} onClose={() => setRequesting(null)} />
    </Page>
  );
}
