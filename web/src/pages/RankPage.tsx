/** Rank candidates of the other side (an approved applicant ranks whom they would like to be matched with). */
import { ActionIcon, Alert, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { enrolmentApi, enrolmentKeys, myApplicationsQuery, type RankingsDto } from '../api/enrolment.ts';
import { ButtonLink } from '../components/Links.tsx';
import { Page } from '../components/Page.tsx';
import { FormAlert, LoadError, Loading } from '../components/QueryState.tsx';

const route = getRouteApi('/_app/o/$organizationId/programs/$programId/rank');

function Ranking({ applicationId, data }: { applicationId: string; data: RankingsDto }) {
  const queryClient = useQueryClient();
  const [ranked, setRanked] = useState(
    data.rankings.map((r) => ({ applicationId: r.applicationId, name: r.name })),
  );
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const rankedIds = new Set(ranked.map((r) => r.applicationId));
  const unranked = data.candidates.filter((c) => !rankedIds.has(c.applicationId));
  const full = ranked.length >= data.maxRankings;
  const move = (index: number, by: number) =>
    setRanked((current) => {
      const next = [...current];
      const [item] = next.splice(index, 1);
      if (item) next.splice(index + by, 0, item);
      return next;
    });
  const save = () => {
    setSaving(true);
    setError(null);
    enrolmentApi
      .setRankings(
        applicationId,
        ranked.map((r) => r.applicationId),
      )
      .then(async () => {
        await queryClient.invalidateQueries({ queryKey: enrolmentKeys.rankings(applicationId) });
        notifications.show({ color: 'green', message: 'Your ranking was saved.' });
      })
      .catch((caught: unknown) => setError(errorMessage(caught)))
      .finally(() => setSaving(false));
  };
  return (
    <Stack gap="md">
      <FormAlert message={error} title="The ranking was not saved" />
      <Text size="sm" c="dimmed">
        Put your first choice first. You can rank up to {data.maxRankings}.
      </Text>
      <Card withBorder padding="md">
        <Stack gap="xs">
          <Text fw={500}>Your ranking</Text>
          {ranked.length === 0 ? (
            <Text size="sm" c="dimmed">
              Nobody ranked yet. Add candidates from the list below.
            </Text>
          ) : null}
          {ranked.map((candidate, index) => (
            <Group key={candidate.applicationId} justify="space-between">
              <Group gap="xs">
                <Badge variant="light">{index + 1}</Badge>
                <Text size="sm">{candidate.name}</Text>
              </Group>
              {data.can.edit ? (
                <Group gap={4}>
                  <ActionIcon
                    variant="subtle"
                    aria-label={`Move ${candidate.name} up`}
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                  >
                    ↑
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    aria-label={`Move ${candidate.name} down`}
                    disabled={index === ranked.length - 1}
                    onClick={() => move(index, 1)}
                  >
                    ↓
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`Remove ${candidate.name}`}
                    onClick={() => setRanked((current) => current.filter((_, i) => i !== index))}
                  >
                    ×
                  </ActionIcon>
                </Group>
              ) : null}
            </Group>
          ))}
        </Stack>
      </Card>
      <Card withBorder padding="md">
        <Stack gap="xs">
          <Text fw={500}>Candidates</Text>
          {unranked.length === 0 ? (
            <Text size="sm" c="dimmed">
              {data.candidates.length === 0
                ? 'No candidates yet: they appear here once the other side is approved.'
                : 'Everyone is ranked.'}
            </Text>
          ) : null}
          {unranked.map((candidate) => (
            <Group key={candidate.applicationId} justify="space-between">
              <Text size="sm">{candidate.name}</Text>
              {data.can.edit ? (
                <Button
                  size="compact-xs"
                  variant="default"
                  disabled={full}
                  onClick={() => setRanked((current) => [...current, candidate])}
                >
                  Rank
                </Button>
              ) : null}
            </Group>
          ))}
          {full && unranked.length > 0 ? (
            <Text size="xs" c="dimmed">
              You have ranked the most this program allows. Remove someone to rank another.
            </Text>
          ) : null}
        </Stack>
      </Card>
      {data.can.edit ? (
        <Group>
          <Button loading={saving} onClick={save}>
            Save ranking
          </Button>
        </Group>
      ) : (
        <Alert variant="light">Rankings are closed for this program.</Alert>
      )}
    </Stack>
  );
}

export function RankPage() {
  const { organizationId, programId } = route.useParams();
  const search = route.useSearch();
  const mine = useQuery(myApplicationsQuery);
  const application =
    (mine.data ?? []).find((a) => a.id === search.application) ??
    (mine.data ?? []).find((a) => a.programId === programId && a.can.rank);
  const rankings = useQuery({
    queryKey: enrolmentKeys.rankings(application?.id ?? ''),
    queryFn: () => enrolmentApi.rankings(application?.id ?? ''),
    enabled: application !== undefined,
  });
  return (
    <Page
      title="Rank candidates"
      description={application ? `${application.programName}, as a ${application.role}` : undefined}
    >
      {mine.isPending ? (
        <Loading />
      ) : mine.isError ? (
        <LoadError error={mine.error} />
      ) : !application ? (
        <Alert variant="light" title="Nothing to rank">
          <Stack gap="xs">
            <Text size="sm">You can rank candidates once your application to this program is approved.</Text>
            <div>
              <ButtonLink size="xs" to="/o/$organizationId/my/applications" params={{ organizationId }}>
                My applications
              </ButtonLink>
            </div>
          </Stack>
        </Alert>
      ) : rankings.isPending ? (
        <Loading />
      ) : rankings.isError ? (
        <LoadError error={rankings.error} onRetry={() => void rankings.refetch()} />
      ) : (
        <Ranking key={application.id} applicationId={application.id} data={rankings.data} />
      )}
    </Page>
  );
}
