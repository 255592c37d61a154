/**
 * The program settings form shared by the guided setup and the settings page: its values, how they
 * become a request, and validation per step (the contract's shape plus core's rules on how the fields
 * fit together), with errors keyed by the request's field paths.
 */
import { CreateProgramRequest } from '../../../src/contracts/programs.ts';
import { programSettingsIssues, type ObjectiveMetricId } from '../../../src/core/programs/settings.ts';
import type {
  EnrolmentMode,
  InsideOutsideRule,
  MatchingMode,
  MeetingCadence,
  ProgramFormat,
} from '../../../src/core/programs/vocabulary.ts';
import type { CreateProgramBody, ProgramDto } from '../api/endpoints.ts';

export interface ObjectiveFormValue {
  id?: string;
  label: string;
  metric: string;
  target: number | string;
  threshold: number | string;
}

export interface ProgramFormValues {
  name: string;
  description: string;
  format: ProgramFormat;
  groupSize: number | string;
  allowsCoMentors: boolean;
  jurisdictions: string[];
  isEvergreen: boolean;
  startsOn: string;
  endsOn: string;
  cohortName: string;
  meetingCadence: MeetingCadence;
  meetingLengthMinutes: number | string;
  minimumMeetings: number | string;
  relationshipMonths: number | string;
  defaultMentorCapacity: number | string;
  insideOutsideRule: InsideOutsideRule;
  enrolmentMode: EnrolmentMode;
  matchingMode: MatchingMode;
  maxPendingRequests: number | string;
  requestExpiryDays: number | string;
  rankingsEnabled: boolean;
  mentorsRank: boolean;
  maxRankings: number | string;
  objectives: ObjectiveFormValue[];
  expectations: {
    mentorResponsibilities: string;
    menteeResponsibilities: string;
    confidentialityStatement: string;
  };
}

export const EMPTY_PROGRAM: ProgramFormValues = {
  name: '',
  description: '',
  format: 'one_to_one',
  groupSize: '',
  allowsCoMentors: false,
  jurisdictions: [],
  isEvergreen: false,
  startsOn: '',
  endsOn: '',
  cohortName: '',
  meetingCadence: 'monthly',
  meetingLengthMinutes: 60,
  minimumMeetings: 6,
  relationshipMonths: 12,
  defaultMentorCapacity: 1,
  insideOutsideRule: 'either',
  enrolmentMode: 'approval_required',
  matchingMode: 'coordinator',
  maxPendingRequests: 3,
  requestExpiryDays: 14,
  rankingsEnabled: false,
  mentorsRank: false,
  maxRankings: 5,
  objectives: [],
  expectations: { mentorResponsibilities: '', menteeResponsibilities: '', confidentialityStatement: '' },
};

/** The form values of an existing program (settings page). */
export function valuesOf(program: ProgramDto): ProgramFormValues {
  return {
    ...EMPTY_PROGRAM,
    name: program.name,
    description: program.description,
    format: program.format,
    groupSize: program.groupSize ?? '',
    allowsCoMentors: program.allowsCoMentors,
    jurisdictions: program.jurisdictions,
    isEvergreen: program.isEvergreen,
    startsOn: program.startsOn ?? '',
    endsOn: program.endsOn ?? '',
    meetingCadence: program.meetingCadence,
    meetingLengthMinutes: program.meetingLengthMinutes,
    minimumMeetings: program.minimumMeetings,
    relationshipMonths: program.relationshipMonths,
    defaultMentorCapacity: program.defaultMentorCapacity,
    insideOutsideRule: program.insideOutsideRule,
    enrolmentMode: program.enrolmentMode,
    matchingMode: program.matchingMode,
    maxPendingRequests: program.maxPendingRequests,
    requestExpiryDays: program.requestExpiryDays,
    rankingsEnabled: program.rankingsEnabled,
    mentorsRank: program.mentorsRank,
    maxRankings: program.maxRankings,
    objectives: program.objectives.map((objective) => ({
      id: objective.id,
      label: objective.label,
      metric: objective.metric,
      target: objective.target,
      threshold: objective.threshold ?? '',
    })),
    expectations: program.expectations,
  };
}

const numberOrNull = (value: number | string) => (value === '' ? null : Number(value));
const dateOrNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** The create request the values make (the settings page sends it without `cohort`). */
export function requestOf(values: ProgramFormValues): CreateProgramBody {
  return {
    name: values.name,
    description: values.description,
    format: values.format,
    groupSize: values.format === 'group' ? numberOrNull(values.groupSize) : null,
    allowsCoMentors: values.format === 'group' && values.allowsCoMentors,
    jurisdictions: values.jurisdictions,
    isEvergreen: values.isEvergreen,
    startsOn: dateOrNull(values.startsOn),
    endsOn: values.isEvergreen ? null : dateOrNull(values.endsOn),
    meetingCadence: values.meetingCadence,
    meetingLengthMinutes: Number(values.meetingLengthMinutes),
    minimumMeetings: Number(values.minimumMeetings),
    relationshipMonths: Number(values.relationshipMonths),
    defaultMentorCapacity: Number(values.defaultMentorCapacity),
    insideOutsideRule: values.insideOutsideRule,
    enrolmentMode: values.enrolmentMode,
    matchingMode: values.matchingMode,
    maxPendingRequests: Number(values.maxPendingRequests),
    requestExpiryDays: Number(values.requestExpiryDays),
    rankingsEnabled: values.rankingsEnabled,
    mentorsRank: values.rankingsEnabled && values.mentorsRank,
    maxRankings: Number(values.maxRankings),
    objectives: values.objectives.map((objective) => ({
      ...(objective.id ? { id: objective.id } : {}),
      label: objective.label,
      metric: objective.metric as ObjectiveMetricId,
      target: Number(objective.target),
      threshold: numberOrNull(objective.threshold),
    })),
    expectations: values.expectations,
    ...(values.isEvergreen || values.cohortName.trim() === ''
      ? {}
      : { cohort: { name: values.cohortName, startsOn: dateOrNull(values.startsOn) } }),
  };
}

/** The steps of the guided setup and the fields (first path segment) each owns. */
export const PROGRAM_STEPS = [
  {
    key: 'basics',
    label: 'Basics & format',
    fields: ['name', 'description', 'format', 'groupSize', 'allowsCoMentors', 'jurisdictions'],
  },
  {
    key: 'schedule',
    label: 'Schedule & cadence',
    fields: [
      'isEvergreen',
      'startsOn',
      'endsOn',
      'cohortName',
      'cohort',
      'meetingCadence',
      'meetingLengthMinutes',
      'minimumMeetings',
      'relationshipMonths',
    ],
  },
  {
    key: 'rules',
    label: 'Rules',
    fields: [
      'insideOutsideRule',
      'enrolmentMode',
      'matchingMode',
      'defaultMentorCapacity',
      'maxPendingRequests',
      'requestExpiryDays',
      'rankingsEnabled',
      'mentorsRank',
      'maxRankings',
    ],
  },
  { key: 'objectives', label: 'Objectives', fields: ['objectives'] },
  { key: 'expectations', label: 'Expectations', fields: ['expectations'] },
] as const;

/** A request path → the form path that shows it (the first cohort is entered as `cohortName`). */
export function formPath(path: string): string {
  if (path.startsWith('cohort.')) return path === 'cohort.name' ? 'cohortName' : 'startsOn';
  return path;
}

/** The step (index) that owns a request path, or -1. */
export function stepOf(path: string): number {
  const field = formPath(path).split('.')[0];
  return PROGRAM_STEPS.findIndex((step) => (step.fields as readonly string[]).includes(field));
}

/** Every problem with the values, as form errors by path (contract shape first, then core rules). */
export function programFormErrors(values: ProgramFormValues): Record<string, string> {
  const parsed = CreateProgramRequest.safeParse(requestOf(values));
  const issues = parsed.success
    ? programSettingsIssues({
        ...parsed.data,
        objectives: parsed.data.objectives.map((o) => ({ id: o.id ?? '', ...o })),
      }).filter((issue) => !issue.path.endsWith('.id'))
    : parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
      }));
  const errors: Record<string, string> = {};
  for (const issue of issues) errors[formPath(issue.path)] ??= sentence(issue.message);
  return errors;
}

/** "must be at least 2" → "Must be at least 2". */
export function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** Only the errors of one step. */
export function errorsOfStep(errors: Record<string, string>, step: number): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).filter(([path]) => stepOf(path) === step));
}
