/**
 * The fields of a program's settings, in the sections of the guided setup; the settings page shows
 * the same sections on one page. Every input is bound to a Mantine form over ProgramFormValues.
 */
import {
  ActionIcon,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Radio,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { ENROLMENT_MODE_EXPLANATIONS } from '../../../src/core/enrolment/enrolment-mode.ts';
import { PROGRAM_LIMITS } from '../../../src/core/programs/settings.ts';
import { PROGRAM_FORMATS } from '../../../src/core/programs/vocabulary.ts';
import {
  CADENCE_LABELS,
  ENROLMENT_LABELS,
  FORMAT_DESCRIPTIONS,
  FORMAT_LABELS,
  INSIDE_OUTSIDE_LABELS,
  MATCHING_LABELS,
  METRIC_OPTIONS,
  metricOf,
  optionsOf,
} from '../lib/program-labels.ts';
import type { ProgramFormValues } from '../lib/program-form.ts';
import { JurisdictionInput } from './JurisdictionInput.tsx';

type Form = UseFormReturnType<ProgramFormValues>;

const range = (key: keyof typeof PROGRAM_LIMITS) => ({
  min: PROGRAM_LIMITS[key].min,
  max: PROGRAM_LIMITS[key].max,
  allowDecimal: false,
});

export function BasicsFields({ form }: { form: Form }) {
  return (
    <Stack gap="md">
      <TextInput
        label="Program name"
        required
        placeholder="New Lawyer Mentoring 2027"
        {...form.getInputProps('name')}
      />
      <Textarea
        label="Description"
        description="What the program is for; applicants read it."
        autosize
        minRows={3}
        {...form.getInputProps('description')}
      />
      <Radio.Group label="Format" required {...form.getInputProps('format')}>
        <Stack gap="xs" mt="xs">
          {PROGRAM_FORMATS.map((format) => (
            <Radio
              key={format}
              value={format}
              label={FORMAT_LABELS[format]}
              description={FORMAT_DESCRIPTIONS[format]}
            />
          ))}
        </Stack>
      </Radio.Group>
      {form.values.format === 'group' ? (
        <Group align="flex-start">
          <NumberInput
            label="Mentees per circle"
            required
            {...range('groupSize')}
            style={{ flex: '0 1 200px' }}
            {...form.getInputProps('groupSize')}
          />
          <Checkbox
            mt="xl"
            label="A circle may have two co-mentors"
            {...form.getInputProps('allowsCoMentors', { type: 'checkbox' })}
          />
        </Group>
      ) : null}
      <JurisdictionInput
        label="Jurisdictions"
        description="Where the program's lawyers practise (optional)."
        {...form.getInputProps('jurisdictions')}
        value={form.values.jurisdictions}
        onChange={(value) => form.setFieldValue('jurisdictions', value)}
      />
    </Stack>
  );
}

export function ScheduleFields({ form, withCohort }: { form: Form; withCohort: boolean }) {
  const evergreen = form.values.isEvergreen;
  return (
    <Stack gap="md">
      <Switch
        label="Evergreen: runs all year with one rolling cohort and no end date"
        {...form.getInputProps('isEvergreen', { type: 'checkbox' })}
      />
      <Group align="flex-start" grow>
        <TextInput type="date" label="Starts on" {...form.getInputProps('startsOn')} />
        {evergreen ? null : <TextInput type="date" label="Ends on" {...form.getInputProps('endsOn')} />}
      </Group>
      {withCohort && !evergreen ? (
        <TextInput
          label="First cohort"
          description="One intake with its own enrolment window, e.g. “2027 spring intake”. Leave empty for “First cohort”."
          {...form.getInputProps('cohortName')}
        />
      ) : null}
      <Group align="flex-start" grow>
        <Select
          label="Meeting cadence"
          data={optionsOf(CADENCE_LABELS)}
          allowDeselect={false}
          {...form.getInputProps('meetingCadence')}
        />
        <NumberInput
          label="Meeting length (minutes)"
          {...range('meetingLengthMinutes')}
          step={15}
          {...form.getInputProps('meetingLengthMinutes')}
        />
      </Group>
      <Group align="flex-start" grow>
        <NumberInput
          label="Minimum meetings"
          {...range('minimumMeetings')}
          {...form.getInputProps('minimumMeetings')}
        />
        <NumberInput
          label="Relationship length (months)"
          {...range('relationshipMonths')}
          {...form.getInputProps('relationshipMonths')}
        />
      </Group>
    </Stack>
  );
}

export function RulesFields({ form }: { form: Form }) {
  const selfMatch = form.values.matchingMode !== 'coordinator';
  return (
    <Stack gap="md">
      <Select
        label="Inside or outside mentoring"
        description={
          form.values.insideOutsideRule === 'either'
            ? 'Mentors and mentees are paired whatever their employers.'
            : 'The rule compares employers: both application forms must ask the employer question, required.'
        }
        data={optionsOf(INSIDE_OUTSIDE_LABELS)}
        allowDeselect={false}
        {...form.getInputProps('insideOutsideRule')}
      />
      <Select
        label="Enrolment"
        description={ENROLMENT_MODE_EXPLANATIONS[form.values.enrolmentMode]}
        data={optionsOf(ENROLMENT_LABELS)}
        allowDeselect={false}
        {...form.getInputProps('enrolmentMode')}
      />
      <Select
        label="Matching"
        data={optionsOf(MATCHING_LABELS)}
        allowDeselect={false}
        {...form.getInputProps('matchingMode')}
      />
      <NumberInput
        label="Default mentor capacity"
        description="Mentees a mentor takes unless they say otherwise."
        {...range('defaultMentorCapacity')}
        style={{ maxWidth: 320 }}
        {...form.getInputProps('defaultMentorCapacity')}
      />
      {selfMatch ? (
        <Group align="flex-start" grow>
          <NumberInput
            label="Pending requests per mentee"
            {...range('maxPendingRequests')}
            {...form.getInputProps('maxPendingRequests')}
          />
          <NumberInput
            label="Days before a request expires"
            {...range('requestExpiryDays')}
            {...form.getInputProps('requestExpiryDays')}
          />
        </Group>
      ) : null}
      <Switch
        label="Mentees rank candidates from the approved pool"
        {...form.getInputProps('rankingsEnabled', { type: 'checkbox' })}
      />
      {form.values.rankingsEnabled ? (
        <Group align="flex-start">
          <Checkbox
            mt="xl"
            label="Mentors rank too"
            {...form.getInputProps('mentorsRank', { type: 'checkbox' })}
          />
          <NumberInput
            label="Candidates to rank"
            {...range('maxRankings')}
            {...form.getInputProps('maxRankings')}
          />
        </Group>
      ) : null}
    </Stack>
  );
}

export function ObjectivesFields({ form }: { form: Form }) {
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        Measurable targets the program’s dashboards follow, e.g. “90% of mentees meet at least 6 times”.
      </Text>
      {form.values.objectives.length === 0 ? (
        <Text size="sm">No objectives yet. Add one, or skip this step and set them later.</Text>
      ) : null}
      {form.values.objectives.map((objective, index) => {
        const metric = metricOf(objective.metric);
        return (
          <Card key={index} withBorder padding="sm">
            <Stack gap="xs">
              <Group align="flex-start" grow>
                <TextInput
                  label="Objective"
                  required
                  placeholder="90% of mentees meet 6+ times"
                  {...form.getInputProps(`objectives.${index}.label`)}
                />
                <Select
                  label="Metric"
                  data={METRIC_OPTIONS}
                  allowDeselect={false}
                  {...form.getInputProps(`objectives.${index}.metric`)}
                />
              </Group>
              <Group align="flex-end">
                <NumberInput
                  label={metric?.unit === 'score_out_of_5' ? 'Target (score out of 5)' : 'Target (%)'}
                  min={1}
                  max={metric?.unit === 'score_out_of_5' ? 5 : 100}
                  decimalScale={1}
                  style={{ flex: '0 1 180px' }}
                  {...form.getInputProps(`objectives.${index}.target`)}
                />
                {metric?.threshold ? (
                  <NumberInput
                    label={`Threshold (${metric.threshold.label})`}
                    min={metric.threshold.range.min}
                    max={metric.threshold.range.max}
                    allowDecimal={false}
                    style={{ flex: '0 1 180px' }}
                    {...form.getInputProps(`objectives.${index}.threshold`)}
                  />
                ) : null}
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  aria-label={`Remove objective ${index + 1}`}
                  onClick={() => form.removeListItem('objectives', index)}
                >
                  ×
                </ActionIcon>
              </Group>
            </Stack>
          </Card>
        );
      })}
      <Group>
        <Button
          variant="default"
          onClick={() =>
            form.insertListItem('objectives', {
              label: '',
              metric: 'mentees_meeting_at_least',
              target: 90,
              threshold: 6,
            })
          }
        >
          Add an objective
        </Button>
      </Group>
    </Stack>
  );
}

export function ExpectationsFields({ form }: { form: Form }) {
  return (
    <Stack gap="md">
      <Textarea
        label="Mentor responsibilities"
        autosize
        minRows={3}
        placeholder="Meet at least monthly, respond within a week, keep what is said confidential…"
        {...form.getInputProps('expectations.mentorResponsibilities')}
      />
      <Textarea
        label="Mentee responsibilities"
        autosize
        minRows={3}
        placeholder="Set the agenda, come prepared, tell the coordinator if the match is not working…"
        {...form.getInputProps('expectations.menteeResponsibilities')}
      />
      <Textarea
        label="Confidentiality statement"
        description="Both sides accept it when they join."
        autosize
        minRows={3}
        {...form.getInputProps('expectations.confidentialityStatement')}
      />
    </Stack>
  );
}
