/** What people read for the program vocabulary (src/core/programs/vocabulary.ts). */
import {
  OBJECTIVE_METRICS,
  objectiveMetric,
  type ObjectiveMetricId,
} from '../../../src/core/programs/settings.ts';
import type {
  CohortState,
  EnrolmentMode,
  InsideOutsideRule,
  MatchingMode,
  MeetingCadence,
  ProgramFormat,
} from '../../../src/core/programs/vocabulary.ts';

export const FORMAT_LABELS: Record<ProgramFormat, string> = {
  one_to_one: 'One-to-one',
  group: 'Group / circle',
  peer: 'Peer',
  reverse: 'Reverse',
  flash: 'Flash (one-off)',
};
export const FORMAT_DESCRIPTIONS: Record<ProgramFormat, string> = {
  one_to_one: 'One mentor with one mentee (or a few, up to the mentor’s capacity).',
  group: 'A mentor (or two co-mentors) leads a circle of several mentees.',
  peer: 'Lawyers at a similar stage mentor each other.',
  reverse: 'Junior lawyers mentor senior ones (technology, new practice).',
  flash: 'A single conversation on a question, no long-term commitment.',
};

export const STATE_LABELS: Record<CohortState, string> = {
  draft: 'Draft',
  enrolling: 'Enrolling',
  matching: 'Matching',
  running: 'Running',
  closed: 'Closed',
};
export const STATE_COLORS: Record<CohortState, string> = {
  draft: 'gray',
  enrolling: 'blue',
  matching: 'violet',
  running: 'green',
  closed: 'dark',
};
/** The button that moves a cohort to a state. */
export const TRANSITION_LABELS: Record<CohortState, string> = {
  draft: 'Back to draft',
  enrolling: 'Open enrolment',
  matching: 'Close enrolment and start matching',
  running: 'Start the cohort',
  closed: 'Close the cohort',
};
export const TRANSITION_CONSEQUENCES: Record<CohortState, string> = {
  draft: 'Members will no longer see the cohort or be able to apply.',
  enrolling: 'Members will see the program and be able to apply.',
  matching: 'New applications stop (except in a rolling cohort); you can then run matching.',
  running: 'The published relationships begin; participants see their matches.',
  closed: 'The cohort ends for good. Closed is final.',
};

export const CADENCE_LABELS: Record<MeetingCadence, string> = {
  weekly: 'Weekly',
  fortnightly: 'Every two weeks',
  monthly: 'Monthly',
  bimonthly: 'Every two months',
  quarterly: 'Quarterly',
};
export const INSIDE_OUTSIDE_LABELS: Record<InsideOutsideRule, string> = {
  must_be_inside: 'Mentor must be from the mentee’s organization',
  must_be_outside: 'Mentor must be from another organization',
  either: 'Either',
};
export const ENROLMENT_LABELS: Record<EnrolmentMode, string> = {
  open_link: 'Open link: anyone with the link joins and applies',
  invitation_only: 'Invitation only: only the people you invite apply',
  approval_required: 'Approval required: a coordinator reviews each application',
};
export const MATCHING_LABELS: Record<MatchingMode, string> = {
  coordinator: 'Coordinator matches in bulk',
  self_match: 'Mentees request mentors (self-match)',
  both: 'Both',
};
export const METRIC_OPTIONS = OBJECTIVE_METRICS.map((metric) => ({ value: metric.id, label: metric.label }));
/** The metric with `id` (for its unit and threshold). */
export const metricOf = objectiveMetric;
export type { ObjectiveMetricId };

/** Select options from a label table. */
export function optionsOf<K extends string>(labels: Record<K, string>) {
  return (Object.entries(labels) as Array<[K, string]>).map(([value, label]) => ({ value, label }));
}
