/**
 * Public API of the matching engine. Callers (app use cases, the CLI, benchmarks) import from here only.
 */
export * from './profile.ts';
export {
  toMatchingProfile,
  type MenteeEnrollment,
  type MentorEnrollment,
  type StoredMemberProfile,
} from './stored-profile.ts';
export { CRITERIA, type Criterion } from './scoring/criteria.ts';
export {
  createScorer,
  explainPairScore,
  explainScore,
  NEUTRAL_SCORE,
  scorePair,
  type Contribution,
  type Scorer,
  type ScoreExplanation,
} from './scoring/score.ts';
export { preparePool, yearsSinceAdmission, type PreparedPool } from './scoring/prepare.ts';
export {
  availabilityBitmap,
  formatUtcOffset,
  timeZoneDistanceMinutes,
  utcOffsetMinutes,
} from './scoring/time.ts';
export {
  createConstraintIndex,
  EXCLUSION_CODES,
  EXCLUSION_SUMMARIES,
  exclusionMask,
  exclusionReasons,
  explainExclusion,
  type ConstraintIndex,
  type ExclusionCode,
  type ExclusionReason,
} from './constraints/constraints.ts';
export {
  countBlockingPairs,
  deferredAcceptance,
  type StableProblem,
  type StableResult,
} from './stable/deferred-acceptance.ts';
export {
  MATCH_OBJECTIVES,
  matchProgram,
  type MatchedPair,
  type MatchObjective,
  type MatchProgramInput,
  type MatchProgramOptions,
  type MatchProgramResult,
  type MatchSummary,
  type MatchTimings,
  type MatchWarning,
  type PairOrigin,
  type SolveFunction,
  type UnmatchedMentee,
  type UnmatchedMenteeReason,
} from './pipeline.ts';
export { solve } from './solver/index.ts';
export type * from './solver-types.ts';
