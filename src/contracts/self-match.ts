/**
 * Self-match (issue 7 §3): the mentor directory, recommended mentors, and requests from mentees to
 * mentors with their answers. A mentor card shows only the mentor's public answers (no sensitive or
 * custom answers); nothing here names other mentees.
 */
import { z } from 'zod';
import { COMMUNICATION_STYLES, MEETING_FORMATS, WEEKDAYS } from '../core/matching/index.ts';
import { MATCH_REQUEST_STATUSES } from '../core/programs/vocabulary.ts';
import { IdParam, IdSchema, Timestamp } from './common.ts';
import { AvailabilityWindow, Competency, ScoreContribution } from './matching-profiles.ts';
import { JurisdictionCode, LanguageCode, TaxonomyId, TimeZone } from './vocabulary.ts';

/** Longest note a mentee may send, and longest answer a mentor may write. */
export const MAX_REQUEST_NOTE_LENGTH = 1000;

export { ProgramParams } from './programs.ts';
export const MatchRequestParams = z.object({ requestId: IdParam });

const booleanQuery = z
  .enum(['true', 'false'])
  .transform((value) => value === 'true')
  .describe('true or false');

export const FindDirectoryMentorsQuery = z
  .object({
    search: z
      .string()
      .trim()
      .max(100)
      .optional()
      .describe("A word of the mentor's name, location or practice area"),
    practiceArea: TaxonomyId.optional().describe('Only mentors in this practice area'),
    jurisdiction: JurisdictionCode.optional().describe('Only mentors admitted or practising here'),
    language: LanguageCode.optional().describe('Only mentors who mentor in this language'),
    format: z
      .enum(MEETING_FORMATS)
      .optional()
      .describe('Only mentors who meet this way (hybrid mentors meet both ways)'),
    availabilityDay: z.enum(WEEKDAYS).optional().describe('Only mentors available on this weekday'),
    timeZone: TimeZone.optional().describe('Only mentors in this time zone'),
    hasCapacity: booleanQuery.optional().describe('true: only mentors with an open seat'),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type FindDirectoryMentorsQuery = z.infer<typeof FindDirectoryMentorsQuery>;

export const PublicMentorAnswers = z
  .object({
    practice_areas: z.array(z.string()),
    skills: z.array(Competency),
    career_goals: z.array(z.string()),
    years_of_practice: z.number(),
    jurisdictions_of_admission: z.array(z.string()),
    practice_jurisdictions: z.array(z.string()),
    languages: z.array(z.string()),
    location: z.string(),
    time_zone: z.string(),
    availability: z.array(AvailabilityWindow),
    meeting_format: z.enum(MEETING_FORMATS),
    communication_style: z.enum(COMMUNICATION_STYLES),
  })
  .partial()
  .describe("A mentor's public answers; questions they were not asked or left blank are absent");

export const DirectoryMentor = z.object({
  applicationId: IdSchema.describe("The mentor's application: what a request names"),
  name: z.string(),
  answers: PublicMentorAnswers,
  capacity: z.number().int().describe('Mentees the mentor takes at once, across every program'),
  remainingSeats: z.number().int().describe('Open seats now, after every program they serve'),
  requestStatus: z
    .enum(['pending', 'accepted'])
    .nullable()
    .describe('Your own pending or accepted request to this mentor, if any'),
  unavailableReason: z
    .string()
    .nullable()
    .describe('Why you cannot request this mentor (a program rule), or null'),
  can: z.object({ request: z.boolean() }),
});
export type DirectoryMentor = z.infer<typeof DirectoryMentor>;

/** Where the viewer stands: how many more requests they may send, and whether they have a mentor. */
export const SelfMatchStanding = z.object({
  cohortId: IdSchema,
  pendingRequests: z.number().int(),
  maxPendingRequests: z.number().int(),
  remainingRequests: z.number().int(),
  hasMentor: z.boolean().describe('You already have a mentor in this program'),
  requestExpiryDays: z.number().int(),
});
export type SelfMatchStanding = z.infer<typeof SelfMatchStanding>;

export const DirectoryResponse = z.object({
  mentors: z.array(DirectoryMentor),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  standing: SelfMatchStanding,
});

export const RecommendedMentor = DirectoryMentor.extend({
  score: z.number().int().min(0).max(1000).describe('The engine’s pair score, 0..1000'),
  reasons: z.array(ScoreContribution).describe('Why: each criterion’s part, largest first'),
});
export type RecommendedMentor = z.infer<typeof RecommendedMentor>;

export const RecommendedMentorsQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(50).default(10) })
  .strict();
export const RecommendedMentorsResponse = z.object({
  mentors: z.array(RecommendedMentor),
  standing: SelfMatchStanding,
});

export const CreateMatchRequestRequest = z
  .object({
    mentorApplicationId: IdSchema.describe('The mentor’s application id, from the directory'),
    note: z
      .string()
      .trim()
      .max(MAX_REQUEST_NOTE_LENGTH)
      .default('')
      .describe('Why you would like this mentor; they read it before answering'),
  })
  .strict();
export type CreateMatchRequestRequest = z.infer<typeof CreateMatchRequestRequest>;

export const RespondToMatchRequestRequest = z
  .object({
    message: z
      .string()
      .trim()
      .max(MAX_REQUEST_NOTE_LENGTH)
      .default('')
      .describe('A message to the mentee with the answer'),
  })
  .strict();
export type RespondToMatchRequestRequest = z.infer<typeof RespondToMatchRequestRequest>;

/** A POST without fields: `{}` or nothing. */
export const WithdrawMatchRequestRequest = z.object({}).strict().nullish();

const Party = z.object({ name: z.string(), applicationId: IdSchema });

export const MatchRequest = z.object({
  id: IdSchema,
  organizationId: IdSchema,
  programId: IdSchema,
  programName: z.string(),
  cohortId: IdSchema,
  status: z.enum(MATCH_REQUEST_STATUSES).describe('Expired as soon as the expiry passes'),
  direction: z
    .enum(['incoming', 'outgoing', 'other'])
    .describe(
      'incoming: addressed to you as mentor; outgoing: sent by you; other: you coordinate the program',
    ),
  mentee: Party,
  mentor: Party,
  note: z.string(),
  responseMessage: z.string().nullable(),
  createdAt: Timestamp,
  expiresAt: Timestamp,
  decidedAt: Timestamp.nullable(),
  can: z.object({ accept: z.boolean(), decline: z.boolean(), withdraw: z.boolean() }),
});
export type MatchRequest = z.infer<typeof MatchRequest>;

export const MatchRequestResponse = z.object({ request: MatchRequest });
export const RespondToMatchRequestResponse = z.object({
  request: MatchRequest,
  relationshipId: IdSchema.optional().describe('The relationship an acceptance started'),
});

export const ListMyMatchRequestsQuery = z
  .object({
    organizationId: IdParam.optional().describe('Only requests in programs of this organization'),
    programId: IdParam.optional().describe('Only requests in this program'),
  })
  .strict();
export type ListMyMatchRequestsQuery = z.infer<typeof ListMyMatchRequestsQuery>;

export const MatchRequestListResponse = z.object({
  incoming: z.array(MatchRequest).describe('Requests addressed to you as mentor, newest first'),
  outgoing: z.array(MatchRequest).describe('Requests you sent as mentee, newest first'),
});
