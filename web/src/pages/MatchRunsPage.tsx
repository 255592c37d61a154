/** A program's match runs: the settings form (weights, hard constraints, objective, minimum score, pins, exclusions), Run, and the runs so far. */
import {
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Slider,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { API } from '../../../src/contracts/endpoints.ts';
import { CRITERION_IDS, DEFAULT_WEIGHTS, MATCH_OBJECTIVES } from '../../../src/core/matching/index.ts';
import { callApi, errorMessage } from '../api/client.ts';
import { AnchorLink } from '../components/Links.tsx';
import { Page } from '../components/Page.tsx';
import { FormAlert, Loading } from '../components/QueryState.tsx';

const route = getRouteApi('/_app/o/$organizationId/programs/$programId/match-runs/');

const OBJECTIVE_LABELS: Record<(typeof MATCH_OBJECTIVES)[number], string> = {
  quality: 'Quality — the highest total score',
  coverage: 'Coverage — as many mentees matched as possible',
  fairness: 'Fairness — lift the lowest score',
  stable: 'Stable — from participants’ rankings',
};
const STATUS_COLORS = { draft: 'blue', published: 'green', discarded: 'gray' } as const;

/** "menteeApplicationId mentorApplicationId" per line → pairs. */
function parsePairs(text: string) {
  return text
    .split('\n')
    .map((line) => line.trim().split(/[\s,]+/))
    .filter((parts) => parts.length === 2 && parts[0] && parts[1])
    .map(([menteeApplicationId, mentorApplicationId]) => ({ menteeApplicationId, mentorApplicationId }));
}

export function MatchRunsPage() {
  const { organizationId, programId } = route.useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const runs = useQuery({
    queryKey: ['match-runs', programId],
    queryFn: () => callApi(API.listMatchRuns, { params: { programId } }).then((r) => r.runs),
  });
  const [weights, setWeights] = useState<Record<string, number>>({ ...DEFAULT_WEIGHTS });
  const [objective, setObjective] = useState<(typeof MATCH_OBJECTIVES)[number]>('quality');
  const [minScore, setMinScore] = useState<number>(0);
  const [organizationRule, setOrganizationRule] = useState<string | null>(null);
  const [jurisdictionRule, setJurisdictionRule] = useState<string | null>(null);
  const [minSeniorityGapYears, setMinSeniorityGapYears] = useState<number | ''>('');
  const [maxTimeZoneDifferenceHours, setMaxTimeZoneDifferenceHours] = useState<number | ''>('');
  const [pinned, setPinned] = useState('');
  const [excluded, setExcluded] = useState('');
  const [error, setError] = useState<string | null>(null);

  const run = useMutation({
    mutationFn: () =>
      callApi(API.createMatchRun, {
        params: { programId },
        body: {
          objective,
          minScore,
          weights,
          constraints: {
            ...(organizationRule ? { organizationRule: organizationRule as 'allowed' } : {}),
            ...(jurisdictionRule ? { jurisdictionRule: jurisdictionRule as 'off' } : {}),
            ...(minSeniorityGapYears === '' ? {} : { minSeniorityGapYears }),
            ...(maxTimeZoneDifferenceHours === '' ? {} : { maxTimeZoneDifferenceHours }),
          },
          pinned: parsePairs(pinned),
          excluded: parsePairs(excluded),
        },
      }),
    onSuccess: async ({ run: created }) => {
      notifications.show({ message: `Draft run ready: ${created.summary.pairCount} pairs` });
      await queryClient.invalidateQueries({ queryKey: ['match-runs', programId] });
      await navigate({
        to: '/o/$organizationId/programs/$programId/match-runs/$runId',
        params: { organizationId, programId, runId: created.id },
      });
    },
    onError: (cause) => setError(errorMessage(cause)),
  });

  return (
    <Page
      title="Match runs"
      description="Set how pairs are scored and which rules are hard, run the engine, then review, edit and publish a draft."
    >
      <Card withBorder>
        <Stack>
          <Title order={3}>Settings</Title>
          <FormAlert message={error} />
          <Select
            label="Objective"
            data={MATCH_OBJECTIVES.map((value) => ({ value, label: OBJECTIVE_LABELS[value] }))}
            value={objective}
            onChange={(value) => value && setObjective(value)}
            allowDeselect={false}
          />
          <NumberInput
            label="Minimum score (0–1000)"
            description="No pair scoring under this is made"
            min={0}
            max={1000}
            value={minScore}
            onChange={(value) => setMinScore(Number(value) || 0)}
          />
          <Text fw={500}>Weights per criterion</Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {CRITERION_IDS.map((criterion) => (
              <div key={criterion}>
                <Text size="sm">
                  {criterion.replace(/-/g, ' ')}: {weights[criterion] ?? 0}
                </Text>
                <Slider
                  aria-label={`Weight of ${criterion}`}
                  min={0}
                  max={10}
                  step={1}
                  value={weights[criterion] ?? 0}
                  onChange={(value) => setWeights((current) => ({ ...current, [criterion]: value }))}
                />
              </div>
            ))}
          </SimpleGrid>
          <Text fw={500}>Hard constraints</Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label="Inside / outside mentoring"
              placeholder="The program’s rule"
              clearable
              data={[
                { value: 'allowed', label: 'Either' },
                { value: 'same-required', label: 'Mentor from the mentee’s organization' },
                { value: 'same-forbidden', label: 'Mentor from another organization' },
              ]}
              value={organizationRule}
              onChange={setOrganizationRule}
            />
            <Select
              label="Jurisdiction"
              placeholder="The program’s rule"
              clearable
              data={[
                { value: 'off', label: 'No rule' },
                { value: 'any', label: 'Admitted where the mentee practises (any)' },
                { value: 'all', label: 'Admitted everywhere the mentee practises' },
              ]}
              value={jurisdictionRule}
              onChange={setJurisdictionRule}
            />
            <NumberInput
              label="Minimum extra years of practice"
              placeholder="Default (2)"
              min={0}
              max={40}
              value={minSeniorityGapYears}
              onChange={(value) => setMinSeniorityGapYears(value === '' ? '' : Number(value))}
            />
            <NumberInput
              label="Largest time-zone difference (hours)"
              placeholder="No rule"
              min={0}
              max={12}
              value={maxTimeZoneDifferenceHours}
              onChange={(value) => setMaxTimeZoneDifferenceHours(value === '' ? '' : Number(value))}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Textarea
              label="Pinned pairs"
              description="One per line: mentee application id, mentor application id"
              autosize
              minRows={2}
              value={pinned}
              onChange={(event) => setPinned(event.currentTarget.value)}
            />
            <Textarea
              label="Excluded pairs"
              description="One per line: mentee application id, mentor application id"
              autosize
              minRows={2}
              value={excluded}
              onChange={(event) => setExcluded(event.currentTarget.value)}
            />
          </SimpleGrid>
          <Group>
            <Button onClick={() => run.mutate()} loading={run.isPending}>
              Run matching
            </Button>
          </Group>
        </Stack>
      </Card>

      <Title order={3} mt="lg">
        Runs
      </Title>
      {runs.isPending ? (
        <Loading />
      ) : runs.isError ? (
        <FormAlert message={errorMessage(runs.error)} />
      ) : runs.data.length === 0 ? (
        <Text c="dimmed">No runs yet. Choose the settings above and press “Run matching”.</Text>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Run</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Objective</Table.Th>
              <Table.Th>Pairs</Table.Th>
              <Table.Th>Coverage</Table.Th>
              <Table.Th>Mean score</Table.Th>
              <Table.Th>Run by</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {runs.data.map((item) => (
              <Table.Tr key={item.id}>
                <Table.Td>
                  <AnchorLink
                    to="/o/$organizationId/programs/$programId/match-runs/$runId"
                    params={{ organizationId, programId, runId: item.id }}
                  >
                    {new Date(item.createdAt).toLocaleString()} · {item.cohortName}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLORS[item.status]}>{item.status}</Badge>
                  {item.isIncremental ? (
                    <Badge variant="outline" ml="xs">
                      incremental
                    </Badge>
                  ) : null}
                </Table.Td>
                <Table.Td>{item.objective}</Table.Td>
                <Table.Td>{item.summary.pairCount}</Table.Td>
                <Table.Td>{(item.summary.coverage * 100).toFixed(1)}%</Table.Td>
                <Table.Td>{item.summary.meanScore}</Table.Td>
                <Table.Td>{item.createdBy ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Page>
  );
}
