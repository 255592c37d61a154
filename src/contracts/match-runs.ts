/**
 * Contracts of the matching workflow: creating a match run (weights, hard constraints, objective, minimum
 * score, pins and exclusions), the stored draft with its pairs, unmatched mentees and summary, edits to a
 * draft, comparing two runs, publishing into relationships, and the relationships themselves.
 * Shared by the HTTP routes, the web pages and the CLI.
 */
import { z } from 'zod';
import { CRITERION_IDS, MATCH_OBJECTIVES } from '../core/matching/index.ts';
import { MATCH_RUN_STATUSES, PROGRAM_ROLES, RELATIONSHIP_STATUSES } from '../core/programs/vocabulary.ts';
import { IdParam, IdSchema, Timestamp } from './common.ts';
import { ConstraintSettings, ExclusionReason, ScoreContribution } from './matching-profiles.ts';

export const ApplicationPair = z
  .object({
    menteeApplicationId: IdSchema.describe('The mentee’s application'),
    mentorApplicationId: IdSchema.describe('The mentor’s application'),
  })
  .strict()
  .describe('A mentee–mentor pair by application ids');
export type ApplicationPair = z.infer<typeof ApplicationPair>;

/** The hard constraints a coordinator may set on a run (conflicts and exclusions come from elsewhere). */
export const RunConstraints = ConstraintSettings.pick({
  organizationRule: true,
  jurisdictionRule: true,
  minSeniorityGapYears: true,
  maxTimeZoneDifferenceHours: true,
  allowedMentorStatuses: true,
})
  .partial()
  .strict()
  .describe('Hard constraints; a missing one keeps the program’s default');
export type RunConstraints = z.infer<typeof RunConstraints>;

export const CreateMatchRunRequest = z
  .object({
    cohortId: IdSchema.optional().describe(
      'The cohort to match; by default the program’s cohort in the matching state (or, failing that, the running one, incrementally)',
    ),
    objective: z
      .enum(MATCH_OBJECTIVES)
      .optional()
      .describe(
        'quality: highest total score; coverage: most mentees matched; fairness: most mentees, then the highest lowest score; stable: deferred acceptance from rankings',
      ),
    weights: z
      .partialRecord(z.enum(CRITERION_IDS), z.number().min(0).max(100))
      .optional()
      .describe('Weight per criterion, 0..100; a missing criterion keeps its default, 0 switches it off'),
    constraints: RunConstraints.optional(),
    minScore: z
      .number()
      .int()
      .min(0)
      .max(1000)
      .optional()
      .describe('No pair scoring under this (0..1000) is made'),
    pinned: z.array(ApplicationPair).max(1000).default([]).describe('Pairs that must be made'),
    excluded: z.array(ApplicationPair).max(5000).default([]).describe('Pairs that must never be made'),
  })
  .strict();
export type CreateMatchRunRequest = z.input<typeof CreateMatchRunRequest>;

export const MatchRunSettings = z.object({
  objective: z.enum(MATCH_OBJECTIVES),
  minScore: z.number().int(),
  weights: z.record(z.string(), z.number()),
  constraints: z.object({
    organizationRule: z.string(),
    jurisdictionRule: z.string(),
    minSeniorityGapYears: z.number().nullable(),
    maxTimeZoneDifferenceHours: z.number().nullable(),
    allowedMentorStatuses: z.array(z.string()),
  }),
  pinned: z.array(ApplicationPair),
  excluded: z.array(ApplicationPair),
  referenceDate: Timestamp,
});
export type MatchRunSettings = z.infer<typeof MatchRunSettings>;

export const MatchRunSummary = z.object({
  menteeCount: z.number().int().describe('Mentees wanting a mentor'),
  mentorCount: z.number().int(),
  matchedMentees: z.number().int(),
  coverage: z.number().min(0).max(1),
  pairCount: z.number().int(),
  totalScore: z.number(),
  meanScore: z.number(),
  minScore: z.number().nullable(),
  distribution: z.array(z.number().int()).describe('Pairs per score band 0–99 … 900–1000'),
  circleCount: z.number().int().nullable().describe('Group programs: circles formed'),
  isProvenOptimal: z.boolean().nullable().describe('Whether a dual certificate proved the result optimal'),
  blockingPairs: z.number().int().nullable().describe('Stable objective: blocking pairs'),
  isEdited: z.boolean().describe('Whether a coordinator edited pairs after the engine ran'),
  timings: z
    .record(z.string(), z.number())
    .describe('Milliseconds per phase: load, prepare, candidates, solve, report, store'),
  warnings: z.array(z.string()),
});
export type MatchRunSummary = z.infer<typeof MatchRunSummary>;

export const Person = z.object({
  applicationId: IdSchema,
  userId: IdSchema,
  name: z.string(),
});

export const MatchRunPair = z.object({
  id: IdSchema,
  mentee: Person,
  mentor: Person,
  circle: z.number().int().nullable().describe('Group programs: the circle the pair belongs to'),
  score: z.number().int(),
  reasons: z.array(ScoreContribution).describe('The engine’s explanation, largest contribution first'),
  origin: z.enum(['solver', 'stable', 'pinned', 'existing', 'edited']),
  brokenConstraints: z.array(ExclusionReason).describe('Hard constraints broken by an override'),
  overrideReason: z.string().nullable(),
});
export type MatchRunPair = z.infer<typeof MatchRunPair>;

export const UnmatchedMentee = z.object({
  mentee: Person,
  reason: z.string().describe('no-feasible-mentor, feasible-mentors-full, below-min-score, … or removed'),
  detail: z.string(),
});

export const MatchRunEvent = z.object({
  id: IdSchema,
  action: z.string(),
  actorName: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  createdAt: Timestamp,
});

export const MatchRun = z.object({
  id: IdSchema,
  programId: IdSchema,
  cohortId: IdSchema,
  cohortName: z.string(),
  status: z.enum(MATCH_RUN_STATUSES),
  objective: z.enum(MATCH_OBJECTIVES),
  isIncremental: z.boolean(),
  settings: MatchRunSettings,
  summary: MatchRunSummary,
  engineVersion: z.string(),
  createdBy: z.string().nullable().describe('Who ran it'),
  createdAt: Timestamp,
  publishedBy: z.string().nullable(),
  publishedAt: Timestamp.nullable(),
  can: z.object({ edit: z.boolean(), publish: z.boolean(), discard: z.boolean() }),
});
export type MatchRun = z.infer<typeof MatchRun>;

export const MatchRunDetail = MatchRun.extend({
  pairs: z.array(MatchRunPair),
  unmatched: z.array(UnmatchedMentee),
  events: z.array(MatchRunEvent),
});
export type MatchRunDetail = z.infer<typeof MatchRunDetail>;

export const MatchRunResponse = z.object({ run: MatchRunDetail });
export const MatchRunListResponse = z.object({ runs: z.array(MatchRun) });
export const MatchRunSummaryResponse = z.object({ run: MatchRun });

export { ProgramParams } from './programs.ts';
export const MatchRunParams = z.object({ runId: IdParam });
export const CompareMatchRunsParams = z.object({ runId: IdParam, otherRunId: IdParam });

const overrideReason = z
  .string()
  .trim()
  .min(3, 'must say why')
  .max(1000)
  .optional()
  .describe('Why a hard-constraint break is accepted; required when the edit breaks one');
const preview = z
  .boolean()
  .default(false)
  .describe('Only check: answer with the new scores and broken constraints, change nothing');

export const EditMatchRunRequest = z.discriminatedUnion('action', [
  z
    .object({
      action: z.literal('add'),
      menteeApplicationId: IdSchema,
      mentorApplicationId: IdSchema,
      overrideReason,
      preview,
    })
    .strict()
    .describe('Add a pair'),
  z
    .object({
      action: z.literal('remove'),
      menteeApplicationId: IdSchema,
      mentorApplicationId: IdSchema,
      preview,
    })
    .strict()
    .describe('Remove a pair; the mentee becomes unmatched'),
  z
    .object({
      action: z.literal('replace'),
      menteeApplicationId: IdSchema,
      mentorApplicationId: IdSchema.describe('The mentor the mentee has now'),
      newMentorApplicationId: IdSchema.describe('The mentor the mentee gets instead'),
      overrideReason,
      preview,
    })
    .strict()
    .describe('Give a mentee another mentor'),
  z
    .object({
      action: z.literal('swap'),
      first: ApplicationPair,
      second: ApplicationPair,
      overrideReason,
      preview,
    })
    .strict()
    .describe('Swap the mentors of two pairs'),
]);
export type EditMatchRunRequest = z.input<typeof EditMatchRunRequest>;

export const PairCheck = z.object({
  menteeApplicationId: IdSchema,
  mentorApplicationId: IdSchema,
  score: z.number().int(),
  reasons: z.array(ScoreContribution),
  broken: z.array(ExclusionReason).describe('Every hard constraint the new pair breaks; [] if none'),
});
export type PairCheck = z.infer<typeof PairCheck>;

export const EditMatchRunResponse = z.object({
  isApplied: z.boolean().describe('false for a preview'),
  checks: z
    .array(PairCheck)
    .describe('The new pairs the edit makes, each with its score and broken constraints'),
  run: MatchRunDetail,
});

export const ComparedPair = z.object({
  mentee: Person,
  mentor: Person,
  score: z.number().int(),
});

export const CompareMatchRunsResponse = z.object({
  first: MatchRun,
  second: MatchRun,
  same: z.number().int().describe('Pairs both runs make'),
  onlyInFirst: z.array(ComparedPair),
  onlyInSecond: z.array(ComparedPair),
  changedMentees: z.number().int(),
  delta: z
    .object({
      coverage: z.number(),
      meanScore: z.number(),
      minScore: z.number().nullable(),
      totalScore: z.number(),
      pairCount: z.number().int(),
    })
    .describe('Second minus first'),
});
export type CompareMatchRunsResponse = z.infer<typeof CompareMatchRunsResponse>;

export const PublishMatchRunResponse = z.object({
  run: MatchRun,
  relationshipsCreated: z.number().int(),
  emailsSent: z.number().int(),
});

export const RelationshipParticipant = z.object({
  applicationId: IdSchema,
  userId: IdSchema,
  name: z.string(),
  role: z.enum(PROGRAM_ROLES),
});

export const Relationship = z.object({
  id: IdSchema,
  organizationId: IdSchema,
  organizationName: z.string(),
  programId: IdSchema,
  programName: z.string(),
  cohortId: IdSchema,
  cohortName: z.string(),
  status: z.enum(RELATIONSHIP_STATUSES),
  matchRunId: IdSchema.nullable(),
  startedAt: Timestamp,
  participants: z.array(RelationshipParticipant),
  myRole: z.enum(PROGRAM_ROLES).nullable().describe('The signed-in user’s side, when they take part'),
});
export type Relationship = z.infer<typeof Relationship>;

export const RelationshipListResponse = z.object({ relationships: z.array(Relationship) });
