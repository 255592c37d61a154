/** A program's settings (the same fields as the guided setup), duplicate, archive and program coordinators. */
import {
  Alert,
  Button,
  Card,
  Divider,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { errorMessage, isApiError } from '../api/client.ts';
import { programsApi, type ProgramDto } from '../api/endpoints.ts';
import { membersQuery, programCoordinatorsQuery, programOverviewQuery, queryKeys } from '../api/queries.ts';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { AlertIcon } from '../components/Icons.tsx';
import { AnchorLink } from '../components/Links.tsx';
import { Page } from '../components/Page.tsx';
import {
  BasicsFields,
  ExpectationsFields,
  ObjectivesFields,
  RulesFields,
  ScheduleFields,
} from '../components/ProgramFields.tsx';
import { FormAlert, LoadError, Loading } from '../components/QueryState.tsx';
import {
  formPath,
  programFormErrors,
  PROGRAM_STEPS,
  requestOf,
  sentence,
  valuesOf,
  type ProgramFormValues,
} from '../lib/program-form.ts';

const route = getRouteApi('/_app/o/$organizationId/programs/$programId/settings');

function SettingsForm({ program }: { program: ProgramDto }) {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ProgramFormValues>({
    mode: 'controlled',
    initialValues: valuesOf(program),
    validate: (values) => programFormErrors(values),
  });
  const submit = form.onSubmit(
    async (values) => {
      setFormError(null);
      const { cohort: _cohort, ...changes } = requestOf(values);
      try {
        const saved = await programsApi.update(program.id, changes);
        form.resetDirty(valuesOf(saved));
        await queryClient.invalidateQueries({ queryKey: queryKeys.program(program.id) });
        await queryClient.invalidateQueries({ queryKey: queryKeys.programs(program.organizationId) });
        notifications.show({ color: 'green', message: 'The settings were saved.' });
      } catch (error) {
        if (isApiError(error) && error.issues.length > 0) {
          form.setErrors(
            Object.fromEntries(error.issues.map((i) => [formPath(i.path), sentence(i.message)])),
          );
          setFormError('Please correct the highlighted fields.');
        } else setFormError(errorMessage(error));
      }
    },
    () => setFormError('Please correct the highlighted fields.'),
  );
  const sections = [
    <BasicsFields key="basics" form={form} />,
    <ScheduleFields key="schedule" form={form} withCohort={false} />,
    <RulesFields key="rules" form={form} />,
    <ObjectivesFields key="objectives" form={form} />,
    <ExpectationsFields key="expectations" form={form} />,
  ];
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <FormAlert message={formError} title="The settings were not saved" />
        {PROGRAM_STEPS.map((step, index) => (
          <Card
            key={step.key}
            withBorder
            padding="lg"
            component="section"
            aria-labelledby={`section-${step.key}`}
          >
            <Stack gap="md">
              <Title order={2} size="h4" id={`section-${step.key}`}>
                {step.label}
              </Title>
              {sections[index]}
            </Stack>
          </Card>
        ))}
        <Group>
          <Button type="submit" loading={form.submitting} disabled={!form.isDirty()}>
            Save settings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Coordinators({ program }: { program: ProgramDto }) {
  const queryClient = useQueryClient();
  const coordinators = useQuery(programCoordinatorsQuery(program.id));
  const members = useQuery({
    ...membersQuery(program.organizationId),
    enabled: program.can.manageCoordinators,
  });
  const [membershipId, setMembershipId] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.program(program.id) });
  const add = useMutation({
    mutationFn: (id: string) => programsApi.addCoordinator(program.id, id),
    onSuccess: async (coordinator) => {
      setMembershipId(null);
      notifications.show({ color: 'green', message: `${coordinator.name} now coordinates ${program.name}.` });
      await refresh();
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: 'Not added', message: errorMessage(error) }),
  });
  const remove = useMutation({
    mutationFn: (id: string) => programsApi.removeCoordinator(program.id, id),
    onSuccess: refresh,
    onError: (error) =>
      notifications.show({ color: 'red', title: 'Not removed', message: errorMessage(error) }),
  });
  const current = new Set((coordinators.data ?? []).map((c) => c.membershipId));
  const candidates = (members.data ?? [])
    .filter((member) => member.role === 'member' && !current.has(member.id))
    .map((member) => ({ value: member.id, label: `${member.name} (${member.email})` }));

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="coordinators-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="coordinators-heading">
          Program coordinators
        </Title>
        <Text size="sm" c="dimmed">
          Organization administrators and coordinators run every program. Here you can let a member run this
          program only: its settings, cohorts, applications and matching.
        </Text>
        {coordinators.isPending ? (
          <Loading />
        ) : coordinators.isError ? (
          <LoadError error={coordinators.error} />
        ) : coordinators.data.length === 0 ? (
          <Text size="sm">No program coordinators yet.</Text>
        ) : (
          <Table>
            <Table.Tbody>
              {coordinators.data.map((coordinator) => (
                <Table.Tr key={coordinator.membershipId}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {coordinator.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {coordinator.email}
                    </Text>
                  </Table.Td>
                  <Table.Td align="right">
                    {coordinator.can.remove ? (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        loading={remove.isPending && remove.variables === coordinator.membershipId}
                        onClick={() => remove.mutate(coordinator.membershipId)}
                        aria-label={`Remove ${coordinator.name} as program coordinator`}
                      >
                        Remove
                      </Button>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {program.can.manageCoordinators ? (
          <Group align="flex-end">
            <Select
              label="Add a member"
              placeholder={candidates.length ? 'Choose a member' : 'No other members'}
              data={candidates}
              value={membershipId}
              onChange={setMembershipId}
              searchable
              style={{ flex: '1 1 280px' }}
            />
            <Button
              disabled={!membershipId}
              loading={add.isPending}
              onClick={() => membershipId && add.mutate(membershipId)}
            >
              Make coordinator
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}

function Lifecycle({ program }: { program: ProgramDto }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [copyName, setCopyName] = useState(`${program.name} (copy)`.slice(0, 120));
  const duplicate = useMutation({
    mutationFn: () => programsApi.duplicate(program.id, { name: copyName }),
    onSuccess: async (copy) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.programs(program.organizationId) });
      notifications.show({ color: 'green', message: `${copy.name} was created as a draft.` });
      await navigate({
        to: '/o/$organizationId/programs/$programId',
        params: { organizationId: program.organizationId, programId: copy.id },
      });
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: 'Not duplicated', message: errorMessage(error) }),
  });
  const archive = useMutation({
    mutationFn: () => programsApi.archive(program.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.program(program.id) });
      await queryClient.invalidateQueries({ queryKey: queryKeys.programs(program.organizationId) });
      notifications.show({ color: 'green', message: `${program.name} was archived.` });
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: 'Not archived', message: errorMessage(error) }),
  });
  if (!program.can.duplicate && !program.can.archive) return null;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="lifecycle-heading">
      <Stack gap="md">
        <Title order={2} size="h4" id="lifecycle-heading">
          Next year and archiving
        </Title>
        {program.can.duplicate ? (
          <Group align="flex-end">
            <TextInput
              label="Duplicate as"
              description="Copies settings, objectives, expectations and the latest forms; no people, one draft cohort."
              value={copyName}
              onChange={(event) => setCopyName(event.currentTarget.value)}
              style={{ flex: '1 1 320px' }}
            />
            <Button variant="default" loading={duplicate.isPending} onClick={() => duplicate.mutate()}>
              Duplicate
            </Button>
          </Group>
        ) : null}
        {program.can.archive ? (
          <>
            <Divider />
            <Group justify="space-between">
              <Text size="sm" c="dimmed" maw={520}>
                An archived program leaves the list and no longer changes; you can still duplicate it. Close
                any enrolling, matching or running cohort first.
              </Text>
              <ConfirmButton
                color="red"
                variant="light"
                title={`Archive ${program.name}?`}
                message="It leaves the programs list and can no longer be changed."
                confirmLabel="Archive"
                loading={archive.isPending}
                onConfirm={() => archive.mutateAsync().catch(() => undefined)}
              >
                Archive program
              </ConfirmButton>
            </Group>
          </>
        ) : null}
      </Stack>
    </Card>
  );
}

export function ProgramSettingsPage() {
  const { organizationId, programId } = route.useParams();
  const overview = useQuery(programOverviewQuery(programId));
  if (overview.isPending) return <Loading />;
  if (overview.isError) {
    return (
      <Page title="Program settings">
        <LoadError error={overview.error} title="This program could not be loaded" />
      </Page>
    );
  }
  const { program } = overview.data;
  return (
    <Page
      title={`${program.name}: settings`}
      documentTitle={['Settings', program.name]}
      description={
        <AnchorLink to="/o/$organizationId/programs/$programId" params={{ organizationId, programId }}>
          Back to the overview
        </AnchorLink>
      }
    >
      {program.archivedAt ? (
        <Alert color="gray" variant="light" icon={<AlertIcon />} title="Archived">
          This program is archived; its settings no longer change.
        </Alert>
      ) : null}
      {program.can.edit ? <SettingsForm key={program.updatedAt} program={program} /> : null}
      {program.can.manageCoordinators || program.can.edit ? <Coordinators program={program} /> : null}
      <Lifecycle program={program} />
    </Page>
  );
}
