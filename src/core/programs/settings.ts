/**
 * Program settings beyond their shape: the rules that tie fields together (dates in order, a group size
 * for circles, no end date for an evergreen program) and the measurable objectives later dashboards read.
 * Pure: the contracts check each field's type, this checks what the fields mean together.
 */
import { AppError, type FieldIssue } from '../errors.ts';
import type {
  EnrolmentMode,
  InsideOutsideRule,
  MatchingMode,
  MeetingCadence,
  ProgramFormat,
} from './vocabulary.ts';

/** An inclusive range of whole numbers a setting may take. */
export interface NumberRange {
  min: number;
  max: number;
}

/** The ranges of the numeric settings, shared by the contracts, the web form and the validation. */
export const PROGRAM_LIMITS = {
  groupSize: { min: 2, max: 20 },
  meetingLengthMinutes: { min: 15, max: 480 },
  minimumMeetings: { min: 0, max: 52 },
  relationshipMonths: { min: 1, max: 36 },
  defaultMentorCapacity: { min: 1, max: 20 },
  maxPendingRequests: { min: 1, max: 10 },
  requestExpiryDays: { min: 1, max: 90 },
  maxRankings: { min: 1, max: 20 },
  objectives: { min: 0, max: 10 },
} as const satisfies Record<string, NumberRange>;

/** How an objective's target is measured. */
export type ObjectiveUnit = 'percent' | 'score_out_of_5';

/** A metric the dashboards know how to compute. */
export interface ObjectiveMetric {
  id: string;
  label: string;
  unit: ObjectiveUnit;
  /** The metric's extra parameter (e.g. the number of meetings), when it has one. */
  threshold: { label: string; range: NumberRange } | null;
}

/**
 * The documented objective metrics. A target is a percentage (0–100) or a score out of 5.
 * - `mentees_meeting_at_least`: share of mentees who met at least `threshold` times.
 * - `completion_rate`: share of relationships that reached their planned end.
 * - `match_rate`: share of approved mentees who were matched.
 * - `mentee_satisfaction`: mean mentee rating at the end survey, out of 5.
 * - `retention_rate`: share of participants who stayed until the end of the cohort.
 */
export const OBJECTIVE_METRICS = [
  {
    id: 'mentees_meeting_at_least',
    label: 'Mentees meeting at least N times',
    unit: 'percent',
    threshold: { label: 'meetings', range: { min: 1, max: 52 } },
  },
  { id: 'completion_rate', label: 'Relationships completed', unit: 'percent', threshold: null },
  { id: 'match_rate', label: 'Approved mentees matched', unit: 'percent', threshold: null },
  { id: 'mentee_satisfaction', label: 'Mentee satisfaction', unit: 'score_out_of_5', threshold: null },
  { id: 'retention_rate', label: 'Participants retained', unit: 'percent', threshold: null },
] as const satisfies readonly ObjectiveMetric[];

export type ObjectiveMetricId = (typeof OBJECTIVE_METRICS)[number]['id'];
export const OBJECTIVE_METRIC_IDS = OBJECTIVE_METRICS.map((metric) => metric.id) as [
  ObjectiveMetricId,
  ...ObjectiveMetricId[],
];

const TARGET_RANGES: Record<ObjectiveUnit, NumberRange> = {
  percent: { min: 1, max: 100 },
  score_out_of_5: { min: 1, max: 5 },
};

/** The metric with `id`, or undefined for an unknown one. */
export function objectiveMetric(id: string): ObjectiveMetric | undefined {
  return (OBJECTIVE_METRICS as readonly ObjectiveMetric[]).find((metric) => metric.id === id);
}

/** A measurable target of a program (stored in `programs.objectives`). */
export interface ProgramObjective {
  id: string;
  label: string;
  metric: string;
  target: number;
  threshold?: number | null;
}

/** The settings a coordinator chooses for a program (what create and update write). */
export interface ProgramSettings {
  name: string;
  format: ProgramFormat;
  groupSize: number | null;
  allowsCoMentors: boolean;
  isEvergreen: boolean;
  /** ISO dates (YYYY-MM-DD). */
  startsOn: string | null;
  endsOn: string | null;
  meetingCadence: MeetingCadence;
  meetingLengthMinutes: number;
  minimumMeetings: number;
  relationshipMonths: number;
  defaultMentorCapacity: number;
  insideOutsideRule: InsideOutsideRule;
  enrolmentMode: EnrolmentMode;
  matchingMode: MatchingMode;
  maxPendingRequests: number;
  requestExpiryDays: number;
  rankingsEnabled: boolean;
  mentorsRank: boolean;
  maxRankings: number;
  objectives: ProgramObjective[];
}

/** Meetings a pair can hold at a cadence over some months (a sanity bound for minimum meetings). */
const MEETINGS_PER_MONTH: Record<MeetingCadence, number> = {
  weekly: 4.35,
  fortnightly: 2.17,
  monthly: 1,
  bimonthly: 0.5,
  quarterly: 1 / 3,
};

function checkRange(issues: FieldIssue[], path: string, value: number, range: NumberRange): void {
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    issues.push({ path, message: `must be a whole number from ${range.min} to ${range.max}` });
  }
}

/** Every problem with `settings`, each naming its field; empty when the settings hold together. */
export function programSettingsIssues(settings: ProgramSettings): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (settings.name.trim().length < 2)
    issues.push({ path: 'name', message: 'must be at least 2 characters' });

  // Format: circles need a size; co-mentors only make sense in a circle.
  if (settings.format === 'group') {
    if (settings.groupSize === null) {
      issues.push({ path: 'groupSize', message: 'is required for a group program' });
    } else {
      checkRange(issues, 'groupSize', settings.groupSize, PROGRAM_LIMITS.groupSize);
    }
  } else {
    if (settings.groupSize !== null) {
      issues.push({ path: 'groupSize', message: 'applies only to group programs; leave it empty' });
    }
    if (settings.allowsCoMentors) {
      issues.push({ path: 'allowsCoMentors', message: 'co-mentors are only possible in group programs' });
    }
  }

  // Dates: an evergreen program runs without an end; otherwise the end follows the start.
  if (settings.isEvergreen) {
    if (settings.endsOn !== null) {
      issues.push({ path: 'endsOn', message: 'an evergreen program has no end date; leave it empty' });
    }
  } else if (settings.startsOn !== null && settings.endsOn !== null && settings.endsOn <= settings.startsOn) {
    issues.push({ path: 'endsOn', message: 'must be after the start date' });
  }

  checkRange(
    issues,
    'meetingLengthMinutes',
    settings.meetingLengthMinutes,
    PROGRAM_LIMITS.meetingLengthMinutes,
  );
  checkRange(issues, 'minimumMeetings', settings.minimumMeetings, PROGRAM_LIMITS.minimumMeetings);
  checkRange(issues, 'relationshipMonths', settings.relationshipMonths, PROGRAM_LIMITS.relationshipMonths);
  checkRange(
    issues,
    'defaultMentorCapacity',
    settings.defaultMentorCapacity,
    PROGRAM_LIMITS.defaultMentorCapacity,
  );
  checkRange(issues, 'maxPendingRequests', settings.maxPendingRequests, PROGRAM_LIMITS.maxPendingRequests);
  checkRange(issues, 'requestExpiryDays', settings.requestExpiryDays, PROGRAM_LIMITS.requestExpiryDays);
  checkRange(issues, 'maxRankings', settings.maxRankings, PROGRAM_LIMITS.maxRankings);

  const possibleMeetings = Math.floor(
    MEETINGS_PER_MONTH[settings.meetingCadence] * settings.relationshipMonths + 1e-9,
  );
  if (settings.minimumMeetings > possibleMeetings && !issues.some((i) => i.path === 'minimumMeetings')) {
    issues.push({
      path: 'minimumMeetings',
      message: `at most ${possibleMeetings} meetings fit in ${settings.relationshipMonths} months at a ${settings.meetingCadence} cadence`,
    });
  }

  // Rankings: mentors rank only when rankings are on at all.
  if (settings.mentorsRank && !settings.rankingsEnabled) {
    issues.push({ path: 'mentorsRank', message: 'turn rankings on before letting mentors rank' });
  }

  issues.push(...objectiveIssues(settings.objectives));
  return issues;
}

/** Problems with a list of objectives: known metric, target in its unit's range, threshold where needed. */
export function objectiveIssues(objectives: ProgramObjective[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (objectives.length > PROGRAM_LIMITS.objectives.max) {
    issues.push({ path: 'objectives', message: `at most ${PROGRAM_LIMITS.objectives.max} objectives` });
  }
  const ids = new Set<string>();
  objectives.forEach((objective, index) => {
    const at = (field: string) => `objectives.${index}.${field}`;
    if (ids.has(objective.id)) issues.push({ path: at('id'), message: 'is used by another objective' });
    ids.add(objective.id);
    if (objective.label.trim() === '') issues.push({ path: at('label'), message: 'must not be empty' });
    const metric = objectiveMetric(objective.metric);
    if (!metric) {
      issues.push({
        path: at('metric'),
        message: `must be one of ${OBJECTIVE_METRIC_IDS.join(', ')}`,
      });
      return;
    }
    const range = TARGET_RANGES[metric.unit];
    if (!(objective.target >= range.min && objective.target <= range.max)) {
      const unit = metric.unit === 'percent' ? 'a percentage' : 'a score';
      issues.push({ path: at('target'), message: `must be ${unit} from ${range.min} to ${range.max}` });
    }
    if (metric.threshold) {
      const threshold = objective.threshold;
      if (threshold === null || threshold === undefined) {
        issues.push({
          path: at('threshold'),
          message: `is required: the number of ${metric.threshold.label}`,
        });
      } else {
        checkRange(issues, at('threshold'), threshold, metric.threshold.range);
      }
    } else if (objective.threshold !== null && objective.threshold !== undefined) {
      issues.push({ path: at('threshold'), message: `${metric.id} takes no threshold; leave it empty` });
    }
  });
  return issues;
}

/** Throws VALIDATION_FAILED naming every field whose value does not fit with the others. */
export function assertValidProgramSettings(settings: ProgramSettings): void {
  const issues = programSettingsIssues(settings);
  if (issues.length > 0) throw AppError.validation(issues);
}

/** The cohort dates a coordinator sets. */
export interface CohortDates {
  startsOn: string | null;
  endsOn: string | null;
  enrolmentOpensOn: string | null;
  enrolmentClosesOn: string | null;
}

/** Problems with a cohort's dates: each window ends after it starts, and enrolment closes before the start. */
export function cohortDateIssues(dates: CohortDates): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (dates.startsOn && dates.endsOn && dates.endsOn <= dates.startsOn) {
    issues.push({ path: 'endsOn', message: 'must be after the start date' });
  }
  if (dates.enrolmentOpensOn && dates.enrolmentClosesOn && dates.enrolmentClosesOn < dates.enrolmentOpensOn) {
    issues.push({ path: 'enrolmentClosesOn', message: 'must not be before enrolment opens' });
  }
  if (dates.enrolmentClosesOn && dates.startsOn && dates.enrolmentClosesOn > dates.startsOn) {
    issues.push({ path: 'enrolmentClosesOn', message: 'must not be after the cohort starts' });
  }
  return issues;
}
