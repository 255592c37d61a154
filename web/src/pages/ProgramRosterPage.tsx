/**
 * Roster import and program invitations for one program (ADR 018): upload a CSV, preview every row
 * problem or what happens to each person, then import them all at once; invite people by email, follow
 * and revoke the invitations.
 */
import {
  Alert,
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { API, type EndpointResponse } from '../../../src/contracts/endpoints.ts';
import { callApi, errorMessage, isApiError } from '../api/client.ts';
import { Page } from '../components/Page.tsx';

const route = getRouteApi('/_app/o/$organizationId/programs/$programId/roster');

type RosterResult = EndpointResponse<typeof API.importRoster>;
type RowIssue = RosterResult['issues'][number];

const ACTION_LABELS: Record<string, string> = {
  create_application: 'Create application',
  update_application: 'Update application',
  invite: 'Invite (no account yet)',
  update_invitation: 'Update invitation',
  unchanged: 'Unchanged',
};
const MAX_FILE_BYTES = 10 * 1024 * 1024;

function IssuesTable({ issues, total }: { issues: readonly RowIssue[]; total: number }) {
  return (
    <Stack gap="xs">
      <Alert color="red" title={`${total} problem${total === 1 ? '' : 's'} to fix before importing`}>
        Fix them in the spreadsheet, save it as CSV UTF-8 and upload it again. Nothing has been written.
      </Alert>
      <Table striped aria-label="Row problems">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Row</Table.Th>
            <Table.Th>Column</Table.Th>
            <Table.Th>Problem</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {issues.map((issue, index) => (
            <Table.Tr key={`${issue.row}-${issue.column}-${index}`}>
              <Table.Td>{issue.row}</Table.Td>
              <Table.Td>{issue.column}</Table.Td>
              <Table.Td>{issue.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function PlanTable({ result }: { result: RosterResult }) {
  return (
    <Table striped aria-label="What the import does">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Row</Table.Th>
          <Table.Th>Email</Table.Th>
          <Table.Th>Name</Table.Th>
          <Table.Th>Role</Table.Th>
          <Table.Th>{result.isCommitted ? 'Done' : 'Will'}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {result.rows.slice(0, 500).map((row) => (
          <Table.Tr key={row.row}>
            <Table.Td>{row.row}</Table.Td>
            <Table.Td>{row.email}</Table.Td>
            <Table.Td>{row.name}</Table.Td>
            <Table.Td>{row.role}</Table.Td>
            <Table.Td>{ACTION_LABELS[row.action] ?? row.action}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

type CohortDto = EndpointResponse<typeof API.listCohorts>['cohorts'][number];

const COHORT_STATE_LABELS: Record<CohortDto['state'], string> = {
  draft: 'draft',
  enrolling: 'enrolling',
  matching: 'matching',
  running: 'running',
  closed: 'closed',
};

/** The cohorts an import can go into (every one not closed), the one enrolling now first. */
function importableCohorts(cohorts: readonly CohortDto[]): CohortDto[] {
  return cohorts
    .filter((cohort) => cohort.state !== 'closed')
    .sort(
      (a, b) =>
        Number(b.state === 'enrolling') - Number(a.state === 'enrolling') ||
        b.createdAt.localeCompare(a.createdAt),
    );
}

function RosterImport({ programId }: { programId: string }) {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const cohortsQuery = useQuery({
    queryKey: ['program-cohorts', programId],
    queryFn: () => callApi(API.listCohorts, { params: { programId } }).then((answer) => answer.cohorts),
  });
  const importable = importableCohorts(cohortsQuery.data ?? []);
  const [chosenCohortId, setCohortId] = useState<string | null>(null);
  // The open cohort until the coordinator picks another.
  const cohortId = chosenCohortId ?? importable[0]?.id ?? '';
  const [status, setStatus] = useState<'approved' | 'submitted'>('approved');
  const [result, setResult] = useState<RosterResult | null>(null);
  const [rejected, setRejected] = useState<{ issues: RowIssue[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const send = useMutation({
    mutationFn: async (dryRun: boolean) =>
      callApi(API.importRoster, {
        params: { programId },
        query: {
          dryRun: dryRun ? 'true' : 'false',
          status,
          ...(cohortId ? { cohortId } : {}),
        },
        rawBody: { data: file!, contentType: 'text/csv' },
      }),
    onMutate: () => {
      setError(null);
      setRejected(null);
    },
    onSuccess: async (answer) => {
      setResult(answer);
      if (answer.isCommitted) {
        notifications.show({
          color: 'green',
          message: `Imported ${answer.rowCount} people into ${answer.cohort.name}`,
        });
        await queryClient.invalidateQueries({ queryKey: ['program-invitations', programId] });
      }
    },
    onError: (failure) => {
      setResult(null);
      if (isApiError(failure, 'VALIDATION_FAILED') && failure.issues.length > 1) {
        setRejected({
          issues: failure.issues.map((issue) => {
            const match = /^rows\[(\d+)\]\.(.+)$/.exec(issue.path) ?? /^(header)\.(.+)$/.exec(issue.path);
            return {
              row: match ? (match[1] === 'header' ? 1 : Number(match[1])) : 0,
              column: match?.[2] ?? issue.path,
              message: issue.message,
            };
          }),
          total: failure.issues.length,
        });
      } else setError(errorMessage(failure));
    },
  });

  const toImport =
    result && !result.isCommitted ? result.rows.filter((row) => row.action !== 'unchanged').length : 0;

  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h3">
          Import a roster
        </Title>
        <Text size="sm" c="dimmed">
          A CSV file (UTF-8, at most 10 MB) with the columns email, name and role (mentor or mentee), and
          optionally practice_areas, years_of_practice, admission_date, jurisdictions_of_admission, languages
          (several values separated by ;), location, employer, time_zone, career_goals and capacity. People
          are matched by email: importing the same file again changes nothing.
        </Text>
        <FileInput
          label="Roster file"
          placeholder="Choose or drop a .csv file"
          accept=".csv,text/csv"
          clearable
          value={file}
          onChange={(chosen) => {
            setFile(chosen);
            setResult(null);
            setRejected(null);
            setError(
              chosen && chosen.size > MAX_FILE_BYTES
                ? 'The file is larger than 10 MB; split it into several files.'
                : null,
            );
          }}
        />
        <Group grow>
          <Select
            label="Cohort"
            description={
              cohortsQuery.isSuccess && importable.length === 0
                ? 'Every cohort is closed: create a cohort first'
                : 'Cohorts that are not closed; the one enrolling now is chosen first'
            }
            placeholder={cohortsQuery.isPending ? 'Loading cohorts…' : 'No cohort takes imports'}
            data={importable.map((cohort) => ({
              value: cohort.id,
              label: `${cohort.name} (${COHORT_STATE_LABELS[cohort.state]})`,
            }))}
            value={cohortId || null}
            onChange={(value) => {
              setCohortId(value);
              setResult(null);
            }}
            allowDeselect={false}
            disabled={importable.length === 0}
          />
          <Select
            label="Applications start as"
            data={[
              { value: 'approved', label: 'Approved (I vouch for them)' },
              { value: 'submitted', label: 'Submitted (I will review them)' },
            ]}
            value={status}
            onChange={(value) => setStatus(value === 'submitted' ? 'submitted' : 'approved')}
            allowDeselect={false}
          />
        </Group>
        {error && <Alert color="red">{error}</Alert>}
        <Group>
          <Button
            variant="default"
            disabled={!file || !cohortId || (file?.size ?? 0) > MAX_FILE_BYTES}
            loading={send.isPending && send.variables === true}
            onClick={() => send.mutate(true)}
          >
            Preview
          </Button>
          {result && !result.isCommitted && result.issueCount === 0 && (
            <Button loading={send.isPending && send.variables === false} onClick={() => send.mutate(false)}>
              Import {toImport} {toImport === 1 ? 'person' : 'people'}
            </Button>
          )}
        </Group>
        {result && result.unknownColumns.length > 0 && (
          <Alert color="yellow">Ignored unknown columns: {result.unknownColumns.join(', ')}</Alert>
        )}
        {result && result.issueCount > 0 && <IssuesTable issues={result.issues} total={result.issueCount} />}
        {rejected && <IssuesTable issues={rejected.issues} total={rejected.total} />}
        {result && result.issueCount === 0 && (
          <>
            <Text size="sm">
              {result.isCommitted ? 'Imported into' : 'Preview for'} {result.cohort.name}: {result.rowCount}{' '}
              rows.
            </Text>
            <PlanTable result={result} />
          </>
        )}
      </Stack>
    </Card>
  );
}

const INVITATION_COLORS: Record<string, string> = {
  pending: 'navy',
  accepted: 'green',
  expired: 'orange',
  revoked: 'gray',
};

function ProgramInvitations({ programId }: { programId: string }) {
  const queryClient = useQueryClient();
  const [emails, setEmails] = useState('');
  const [role, setRole] = useState<'mentor' | 'mentee'>('mentee');
  const [error, setError] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['program-invitations', programId],
    queryFn: () => callApi(API.listProgramInvitations, { params: { programId } }),
  });
  const invite = useMutation({
    mutationFn: () =>
      callApi(API.inviteToProgram, {
        params: { programId },
        body: { emails: emails.split(/[\s,;]+/).filter(Boolean), role },
      }),
    onMutate: () => setError(null),
    onSuccess: async (answer) => {
      setEmails('');
      const invited = answer.outcomes.filter((outcome) => outcome.outcome === 'invited').length;
      notifications.show({
        color: 'green',
        message: `${invited} invited; ${answer.outcomes.length - invited} already in`,
      });
      await queryClient.invalidateQueries({ queryKey: ['program-invitations', programId] });
    },
    onError: (failure) => setError(errorMessage(failure)),
  });
  const revoke = useMutation({
    mutationFn: (programInvitationId: string) =>
      callApi(API.revokeProgramInvitation, { params: { programId, programInvitationId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['program-invitations', programId] }),
    onError: (failure) => notifications.show({ color: 'red', message: errorMessage(failure) }),
  });

  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h3">
          Invitations
        </Title>
        <Textarea
          label="Invite by email"
          description="One or more addresses. Members get the program's link; anyone else an invitation to join that names the program."
          autosize
          minRows={2}
          value={emails}
          onChange={(event) => setEmails(event.currentTarget.value)}
        />
        <Group align="end">
          <Select
            label="As"
            data={[
              { value: 'mentee', label: 'Mentee' },
              { value: 'mentor', label: 'Mentor' },
            ]}
            value={role}
            onChange={(value) => setRole(value === 'mentor' ? 'mentor' : 'mentee')}
            allowDeselect={false}
          />
          <Button disabled={emails.trim() === ''} loading={invite.isPending} onClick={() => invite.mutate()}>
            Send invitations
          </Button>
        </Group>
        {error && <Alert color="red">{error}</Alert>}
        {list.isError && <Alert color="red">{errorMessage(list.error)}</Alert>}
        {list.data && list.data.invitations.length === 0 && (
          <Text c="dimmed">Nobody invited yet. Import a roster or invite people by email above.</Text>
        )}
        {list.data && list.data.invitations.length > 0 && (
          <Table striped aria-label="Program invitations">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Email</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Cohort</Table.Th>
                <Table.Th>From</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.invitations.map((invitation) => (
                <Table.Tr key={invitation.id}>
                  <Table.Td>{invitation.email}</Table.Td>
                  <Table.Td>{invitation.role}</Table.Td>
                  <Table.Td>{invitation.cohort.name}</Table.Td>
                  <Table.Td>{invitation.source === 'roster' ? 'Roster' : 'Email'}</Table.Td>
                  <Table.Td>
                    <Badge color={INVITATION_COLORS[invitation.status]}>{invitation.status}</Badge>
                  </Table.Td>
                  <Table.Td>
                    {invitation.can.revoke && (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        loading={revoke.isPending && revoke.variables === invitation.id}
                        onClick={() => revoke.mutate(invitation.id)}
                      >
                        Revoke
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}

export function ProgramRosterPage() {
  const { programId } = route.useParams();
  return (
    <Page
      title="Roster and invitations"
      description="Bring mentors and mentees into a cohort of this program."
    >
      <Stack>
        <RosterImport programId={programId} />
        <ProgramInvitations programId={programId} />
      </Stack>
    </Page>
  );
}
