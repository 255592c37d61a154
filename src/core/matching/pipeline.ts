/**
 * The profile-level entry point: profiles and a program's settings in, explained pairs out. It scores and
 * filters every mentee–mentor pair, hands the sparse feasible matrix to the exact solver (or to deferred
 * acceptance for the `stable` objective) and maps the result back to ids with reasons for everyone left
 * unmatched.
 */
import { AppError, type FieldIssue } from '../errors.ts';
import {
  createConstraintIndex,
  EXCLUSION_CODES,
  EXCLUSION_SUMMARIES,
  exclusionMask,
  exclusionReasons,
  type ExclusionCode,
  type ExclusionReason,
} from './constraints/constraints.ts';
import type { MatchingSettings, MenteeProfile, MentorProfile, PairIds } from './profile.ts';
import { preparePool } from './scoring/prepare.ts';
import {
  createScorer,
  explainPairScore,
  scorePair,
  scoreRow,
  type ScoreExplanation,
} from './scoring/score.ts';
import { solve as exactSolve } from './solver/index.ts';
import type { SolverProblem, SolverResult } from './solver-types.ts';
import { deferredAcceptance } from './stable/deferred-acceptance.ts';

export const MATCH_OBJECTIVES = ['quality', 'coverage', 'fairness', 'stable'] as const;
export type MatchObjective = (typeof MATCH_OBJECTIVES)[number];

/** One matching run of a program. */
export interface MatchProgramInput {
  mentees: readonly MenteeProfile[];
  mentors: readonly MentorProfile[];
  settings: MatchingSettings;
  objective: MatchObjective;
  /** Pairs scoring under this (0..1000) are never made. Default 0. */
  minScore?: number;
  /**
   * Pairs the coordinator fixed. A pinned pair must satisfy every hard constraint (including open seats);
   * otherwise the run fails with VALIDATION_FAILED naming the pair and every broken constraint. There is no
   * override: unpin, or change the constraint that blocks it (e.g. remove a do-not-match entry).
   */
  pinned?: readonly PairIds[];
  /**
   * Incremental mode: keep these running relationships (they use seats on both sides and are returned
   * as they are, even if a constraint changed since) and fill only the open seats.
   */
  incremental?: { existingPairs: readonly PairIds[] };
  /** `stable` objective only: explicit rankings by id, most preferred first; the rest follow by score. */
  rankings?: {
    mentees?: Readonly<Record<string, readonly string[]>>;
    mentors?: Readonly<Record<string, readonly string[]>>;
  };
}

/** The exact solver's signature (src/core/matching/solver). */
export type SolveFunction = (problem: SolverProblem) => SolverResult;

export interface MatchProgramOptions {
  /** The solver for quality / coverage / fairness; the exact solver unless a test swaps in a reference. */
  solve?: SolveFunction;
  /** A millisecond clock (e.g. performance.now); when given, the result carries phase timings. */
  clock?: () => number;
}

/** Milliseconds per phase, present when a clock was passed in. */
export interface MatchTimings {
  /** Validation and per-profile indexes (bitsets, UTC availability, offsets). */
  prepareMs: number;
  /** Constraint filter and scores over every mentee–mentor pair. */
  candidatesMs: number;
  solveMs: number;
  /** Explanations, reasons for the unmatched, summary. */
  reportMs: number;
  totalMs: number;
}

export type PairOrigin = 'solver' | 'stable' | 'pinned' | 'existing';

export interface MatchedPair {
  menteeId: string;
  mentorId: string;
  score: number;
  origin: PairOrigin;
  explanation: ScoreExplanation;
}

export type UnmatchedMenteeReason =
  'no-feasible-mentor' | 'feasible-mentors-full' | 'below-min-score' | 'not-in-optimum' | 'partially-matched';

export interface UnmatchedMentee {
  menteeId: string;
  reason: UnmatchedMenteeReason;
  /** One or two sentences for a coordinator. */
  message: string;
  /** Mentors that pass every hard constraint. */
  feasibleMentors: number;
  /** Best score among them, or null when there is none. */
  bestScore: number | null;
  /** When no mentor is feasible: how many mentors each constraint rules out, most first. */
  exclusions: Array<{ code: ExclusionCode; mentors: number; summary: string }>;
}

export interface MatchSummary {
  objective: MatchObjective;
  /** Mentees who want at least one mentor. */
  menteeCount: number;
  mentorCount: number;
  /** Mentees with at least one pair. */
  matchedMentees: number;
  /** matchedMentees / menteeCount (1 when nobody wants a mentor). */
  coverage: number;
  pairCount: number;
  totalScore: number;
  meanScore: number;
  minScore: number | null;
  /** Pair counts by score band: 0–99, 100–199, ..., 900–1000. */
  distribution: number[];
  /** Feasible pairs at or above the minimum score that were offered to the solver. */
  candidatePairs: number;
  /** `stable` only: blocking pairs, recounted independently; always 0 for a correct run. */
  blockingPairs?: number;
  /** Solver objectives: whether a dual certificate proved the result optimal. */
  isProvenOptimal?: boolean;
}

export interface MatchWarning {
  code: 'existing-pair-now-excluded';
  menteeId: string;
  mentorId: string;
  message: string;
  reasons: ExclusionReason[];
}

export interface MatchProgramResult {
  /** Sorted by mentee then mentor, in input order. */
  pairs: MatchedPair[];
  /** Sorted by mentee, in input order. */
  unmatched: UnmatchedMentee[];
  summary: MatchSummary;
  warnings: MatchWarning[];
  timings?: MatchTimings;
}

/** Capacity reasons are about seats, which the run itself uses up; they do not make a kept pair wrong. */
const SEAT_CODES: ReadonlySet<ExclusionCode> = new Set(['mentor-no-open-seats', 'mentee-needs-no-mentor']);
const MENTOR_NO_SEATS_BIT = 1 << EXCLUSION_CODES.indexOf('mentor-no-open-seats');

function resolvePairs(
  pairs: readonly PairIds[],
  path: string,
  menteeIndex: Map<string, number>,
  mentorIndex: Map<string, number>,
  issues: FieldIssue[],
): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  pairs.forEach((pair, k) => {
    const i = menteeIndex.get(pair.menteeId);
    const j = mentorIndex.get(pair.mentorId);
    if (i === undefined)
      issues.push({ path: `${path}.${k}.menteeId`, message: `no mentee "${pair.menteeId}"` });
    if (j === undefined)
      issues.push({ path: `${path}.${k}.mentorId`, message: `no mentor "${pair.mentorId}"` });
    if (i !== undefined && j !== undefined) out.push([i, j]);
  });
  return out;
}

function resolveRankings(
  rankings: Readonly<Record<string, readonly string[]>> | undefined,
  ownIndex: Map<string, number>,
  otherIndex: Map<string, number>,
  count: number,
  path: string,
  issues: FieldIssue[],
): Array<number[] | undefined> {
  const out: Array<number[] | undefined> = Array.from({ length: count }, () => undefined);
  for (const [id, ranked] of Object.entries(rankings ?? {})) {
    const own = ownIndex.get(id);
    if (own === undefined) {
      issues.push({ path: `${path}.${id}`, message: `no such person "${id}"` });
      continue;
    }
    out[own] = ranked.flatMap((other, r) => {
      const index = otherIndex.get(other);
      if (index === undefined)
        issues.push({ path: `${path}.${id}.${r}`, message: `no such person "${other}"` });
      return index === undefined ? [] : [index];
    });
  }
  return out;
}

/** Matches a program's mentees to mentors under its settings and objective, with explanations. */
export function matchProgram(
  input: MatchProgramInput,
  options: MatchProgramOptions = {},
): MatchProgramResult {
  const minScore = input.minScore ?? 0;
  const issues: FieldIssue[] = [];
  if (!Number.isInteger(minScore) || minScore < 0 || minScore > 1000) {
    issues.push({ path: 'minScore', message: 'minScore must be a whole number 0..1000' });
  }
  if (!(MATCH_OBJECTIVES as readonly string[]).includes(input.objective)) {
    issues.push({ path: 'objective', message: `objective must be one of ${MATCH_OBJECTIVES.join(', ')}` });
  }
  if (issues.length > 0) throw AppError.validation(issues);

  const clock = options.clock;
  const started = clock?.() ?? 0;
  const pool = preparePool(input.mentees, input.mentors, input.settings);
  const scorer = createScorer(pool);
  const menteeCount = pool.mentees.count;
  const mentorCount = pool.mentors.count;
  const existingIds = input.incremental?.existingPairs ?? [];
  const index = createConstraintIndex(pool, existingIds);
  const existing = resolvePairs(
    existingIds,
    'incremental.existingPairs',
    index.menteeIndexById,
    index.mentorIndexById,
    issues,
  );
  const pinned = resolvePairs(
    input.pinned ?? [],
    'pinned',
    index.menteeIndexById,
    index.mentorIndexById,
    issues,
  );
  const menteeRankings = resolveRankings(
    input.rankings?.mentees,
    index.menteeIndexById,
    index.mentorIndexById,
    menteeCount,
    'rankings.mentees',
    issues,
  );
  const mentorRankings = resolveRankings(
    input.rankings?.mentors,
    index.mentorIndexById,
    index.menteeIndexById,
    mentorCount,
    'rankings.mentors',
    issues,
  );
  // Pairs already decided (kept or pinned) never reappear as candidates.
  const taken = new Set<number>();
  existing.forEach(([i, j], k) => {
    if (taken.has(i * mentorCount + j)) {
      issues.push({ path: `incremental.existingPairs.${k}`, message: 'this relationship is listed twice' });
    }
    taken.add(i * mentorCount + j);
  });
  if (issues.length > 0) throw AppError.validation(issues);

  (input.pinned ?? []).forEach((pair, k) => {
    const [i, j] = pinned[k];
    if (taken.has(i * mentorCount + j)) {
      issues.push({
        path: `pinned.${k}`,
        message: `${pair.menteeId}–${pair.mentorId} is pinned twice or already kept`,
      });
      return;
    }
    const reasons = exclusionReasons(index, i, j);
    if (reasons.length > 0) {
      issues.push({
        path: `pinned.${k}`,
        message: `pinned pair ${pair.menteeId}–${pair.mentorId} breaks ${reasons.length === 1 ? 'a hard constraint' : `${reasons.length} hard constraints`}: ${reasons.map((r) => r.message).join(' ')}`,
      });
      return;
    }
    taken.add(i * mentorCount + j);
    // Later pins see the seats this one used, so over-pinning a mentor is caught too.
    index.menteeOpen[i]--;
    index.mentorOpen[j]--;
  });
  if (issues.length > 0)
    throw AppError.validation(issues, `Pinned pairs break hard constraints: ${issues[0].message}`);

  const prepared = clock?.() ?? 0;
  // Sparse feasible matrix. Only pairs at or above minScore are offered (the rest are reported).
  const indptr = new Int32Array(menteeCount + 1);
  let indices = new Int32Array(Math.max(16, menteeCount * 8));
  let data = new Int32Array(indices.length);
  let nnz = 0;
  const feasibleCount = new Int32Array(menteeCount);
  const bestScore = new Int32Array(menteeCount).fill(-1);
  const openMentors: number[] = [];
  // Mentors without a seat or not eligible fail every pair; skipping them changes no result, only time.
  for (let j = 0; j < mentorCount; j++)
    if (index.mentorOpen[j] > 0 && index.mentorEligible[j] === 1) openMentors.push(j);
  const rowMentors = new Int32Array(mentorCount);
  const rowScores = new Int32Array(mentorCount);
  const rowSums = new Float64Array(mentorCount);
  for (let i = 0; i < menteeCount; i++) {
    indptr[i] = nnz;
    if (index.menteeOpen[i] <= 0) continue;
    let count = 0;
    for (const j of openMentors) {
      if (exclusionMask(index, i, j) !== 0 || (taken.size > 0 && taken.has(i * mentorCount + j))) continue;
      rowMentors[count++] = j;
    }
    scoreRow(scorer, i, rowMentors, count, rowScores, rowSums);
    feasibleCount[i] = count;
    if (nnz + count > indices.length) {
      const size = Math.max(indices.length * 2, nnz + count);
      const grownIndices = new Int32Array(size);
      grownIndices.set(indices.subarray(0, nnz));
      indices = grownIndices;
      const grownData = new Int32Array(size);
      grownData.set(data.subarray(0, nnz));
      data = grownData;
    }
    for (let k = 0; k < count; k++) {
      const score = rowScores[k];
      if (score > bestScore[i]) bestScore[i] = score;
      if (score < minScore) continue;
      indices[nnz] = rowMentors[k];
      data[nnz++] = score;
    }
  }
  indptr[menteeCount] = nnz;
  indices = indices.subarray(0, nnz);
  data = data.subarray(0, nnz);
  const menteeCapacity = Int32Array.from(index.menteeOpen, (x) => Math.max(0, x));
  const mentorCapacity = Int32Array.from(index.mentorOpen, (x) => Math.max(0, x));

  const candidatesDone = clock?.() ?? 0;
  let solved: Array<[number, number]>;
  let blockingPairs: number | undefined;
  let isProvenOptimal: boolean | undefined;
  if (input.objective === 'stable') {
    const stable = deferredAcceptance({
      menteeCount,
      mentorCount,
      menteeCapacity,
      mentorCapacity,
      indptr,
      indices,
      scores: data,
      menteeRankings,
      mentorRankings,
    });
    solved = stable.pairs;
    blockingPairs = stable.blockingPairs;
  } else {
    // Pinned and kept pairs are settled above (their seats already deducted), so the solver optimises only
    // the open seats; under `fairness` the lowest score is therefore lifted among the new pairs.
    const result = (options.solve ?? exactSolve)({
      objective: input.objective,
      menteeCount,
      mentorCount,
      menteeCapacity,
      mentorCapacity,
      scores: { format: 'sparse', indptr, indices, data },
      forbidden: [],
      minScore,
      pinned: [],
    });
    solved = result.pairs;
    isProvenOptimal = result.isProvenOptimal;
  }

  const solvedAt = clock?.() ?? 0;
  const origin = new Map<number, PairOrigin>();
  for (const [i, j] of existing) origin.set(i * mentorCount + j, 'existing');
  for (const [i, j] of pinned) origin.set(i * mentorCount + j, 'pinned');
  for (const [i, j] of solved)
    origin.set(i * mentorCount + j, input.objective === 'stable' ? 'stable' : 'solver');
  const keys = [...origin.keys()].sort((a, b) => a - b);
  const pairCountOf = new Int32Array(menteeCount);
  const solverUsed = new Int32Array(mentorCount);
  for (const [, j] of solved) solverUsed[j]++;
  const pairs: MatchedPair[] = keys.map((key) => {
    const i = Math.floor(key / mentorCount);
    const j = key % mentorCount;
    pairCountOf[i]++;
    const explanation = explainPairScore(scorer, i, j);
    return {
      menteeId: pool.mentees.ids[i],
      mentorId: pool.mentors.ids[j],
      score: explanation.score,
      origin: origin.get(key)!,
      explanation,
    };
  });

  const warnings: MatchWarning[] = [];
  for (const [i, j] of existing) {
    const reasons = exclusionReasons(index, i, j).filter((reason) => !SEAT_CODES.has(reason.code));
    if (reasons.length === 0) continue;
    warnings.push({
      code: 'existing-pair-now-excluded',
      menteeId: pool.mentees.ids[i],
      mentorId: pool.mentors.ids[j],
      message: `Kept relationship ${pool.mentees.ids[i]}–${pool.mentors.ids[j]} would not be proposed today: ${reasons.map((r) => r.message).join(' ')}`,
      reasons,
    });
  }

  const unmatched: UnmatchedMentee[] = [];
  for (let i = 0; i < menteeCount; i++) {
    const wanted = pool.menteeProfiles[i].wantedMentors;
    if (wanted <= 0 || pairCountOf[i] >= wanted) continue;
    unmatched.push(
      describeUnmatched(i, {
        pairCount: pairCountOf[i],
        feasible: feasibleCount[i],
        best: bestScore[i] < 0 ? null : bestScore[i],
        minScore,
        hasFreeFeasibleSeat: () => {
          for (let k = indptr[i]; k < indptr[i + 1]; k++) {
            if (solverUsed[indices[k]] < mentorCapacity[indices[k]]) return true;
          }
          return false;
        },
        exclusions: () => summarizeExclusions(i),
        filledInThisRun: () => filledInThisRun(i),
      }),
    );
  }

  /**
   * Mentors that pass every rule for mentee i and had a seat for this program, but whose seats pinned or
   * kept pairs took before the solver ran: the mentee lost out on seats, not on the rules.
   */
  function filledInThisRun(i: number): { count: number; best: number | null } {
    let count = 0;
    let best: number | null = null;
    for (let j = 0; j < mentorCount; j++) {
      const mentor = pool.mentorProfiles[j];
      if (mentor.capacity - mentor.seatsUsedElsewhere <= 0 || index.mentorOpen[j] > 0) continue;
      if ((exclusionMask(index, i, j) & ~MENTOR_NO_SEATS_BIT) !== 0) continue;
      count++;
      const score = scorePair(scorer, i, j);
      if (best === null || score > best) best = score;
    }
    return { count, best };
  }

  function summarizeExclusions(i: number): UnmatchedMentee['exclusions'] {
    const counts = new Int32Array(EXCLUSION_CODES.length);
    for (let j = 0; j < mentorCount; j++) {
      const mask = exclusionMask(index, i, j);
      for (let c = 0; c < EXCLUSION_CODES.length; c++) if ((mask >>> c) & 1) counts[c]++;
    }
    return EXCLUSION_CODES.map((code, c) => ({
      code,
      mentors: counts[c],
      summary: EXCLUSION_SUMMARIES[code],
    }))
      .filter((entry) => entry.mentors > 0)
      .sort((a, b) => b.mentors - a.mentors);
  }

  function describeUnmatched(
    i: number,
    facts: {
      pairCount: number;
      feasible: number;
      best: number | null;
      minScore: number;
      hasFreeFeasibleSeat: () => boolean;
      exclusions: () => UnmatchedMentee['exclusions'];
      filledInThisRun: () => { count: number; best: number | null };
    },
  ): UnmatchedMentee {
    const base = { menteeId: pool.mentees.ids[i], feasibleMentors: facts.feasible, bestScore: facts.best };
    const mentors = (n: number) => `${n} ${n === 1 ? 'mentor' : 'mentors'}`;
    const allFull = (n: number) =>
      n === 1
        ? 'The only mentor that passes the hard constraints is full'
        : `All ${n} mentors that pass the hard constraints are full`;
    if (facts.pairCount > 0) {
      const wanted = pool.menteeProfiles[i].wantedMentors;
      return {
        ...base,
        reason: 'partially-matched',
        message: `Matched with ${facts.pairCount} of the ${wanted} mentors wanted; no further feasible mentor was left at or above the minimum score with a free seat.`,
        exclusions: [],
      };
    }
    if (facts.feasible === 0) {
      const filled = facts.filledInThisRun();
      if (filled.count > 0) {
        return {
          ...base,
          feasibleMentors: filled.count,
          bestScore: filled.best,
          reason: 'feasible-mentors-full',
          message: `${allFull(filled.count)}: pinned pairs or relationships kept in this run took the seats (best score here ${filled.best}).`,
          exclusions: [],
        };
      }
      const exclusions = facts.exclusions();
      const top = exclusions
        .slice(0, 3)
        .map((entry) => `${mentors(entry.mentors)}: ${entry.summary}`)
        .join('; ');
      return {
        ...base,
        reason: 'no-feasible-mentor',
        message: `No mentor passes every hard constraint (${mentorCount} checked). ${top ? `Most common reasons — ${top}.` : 'There are no mentors in this program.'}`,
        exclusions,
      };
    }
    if (facts.best !== null && facts.best < facts.minScore) {
      return {
        ...base,
        reason: 'below-min-score',
        message: `${mentors(facts.feasible)} would be feasible, but all score under the minimum of ${facts.minScore} (best ${facts.best}).`,
        exclusions: [],
      };
    }
    if (facts.hasFreeFeasibleSeat()) {
      return {
        ...base,
        reason: 'not-in-optimum',
        message: `A feasible mentor still has a seat, but adding this pair would not raise the ${input.objective === 'stable' ? 'stable matching' : 'optimal total'} (best score ${facts.best}).`,
        exclusions: [],
      };
    }
    return {
      ...base,
      reason: 'feasible-mentors-full',
      message: `${allFull(facts.feasible)}: the seats went to other mentees (best score here ${facts.best}).`,
      exclusions: [],
    };
  }

  const scores = pairs.map((pair) => pair.score);
  const distribution = new Array<number>(10).fill(0);
  for (const score of scores) distribution[Math.min(9, Math.floor(score / 100))]++;
  const wanting = pool.menteeProfiles.filter((mentee) => mentee.wantedMentors > 0).length;
  const matchedMentees = pairCountOf.reduce((n, count) => n + (count > 0 ? 1 : 0), 0);
  const totalScore = scores.reduce((sum, score) => sum + score, 0);
  const summary: MatchSummary = {
    objective: input.objective,
    menteeCount: wanting,
    mentorCount,
    matchedMentees,
    coverage: wanting === 0 ? 1 : matchedMentees / wanting,
    pairCount: pairs.length,
    totalScore,
    meanScore: scores.length === 0 ? 0 : Math.round((totalScore / scores.length) * 10) / 10,
    minScore: scores.length === 0 ? null : scores.reduce((low, score) => Math.min(low, score), 1000),
    distribution,
    candidatePairs: nnz,
  };
  if (blockingPairs !== undefined) summary.blockingPairs = blockingPairs;
  if (isProvenOptimal !== undefined) summary.isProvenOptimal = isProvenOptimal;
  const result: MatchProgramResult = { pairs, unmatched, summary, warnings };
  if (clock) {
    const finished = clock();
    result.timings = {
      prepareMs: prepared - started,
      candidatesMs: candidatesDone - prepared,
      solveMs: solvedAt - candidatesDone,
      reportMs: finished - solvedAt,
      totalMs: finished - started,
    };
  }
  return result;
}
