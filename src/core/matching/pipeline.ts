/**
 * The profile-level entry point: profiles and a program's settings in, explained pairs out. It scores and
 * filters every mentee–mentor pair, hands the sparse feasible matrix to the exact solver (or to deferred
 * acceptance for the `stable` objective) and maps the result back to ids with reasons for everyone left
 * unmatched. `matchProgram` reads as its phases, in order: check the run's options, index the pool and
 * resolve ids, place the pinned pairs, build the candidates, solve, then report (pairs, warnings, the
 * unmatched, the summary).
 */
import { AppError, type FieldIssue } from '../errors.ts';
import {
  createConstraintIndex,
  EXCLUSION_CODES,
  EXCLUSION_SUMMARIES,
  exclusionMask,
  exclusionReasons,
  type ConstraintIndex,
  type ExclusionCode,
  type ExclusionReason,
} from './constraints/constraints.ts';
import type { MatchingSettings, MenteeProfile, MentorProfile, PairIds } from './profile.ts';
import { preparePool, type PreparedPool } from './scoring/prepare.ts';
import {
  createScorer,
  explainPairScore,
  scorePair,
  scoreRow,
  type ScoreExplanation,
  type Scorer,
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

/** Matches a program's mentees to mentors under its settings and objective, with explanations. */
export function matchProgram(
  input: MatchProgramInput,
  options: MatchProgramOptions = {},
): MatchProgramResult {
  const minScore = checkRunOptions(input);
  const clock = options.clock;
  const started = clock?.() ?? 0;
  const run = indexRun(input, minScore);
  placePinnedPairs(run);
  const prepared = clock?.() ?? 0;
  const candidates = buildCandidates(run);
  const candidatesDone = clock?.() ?? 0;
  const solution = solveCandidates(run, candidates, options.solve ?? exactSolve);
  const solvedAt = clock?.() ?? 0;
  const { pairs, pairCountOf } = collectPairs(run, solution);
  const warnings = warnAboutExistingPairs(run);
  const unmatched = explainUnmatched(run, candidates, solution, pairCountOf);
  const summary = summarize(run, candidates, solution, pairs, pairCountOf);
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

/** A run's indexes and resolved inputs, shared by the phases after `indexRun`. */
interface Run {
  input: MatchProgramInput;
  minScore: number;
  pool: PreparedPool;
  scorer: Scorer;
  /** Constraint index; its open-seat counts go down as pinned pairs are placed. */
  index: ConstraintIndex;
  menteeCount: number;
  mentorCount: number;
  /** Kept relationships and pinned pairs as [mentee, mentor] indexes, in input order. */
  existing: Array<[number, number]>;
  pinned: Array<[number, number]>;
  menteeRankings: Array<number[] | undefined>;
  mentorRankings: Array<number[] | undefined>;
  /** Pairs already decided (kept or pinned), as i * mentorCount + j: they never reappear as candidates. */
  taken: Set<number>;
}

/** The sparse feasible matrix offered to the solver, and what the reports need to know about each row. */
interface Candidates {
  /** CSR by mentee: pairs at or above minScore, scores in `data`. */
  indptr: Int32Array;
  indices: Int32Array;
  data: Int32Array;
  /** Mentors passing every hard constraint, per mentee (whatever their score). */
  feasibleCount: Int32Array;
  /** Best score among them, or -1. */
  bestScore: Int32Array;
  /** Open seats once pinned and kept pairs are placed. */
  menteeCapacity: Int32Array;
  mentorCapacity: Int32Array;
}

interface Solution {
  pairs: Array<[number, number]>;
  /** `stable` only. */
  blockingPairs?: number;
  /** Solver objectives only. */
  isProvenOptimal?: boolean;
}

/** Phase 0: the run's own options; returns the minimum score. */
function checkRunOptions(input: MatchProgramInput): number {
  const minScore = input.minScore ?? 0;
  const issues: FieldIssue[] = [];
  if (!Number.isInteger(minScore) || minScore < 0 || minScore > 1000) {
    issues.push({ path: 'minScore', message: 'minScore must be a whole number 0..1000' });
  }
  if (!(MATCH_OBJECTIVES as readonly string[]).includes(input.objective)) {
    issues.push({ path: 'objective', message: `objective must be one of ${MATCH_OBJECTIVES.join(', ')}` });
  }
  if (issues.length > 0) throw AppError.validation(issues);
  return minScore;
}

/**
 * Phase 1: per-profile indexes (bitsets, availability, offsets), the constraint index, and every id in
 * kept pairs, pins and rankings resolved to an index; unknown ids and doubly kept pairs fail together.
 */
function indexRun(input: MatchProgramInput, minScore: number): Run {
  const issues: FieldIssue[] = [];
  const pool = preparePool(input.mentees, input.mentors, input.settings);
  const scorer = createScorer(pool);
  const menteeCount = pool.mentees.count;
  const mentorCount = pool.mentors.count;
  const existingIds = input.incremental?.existingPairs ?? [];
  const index = createConstraintIndex(pool, existingIds);
  const { menteeIndexById, mentorIndexById } = index;
  const existing = resolvePairs(
    existingIds,
    'incremental.existingPairs',
    menteeIndexById,
    mentorIndexById,
    issues,
  );
  const pinned = resolvePairs(input.pinned ?? [], 'pinned', menteeIndexById, mentorIndexById, issues);
  const menteeRankings = resolveRankings(
    input.rankings?.mentees,
    menteeIndexById,
    mentorIndexById,
    menteeCount,
    'rankings.mentees',
    issues,
  );
  const mentorRankings = resolveRankings(
    input.rankings?.mentors,
    mentorIndexById,
    menteeIndexById,
    mentorCount,
    'rankings.mentors',
    issues,
  );
  const taken = new Set<number>();
  existing.forEach(([i, j], k) => {
    if (taken.has(i * mentorCount + j)) {
      issues.push({ path: `incremental.existingPairs.${k}`, message: 'this relationship is listed twice' });
    }
    taken.add(i * mentorCount + j);
  });
  if (issues.length > 0) throw AppError.validation(issues);
  return {
    input,
    minScore,
    pool,
    scorer,
    index,
    menteeCount,
    mentorCount,
    existing,
    pinned,
    menteeRankings,
    mentorRankings,
    taken,
  };
}

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

/**
 * Phase 2: every pinned pair must pass every hard constraint, seats included; each one placed takes its
 * seats before the next is checked, so over-pinning a mentor is caught too. All failures are reported.
 */
function placePinnedPairs(run: Run): void {
  const { index, mentorCount, taken } = run;
  const issues: FieldIssue[] = [];
  (run.input.pinned ?? []).forEach((pair, k) => {
    const [i, j] = run.pinned[k];
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
    index.menteeOpen[i]--;
    index.mentorOpen[j]--;
  });
  if (issues.length > 0)
    throw AppError.validation(issues, `Pinned pairs break hard constraints: ${issues[0].message}`);
}

/**
 * Phase 3: the constraint filter and the scores over every mentee–mentor pair, as a sparse matrix. Only
 * pairs at or above minScore are offered; the rest are counted for the reports.
 */
function buildCandidates(run: Run): Candidates {
  const { index, scorer, menteeCount, mentorCount, taken, minScore } = run;
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
  return {
    indptr,
    indices: indices.subarray(0, nnz),
    data: data.subarray(0, nnz),
    feasibleCount,
    bestScore,
    menteeCapacity: Int32Array.from(index.menteeOpen, (x) => Math.max(0, x)),
    mentorCapacity: Int32Array.from(index.mentorOpen, (x) => Math.max(0, x)),
  };
}

/** Phase 4: deferred acceptance for `stable`, the exact solver (or a test's) for the other objectives. */
function solveCandidates(run: Run, candidates: Candidates, solve: SolveFunction): Solution {
  const { menteeCount, mentorCount, minScore } = run;
  const { indptr, indices, data, menteeCapacity, mentorCapacity } = candidates;
  if (run.input.objective === 'stable') {
    const stable = deferredAcceptance({
      menteeCount,
      mentorCount,
      menteeCapacity,
      mentorCapacity,
      indptr,
      indices,
      scores: data,
      menteeRankings: run.menteeRankings,
      mentorRankings: run.mentorRankings,
    });
    return { pairs: stable.pairs, blockingPairs: stable.blockingPairs };
  }
  // Pinned and kept pairs are settled above (their seats already deducted), so the solver optimises only
  // the open seats; under `fairness` the lowest score is therefore lifted among the new pairs.
  const result = solve({
    objective: run.input.objective,
    menteeCount,
    mentorCount,
    menteeCapacity,
    mentorCapacity,
    scores: { format: 'sparse', indptr, indices, data },
    forbidden: [],
    minScore,
    pinned: [],
  });
  return { pairs: result.pairs, isProvenOptimal: result.isProvenOptimal };
}

/** Phase 5: kept, pinned and new pairs, sorted by mentee then mentor, each with its explained score. */
function collectPairs(run: Run, solution: Solution): { pairs: MatchedPair[]; pairCountOf: Int32Array } {
  const { pool, scorer, menteeCount, mentorCount } = run;
  const origin = new Map<number, PairOrigin>();
  for (const [i, j] of run.existing) origin.set(i * mentorCount + j, 'existing');
  for (const [i, j] of run.pinned) origin.set(i * mentorCount + j, 'pinned');
  const solvedOrigin: PairOrigin = run.input.objective === 'stable' ? 'stable' : 'solver';
  for (const [i, j] of solution.pairs) origin.set(i * mentorCount + j, solvedOrigin);
  const keys = [...origin.keys()].sort((a, b) => a - b);
  const pairCountOf = new Int32Array(menteeCount);
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
  return { pairs, pairCountOf };
}

/** Phase 6: kept relationships that today's rules (seats aside) would no longer propose. */
function warnAboutExistingPairs(run: Run): MatchWarning[] {
  const { pool, index } = run;
  const warnings: MatchWarning[] = [];
  for (const [i, j] of run.existing) {
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
  return warnings;
}

/** Phase 7: for every mentee with fewer pairs than wanted, the reason, in words a coordinator can act on. */
function explainUnmatched(
  run: Run,
  candidates: Candidates,
  solution: Solution,
  pairCountOf: Int32Array,
): UnmatchedMentee[] {
  const { indptr, indices, mentorCapacity, feasibleCount, bestScore } = candidates;
  const solverUsed = new Int32Array(run.mentorCount);
  for (const [, j] of solution.pairs) solverUsed[j]++;
  const unmatched: UnmatchedMentee[] = [];
  for (let i = 0; i < run.menteeCount; i++) {
    const wanted = run.pool.menteeProfiles[i].wantedMentors;
    if (wanted <= 0 || pairCountOf[i] >= wanted) continue;
    unmatched.push(
      describeUnmatched(run, i, {
        pairCount: pairCountOf[i],
        feasible: feasibleCount[i],
        best: bestScore[i] < 0 ? null : bestScore[i],
        hasFreeFeasibleSeat: () => {
          for (let k = indptr[i]; k < indptr[i + 1]; k++) {
            if (solverUsed[indices[k]] < mentorCapacity[indices[k]]) return true;
          }
          return false;
        },
      }),
    );
  }
  return unmatched;
}

/** What is known about one unmatched mentee; the costly facts are computed only when a reason needs them. */
interface UnmatchedFacts {
  pairCount: number;
  feasible: number;
  best: number | null;
  hasFreeFeasibleSeat: () => boolean;
}

function describeUnmatched(run: Run, i: number, facts: UnmatchedFacts): UnmatchedMentee {
  const { pool, minScore, mentorCount } = run;
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
    const filled = filledInThisRun(run, i);
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
    const exclusions = summarizeExclusions(run, i);
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
  if (facts.best !== null && facts.best < minScore) {
    return {
      ...base,
      reason: 'below-min-score',
      message: `${mentors(facts.feasible)} would be feasible, but all score under the minimum of ${minScore} (best ${facts.best}).`,
      exclusions: [],
    };
  }
  if (facts.hasFreeFeasibleSeat()) {
    return {
      ...base,
      reason: 'not-in-optimum',
      message: `A feasible mentor still has a seat, but adding this pair would not raise the ${run.input.objective === 'stable' ? 'stable matching' : 'optimal total'} (best score ${facts.best}).`,
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

/**
 * Mentors that pass every rule for mentee i and had a seat for this program, but whose seats pinned or
 * kept pairs took before the solver ran: the mentee lost out on seats, not on the rules.
 */
function filledInThisRun(run: Run, i: number): { count: number; best: number | null } {
  const { pool, index, scorer } = run;
  let count = 0;
  let best: number | null = null;
  for (let j = 0; j < run.mentorCount; j++) {
    const mentor = pool.mentorProfiles[j];
    if (mentor.capacity - mentor.seatsUsedElsewhere <= 0 || index.mentorOpen[j] > 0) continue;
    if ((exclusionMask(index, i, j) & ~MENTOR_NO_SEATS_BIT) !== 0) continue;
    count++;
    const score = scorePair(scorer, i, j);
    if (best === null || score > best) best = score;
  }
  return { count, best };
}

/** How many mentors each hard constraint rules out for mentee i, most first. */
function summarizeExclusions(run: Run, i: number): UnmatchedMentee['exclusions'] {
  const counts = new Int32Array(EXCLUSION_CODES.length);
  for (let j = 0; j < run.mentorCount; j++) {
    const mask = exclusionMask(run.index, i, j);
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

/** Phase 8: coverage, score statistics and the solver's own figures. */
function summarize(
  run: Run,
  candidates: Candidates,
  solution: Solution,
  pairs: readonly MatchedPair[],
  pairCountOf: Int32Array,
): MatchSummary {
  const scores = pairs.map((pair) => pair.score);
  const distribution = new Array<number>(10).fill(0);
  for (const score of scores) distribution[Math.min(9, Math.floor(score / 100))]++;
  const wanting = run.pool.menteeProfiles.filter((mentee) => mentee.wantedMentors > 0).length;
  const matchedMentees = pairCountOf.reduce((n, count) => n + (count > 0 ? 1 : 0), 0);
  const totalScore = scores.reduce((sum, score) => sum + score, 0);
  const summary: MatchSummary = {
    objective: run.input.objective,
    menteeCount: wanting,
    mentorCount: run.mentorCount,
    matchedMentees,
    coverage: wanting === 0 ? 1 : matchedMentees / wanting,
    pairCount: pairs.length,
    totalScore,
    meanScore: scores.length === 0 ? 0 : Math.round((totalScore / scores.length) * 10) / 10,
    minScore: scores.length === 0 ? null : scores.reduce((low, score) => Math.min(low, score), 1000),
    distribution,
    candidatePairs: candidates.indptr[run.menteeCount],
  };
  if (solution.blockingPairs !== undefined) summary.blockingPairs = solution.blockingPairs;
  if (solution.isProvenOptimal !== undefined) summary.isProvenOptimal = solution.isProvenOptimal;
  return summary;
}
