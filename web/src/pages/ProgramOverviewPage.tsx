/**
 * A program at a glance: what the coordinator should do next (a button per step), its cohorts with
 * their state, counts and the moves they may make (each confirmed), and "Apply" for members.
 */
import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import type { CohortState } from '../../../src/core/programs/vocabulary.ts';
import { errorMessage, isApiError } from '../api/client.ts';
import { programsApi, type ProgramOverviewDto } from '../api/endpoints.ts';
import { programOverviewQuery, queryKeys } from '../api/queries.ts';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { PlusIcon } from '../components/Icons.tsx';
import { ButtonLink } from '../components/Links.tsx';
import { Page } from '../components/Page.tsx';
import { FormAlert, LoadError, Loading } from '../components/QueryState.tsx';
import {
  FORMAT_LABELS,
  STATE_COLORS,
  STATE_LABELS,
  TRANSITION_CONSEQUENCES,
  TRANSITION_LABELS,
} from '../lib/program-labels.ts';

const route = getRouteApi('/_app/o/$organizationId/programs/$programId');

type Cohort = ProgramOverviewDto['cohorts'][number];
type NextStep = ProgramOverviewDto['nextSteps'][number];

function useTransition(programId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ cohort, to }: { cohort: { id: string; name: string }; to: CohortState }) =>
      programsApi.transitionCohort(programId, cohort.id, { to }),
    onSuccess: async (cohort) => {
      notifications.show({
        color: 'green',
        message: `${cohort.name} is now ${STATE_LABELS[cohort.state].toLowerCase()}.`,
      });
      await queryClient.invalidateQueries({ queryKey: queryKeys.program(programId) });
      await queryClient.invalidateQueries({ queryKey: ['organizations'] });
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: 'The cohort did not move', message: errorMessage(error) }),
  });
}

function NextSteps({
  organizationId,
  programId,
  steps,
  cohorts,
  onAddCohort,
}: {
  organizationId: string;
  programId: string;
  steps: NextStep[];
  cohorts: Cohort[];
  onAddCohort: () => void;
}) {
  const transition = useTransition(programId);
  const params = { organizationId, programId };
  const action = (step: NextStep) => {
    switch (step.target) {
      case 'transition': {
        const cohort = cohorts.find((candidate) => candidate.id === step.cohortId);
        if (!cohort || !step.transitionTo) return null;
        const to = step.transitionTo;
        return (
          <ConfirmButton
            size="xs"
            title={`${TRANSITION_LABELS[to]}: ${cohort.name}`}
            message={TRANSITION_CONSEQUENCES[to]}
            confirmLabel={TRANSITION_LABELS[to]}
            loading={transition.isPending}
            onConfirm={() => transition.mutateAsync({ cohort, to }).catch(() => undefined)}
          >
            {step.title}
          </ConfirmButton>
        );
      }
      case 'cohorts':
        return step.key === 'add-cohort' || step.key === 'next-intake' ? (
          <Button size="xs" onClick={onAddCohort}>
            Add a cohort
          </Button>
        ) : (
          <ButtonLink size="xs" to="/o/$organizationId/programs/$programId/settings" params={params}>
            Open settings
          </ButtonLink>
        );
      case 'settings':
      case 'duplicate':
        return (
          <ButtonLink size="xs" to="/o/$organizationId/programs/$programId/settings" params={params}>
            Open settings
          </ButtonLink>
        );
      case 'forms':
        return (
          <ButtonLink size="xs" to="/o/$organizationId/programs/$programId/forms" params={params}>
            Open the form builder
          </ButtonLink>
        );
      case 'applications':
        return (
          <ButtonLink size="xs" to="/o/$organizationId/programs/$programId/applications" params={params}>
            Open applications
          </ButtonLink>
        );
      case 'match-runs':
        return (
          <ButtonLink size="xs" to="/o/$organizationId/programs/$programId/match-runs" params={params}>
            Open matching
          </ButtonLink>
        );
    }
  };
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="next-steps-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="next-steps-heading">
          What to do next
        </Title>
        {steps.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nothing is waiting for you right now.
          </Text>
        ) : (
          <Stack gap="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {steps.map((step, index) => (
              <Group key={step.key} component="li" justify="space-between" wrap="wrap" gap="sm">
                <div style={{ minWidth: 0, flex: '1 1 280px' }}>
                  <Text fw={600} size="sm">
                    {index + 1}. {step.title}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {step.detail}
                  </Text>
                </div>
                {action(step)}
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

function count(n: number, word: string) {
  return `${n} ${n === 1 ? word : `${word}s`}`;
}

function CohortRow({ programId, cohort }: { programId: string; cohort: Cohort }) {
  const transition = useTransition(programId);
  const { mentor, mentee } = cohort.counts.applications;
  const applied = (byStatus: Record<string, number>) =>
    Object.entries(byStatus).reduce((sum, [status, n]) => (status === 'withdrawn' ? sum : sum + n), 0);
  return (
    <Table.Tr>
      <Table.Td>
        <Text fw={600} size="sm">
          {cohort.name}
        </Text>
        <Text size="xs" c="dimmed">
          {cohort.isRolling
            ? 'Rolling'
            : `${cohort.startsOn ?? 'no start date'} – ${cohort.endsOn ?? 'no end date'}`}
          {cohort.enrolmentClosesOn ? ` · enrolment closes ${cohort.enrolmentClosesOn}` : ''}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge color={STATE_COLORS[cohort.state]} variant="light">
          {STATE_LABELS[cohort.state]}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          {count(applied(mentee), 'mentee')}, {count(applied(mentor), 'mentor')} applied
        </Text>
        <Text size="xs" c="dimmed">
          {mentee.submitted + mentor.submitted} to review · {count(cohort.counts.draftRuns, 'draft run')} ·{' '}
          {count(cohort.counts.relationships, 'relationship')}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap="xs" justify="flex-end">
          {cohort.transitions.map(({ to, blockedBy }) =>
            blockedBy ? (
              <Tooltip key={to} label={blockedBy} multiline w={260}>
                <Button
                  size="xs"
                  variant="default"
                  data-disabled
                  aria-disabled
                  onClick={(event) => event.preventDefault()}
                >
                  {TRANSITION_LABELS[to]}
                </Button>
              </Tooltip>
            ) : (
              <ConfirmButton
                key={to}
                size="xs"
                variant={
                  to === 'draft' || (to === 'enrolling' && cohort.state === 'matching') ? 'default' : 'filled'
                }
                color={to === 'closed' ? 'red' : undefined}
                title={`${TRANSITION_LABELS[to]}: ${cohort.name}`}
                message={TRANSITION_CONSEQUENCES[to]}
                confirmLabel={TRANSITION_LABELS[to]}
                loading={transition.isPending && transition.variables?.to === to}
                onConfirm={() => transition.mutateAsync({ cohort, to }).catch(() => undefined)}
              >
                {TRANSITION_LABELS[to]}
              </ConfirmButton>
            ),
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function AddCohortModal({
  programId,
  opened,
  onClose,
}: {
  programId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '', startsOn: '', endsOn: '', enrolmentOpensOn: '', enrolmentClosesOn: '' },
  });
  const orNull = (value: string) => (value === '' ? null : value);
  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      await programsApi.createCohort(programId, {
        name: values.name,
        startsOn: orNull(values.startsOn),
        endsOn: orNull(values.endsOn),
        enrolmentOpensOn: orNull(values.enrolmentOpensOn),
        enrolmentClosesOn: orNull(values.enrolmentClosesOn),
      });
      await queryClient.invalidateQueries({ queryKey: queryKeys.program(programId) });
      form.reset();
      onClose();
    } catch (error) {
      if (isApiError(error) && error.issues.length > 0) {
        form.setErrors(Object.fromEntries(error.issues.map((issue) => [issue.path, issue.message])));
        setFormError('Please correct the highlighted fields.');
      } else setFormError(errorMessage(error));
    }
  });
  return (
    <Modal opened={opened} onClose={onClose} title="Add a cohort" centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <FormAlert message={formError} title="The cohort was not added" />
          <TextInput label="Name" required placeholder="2027 autumn intake" {...form.getInputProps('name')} />
          <Group grow>
            <TextInput type="date" label="Starts on" {...form.getInputProps('startsOn')} />
            <TextInput type="date" label="Ends on" {...form.getInputProps('endsOn')} />
          </Group>
          <Group grow>
            <TextInput type="date" label="Enrolment opens" {...form.getInputProps('enrolmentOpensOn')} />
            <TextInput type="date" label="Enrolment closes" {...form.getInputProps('enrolmentClosesOn')} />
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              Add cohort
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function ProgramOverviewPage() {
  const { organizationId, programId } = route.useParams();
  const overview = useQuery(programOverviewQuery(programId));
  const [adding, { open: openAdding, close: closeAdding }] = useDisclosure(false);
  if (overview.isPending) return <Loading />;
  if (overview.isError) {
    return (
      <Page title="Program">
        <LoadError
          error={overview.error}
          title="This program could not be loaded"
          onRetry={() => void overview.refetch()}
        />
      </Page>
    );
  }
  const { program, cohorts, nextSteps, forms } = overview.data;
  const params = { organizationId, programId };
  const manages = program.can.edit || program.can.transition;
  const totals = cohorts.reduce(
    (sum, cohort) => {
      const { mentor, mentee } = cohort.counts.applications;
      return {
        submitted: sum.submitted + mentor.submitted + mentee.submitted,
        approved: sum.approved + mentor.approved + mentee.approved,
        relationships: sum.relationships + cohort.counts.relationships,
      };
    },
    { submitted: 0, approved: 0, relationships: 0 },
  );

  return (
    <Page
      title={program.name}
      documentTitle={[program.name, 'Programs']}
      description={
        <>
          {FORMAT_LABELS[program.format]}
          {program.isEvergreen ? ' · evergreen' : ''}
          {program.currentCohort
            ? ` · ${program.currentCohort.name}: ${STATE_LABELS[program.currentCohort.state].toLowerCase()}`
            : ''}
          {program.archivedAt ? ' · archived' : ''}
        </>
      }
      actions={
        <Group gap="sm">
          {program.can.apply ? (
            <ButtonLink to="/o/$organizationId/programs/$programId/apply" params={params} search={{}}>
              Apply
            </ButtonLink>
          ) : null}
          {manages ? (
            <>
              <ButtonLink
                variant="default"
                to="/o/$organizationId/programs/$programId/applications"
                params={params}
              >
                Applications
              </ButtonLink>
              <ButtonLink variant="default" to="/o/$organizationId/programs/$programId/forms" params={params}>
                Forms
              </ButtonLink>
              <ButtonLink
                variant="default"
                to="/o/$organizationId/programs/$programId/eligibility"
                params={params}
              >
                Eligibility rules
              </ButtonLink>
              <ButtonLink
                variant="default"
                to="/o/$organizationId/programs/$programId/roster"
                params={params}
              >
                Roster import
              </ButtonLink>
              <ButtonLink
                variant="default"
                to="/o/$organizationId/programs/$programId/match-runs"
                params={params}
              >
                Matching
              </ButtonLink>
              <ButtonLink
                variant="default"
                to="/o/$organizationId/programs/$programId/relationships"
                params={params}
              >
                Relationships
              </ButtonLink>
            </>
          ) : null}
          {!manages && program.matchingMode !== 'coordinator' ? (
            <ButtonLink variant="default" to="/o/$organizationId/programs/$programId/mentors" params={params}>
              Find a mentor
            </ButtonLink>
          ) : null}
          {program.can.edit || program.can.duplicate || program.can.manageCoordinators ? (
            <ButtonLink
              variant="default"
              to="/o/$organizationId/programs/$programId/settings"
              params={params}
            >
              Settings
            </ButtonLink>
          ) : null}
        </Group>
      }
    >
      {program.description ? (
        <Text size="sm" maw={760} style={{ whiteSpace: 'pre-line' }}>
          {program.description}
        </Text>
      ) : null}
      {manages ? (
        <NextSteps
          organizationId={organizationId}
          programId={programId}
          steps={nextSteps}
          cohorts={cohorts}
          onAddCohort={openAdding}
        />
      ) : null}
      {manages ? (
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
          {[
            [
              'Forms',
              `${forms.mentee > 0 ? 'Mentee ✓' : 'Mentee –'} · ${forms.mentor > 0 ? 'Mentor ✓' : 'Mentor –'}`,
            ],
            ['To review', String(totals.submitted)],
            ['Approved', String(totals.approved)],
            ['Relationships', String(totals.relationships)],
          ].map(([label, value]) => (
            <Card key={label} withBorder padding="md">
              <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
                {label}
              </Text>
              <Text fw={700} size="lg">
                {value}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      ) : null}
      <Card withBorder padding="lg" component="section" aria-labelledby="cohorts-heading">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={2} size="h4" id="cohorts-heading">
              Cohorts
            </Title>
            {program.can.edit && !program.isEvergreen ? (
              <Button size="xs" variant="default" leftSection={<PlusIcon />} onClick={openAdding}>
                Add a cohort
              </Button>
            ) : null}
          </Group>
          {cohorts.length === 0 ? (
            <Text size="sm" c="dimmed">
              No cohorts yet. A cohort is one intake with its own dates and enrolment window.
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Cohort</Table.Th>
                    <Table.Th>State</Table.Th>
                    <Table.Th>People</Table.Th>
                    <Table.Th>
                      <span className="visually-hidden">Actions</span>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {cohorts.map((cohort) => (
                    <CohortRow key={cohort.id} programId={programId} cohort={cohort} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      </Card>
      <AddCohortModal programId={programId} opened={adding} onClose={closeAdding} />
    </Page>
  );
}
