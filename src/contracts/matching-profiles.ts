/**
 * Contracts of the matching engine: mentee and mentor matching profiles, a program's matching settings,
 * the options of one run and its result. Shared by HTTP, the web forms and the CLI; the shapes mirror the
 * types in src/core/matching so that a parsed value can be handed to core as it is.
 */
import { z } from 'zod';
import {
  AFFINITY_TOPICS,
  COMMUNICATION_STYLES,
  CRITERION_IDS,
  EXCLUSION_CODES,
  MATCH_OBJECTIVES,
  MEETING_FORMATS,
  MENTOR_ELIGIBILITY_STATUSES,
  WEEKDAYS,
} from '../core/matching/index.ts';
import { IdSchema } from './common.ts';
import { JurisdictionCode, LanguageCode, TaxonomyId, TimeZone } from './vocabulary.ts';

export const Competency = z
  .object({
    id: TaxonomyId.describe('Competency id, e.g. courtroom-advocacy, legal-writing, negotiation'),
    level: z
      .union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)])
      .describe(
        '1 foundational, 2 developing, 3 proficient, 4 expert. Mentor: level practised; mentee: current level',
      ),
  })
  .describe('A competency with a level');

export const AvailabilityWindow = z
  .object({
    day: z.enum(WEEKDAYS).describe('Day of the week in the person’s own time zone'),
    startMinute: z
      .number()
      .int()
      .min(0)
      .max(1439)
      .describe('Minutes after local midnight when the window opens'),
    endMinute: z
      .number()
      .int()
      .min(1)
      .max(1440)
      .describe(
        'Minutes after local midnight when it closes; smaller than startMinute means it runs past midnight',
      ),
  })
  .refine((w) => w.startMinute !== w.endMinute, {
    message: 'a window cannot start and end at the same minute',
    path: ['endMinute'],
  })
  .describe('A recurring weekly window of availability, in local time');

export const AffinityAnswer = z
  .object({
    topic: z.enum(AFFINITY_TOPICS).describe('The opt-in question answered'),
    answer: z
      .union([z.boolean(), z.array(TaxonomyId).max(20)])
      .describe('Yes/no, or for identity-group the group ids chosen by the program'),
    hasConsented: z
      .boolean()
      .describe(
        'Whether the person agrees to this answer being used for matching; without it the answer is never read',
      ),
  })
  .describe('An opt-in affinity answer, used only when both people consented');

const personFields = {
  id: IdSchema.describe('Person id (membership id in the organization)'),
  practiceAreas: z
    .array(TaxonomyId)
    .max(20)
    .describe('Practice areas, e.g. employment, family, immigration, corporate-ma'),
  careerGoals: z
    .array(TaxonomyId)
    .max(20)
    .describe(
      'Mentee: goals such as make-partner, move-in-house. Mentor: paths they can advise on from experience',
    ),
  admissions: z.array(JurisdictionCode).max(20).describe('Jurisdictions where the person is admitted'),
  practiceJurisdictions: z
    .array(JurisdictionCode)
    .max(20)
    .describe('Jurisdictions where the person practises'),
  yearsSinceAdmission: z
    .number()
    .min(0)
    .max(80)
    .optional()
    .describe('Years since first admission; wins over admissionDate. Leave both out when unknown (blank)'),
  admissionDate: z.iso
    .date()
    .optional()
    .describe('First admission (YYYY-MM-DD); years are computed at the reference date'),
  organizationId: IdSchema.describe('Employer organization'),
  office: z.string().min(1).max(100).optional().describe('Office or site within the organization'),
  supervisorIds: z
    .array(IdSchema)
    .max(50)
    .describe('Every supervisor up the person’s reporting line, nearest first'),
  timeZone: TimeZone,
  languages: z.array(LanguageCode).max(20).describe('Languages the person can mentor in'),
  availability: z.array(AvailabilityWindow).max(50).describe('Weekly availability windows in local time'),
  preferredFormat: z.enum(MEETING_FORMATS).optional().describe('Preferred meeting format'),
  communicationStyle: z.enum(COMMUNICATION_STYLES).optional().describe('Preferred communication style'),
  affinity: z
    .array(AffinityAnswer)
    .max(AFFINITY_TOPICS.length)
    .describe('Opt-in affinity answers with consent'),
};

export const MenteeMatchingProfile = z
  .object({
    ...personFields,
    skillsToDevelop: z
      .array(Competency)
      .max(30)
      .describe('Competencies the mentee wants to develop, with current level'),
    wantedMentors: z.number().int().min(0).max(10).describe('How many mentors the mentee wants (usually 1)'),
  })
  .describe('What the matching engine knows about a mentee');
export type MenteeMatchingProfile = z.infer<typeof MenteeMatchingProfile>;

export const MentorMatchingProfile = z
  .object({
    ...personFields,
    skillsOffered: z
      .array(Competency)
      .max(30)
      .describe('Competencies the mentor can teach, with the level practised'),
    capacity: z.number().int().min(0).max(50).describe('Most mentees at once, across all programs'),
    seatsUsedElsewhere: z
      .number()
      .int()
      .min(0)
      .max(50)
      .describe('Seats taken by relationships in other programs'),
    eligibility: z
      .enum(MENTOR_ELIGIBILITY_STATUSES)
      .describe('Whether the mentor has been approved to mentor'),
  })
  .describe('What the matching engine knows about a mentor');
export type MentorMatchingProfile = z.infer<typeof MentorMatchingProfile>;

const PairIds = z.object({ menteeId: IdSchema, mentorId: IdSchema }).describe('A mentee–mentor pair by ids');

export const ScoringSettings = z
  .object({
    weights: z
      .partialRecord(z.enum(CRITERION_IDS), z.number().min(0).max(100))
      .describe('Weight per criterion, 0..100; a missing criterion keeps its default, 0 switches it off'),
    idealSeniorityGapYears: z
      .object({ min: z.number().min(0).max(40), max: z.number().min(0).max(60) })
      .refine((g) => g.min <= g.max, { message: 'min must not exceed max', path: ['min'] })
      .describe('Gap in years since admission that earns full marks on the seniority criterion'),
    availabilityTargetMinutes: z
      .number()
      .int()
      .min(15)
      .max(7 * 24 * 60)
      .describe('Weekly overlapping minutes at which the availability criterion is fully met'),
  })
  .describe('How pair scores are computed');

export const ConstraintSettings = z
  .object({
    organizationRule: z
      .enum(['same-required', 'same-forbidden', 'allowed'])
      .describe('Inside mentoring (same organization), outside mentoring (different organization) or either'),
    jurisdictionRule: z
      .enum(['off', 'any', 'all'])
      .describe(
        'Mentor must be admitted in any / all of the jurisdictions where the mentee practises, or no rule',
      ),
    minSeniorityGapYears: z
      .number()
      .min(0)
      .max(40)
      .nullable()
      .describe('Minimum extra years of practice; null = no rule'),
    maxTimeZoneDifferenceHours: z
      .number()
      .min(0)
      .max(12)
      .nullable()
      .describe('Largest clock difference allowed at the reference date, in hours; null = no rule'),
    allowedMentorStatuses: z
      .array(z.enum(MENTOR_ELIGIBILITY_STATUSES))
      .min(1)
      .describe('Eligibility statuses that may be matched, usually ["eligible"]'),
    conflictPersonPairs: z
      .array(z.tuple([IdSchema, IdSchema]))
      .describe('Declared conflicts of interest between two people (either order)'),
    conflictOrganizationPairs: z
      .array(z.tuple([IdSchema, IdSchema]))
      .describe('Declared conflicts between two organizations (either order)'),
    doNotMatch: z.array(PairIds).describe('Pairs the coordinator ruled out'),
    previousPairs: z.array(PairIds).describe('Pairs from earlier cohorts, never repeated'),
  })
  .describe('Hard constraints: a pair that breaks one is never proposed');

export const ProgramMatchingSettings = z
  .object({
    scoring: ScoringSettings,
    constraints: ConstraintSettings,
    objective: z
      .enum(MATCH_OBJECTIVES)
      .describe(
        'quality: highest total score; coverage: most mentees matched, then total; fairness: most mentees, then the highest lowest score, then total; stable: mentee-proposing deferred acceptance',
      ),
    minScore: z.number().int().min(0).max(1000).describe('No pair scoring under this (0..1000) is made'),
  })
  .describe('A program’s matching settings, as a coordinator edits them');
export type ProgramMatchingSettings = z.infer<typeof ProgramMatchingSettings>;

export const MatchRunOptions = z
  .object({
    pinned: z
      .array(PairIds)
      .default([])
      .describe('Pairs that must be kept; a pinned pair that breaks a hard constraint fails the run'),
    incremental: z
      .object({ existingPairs: z.array(PairIds).describe('Running relationships to keep') })
      .optional()
      .describe('Keep running relationships and fill only the open seats'),
    rankings: z
      .object({
        mentees: z
          .record(IdSchema, z.array(IdSchema))
          .optional()
          .describe('Mentee id → mentor ids, most preferred first'),
        mentors: z
          .record(IdSchema, z.array(IdSchema))
          .optional()
          .describe('Mentor id → mentee ids, most preferred first'),
      })
      .optional()
      .describe('Stable objective only: explicit rankings; unranked people follow by score'),
  })
  .describe('Options of one matching run');
export type MatchRunOptions = z.infer<typeof MatchRunOptions>;

export const ScoreContribution = z
  .object({
    criterion: z.enum(CRITERION_IDS),
    label: z.string().describe('Short criterion name'),
    weight: z.number(),
    value: z.number().min(0).max(1).describe('How well the pair meets the criterion, 0..1'),
    points: z.number().describe('Points of the 0..1000 score this criterion earned'),
    maxPoints: z.number().describe('Points it could have earned'),
    reason: z.string().describe('One sentence for a coordinator, e.g. "both practise employment law"'),
  })
  .describe('One criterion’s part in a pair score');

export const ScoreExplanation = z
  .object({
    score: z.number().int().min(0).max(1000),
    contributions: z.array(ScoreContribution).describe('Largest contribution first'),
    note: z.string().optional().describe('Set when the neutral score was used'),
  })
  .describe('Why a pair scores what it scores');

export const ExclusionReason = z
  .object({
    code: z.enum(EXCLUSION_CODES).describe('Which hard constraint'),
    message: z.string().describe('Why, for a coordinator'),
  })
  .describe('One reason a pair is excluded');

export const MatchedPair = z.object({
  menteeId: IdSchema,
  mentorId: IdSchema,
  score: z.number().int().min(0).max(1000),
  origin: z.enum(['solver', 'stable', 'pinned', 'existing']).describe('Who made the pair'),
  explanation: ScoreExplanation,
});

export const UnmatchedMentee = z.object({
  menteeId: IdSchema,
  reason: z
    .enum([
      'no-feasible-mentor',
      'feasible-mentors-full',
      'below-min-score',
      'not-in-optimum',
      'partially-matched',
    ])
    .describe('Why the mentee got no (or too few) mentors'),
  message: z.string(),
  feasibleMentors: z.number().int().min(0),
  bestScore: z.number().int().nullable(),
  exclusions: z
    .array(z.object({ code: z.enum(EXCLUSION_CODES), mentors: z.number().int(), summary: z.string() }))
    .describe('When no mentor is feasible: how many mentors each constraint rules out, most first'),
});

export const MatchResult = z
  .object({
    pairs: z.array(MatchedPair).describe('Sorted by mentee, then mentor'),
    unmatched: z.array(UnmatchedMentee),
    summary: z.object({
      objective: z.enum(MATCH_OBJECTIVES),
      menteeCount: z.number().int().describe('Mentees wanting at least one mentor'),
      mentorCount: z.number().int(),
      matchedMentees: z.number().int(),
      coverage: z.number().min(0).max(1),
      pairCount: z.number().int(),
      totalScore: z.number().int(),
      meanScore: z.number(),
      minScore: z.number().int().nullable(),
      distribution: z.array(z.number().int()).length(10).describe('Pairs per score band 0–99 … 900–1000'),
      candidatePairs: z.number().int().describe('Feasible pairs at or above the minimum score'),
      blockingPairs: z.number().int().optional().describe('Stable objective: blocking pairs (always 0)'),
      isProvenOptimal: z.boolean().optional().describe('Whether a dual certificate proved optimality'),
    }),
    warnings: z.array(
      z.object({
        code: z.literal('existing-pair-now-excluded'),
        menteeId: IdSchema,
        mentorId: IdSchema,
        message: z.string(),
        reasons: z.array(ExclusionReason),
      }),
    ),
  })
  .describe('The result of a matching run');
export type MatchResult = z.infer<typeof MatchResult>;

export const ExplainExclusionResponse = z
  .object({ reasons: z.array(ExclusionReason).describe('Empty when the pair is feasible') })
  .describe('Why not this mentor?');
