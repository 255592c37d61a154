import { AppError, type FieldIssue } from '../../errors.ts';
import type { PairList, SolverProblem } from '../solver-types.ts';

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

/** Validates a SolverProblem and builds the eligible-pair structures; throws VALIDATION_FAILED. */
export function prepareProblem(problem: SolverProblem): PreparedProblem {
  const issues: FieldIssue[] = [];
  const add = (path: string, message: string): void => {
    if (issues.length < MAX_ISSUES) issues.push({ path, message });
  };
  const fail = (): never => {
    throw AppError.validation(issues);
  };
  const n = problem.menteeCount;
  const m = problem.mentorCount;
  if (!isInt(n) || n < 0) add('menteeCount', `${n} is not a non-negative integer`);
  if (!isInt(m) || m < 0) add('mentorCount', `${m} is not a non-negative integer`);
  if (!['quality', 'coverage', 'fairness'].includes(problem.objective)) {
    add('objective', `"${String(problem.objective)}" is not one of quality, coverage, fairness`);
  }
  if (issues.length) fail();
  if (problem.menteeCapacity.length !== n) {
    add('menteeCapacity', `has ${problem.menteeCapacity.length} entries, expected ${n} (one per mentee)`);
  }
  if (problem.mentorCapacity.length !== m) {
    add('mentorCapacity', `has ${problem.mentorCapacity.length} entries, expected ${m} (one per mentor)`);
  }
  if (issues.length) fail();
  for (let i = 0; i < n; i++) {
    if (problem.menteeCapacity[i] < 0)
      add(`mentees[${i}].capacity`, `${problem.menteeCapacity[i]} is negative`);
  }
  for (let j = 0; j < m; j++) {
    if (problem.mentorCapacity[j] < 0)
      add(`mentors[${j}].capacity`, `${problem.mentorCapacity[j]} is negative`);
  }
  const minScore = problem.minScore;
  if (typeof minScore !== 'number' || !Number.isFinite(minScore))
    add('minScore', `${minScore} is not a number`);
  if (issues.length) fail();

  const scores = problem.scores;
  if (scores.format === 'dense') {
    if (scores.data.length !== n * m) {
      add('scores.data', `has ${scores.data.length} scores, expected ${n * m} (${n} mentees × ${m} mentors)`);
      fail();
    }
    checkScores(scores.data, add);
  } else if (scores.format === 'sparse') {
    const { indptr, indices, data } = scores;
    if (indptr.length !== n + 1) add('scores.indptr', `has ${indptr.length} entries, expected ${n + 1}`);
    else if (indptr[0] !== 0) add('scores.indptr[0]', `${indptr[0]} must be 0`);
    if (indices.length !== data.length) {
      add('scores.indices', `has ${indices.length} entries but scores.data has ${data.length}`);
    }
    if (issues.length) fail();
    for (let i = 0; i < n; i++) {
      if (indptr[i + 1] < indptr[i])
        add(`scores.indptr[${i + 1}]`, `${indptr[i + 1]} is less than ${indptr[i]}`);
    }
    if (!issues.length && indptr[n] !== indices.length) {
      add(`scores.indptr[${n}]`, `${indptr[n]} must equal the number of listed pairs (${indices.length})`);
    }
    if (issues.length) fail();
    const seen = new Int32Array(m).fill(-1);
    for (let i = 0; i < n; i++) {
      for (let e = indptr[i]; e < indptr[i + 1]; e++) {
        const j = indices[e];
        if (!(j >= 0 && j < m) || !isInt(j)) add(`scores.indices[${e}]`, `${j} is out of bounds 0..${m - 1}`);
        else if (seen[j] === i) add(`scores.indices[${e}]`, `mentor ${j} is listed twice for mentee ${i}`);
        else seen[j] = i;
      }
    }
    checkScores(data, add);
  } else {
    add('scores.format', `"${String((scores as { format: unknown }).format)}" is not dense or sparse`);
  }
  if (issues.length) fail();

  // Forbidden pairs grouped by mentee (CSR) so each row can stamp its forbidden mentors in O(1).
  const forbiddenCount = pairCount(problem.forbidden);
  const fOffsets = new Int32Array(n + 1);
  for (let k = 0; k < forbiddenCount; k++) {
    const i = pairAt(problem.forbidden, k, 0);
    const j = pairAt(problem.forbidden, k, 1);
    if (!(i >= 0 && i < n) || !isInt(i))
      add(`forbidden[${k}][0]`, `mentee ${i} is out of bounds 0..${n - 1}`);
    else if (!(j >= 0 && j < m) || !isInt(j))
      add(`forbidden[${k}][1]`, `mentor ${j} is out of bounds 0..${m - 1}`);
    else fOffsets[i + 1]++;
  }
  if (issues.length) fail();
  for (let i = 0; i < n; i++) fOffsets[i + 1] += fOffsets[i];
  const fMentors = new Int32Array(forbiddenCount);
  {
    const fill = fOffsets.slice(0, n);
    for (let k = 0; k < forbiddenCount; k++) {
      fMentors[fill[pairAt(problem.forbidden, k, 0)]++] = pairAt(problem.forbidden, k, 1);
    }
  }

  // Pinned pairs: validate, score, and take their seats out of the capacities.
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
      add(`pinned[${k}][0]`, `mentee ${i} is out of bounds 0..${n - 1}`);
      continue;
    }
    if (!(j >= 0 && j < m) || !isInt(j)) {
      add(`pinned[${k}][1]`, `mentor ${j} is out of bounds 0..${m - 1}`);
      continue;
    }
    if (i === previousI && j === previousJ) {
      add(`pinned[${k}]`, `pair [${i}, ${j}] is pinned twice`);
      continue;
    }
    previousI = i;
    previousJ = j;
    let isForbidden = false;
    for (let e = fOffsets[i]; e < fOffsets[i + 1]; e++) if (fMentors[e] === j) isForbidden = true;
    if (isForbidden) {
      add(`pinned[${k}]`, `pair [${i}, ${j}] is pinned but also forbidden`);
      continue;
    }
    let score = -1;
    if (scores.format === 'dense') score = scores.data[i * m + j];
    else {
      for (let e = scores.indptr[i]; e < scores.indptr[i + 1]; e++)
        if (scores.indices[e] === j) score = scores.data[e];
    }
    if (score < 0) {
      add(`pinned[${k}]`, `pair [${i}, ${j}] is pinned but not a listed candidate (it has no score)`);
      continue;
    }
    pinnedPerMentee[i]++;
    if (--menteeCapacity[i] < 0) add(`pinned[${k}]`, `mentee ${i} has more pinned pairs than its capacity`);
    if (--mentorCapacity[j] < 0) add(`pinned[${k}]`, `mentor ${j} has more pinned pairs than its capacity`);
    pinnedTriples.push(i, j, score);
  }
  if (issues.length) fail();
  const pinned = Int32Array.from(pinnedTriples);

  const allowedCount = new Int32Array(n);
  const eligibleCount = new Int32Array(n);
  const stamp = new Int32Array(m).fill(-1);
  let eligiblePairs = 0;
  let pinnedCursor = 0;
  const stampRow = (i: number): void => {
    for (let e = fOffsets[i]; e < fOffsets[i + 1]; e++) stamp[fMentors[e]] = i;
  };
  // Pinned pairs are neither eligible nor counted as forbidden: mark them with a second code.
  const pinStamp = new Int32Array(m).fill(-1);
  const stampPinned = (i: number): void => {
    while (pinnedCursor < pinned.length && pinned[pinnedCursor] === i) {
      pinStamp[pinned[pinnedCursor + 1]] = i;
      pinnedCursor += 3;
    }
  };

  if (scores.format === 'dense') {
    const data = scores.data;
    const dense = new Int16Array(n * m);
    for (let i = 0; i < n; i++) {
      stampRow(i);
      stampPinned(i);
      const base = i * m;
      let allowed = 0;
      let eligible = 0;
      for (let j = 0; j < m; j++) {
        const s = data[base + j];
        if (stamp[j] === i || pinStamp[j] === i) {
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
    return {
      menteeCount: n,
      mentorCount: m,
      menteeCapacity,
      mentorCapacity,
      pinnedPerMentee,
      pinned,
      dense,
      offsets: null,
      mentors: null,
      weights: null,
      allowedCount,
      eligibleCount,
      eligiblePairs,
    };
  }

  const { indptr, indices, data } = scores;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    stampRow(i);
    stampPinned(i);
    let allowed = 0;
    let eligible = 0;
    for (let e = indptr[i]; e < indptr[i + 1]; e++) {
      const j = indices[e];
      if (stamp[j] === i || pinStamp[j] === i) continue;
      allowed++;
      if (data[e] >= minScore) eligible++;
    }
    allowedCount[i] = allowed;
    eligibleCount[i] = eligible;
    offsets[i + 1] = offsets[i] + eligible;
  }
  eligiblePairs = offsets[n];
  const mentors = new Int32Array(eligiblePairs);
  const weights = new Int32Array(eligiblePairs);
  stamp.fill(-1);
  pinStamp.fill(-1);
  pinnedCursor = 0;
  let out = 0;
  for (let i = 0; i < n; i++) {
    stampRow(i);
    stampPinned(i);
    for (let e = indptr[i]; e < indptr[i + 1]; e++) {
      const j = indices[e];
      if (stamp[j] === i || pinStamp[j] === i || data[e] < minScore) continue;
      mentors[out] = j;
      weights[out++] = data[e];
    }
  }
  return {
    menteeCount: n,
    mentorCount: m,
    menteeCapacity,
    mentorCapacity,
    pinnedPerMentee,
    pinned,
    dense: null,
    offsets,
    mentors,
    weights,
    allowedCount,
    eligibleCount,
    eligiblePairs,
  };
}

function checkScores(data: ArrayLike<number>, add: (path: string, message: string) => void): void {
  for (let e = 0; e < data.length; e++) {
    const s = data[e];
    // One comparison in the common case; the slow checks only run on a bad value.
    if (s >= 0 && s <= MAX_SCORE && (s | 0) === s) continue;
    if (!isInt(s)) add(`scores.data[${e}]`, `${s} is not an integer`);
    else add(`scores.data[${e}]`, `${s} is out of range 0..${MAX_SCORE}`);
  }
}
