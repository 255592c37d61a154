/** The organization's programs: cards with format, current cohort state and counts; filters; "New program". */
import {
  Badge,
  Card,
  Group,
  Pagination,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { COHORT_STATES, type CohortState } from '../../../src/core/programs/vocabulary.ts';
import type { ProgramDto } from '../api/endpoints.ts';
import { organizationQuery, programsQuery } from '../api/queries.ts';
import { PlusIcon } from '../components/Icons.tsx';
import { AnchorLink, ButtonLink } from '../components/Links.tsx';
import { Page } from '../components/Page.tsx';
import { LoadError, Loading } from '../components/QueryState.tsx';
import { FORMAT_LABELS, STATE_COLORS, STATE_LABELS } from '../lib/program-labels.ts';

const route = getRouteApi('/_app/o/$organizationId/programs');

function ProgramCard({ organizationId, program }: { organizationId: string; program: ProgramDto }) {
  const params = { organizationId, programId: program.id };
  return (
    <Card withBorder padding="lg" component="article" aria-labelledby={`program-${program.id}`}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Title order={2} size="h4" id={`program-${program.id}`}>
            <AnchorLink to="/o/$organizationId/programs/$programId" params={params}>
              {program.name}
            </AnchorLink>
          </Title>
          {program.currentCohort ? (
            <Badge color={STATE_COLORS[program.currentCohort.state]} variant="light">
              {STATE_LABELS[program.currentCohort.state]}
            </Badge>
          ) : null}
        </Group>
        <Group gap="xs">
          <Badge variant="outline" color="gray">
            {FORMAT_LABELS[program.format]}
            {program.format === 'group' && program.groupSize ? ` of ${program.groupSize}` : ''}
          </Badge>
          {program.isEvergreen ? (
            <Badge variant="outline" color="gray">
              Evergreen
            </Badge>
          ) : null}
          {program.archivedAt ? <Badge color="gray">Archived</Badge> : null}
        </Group>
        {program.description ? (
          <Text size="sm" c="dimmed" lineClamp={2}>
            {program.description}
          </Text>
        ) : null}
        <Text size="sm">
          {program.currentCohort ? `${program.currentCohort.name} · ` : ''}
          {program.counts.cohorts} {program.counts.cohorts === 1 ? 'cohort' : 'cohorts'} ·{' '}
          {program.counts.applications} {program.counts.applications === 1 ? 'application' : 'applications'} ·{' '}
          {program.counts.relationships}{' '}
          {program.counts.relationships === 1 ? 'relationship' : 'relationships'}
        </Text>
        {program.can.apply ? (
          <Group>
            <ButtonLink
              to="/o/$organizationId/programs/$programId/apply"
              params={{ organizationId, programId: program.id }}
              search={{}}
            >
              Apply
            </ButtonLink>
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}

export function ProgramsPage() {
  const { organizationId } = route.useParams();
  const { data: organization } = useSuspenseQuery(organizationQuery(organizationId));
  const [search, setSearch] = useState('');
  const [state, setState] = useState<CohortState | null>(null);
  const [page, setPage] = useState(1);
  const [debouncedSearch] = useDebouncedValue(search, 250);
  const filters = { search: debouncedSearch.trim() || undefined, state: state ?? undefined, page };
  const programs = useQuery({ ...programsQuery(organizationId, filters), placeholderData: keepPreviousData });
  const data = programs.data;
  const filtered = Boolean(filters.search || filters.state);

  return (
    <Page
      title="Programs"
      documentTitle={['Programs', organization.name]}
      description="Mentorship programs of this organization, each run in cohorts."
      actions={
        data?.canCreate ? (
          <ButtonLink
            to="/o/$organizationId/programs/new"
            params={{ organizationId }}
            leftSection={<PlusIcon />}
          >
            New program
          </ButtonLink>
        ) : null
      }
    >
      <Group gap="md" align="flex-end">
        <TextInput
          label="Search"
          placeholder="Name or description"
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            setPage(1);
          }}
          style={{ flex: '1 1 240px' }}
        />
        <Select
          label="Cohort state"
          placeholder="Any state"
          clearable
          data={COHORT_STATES.map((value) => ({ value, label: STATE_LABELS[value] }))}
          value={state}
          onChange={(value) => {
            setState(value);
            setPage(1);
          }}
          style={{ flex: '0 1 200px' }}
        />
      </Group>
      {programs.isPending ? (
        <Loading />
      ) : programs.isError ? (
        <LoadError error={programs.error} onRetry={() => void programs.refetch()} />
      ) : data && data.programs.length === 0 ? (
        <Card withBorder padding="xl">
          <Stack gap="sm" align="flex-start">
            <Title order={2} size="h4">
              {filtered
                ? 'No program matches'
                : data.canCreate
                  ? 'No programs yet'
                  : 'No programs open to you yet'}
            </Title>
            <Text size="sm" c="dimmed" maw={600}>
              {filtered
                ? 'Try other words or another state.'
                : data.canCreate
                  ? 'A program pairs mentors and mentees around objectives you set. The guided setup takes you through format, schedule, rules, objectives and expectations; you can change everything later.'
                  : 'When a coordinator opens enrolment for a program, it appears here and you can apply.'}
            </Text>
            {!filtered && data.canCreate ? (
              <ButtonLink
                to="/o/$organizationId/programs/new"
                params={{ organizationId }}
                leftSection={<PlusIcon />}
              >
                Create your first program
              </ButtonLink>
            ) : null}
          </Stack>
        </Card>
      ) : data ? (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            {data.programs.map((program) => (
              <ProgramCard key={program.id} organizationId={organizationId} program={program} />
            ))}
          </SimpleGrid>
          {data.total > data.pageSize ? (
            <Pagination total={Math.ceil(data.total / data.pageSize)} value={page} onChange={setPage} />
          ) : null}
        </Stack>
      ) : null}
    </Page>
  );
}
