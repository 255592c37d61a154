/**
 * The words of programs, enrolment and the matching workflow, defined once: the database enums
 * (src/db/schema-programs.ts) and the zod contracts are built from these arrays.
 */

/** How mentors and mentees are grouped. */
export const PROGRAM_FORMATS = ['one_to_one', 'group', 'peer', 'reverse', 'flash'] as const;
export type ProgramFormat = (typeof PROGRAM_FORMATS)[number];

/** The life of a cohort; a program's cohorts move through these independently. */
export const COHORT_STATES = ['draft', 'enrolling', 'matching', 'running', 'closed'] as const;
export type CohortState = (typeof COHORT_STATES)[number];

/** How people get into a program. */
export const ENROLMENT_MODES = ['open_link', 'invitation_only', 'approval_required'] as const;
export type EnrolmentMode = (typeof ENROLMENT_MODES)[number];

/** Who makes the matches. */
export const MATCHING_MODES = ['coordinator', 'self_match', 'both'] as const;
export type MatchingMode = (typeof MATCHING_MODES)[number];

/** Inside mentoring (mentor from the mentee's organization), outside mentoring, or either. */
export const INSIDE_OUTSIDE_RULES = ['must_be_inside', 'must_be_outside', 'either'] as const;
export type InsideOutsideRule = (typeof INSIDE_OUTSIDE_RULES)[number];

/** How often a pair is expected to meet. */
export const MEETING_CADENCES = ['weekly', 'fortnightly', 'monthly', 'bimonthly', 'quarterly'] as const;
export type MeetingCadence = (typeof MEETING_CADENCES)[number];

/** The two sides of a program. */
export const PROGRAM_ROLES = ['mentor', 'mentee'] as const;
export type ProgramRole = (typeof PROGRAM_ROLES)[number];

/** Where an application stands. */
export const APPLICATION_STATUSES = [
  'submitted',
  'approved',
  'rejected',
  'waitlisted',
  'changes_requested',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** A stored match run: a draft until published (then immutable), or discarded. */
export const MATCH_RUN_STATUSES = ['draft', 'published', 'discarded'] as const;
export type MatchRunStatus = (typeof MATCH_RUN_STATUSES)[number];

/** A self-match request from a mentee to a mentor. */
export const MATCH_REQUEST_STATUSES = ['pending', 'accepted', 'declined', 'withdrawn', 'expired'] as const;
export type MatchRequestStatus = (typeof MATCH_REQUEST_STATUSES)[number];

/** A relationship (a match that is running). The relationship issue adds its workflow. */
export const RELATIONSHIP_STATUSES = ['starting', 'active', 'paused', 'completed', 'ended'] as const;
export type RelationshipStatus = (typeof RELATIONSHIP_STATUSES)[number];
