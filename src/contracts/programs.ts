/**
 * Programs, their cohorts and program coordinators: requests and responses of /api/v1 (issue 7 §1).
 * The contracts check each field's shape and range; src/core/programs/settings.ts checks how the fields
 * fit together (dates in order, a group size for circles ...), and both name the field on a 400.
 */
import { z } from 'zod';
import { NEXT_STEP_TARGETS } from '../core/programs/next-steps.ts';
import { OBJECTIVE_METRIC_IDS, PROGRAM_LIMITS, type NumberRange } from '../core/programs/settings.ts';
import {
  APPLICATION_STATUSES,
  COHORT_STATES,
  ENROLMENT_MODES,
  INSIDE_OUTSIDE_RULES,
  MATCHING_MODES,
  MEETING_CADENCES,
  PROGRAM_FORMATS,
} from '../core/programs/vocabulary.ts';
import { IdParam, IdSchema, Timestamp } from './common.ts';
import { JurisdictionCode } from './vocabulary.ts';

export const ProgramFormat = z
  .enum(PROGRAM_FORMATS)
  .describe('one_to_one, group (circles), peer, reverse (junior mentors senior) or flash (one-off)');
export const CohortState = z.enum(COHORT_STATES).describe('draft → enrolling → matching → running → closed');
export const EnrolmentMode = z
  .enum(ENROLMENT_MODES)
  .describe('open_link (anyone with the link), invitation_only, approval_required (a coordinator reviews)');
export const MatchingMode = z
  .enum(MATCHING_MODES)
  .describe('coordinator (bulk match runs), self_match (mentees request mentors) or both');
export const InsideOutsideRule = z
  .enum(INSIDE_OUTSIDE_RULES)
  .describe("Whether the mentor must be, must not be, or may be from the mentee's organization");
export const MeetingCadence = z.enum(MEETING_CADENCES).describe('How often a pair is expected to meet');
export const ObjectiveMetricId = z
  .enum(OBJECTIVE_METRIC_IDS)
  .describe(
    'mentees_meeting_at_least (threshold = meetings), completion_rate, match_rate (percentages), mentee_satisfaction (score out of 5), retention_rate',
  );

/** An ISO calendar date. */
export const IsoDate = z.iso.date('must be a date (YYYY-MM-DD)');

const whole = (range: NumberRange, what: string) =>
  z
    .number()
    .int('must be a whole number')
    .min(range.min, `must be at least ${range.min}`)
    .max(range.max, `must be at most ${range.max}`)
    .describe(`${what} (${range.min}–${range.max})`);

export const ProgramObjectiveInput = z
  .object({
    id: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .optional()
      .describe('Kept across edits; made by the server when left out'),
    label: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(200)
      .describe('What people read, e.g. "90% meet 6+ times"'),
    metric: ObjectiveMetricId,
    target: z.number().describe('A percentage (1–100) or a score out of 5, depending on the metric'),
    threshold: z
      .number()
      .int()
      .nullable()
      .optional()
      .describe('The metric’s parameter, e.g. 6 meetings for mentees_meeting_at_least'),
  })
  .strict();

export const ProgramExpectations = z
  .object({
    mentorResponsibilities: z.string().max(10_000).default('').describe('What a mentor commits to'),
    menteeResponsibilities: z.string().max(10_000).default('').describe('What a mentee commits to'),
    confidentialityStatement: z
      .string()
      .max(10_000)
      .default('')
      .describe('The confidentiality statement both sides accept'),
  })
  .strict();

const L = PROGRAM_LIMITS;
/** Every setting of a program, as the create request takes it (with its defaults). */
const settingsShape = {
  name: z.string().trim().min(2, 'must be at least 2 characters').max(120).describe('The program’s name'),
  description: z.string().max(10_000).default('').describe('What the program is for, shown to applicants'),
  objectives: z.array(ProgramObjectiveInput).max(L.objectives.max).default([]).describe('Measurable targets'),
  format: ProgramFormat,
  groupSize: whole(L.groupSize, 'Mentees per circle; group programs only').nullable().default(null),
  allowsCoMentors: z
    .boolean()
    .default(false)
    .describe('Whether a circle may have two co-mentors (group only)'),
  jurisdictions: z.array(JurisdictionCode).max(50).default([]).describe('Jurisdictions the program serves'),
  isEvergreen: z.boolean().default(false).describe('Runs all year with one rolling cohort and no end date'),
  startsOn: IsoDate.nullable().default(null).describe('First day of the program'),
  endsOn: IsoDate.nullable().default(null).describe('Last day of the program; none for an evergreen one'),
  meetingCadence: MeetingCadence.default('monthly'),
  meetingLengthMinutes: whole(L.meetingLengthMinutes, 'Expected meeting length in minutes').default(60),
  minimumMeetings: whole(L.minimumMeetings, 'Meetings a pair must hold').default(0),
  relationshipMonths: whole(L.relationshipMonths, 'How long a relationship lasts, in months').default(12),
  defaultMentorCapacity: whole(
    L.defaultMentorCapacity,
    'Mentees a mentor takes unless they say otherwise',
  ).default(1),
  insideOutsideRule: InsideOutsideRule.default('either'),
  enrolmentMode: EnrolmentMode.default('approval_required'),
  matchingMode: MatchingMode.default('coordinator'),
  maxPendingRequests: whole(L.maxPendingRequests, 'Self-match: pending requests a mentee may have').default(
    3,
  ),
  requestExpiryDays: whole(L.requestExpiryDays, 'Self-match: days before a request expires').default(14),
  rankingsEnabled: z.boolean().default(false).describe('Mentees rank candidates from the approved pool'),
  mentorsRank: z.boolean().default(false).describe('Mentors rank too (needs rankingsEnabled)'),
  maxRankings: whole(L.maxRankings, 'Candidates a participant may rank').default(5),
  expectations: ProgramExpectations.default({
    mentorResponsibilities: '',
    menteeResponsibilities: '',
    confidentialityStatement: '',
  }),
};

export const CohortInput = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(120).describe('e.g. "2027 spring intake"'),
    startsOn: IsoDate.nullable().default(null).describe('When relationships start'),
    endsOn: IsoDate.nullable().default(null).describe('When relationships end'),
    enrolmentOpensOn: IsoDate.nullable().default(null).describe('First day people may apply'),
    enrolmentClosesOn: IsoDate.nullable().default(null).describe('Last day people may apply'),
  })
  .strict();
export type CohortInput = z.infer<typeof CohortInput>;

export const CreateProgramRequest = z
  .object({
    ...settingsShape,
    cohort: CohortInput.optional().describe(
      'The first cohort (a program always starts with one); evergreen programs get their rolling cohort instead',
    ),
  })
  .strict();
export type CreateProgramRequest = z.infer<typeof CreateProgramRequest>;

/** Any settings to change; fields left out stay as they are (no defaults apply). */
export const UpdateProgramRequest = z
  .object(
    Object.fromEntries(
      Object.entries(settingsShape).map(([key, schema]) => [
        key,
        (schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : (schema as z.ZodType)).optional(),
      ]),
    ) as {
      [K in keyof typeof settingsShape]: z.ZodOptional<
        (typeof settingsShape)[K] extends z.ZodDefault<infer Inner> ? Inner : (typeof settingsShape)[K]
      >;
    },
  )
  .strict();
export type UpdateProgramRequest = z.infer<typeof UpdateProgramRequest>;

export const DuplicateProgramRequest = z
  .object({
    name: settingsShape.name.optional().describe('Name of the copy; "<name> (copy)" when left out'),
  })
  .strict();
export type DuplicateProgramRequest = z.infer<typeof DuplicateProgramRequest>;

export const UpdateCohortRequest = z
  .object({
    name: CohortInput.shape.name.optional(),
    startsOn: IsoDate.nullable().optional(),
    endsOn: IsoDate.nullable().optional(),
    enrolmentOpensOn: IsoDate.nullable().optional(),
    enrolmentClosesOn: IsoDate.nullable().optional(),
  })
  .strict();
export type UpdateCohortRequest = z.infer<typeof UpdateCohortRequest>;

export const TransitionCohortRequest = z
  .object({ to: CohortState.describe('The state to move the cohort to') })
  .strict();

export const AddProgramCoordinatorRequest = z
  .object({
    membershipId: IdSchema.describe('The member (membership id) to make coordinator of this program'),
  })
  .strict();

const pageNumber = z.coerce.number().int().min(1).max(10_000);
export const FindProgramsQuery = z
  .object({
    state: CohortState.optional().describe('Only programs with a cohort in this state'),
    format: ProgramFormat.optional(),
    search: z.string().trim().max(100).optional().describe('Words in the name or description'),
    archived: z
      .enum(['true', 'false'])
      .optional()
      .describe('true: only archived programs; false or left out: only programs that are not archived'),
    page: pageNumber.default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict();
export type FindProgramsQuery = z.infer<typeof FindProgramsQuery>;

// ---------------------------------------------------------------------------------------------
// Responses.
// ---------------------------------------------------------------------------------------------

export const ProgramObjective = z.object({
  id: z.string(),
  label: z.string(),
  metric: z.string(),
  target: z.number(),
  threshold: z.number().nullable(),
  unit: z.enum(['percent', 'score_out_of_5']).nullable().describe('How the target is measured'),
});

export const CohortTransition = z.object({
  to: CohortState,
  blockedBy: z.string().nullable().describe('Why the move is refused right now; null when it is allowed'),
});

export const Cohort = z.object({
  id: IdSchema,
  programId: IdSchema,
  name: z.string(),
  state: CohortState,
  isRolling: z.boolean().describe('The rolling cohort of an evergreen program'),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  enrolmentOpensOn: z.string().nullable(),
  enrolmentClosesOn: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  transitions: z
    .array(CohortTransition)
    .describe('Moves the machine allows from here (empty unless you may move it)'),
  can: z.object({ edit: z.boolean(), transition: z.boolean() }),
});
export type Cohort = z.infer<typeof Cohort>;

export const ProgramPermissions = z
  .object({
    edit: z.boolean(),
    duplicate: z.boolean(),
    archive: z.boolean(),
    manageCoordinators: z.boolean(),
    transition: z.boolean(),
    apply: z.boolean(),
  })
  .describe('What the signed-in user may do with this program');

export const Program = z.object({
  id: IdSchema,
  organizationId: IdSchema,
  name: z.string(),
  description: z.string(),
  objectives: z.array(ProgramObjective),
  format: ProgramFormat,
  groupSize: z.number().nullable(),
  allowsCoMentors: z.boolean(),
  jurisdictions: z.array(z.string()),
  isEvergreen: z.boolean(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  meetingCadence: MeetingCadence,
  meetingLengthMinutes: z.number(),
  minimumMeetings: z.number(),
  relationshipMonths: z.number(),
  defaultMentorCapacity: z.number(),
  insideOutsideRule: InsideOutsideRule,
  enrolmentMode: EnrolmentMode,
  matchingMode: MatchingMode,
  maxPendingRequests: z.number(),
  requestExpiryDays: z.number(),
  rankingsEnabled: z.boolean(),
  mentorsRank: z.boolean(),
  maxRankings: z.number(),
  expectations: z.object({
    mentorResponsibilities: z.string(),
    menteeResponsibilities: z.string(),
    confidentialityStatement: z.string(),
  }),
  duplicatedFromProgramId: z.string().nullable(),
  archivedAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  currentCohort: z
    .object({ id: IdSchema, name: z.string(), state: CohortState })
    .nullable()
    .describe('The cohort the program is at: the live one, else the newest draft, else the newest closed'),
  counts: z.object({
    cohorts: z.number(),
    applications: z.number().describe('Applications that are not withdrawn, across cohorts'),
    relationships: z.number(),
  }),
  can: ProgramPermissions,
});
export type Program = z.infer<typeof Program>;

export const ProgramResponse = z.object({ program: Program });
export const ProgramListResponse = z.object({
  programs: z.array(Program),
  page: z.number(),
  pageSize: z.number(),
  total: z.number().describe('Programs matching the filter, over all pages'),
  canCreate: z.boolean().describe('Whether the signed-in user may create programs here'),
});

export const CohortResponse = z.object({ cohort: Cohort });
export const CohortListResponse = z.object({ cohorts: z.array(Cohort) });

const countsByStatus = z.object(
  Object.fromEntries(APPLICATION_STATUSES.map((status) => [status, z.number()])) as Record<
    (typeof APPLICATION_STATUSES)[number],
    z.ZodNumber
  >,
);
export const CohortCounts = z.object({
  applications: z.object({ mentor: countsByStatus, mentee: countsByStatus }),
  draftRuns: z.number(),
  publishedRuns: z.number(),
  relationships: z.number(),
});

export const NextStep = z.object({
  key: z.string(),
  title: z.string(),
  detail: z.string(),
  target: z.enum(NEXT_STEP_TARGETS).describe('Where the step’s button leads'),
  cohortId: z.string().nullable(),
  transitionTo: CohortState.nullable(),
});
export type NextStep = z.infer<typeof NextStep>;

export const ProgramOverviewResponse = z.object({
  program: Program,
  cohorts: z.array(Cohort.extend({ counts: CohortCounts })),
  forms: z
    .object({ mentor: z.number(), mentee: z.number() })
    .describe('Form versions per role (0 = none yet)'),
  nextSteps: z.array(NextStep).describe('What to do next, most urgent first (empty for non-coordinators)'),
});
export type ProgramOverviewResponse = z.infer<typeof ProgramOverviewResponse>;

export const ProgramCoordinator = z.object({
  membershipId: IdSchema,
  userId: IdSchema,
  name: z.string(),
  email: z.string(),
  addedAt: Timestamp,
  can: z.object({ remove: z.boolean() }),
});
export type ProgramCoordinator = z.infer<typeof ProgramCoordinator>;
export const ProgramCoordinatorListResponse = z.object({ coordinators: z.array(ProgramCoordinator) });
export const ProgramCoordinatorResponse = z.object({ coordinator: ProgramCoordinator });

export const OrganizationProgramsParams = z.object({ organizationId: IdParam });
export const ProgramParams = z.object({ programId: IdParam });
export const CohortParams = z.object({ programId: IdParam, cohortId: IdParam });
export const ProgramCoordinatorParams = z.object({ programId: IdParam, membershipId: IdParam });
