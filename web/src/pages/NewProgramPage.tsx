/**
 * The guided setup of a program: basics & format → schedule & cadence → rules → objectives →
 * expectations → review. Each step is checked (contract and core rules) before moving on; an error
 * the server finds is shown on its field, on the step that owns it.
 */
import { Alert, Button, Card, Group, List, Stack, Stepper, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { isApiError } from '../api/client.ts';
import { programsApi } from '../api/endpoints.ts';
import { organizationQuery, queryKeys } from '../api/queries.ts';
import { AlertIcon } from '../components/Icons.tsx';
import { Page } from '../components/Page.tsx';
import {
  BasicsFields,
  ExpectationsFields,
  ObjectivesFields,
  RulesFields,
  ScheduleFields,
} from '../components/ProgramFields.tsx';
import { FormAlert } from '../components/QueryState.tsx';
import {
  EMPTY_PROGRAM,
  errorsOfStep,
  formPath,
  programFormErrors,
  PROGRAM_STEPS,
  requestOf,
  sentence,
  stepOf,
  type ProgramFormValues,
} from '../lib/program-form.ts';
import {
  CADENCE_LABELS,
  ENROLMENT_LABELS,
  FORMAT_LABELS,
  INSIDE_OUTSIDE_LABELS,
  MATCHING_LABELS,
} from '../lib/program-labels.ts';
import { ENROLMENT_MODE_EXPLANATIONS } from '../../../src/core/enrolment/enrolment-mode.ts';

const route = getRouteApi('/_app/o/$organizationId/programs/new');
const REVIEW = PROGRAM_STEPS.length;

function Review({ values }: { values: ProgramFormValues }) {
  const rows: Array<[string, string]> = [
    ['Name', values.name],
    [
      'Format',
      FORMAT_LABELS[values.format] + (values.format === 'group' ? `, circles of ${values.groupSize}` : ''),
    ],
    [
      'Dates',
      values.isEvergreen
        ? `Evergreen${values.startsOn ? `, from ${values.startsOn}` : ''}`
        : `${values.startsOn || 'no start date'} to ${values.endsOn || 'no end date'}`,
    ],
    ['First cohort', values.isEvergreen ? 'Rolling cohort' : values.cohortName.trim() || 'First cohort'],
    [
      'Meetings',
      `${CADENCE_LABELS[values.meetingCadence]}, ${values.meetingLengthMinutes} minutes, at least ${values.minimumMeetings} over ${values.relationshipMonths} months`,
    ],
    ['Inside/outside', INSIDE_OUTSIDE_LABELS[values.insideOutsideRule]],
    [
      'Enrolment',
      `${ENROLMENT_LABELS[values.enrolmentMode]}. ${ENROLMENT_MODE_EXPLANATIONS[values.enrolmentMode]}`,
    ],
    ['Matching', MATCHING_LABELS[values.matchingMode]],
    ['Mentor capacity', String(values.defaultMentorCapacity)],
    ['Objectives', values.objectives.map((objective) => objective.label).join('; ') || 'None yet'],
  ];
  return (
    <Card withBorder padding="lg">
      <Stack gap="xs">
        {rows.map(([label, value]) => (
          <Group key={label} gap="sm" wrap="nowrap" align="flex-start">
            <Text size="sm" fw={600} w={140} style={{ flexShrink: 0 }}>
              {label}
            </Text>
            <Text size="sm">{value}</Text>
          </Group>
        ))}
        <Text size="sm" c="dimmed" mt="sm">
          The program starts as a draft: nobody sees it until you open enrolment for a cohort.
        </Text>
      </Stack>
    </Card>
  );
}

export function NewProgramPage() {
  const { organizationId } = route.useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: organization } = useSuspenseQuery(organizationQuery(organizationId));
  const [active, setActive] = useState(0);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ProgramFormValues>({ mode: 'controlled', initialValues: EMPTY_PROGRAM });

  /** Checks the steps up to `step`; on a problem, shows it and goes to its step. */
  const checkUpTo = (step: number): boolean => {
    const errors = programFormErrors(form.values);
    for (let index = 0; index <= Math.min(step, PROGRAM_STEPS.length - 1); index += 1) {
      const own = errorsOfStep(errors, index);
      if (Object.keys(own).length > 0) {
        form.setErrors(own);
        setActive(index);
        return false;
      }
    }
    form.clearErrors();
    return true;
  };

  const next = () => {
    if (checkUpTo(active)) setActive((current) => Math.min(current + 1, REVIEW));
  };
  const back = () => setActive((current) => Math.max(current - 1, 0));

  const create = async () => {
    setFormError(null);
    if (!checkUpTo(REVIEW)) return;
    try {
      const program = await programsApi.create(organizationId, requestOf(form.values));
      await queryClient.invalidateQueries({ queryKey: queryKeys.programs(organizationId) });
      notifications.show({
        color: 'green',
        title: 'Program created',
        message: `${program.name} is ready as a draft.`,
      });
      await navigate({
        to: '/o/$organizationId/programs/$programId',
        params: { organizationId, programId: program.id },
      });
    } catch (error) {
      if (isApiError(error) && error.issues.length > 0) {
        const errors: Record<string, string> = {};
        for (const issue of error.issues) errors[formPath(issue.path)] ??= sentence(issue.message);
        form.setErrors(errors);
        const steps = error.issues.map((issue) => stepOf(issue.path)).filter((step) => step >= 0);
        if (steps.length > 0) setActive(Math.min(...steps));
        setFormError('Please correct the highlighted fields.');
      } else {
        setFormError(isApiError(error) ? error.message : 'Something went wrong. Please try again.');
      }
    }
  };

  if (!organization.can.createPrograms) {
    return (
      <Page title="New program" documentTitle={['New program', organization.name]}>
        <Alert
          color="gray"
          variant="light"
          icon={<AlertIcon />}
          role="note"
          title="Only coordinators create programs"
        >
          Ask an administrator or coordinator of {organization.name} to set the program up.
        </Alert>
      </Page>
    );
  }

  return (
    <Page
      title="New program"
      documentTitle={['New program', organization.name]}
      description="Six short steps; you can change everything later in the program’s settings."
    >
      <FormAlert message={formError} title="The program was not created" />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (active === REVIEW) void create();
          else next();
        }}
      >
        <Stack gap="lg">
          <Stepper
            active={active}
            onStepClick={(step) => (step < active ? setActive(step) : checkUpTo(step - 1) && setActive(step))}
            size="sm"
          >
            <Stepper.Step label="Basics" description="Name & format">
              <BasicsFields form={form} />
            </Stepper.Step>
            <Stepper.Step label="Schedule" description="Dates & cadence">
              <ScheduleFields form={form} withCohort />
            </Stepper.Step>
            <Stepper.Step label="Rules" description="Enrolment & matching">
              <RulesFields form={form} />
            </Stepper.Step>
            <Stepper.Step label="Objectives" description="What success is">
              <ObjectivesFields form={form} />
            </Stepper.Step>
            <Stepper.Step label="Expectations" description="Commitments">
              <ExpectationsFields form={form} />
            </Stepper.Step>
            <Stepper.Completed>
              <Review values={form.values} />
            </Stepper.Completed>
          </Stepper>
          <Group justify="space-between">
            <Button variant="default" onClick={back} disabled={active === 0}>
              Back
            </Button>
            {active === REVIEW ? (
              <Button type="submit" loading={form.submitting}>
                Create program
              </Button>
            ) : (
              <Button type="submit">Next</Button>
            )}
          </Group>
          {active === REVIEW ? null : (
            <List size="xs" c="dimmed">
              <List.Item>
                Step {active + 1} of {PROGRAM_STEPS.length + 1}: {PROGRAM_STEPS[active].label}
              </List.Item>
            </List>
          )}
        </Stack>
      </form>
    </Page>
  );
}
