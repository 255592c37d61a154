import { AppError, type FieldIssue } from '../../errors.ts';
import type { PairList, ScoreMatrix, SolverProblem } from '../solver-types.ts';

/** Highest pair score. */
export const MAX_SCORE = 1000;
const MAX_ISSUES = 20;

/**
 * A validated problem with pinned pairs taken out: the residual capacities and the eligible pairs
 * (not forbidden, not pinned, at least minScore) in the layout that suits the input. Dense problems
 * keep an Int16 matrix (-1 = not eligible) because a row scan over 2,500 int16 is faster than any index.
 */
export interface PreparedProblem {
  menteeCount: number;
  mentorCount: number;
  /** Seats each mentee still wants after its pinned pairs. */
  menteeCapacity: Int32Array;
  /** Seats each mentor still has after pinned pairs. */
  mentorCapacity: Int32Array;
  /** Pinned pairs per mentee (a mentee with one is already covered). */
  pinnedPerMentee: Int32Array;
  /** Flat (mentee, mentor, score) triples, sorted by mentee then mentor. */
  pinned: Int32Array;
  /** Dense eligibility matrix, or null for sparse problems. */
  dense: Int16Array | null;
  /** Sparse eligible pairs as CSR by mentee (null for dense). */
  offsets: Int32Array | null;
  mentors: Int32Array | null;
  weights: Int32Array | null;
  /** Per mentee: listed and not forbidden candidates (for the unmatched reason). */
  allowedCount: Int32Array;
  /** Per mentee: eligible (allowed and at least minScore) candidates. */
  eligibleCount: Int32Array;
  /** Total eligible pairs. */
  eligiblePairs: number;
  /**
   * For a problem seen from the mentors' side (`transposePrepared`): the original, whose rows are this
   * problem's columns, so a column's best pairs come from one contiguous row instead of a strided scan.
   */
  transposeOf?: PreparedProblem;
}

/** Number of pairs in a PairList. */
export function pairCount(list: PairList): number {
  return list instanceof Int32Array ? list.length >> 1 : list.length;
}

/** The mentee (side 0) or mentor (side 1) of pair k. */
export function pairAt(list: PairList, k: number, side: 0 | 1): number {
  return list instanceof Int32Array ? list[2 * k + side] : list[k][side];
}

function isInt(value: number): boolean {
  return Number.isInteger(value);
}

/**
 * Validates a SolverProblem and builds the eligible-pair structures; throws VALIDATION_FAILED. Its phases,
 * in order: check the sizes, check the score matrix, group the forbidden pairs, place the pinned pairs,
 * then build the eligible pairs in the layout of the input.
 */
export function prepareProblem(problem: SolverProblem): PreparedProblem {
  const issues = new IssueList();
  checkSizes(problem, issues);
  checkScoreMatrix(problem, issues);
  const forbidden = groupForbiddenPairs(problem, issues);
  const seats = placePinnedPairs(problem, forbidden, issues);
  const base = {
    menteeCount: problem.menteeCount,
    mentorCount: problem.mentorCount,
    ...seats,
  };
  const scores = problem.scores;
  return scores.format === 'dense'
    ? { ...base, ...denseEligiblePairs(problem, scores, forbidden, seats.pinned) }
    : { ...base, ...sparseEligiblePairs(problem, scores, forbidden, seats.pinned) };
}

/** The problems found so far: at most MAX_ISSUES are kept, and a phase stops at its checkpoints. */
class IssueList {
  readonly issues: FieldIssue[] = [];

  add(path: string, message: string): void {
    if (this.issues.length < MAX_ISSUES) this.issues.push({ path, message });
  }

  get isEmpty(): boolean {
    return this.issues.length === 0;
  }

  throwIfAny(): void {
    if (this.issues.length > 0) throw AppError.validation(this.issues);
  }
}

/** Phase 1: counts, objective, one capacity per person (none negative), a numeric minimum score. */
function checkSizes(problem: SolverProblem, issues: IssueList): void {
  const n = problem.menteeCount;
  const m = problem.mentorCount;
  if (!isInt(n) || n < 0) issues.add('menteeCount', `${n} is not a non-negative integer`);
  if (!isInt(m) || m < 0) issues.add('mentorCount', `${m} is not a non-negative integer`);
  if (!['quality', 'coverage', 'fairness'].includes(problem.objective)) {
    issues.add('objective', `"${String(problem.objective)}" is not one of quality, coverage, fairness`);
  }
  issues.throwIfAny();
  if (problem.menteeCapacity.length !== n) {
    issues.add(
      'menteeCapacity',
      `has ${problem.menteeCapacity.length} entries, expected ${n} (one per mentee)`,
    );
  }
  if (problem.mentorCapacity.length !== m) {
    issues.add(
      'mentorCapacity',
      `has ${problem.mentorCapacity.length} entries, expected ${m} (one per mentor)`,
    );
  }
  issues.throwIfAny();
  for (let i = 0; i < n; i++) {
    if (problem.menteeCapacity[i] < 0)
      issues.add(`mentees[${i}].capacity`, `${problem.menteeCapacity[i]} is negative`);
  }
  for (let j = 0; j < m; j++) {
    if (problem.mentorCapacity[j] < 0)
      issues.add(`mentors[${j}].capacity`, `${problem.mentorCapacity[j]} is negative`);
  }
  const minScore = problem.minScore;
  if (typeof minScore !== 'number' || !Number.isFinite(minScore))
    issues.add('minScore', `${minScore} is not a number`);
  issues.throwIfAny();
}

/** Phase 2: the score matrix has the right shape, in-bounds mentors listed once per row, scores 0..1000. */
function checkScoreMatrix(problem: SolverProblem, issues: IssueList): void {
  const n = problem.menteeCount;
  const m = problem.mentorCount;
  const scores = problem.scores;
  if (scores.format === 'dense') {
    if (scores.data.length !== n * m) {
      issues.add(
        'scores.data',
        `has ${scores.data.length} scores, expected ${n * m} (${n} mentees × ${m} mentors)`,
      );
      issues.throwIfAny();
    }
    checkScores(scores.data, issues);
  } else if (scores.format === 'sparse') {
    const { indptr, indices, data } = scores;
    if (indptr.length !== n + 1)
      issues.add('scores.indptr', `has ${indptr.length} entries, expected ${n + 1}`);
    else if (indptr[0] !== 0) issues.add('scores.indptr[0]', `${indptr[0]} must be 0`);
    if (indices.length !== data.length) {
      issues.add('scores.indices', `has ${indices.length} entries but scores.data has ${data.length}`);
    }
    issues.throwIfAny();
    for (let i = 0; i < n; i++) {
      if (indptr[i + 1] < indptr[i])
        issues.add(`scores.indptr[${i + 1}]`, `${indptr[i + 1]} is less than ${indptr[i]}`);
    }
    if (issues.isEmpty && indptr[n] !== indices.length) {
      issues.add(
        `scores.indptr[${n}]`,
        `${indptr[n]} must equal the number of listed pairs (${indices.length})`,
      );
    }
    issues.throwIfAny();
    const seen = new Int32Array(m).fill(-1);
    for (let i = 0; i < n; i++) {
      for (let e = indptr[i]; e < indptr[i + 1]; e++) {
        const j = indices[e];
        if (!(j >= 0 && j < m) || !isInt(j))
          issues.add(`scores.indices[${e}]`, `${j} is out of bounds 0..${m - 1}`);
        else if (seen[j] === i)
          issues.add(`scores.indices[${e}]`, `mentor ${j} is listed twice for mentee ${i}`);
        else seen[j] = i;
      }
    }
    checkScores(data, issues);
  } else {
    issues.add('scores.format', `"${String((scores as { format: unknown }).format)}" is not dense or sparse`);
  }
  issues.throwIfAny();
}

function checkScores(data: ArrayLike<number>, issues: IssueList): void {
  for (let e = 0; e < data.length; e++) {
    const s = data[e];
    // One comparison in the common case; the slow checks only run on a bad value.
    if (s >= 0 && s <= MAX_SCORE && (s | 0) === s) continue;
    if (!isInt(s)) issues.add(`scores.data[${e}]`, `${s} is not an integer`);
    else issues.add(`scores.data[${e}]`, `${s} is out of range 0..${MAX_SCORE}`);
  }
}

/** Forbidden mentors grouped by mentee (CSR), so each row can mark its forbidden mentors in O(1). */
interface ForbiddenRows {
  offsets: Int32Array;
  mentors: Int32Array;
}

/** Phase 3: every forbidden pair in bounds, grouped by mentee. */
function groupForbiddenPairs(problem: SolverProblem, issues: IssueList): ForbiddenRows {
  const n = problem.menteeCount;
  const m = problem.mentorCount;
  const forbiddenCount = pairCount(problem.forbidden);
  const offsets = new Int32Array(n + 1);
  for (let k = 0; k < forbiddenCount; k++) {
    const i = pairAt(problem.forbidden, k, 0);
    const j = pairAt(problem.forbidden, k, 1);
    if (!(i >= 0 && i < n) || !isInt(i))
      issues.add(`forbidden[${k}][0]`, `mentee ${i} is out of bounds 0..${n - 1}`);
    else if (!(j >= 0 && j < m) || !isInt(j))
      issues.add(`forbidden[${k}][1]`, `mentor ${j} is out of bounds 0..${m - 1}`);
    else offsets[i + 1]++;
  }
  issues.throwIfAny();
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const mentors = new Int32Array(forbiddenCount);
  const fill = offsets.slice(0, n);
  for (let k = 0; k < forbiddenCount; k++) {
    mentors[fill[pairAt(problem.forbidden, k, 0)]++] = pairAt(problem.forbidden, k, 1);
  }
  return { offsets, mentors };
}

type PinnedSeats = Pick<PreparedProblem, 'menteeCapacity' | 'mentorCapacity' | 'pinnedPerMentee' | 'pinned'>;

/**
 * Phase 4: each pinned pair in bounds, once, not forbidden and a listed candidate; its score is looked
 * up and its seats are taken out of both capacities (which must not go negative).
 */
function placePinnedPairs(problem: SolverProblem, forbidden: ForbiddenRows, issues: IssueList): PinnedSeats {
  const n = problem.menteeCount;
  const m = problem.mentorCount;
  const scores = problem.scores;
  const pinnedTotal = pairCount(problem.pinned);
  const menteeCapacity = Int32Array.from(problem.menteeCapacity);
  const mentorCapacity = Int32Array.from(problem.mentorCapacity);
  const pinnedPerMentee = new Int32Array(n);
  const pinnedTriples: number[] = [];
  const pinnedOrder: number[] = [];
  for (let k = 0; k < pinnedTotal; k++) pinnedOrder.push(k);
  pinnedOrder.sort(
    (a, b) =>
      pairAt(problem.pinned, a, 0) - pairAt(problem.pinned, b, 0) ||
      pairAt(problem.pinned, a, 1) - pairAt(problem.pinned, b, 1),
  );
  let previousI = -1;
  let previousJ = -1;
  for (const k of pinnedOrder) {
    const i = pairAt(problem.pinned, k, 0);
    const j = pairAt(problem.pinned, k, 1);
    if (!(i >= 0 && i < n) || !isInt(i)) {
      issues.add(`pinned[${k}][0]`, `mentee ${i} is out of bounds 0..${n - 1}`);
      continue;
    }
    if (!(j >= 0 && j < m) || !isInt(j)) {
      issues.add(`pinned[${k}][1]`, `mentor ${j} is out of bounds 0..${m - 1}`);
      continue;
    }
    if (i === previousI && j === previousJ) {
      issues.add(`pinned[${k}]`, `pair [${i}, ${j}] is pinned twice`);
      continue;
    }
    previousI = i;
    previousJ = j;
    let isForbidden = false;
    for (let e = forbidden.offsets[i]; e < forbidden.offsets[i + 1]; e++)
      if (forbidden.mentors[e] === j) isForbidden = true;
    if (isForbidden) {
      issues.add(`pinned[${k}]`, `pair [${i}, ${j}] is pinned but also forbidden`);
      continue;
    }
    const score = listedScore(scores, m, i, j);
    if (score < 0) {
      issues.add(`pinned[${k}]`, `pair [${i}, ${j}] is pinned but not a listed candidate (it has no score)`);
      continue;
    }
    pinnedPerMentee[i]++;
    if (--menteeCapacity[i] < 0)
      issues.add(`pinned[${k}]`, `mentee ${i} has more pinned pairs than its capacity`);
    if (--mentorCapacity[j] < 0)
      issues.add(`pinned[${k}]`, `mentor ${j} has more pinned pairs than its capacity`);
    pinnedTriples.push(i, j, score);
  }
  issues.throwIfAny();
  return { menteeCapacity, mentorCapacity, pinnedPerMentee, pinned: Int32Array.from(pinnedTriples) };
}

/** The score of pair (i, j), or -1 when a sparse matrix does not list it. */
function listedScore(scores: ScoreMatrix, m: number, i: number, j: number): number {
  if (scores.format === 'dense') return scores.data[i * m + j];
  let score = -1;
  for (let e = scores.indptr[i]; e < scores.indptr[i + 1]; e++)
    if (scores.indices[e] === j) score = scores.data[e];
  return score;
}

/**
 * Marks, row by row, the mentors a mentee may not be offered: `forbiddenIn[j] === i` for a forbidden
 * pair, `pinnedIn[j] === i` for a pinned one (pinned pairs are neither eligible nor counted as
 * forbidden). Rows must be marked in increasing order: the sorted pinned triples are read in one pass.
 */
function createRowMarks(forbidden: ForbiddenRows, pinnedTriples: Int32Array, m: number) {
  const forbiddenMark = new Int32Array(m).fill(-1);
  const pinnedMark = new Int32Array(m).fill(-1);
  let pinnedCursor = 0;
  return {
    forbiddenIn: forbiddenMark,
    pinnedIn: pinnedMark,
    markRow(i: number): void {
      for (let e = forbidden.offsets[i]; e < forbidden.offsets[i + 1]; e++)
        forbiddenMark[forbidden.mentors[e]] = i;
      while (pinnedCursor < pinnedTriples.length && pinnedTriples[pinnedCursor] === i) {
        pinnedMark[pinnedTriples[pinnedCursor + 1]] = i;
        pinnedCursor += 3;
      }
    },
  };
}

type EligiblePairs = Pick<
  PreparedProblem,
  'dense' | 'offsets' | 'mentors' | 'weights' | 'allowedCount' | 'eligibleCount' | 'eligiblePairs'
>;

/** Phase 5 (dense input): an Int16 matrix of eligible scores, -1 where a pair is not eligible. */
function denseEligiblePairs(
  problem: SolverProblem,
  scores: Extract<ScoreMatrix, { format: 'dense' }>,
  forbidden: ForbiddenRows,
  pinned: Int32Array,
): EligiblePairs {
  const n = problem.menteeCount;
  const m = problem.mentorCount;
  const minScore = problem.minScore;
  const data = scores.data;
  const allowedCount = new Int32Array(n);
  const eligibleCount = new Int32Array(n);
  const marks = createRowMarks(forbidden, pinned, m);
  const { forbiddenIn, pinnedIn } = marks;
  const dense = new Int16Array(n * m);
  let eligiblePairs = 0;
  for (let i = 0; i < n; i++) {
    marks.markRow(i);
    const base = i * m;
    let allowed = 0;
    let eligible = 0;
    for (let j = 0; j < m; j++) {
      const s = data[base + j];
      if (forbiddenIn[j] === i || pinnedIn[j] === i) {
        dense[base + j] = -1;
        continue;
      }
      allowed++;
      if (s >= minScore) {
        dense[base + j] = s;
        eligible++;
      } else dense[base + j] = -1;
    }
    allowedCount[i] = allowed;
    eligibleCount[i] = eligible;
    eligiblePairs += eligible;
  }
  return { dense, offsets: null, mentors: null, weights: null, allowedCount, eligibleCount, eligiblePairs };
}

/** Phase 5 (sparse input): the eligible pairs as CSR by mentee, counted in one pass, copied in a second. */
function sparseEligiblePairs(
  problem: SolverProblem,
  scores: Extract<ScoreMatrix, { format: 'sparse' }>,
  forbidden: ForbiddenRows,
  pinned: Int32Array,
): EligiblePairs {
  const n = problem.menteeCount;
  const m = problem.mentorCount;
  const minScore = problem.minScore;
  const { indptr, indices, data } = scores;
  const allowedCount = new Int32Array(n);
  const eligibleCount = new Int32Array(n);
  const offsets = new Int32Array(n + 1);
  const counting = createRowMarks(forbidden, pinned, m);
  const { forbiddenIn, pinnedIn } = counting;
  for (let i = 0; i < n; i++) {
    counting.markRow(i);
    let allowed = 0;
    let eligible = 0;
    for (let e = indptr[i]; e < indptr[i + 1]; e++) {
      const j = indices[e];
      if (forbiddenIn[j] === i || pinnedIn[j] === i) continue;
      allowed++;
      if (data[e] >= minScore) eligible++;
    }
    allowedCount[i] = allowed;
    eligibleCount[i] = eligible;
    offsets[i + 1] = offsets[i] + eligible;
  }
  const eligiblePairs = offsets[n];
  const mentors = new Int32Array(eligiblePairs);
  const weights = new Int32Array(eligiblePairs);
  const copying = createRowMarks(forbidden, pinned, m);
  const { forbiddenIn: forbiddenInCopy, pinnedIn: pinnedInCopy } = copying;
  let out = 0;
  for (let i = 0; i < n; i++) {
    copying.markRow(i);
    for (let e = indptr[i]; e < indptr[i + 1]; e++) {
      const j = indices[e];
      if (forbiddenInCopy[j] === i || pinnedInCopy[j] === i || data[e] < minScore) continue;
      mentors[out] = j;
      weights[out++] = data[e];
    }
  }
  return { dense: null, offsets, mentors, weights, allowedCount, eligibleCount, eligiblePairs };
}
