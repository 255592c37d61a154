/** One match run: summary cards, the score distribution, pairs with reasons, unmatched mentees, edits, compare, publish and discard. */
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  List,
  Modal,
  Select,
  SimpleGrid,
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
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { API } from '../../../src/contracts/endpoints.ts';
import type { MatchRunDetail, MatchRunPair, PairCheck } from '../../../src/contracts/match-runs.ts';
import { callApi, errorMessage } from '../api/client.ts';
import { AnchorLink } from '../components/Links.tsx';
import { Page } from '../components/Page.tsx';
import { FormAlert, Loading } from '../components/QueryState.tsx';

const route = getRouteApi('/_app/o/$organizationId/programs/$programId/match-runs/$runId');

function StatCard({ label, value }: { label: string; value: string }) {
  return (
    <Card withBorder>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
    </Card>
  );
}

/** Give a mentee another mentor: preview the new score and broken constraints, then apply (with a reason when needed). */
function EditDialog({
  run,
  pair,
  onClose,
}: {
  run: MatchRunDetail;
  pair: MatchRunPair;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const mentors = [...new Map(run.pairs.map((p) => [p.mentor.applicationId, p.mentor])).values()];
  const [mentorId, setMentorId] = useState<string | null>(null);
  const [checks, setChecks] = useState<PairCheck[] | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const body = (preview: boolean) => ({
    action: 'replace' as const,
    menteeApplicationId: pair.mentee.applicationId,
    mentorApplicationId: pair.mentor.applicationId,
    newMentorApplicationId: mentorId ?? '',
    preview,
    ...(reason.trim() ? { overrideReason: reason.trim() } : {}),
  });
  const preview = useMutation({
    mutationFn: () => callApi(API.editMatchRun, { params: { runId: run.id }, body: body(true) }),
    onSuccess: (result) => setChecks(result.checks),
    onError: (cause) => setError(errorMessage(cause)),
  });
  const apply = useMutation({
    mutationFn: () => callApi(API.editMatchRun, { params: { runId: run.id }, body: body(false) }),
    onSuccess: async () => {
      notifications.show({ message: 'Pair changed' });
      await queryClient.invalidateQueries({ queryKey: ['match-run', run.id] });
      onClose();
    },
    onError: (cause) => setError(errorMessage(cause)),
  });
  const broken = checks?.flatMap((check) => check.broken) ?? [];
  return (
    <Modal opened onClose={onClose} title={`Another mentor for ${pair.mentee.name}`}>
      <Stack>
        <FormAlert message={error} />
        <Select
          label="New mentor"
          data={mentors
            .filter((mentor) => mentor.applicationId !== pair.mentor.applicationId)
            .map((mentor) => ({ value: mentor.applicationId, label: mentor.name }))}
          value={mentorId}
          onChange={(value) => {
            setMentorId(value);
            setChecks(null);
          }}
        />
        <Button
          variant="light"
          disabled={!mentorId}
          loading={preview.isPending}
          onClick={() => preview.mutate()}
        >
          Check the new pair
        </Button>
        {checks?.map((check) => (
          <Text key={check.mentorApplicationId}>
            New score: <b>{check.score}</b> (now {pair.score})
          </Text>
        ))}
        {broken.length > 0 ? (
          <Alert color="red" title="This pair breaks hard constraints">
            <List size="sm">
              {broken.map((entry) => (
                <List.Item key={entry.code}>{entry.message}</List.Item>
              ))}
            </List>
          </Alert>
        ) : null}
        {broken.length > 0 ? (
          <Textarea
            label="Override reason"
            description="Required to break a hard constraint; kept in the run’s audit trail"
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
          />
        ) : null}
        <Button
          disabled={!checks || (broken.length > 0 && reason.trim().length < 3)}
          loading={apply.isPending}
          onClick={() => apply.mutate()}
        >
          {broken.length > 0 ? 'Override and change' : 'Change'}
        </Button>
      </Stack>
    </Modal>
  );
}

function Compare({ run, programId }: { run: MatchRunDetail; programId: string }) {
  const [otherId, setOtherId] = useState<string | null>(null);
  const runs = useQuery({
    queryKey: ['match-runs', programId],
    queryFn: () => callApi(API.listMatchRuns, { params: { programId } }).then((r) => r.runs),
  });
  const comparison = useQuery({
    queryKey: ['compare', run.id, otherId],
    enabled: otherId !== null,
    queryFn: () => callApi(API.compareMatchRuns, { params: { runId: run.id, otherRunId: otherId ?? '' } }),
  });
  const signed = (value: number, digits = 1) => `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`;
  return (
    <Card withBorder>
      <Stack>
        <Title order={3}>Compare with another run</Title>
        <Select
          label="Other run"
          placeholder="Pick a run"
          data={(runs.data ?? [])
            .filter((other) => other.id !== run.id)
            .map((other) => ({
              value: other.id,
              label: `${new Date(other.createdAt).toLocaleString()} · ${other.objective} · ${other.status}`,
            }))}
          value={otherId}
          onChange={setOtherId}
        />
        {comparison.data ? (
          <>
            <Text>
              {comparison.data.same} pairs in both; coverage {signed(comparison.data.delta.coverage * 100)}{' '}
              points, mean score {signed(comparison.data.delta.meanScore)}, total{' '}
              {signed(comparison.data.delta.totalScore, 0)}.
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {(['onlyInFirst', 'onlyInSecond'] as const).map((side) => (
                <div key={side}>
                  <Text fw={500}>
                    {side === 'onlyInFirst' ? 'Only in this run' : 'Only in the other run'}
                  </Text>
                  <List size="sm">
                    {comparison.data[side].map((pair) => (
                      <List.Item key={`${pair.mentee.applicationId}-${pair.mentor.applicationId}`}>
                        {pair.mentee.name} ↔ {pair.mentor.name} ({pair.score})
                      </List.Item>
                    ))}
                  </List>
                </div>
              ))}
            </SimpleGrid>
          </>
        ) : null}
      </Stack>
    </Card>
  );
}

export function MatchRunPage() {
  const { organizationId, programId, runId } = route.useParams();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<MatchRunPair | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const query = useQuery({
    queryKey: ['match-run', runId],
    queryFn: () => callApi(API.getMatchRun, { params: { runId } }).then((r) => r.run),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['match-run', runId] });
  const publish = useMutation({
    mutationFn: () => callApi(API.publishMatchRun, { params: { runId } }),
    onSuccess: async (result) => {
      setConfirming(false);
      notifications.show({
        message: `Published: ${result.relationshipsCreated} relationships, ${result.emailsSent} emails`,
      });
      await refresh();
    },
    onError: (cause) => setError(errorMessage(cause)),
  });
  const discard = useMutation({
    mutationFn: () => callApi(API.discardMatchRun, { params: { runId } }),
    onSuccess: refresh,
    onError: (cause) => setError(errorMessage(cause)),
  });
  if (query.isPending) return <Loading />;
  if (query.isError) return <FormAlert message={errorMessage(query.error)} />;
  const run = query.data;
  const s = run.summary;
  const chart = s.distribution.map((count, band) => ({
    band: `${band * 100}–${band * 100 + 99}`,
    pairs: count,
  }));
  return (
    <Page
      title="Match run"
      description={
        <>
          {run.cohortName} · {run.objective} · run by {run.createdBy ?? '—'} ·{' '}
          <AnchorLink
            to="/o/$organizationId/programs/$programId/match-runs"
            params={{ organizationId, programId }}
          >
            all runs
          </AnchorLink>
        </>
      }
      actions={
        <Group>
          <Badge size="lg">{run.status}</Badge>
          {run.can.publish ? <Button onClick={() => setConfirming(true)}>Publish</Button> : null}
          {run.can.discard ? (
            <Button variant="default" loading={discard.isPending} onClick={() => discard.mutate()}>
              Discard
            </Button>
          ) : null}
        </Group>
      }
    >
      <FormAlert message={error} />
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <StatCard
          label="Coverage"
          value={`${(s.coverage * 100).toFixed(1)}% (${s.matchedMentees}/${s.menteeCount})`}
        />
        <StatCard label="Mean score" value={String(s.meanScore)} />
        <StatCard label="Lowest score" value={s.minScore === null ? '—' : String(s.minScore)} />
        <StatCard
          label="Optimal"
          value={s.isProvenOptimal === null ? 'n/a' : s.isProvenOptimal ? 'Proven' : 'Not proven'}
        />
      </SimpleGrid>
      <Card withBorder mt="md">
        <Title order={3}>Score distribution</Title>
        <div style={{ width: '100%', height: 220 }}>
          <ResponsiveContainer>
            <BarChart data={chart}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="band" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Bar dataKey="pairs" fill="#1c3d5a" />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </Card>

      <Title order={3} mt="lg">
        Pairs ({run.pairs.length}
        {s.circleCount !== null ? ` in ${s.circleCount} circles` : ''})
      </Title>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            {s.circleCount !== null ? <Table.Th>Circle</Table.Th> : null}
            <Table.Th>Mentee</Table.Th>
            <Table.Th>Mentor</Table.Th>
            <Table.Th>Score</Table.Th>
            <Table.Th>Why</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {run.pairs.map((pair) => (
            <Table.Tr key={pair.id}>
              {s.circleCount !== null ? <Table.Td>{pair.circle}</Table.Td> : null}
              <Table.Td>{pair.mentee.name}</Table.Td>
              <Table.Td>{pair.mentor.name}</Table.Td>
              <Table.Td>{pair.score}</Table.Td>
              <Table.Td>
                <Text size="sm">
                  {pair.reasons
                    .slice(0, 3)
                    .map((reason) => reason.reason)
                    .join('; ')}
                </Text>
                {pair.overrideReason ? (
                  <Text size="sm" c="red">
                    Override: {pair.overrideReason} ({pair.brokenConstraints.map((b) => b.code).join(', ')})
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                {run.can.edit && pair.origin !== 'existing' ? (
                  <Button size="xs" variant="light" onClick={() => setEditing(pair)}>
                    Change mentor
                  </Button>
                ) : pair.origin === 'existing' ? (
                  <Badge variant="outline">running</Badge>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>

      <Title order={3} mt="lg">
        Unmatched mentees ({run.unmatched.length})
      </Title>
      {run.unmatched.length === 0 ? (
        <Text c="dimmed">Every mentee is matched.</Text>
      ) : (
        <Table>
          <Table.Tbody>
            {run.unmatched.map((entry) => (
              <Table.Tr key={entry.mentee.applicationId}>
                <Table.Td>{entry.mentee.name}</Table.Td>
                <Table.Td>{entry.detail}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      <Stack mt="lg">
        <Compare run={run} programId={programId} />
      </Stack>

      {editing ? <EditDialog run={run} pair={editing} onClose={() => setEditing(null)} /> : null}
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Publish this run?">
        <Stack>
          <Text>
            {run.pairs.length} pairs become relationships and everyone is emailed. A published run cannot be
            changed.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button loading={publish.isPending} onClick={() => publish.mutate()}>
              Publish
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Page>
  );
}
