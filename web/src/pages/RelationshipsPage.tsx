/** Relationships: a program's (coordinators), and "My mentoring" (the signed-in person's own matches). */
import { Badge, Card, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { API } from '../../../src/contracts/endpoints.ts';
import type { Relationship } from '../../../src/contracts/match-runs.ts';
import { callApi, errorMessage } from '../api/client.ts';
import { Page } from '../components/Page.tsx';
import { FormAlert, Loading } from '../components/QueryState.tsx';

const programRoute = getRouteApi('/_app/o/$organizationId/programs/$programId/relationships');

const names = (relationship: Relationship, role: 'mentor' | 'mentee') =>
  relationship.participants
    .filter((participant) => participant.role === role)
    .map((participant) => participant.name)
    .join(', ');

export function ProgramRelationshipsPage() {
  const { programId } = programRoute.useParams();
  const query = useQuery({
    queryKey: ['relationships', programId],
    queryFn: () =>
      callApi(API.findProgramRelationships, { params: { programId } }).then((r) => r.relationships),
  });
  return (
    <Page title="Relationships" description="The matches running in this program.">
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <FormAlert message={errorMessage(query.error)} />
      ) : query.data.length === 0 ? (
        <Text c="dimmed">No relationships yet: publish a match run to create them.</Text>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Mentor</Table.Th>
              <Table.Th>Mentee</Table.Th>
              <Table.Th>Cohort</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Started</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.data.map((relationship) => (
              <Table.Tr key={relationship.id}>
                <Table.Td>{names(relationship, 'mentor')}</Table.Td>
                <Table.Td>{names(relationship, 'mentee')}</Table.Td>
                <Table.Td>{relationship.cohortName}</Table.Td>
                <Table.Td>
                  <Badge>{relationship.status}</Badge>
                </Table.Td>
                <Table.Td>{new Date(relationship.startedAt).toLocaleDateString()}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Page>
  );
}

export function MyRelationshipsPage() {
  const query = useQuery({
    queryKey: ['my-relationships'],
    queryFn: () => callApi(API.findMyRelationships).then((r) => r.relationships),
  });
  return (
    <Page title="My mentoring" description="The people you are matched with.">
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <FormAlert message={errorMessage(query.error)} />
      ) : query.data.length === 0 ? (
        <Text c="dimmed">
          You have no match yet. When a coordinator publishes matches, yours appears here.
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {query.data.map((relationship) => {
            const others = relationship.participants.filter((p) => p.role !== relationship.myRole);
            return (
              <Card withBorder key={relationship.id}>
                <Stack gap="xs">
                  <Text fw={700}>{relationship.programName}</Text>
                  <Text size="sm" c="dimmed">
                    {relationship.organizationName} · {relationship.cohortName}
                  </Text>
                  <Text>
                    {relationship.myRole === 'mentee' ? 'Your mentor' : 'Your mentee'}
                    {others.length > 1 ? 's' : ''}: <b>{others.map((p) => p.name).join(', ')}</b>
                  </Text>
                  <Badge>{relationship.status}</Badge>
                </Stack>
              </Card>
            );
          })}
        </SimpleGrid>
      )}
    </Page>
  );
}
