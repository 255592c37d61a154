/**
 * The `stable` objective: mentee-proposing deferred acceptance (Gale–Shapley) with capacities on both
 * sides. It yields the stable matching every mentee likes at least as much as any other stable matching.
 * Only listed (feasible) pairs are acceptable; preferences not given explicitly fall back to score order.
 */

/** A stable-matching problem over indices; acceptable pairs are given as CSR by mentee. */
export interface StableProblem {
  menteeCount: number;
  mentorCount: number;
  menteeCapacity: Int32Array;
  mentorCapacity: Int32Array;
  /** CSR by mentee of acceptable pairs; indices within a row are distinct. */
  indptr: Int32Array;
  indices: Int32Array;
  /** Pair scores aligned with `indices`, used where a ranking is missing. */
  scores: Int32Array | Uint16Array;
  /** Per mentee, mentor indices most preferred first; unranked acceptable mentors follow by score. */
  menteeRankings?: ReadonlyArray<readonly number[] | undefined>;
  /** Per mentor, mentee indices most preferred first; unranked acceptable mentees follow by score. */
  mentorRankings?: ReadonlyArray<readonly number[] | undefined>;
}

export interface StableResult {
  /** [mentee, mentor] pairs, sorted by mentee then mentor. */
  pairs: Array<[number, number]>;
  /** Acceptable unmatched pairs that would both rather be together; 0 for a correct run. */
  blockingPairs: number;
  proposals: number;
}

/**
 * Complete preference orders: for each mentee the CSR positions of its acceptable mentors, best first, and
 * for each acceptable pair the mentor's rank of that mentee (lower is better).
 */
export interface Preferences {
  /** Permutation of CSR positions: row i, best mentor first. */
  menteeOrder: Int32Array;
  /** Mentee's rank of the mentor at each CSR position (0 = best). */
  menteeRank: Int32Array;
  /** Mentor's rank of the mentee at each CSR position (0 = best). */
  mentorRank: Int32Array;
}

function rankLookup(ranking: readonly number[] | undefined): Map<number, number> | undefined {
  if (!ranking || ranking.length === 0) return undefined;
  const lookup = new Map<number, number>();
  ranking.forEach((other, position) => {
    if (!lookup.has(other)) lookup.set(other, position);
  });
  return lookup;
}

/**
 * Builds full strict preference orders: explicit ranks first, then score (high first), then index. Keys are
 * packed into one float per pair and sorted as a typed array, which is far faster than a comparator sort on
 * half a million pairs; all parts are integers well under 2^53.
 */
export function buildPreferences(problem: StableProblem): Preferences {
  const { indptr, indices, scores, menteeCount, mentorCount } = problem;
  const pairCount = indptr[menteeCount];
  const menteeOrder = new Int32Array(pairCount);
  const menteeRank = new Int32Array(pairCount);
  const mentorRank = new Int32Array(pairCount);
  const positionOfMentor = new Int32Array(mentorCount);
  let keys = new Float64Array(16);
  for (let i = 0; i < menteeCount; i++) {
    const start = indptr[i];
    const length = indptr[i + 1] - start;
    if (length > keys.length) keys = new Float64Array(length * 2);
    const ranks = rankLookup(problem.menteeRankings?.[i]);
    for (let k = start; k < start + length; k++) {
      const j = indices[k];
      positionOfMentor[j] = k;
      const rank = ranks?.get(j) ?? mentorCount;
      keys[k - start] = (rank * 1001 + (1000 - scores[k])) * mentorCount + j;
    }
    const sorted = keys.subarray(0, length).sort();
    for (let r = 0; r < length; r++) {
      const k = positionOfMentor[sorted[r] % mentorCount];
      menteeOrder[start + r] = k;
      menteeRank[k] = r;
    }
  }
  // Transpose (mentees in increasing order, so a mentor's local position orders by mentee index).
  const mentorStart = new Int32Array(mentorCount + 1);
  for (let k = 0; k < pairCount; k++) mentorStart[indices[k] + 1]++;
  for (let j = 0; j < mentorCount; j++) mentorStart[j + 1] += mentorStart[j];
  const fill = mentorStart.slice(0, mentorCount);
  const byMentor = new Int32Array(pairCount);
  const menteeOf = new Int32Array(pairCount);
  for (let i = 0; i < menteeCount; i++) {
    for (let k = indptr[i]; k < indptr[i + 1]; k++) {
      menteeOf[k] = i;
      byMentor[fill[indices[k]]++] = k;
    }
  }
  for (let j = 0; j < mentorCount; j++) {
    const start = mentorStart[j];
    const length = mentorStart[j + 1] - start;
    if (length > keys.length) keys = new Float64Array(length * 2);
    const ranks = rankLookup(problem.mentorRankings?.[j]);
    for (let local = 0; local < length; local++) {
      const k = byMentor[start + local];
      const rank = ranks?.get(menteeOf[k]) ?? menteeCount;
      keys[local] = (rank * 1001 + (1000 - scores[k])) * length + local;
    }
    const sorted = keys.subarray(0, length).sort();
    for (let r = 0; r < length; r++) mentorRank[byMentor[start + (sorted[r] % length)]] = r;
  }
  return { menteeOrder, menteeRank, mentorRank };
}

/** Mentee-proposing deferred acceptance with capacities; returns the mentee-optimal stable matching. */
export function deferredAcceptance(problem: StableProblem): StableResult {
  const { indptr, indices, menteeCount, mentorCount } = problem;
  const preferences = buildPreferences(problem);
  const { menteeOrder, mentorRank } = preferences;
  const next = new Int32Array(menteeCount); // offset into the mentee's order of the next proposal
  const held = new Int32Array(menteeCount);
  // Each mentor's tentatively held CSR positions (capacities are small: a linear scan finds the worst).
  const holding: number[][] = Array.from({ length: mentorCount }, () => []);
  const queue: number[] = [];
  for (let i = 0; i < menteeCount; i++) if (problem.menteeCapacity[i] > 0) queue.push(i);
  let proposals = 0;
  while (queue.length > 0) {
    const i = queue.pop()!;
    const start = indptr[i];
    const end = indptr[i + 1];
    while (held[i] < problem.menteeCapacity[i] && start + next[i] < end) {
      const k = menteeOrder[start + next[i]++];
      const j = indices[k];
      proposals++;
      const seats = holding[j];
      if (seats.length < problem.mentorCapacity[j]) {
        seats.push(k);
        held[i]++;
        continue;
      }
      let worst = -1;
      for (let s = 0; s < seats.length; s++) {
        if (worst < 0 || mentorRank[seats[s]] > mentorRank[seats[worst]]) worst = s;
      }
      if (worst >= 0 && mentorRank[seats[worst]] > mentorRank[k]) {
        const rejected = seats[worst];
        seats[worst] = k;
        held[i]++;
        const other = menteeOfPosition(indptr, rejected);
        held[other]--;
        queue.push(other);
      }
    }
  }
  const pairs: Array<[number, number]> = [];
  for (let j = 0; j < mentorCount; j++) {
    for (const k of holding[j]) pairs.push([menteeOfPosition(indptr, k), j]);
  }
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { pairs, blockingPairs: countBlockingPairs(problem, pairs, preferences), proposals };
}

function menteeOfPosition(indptr: Int32Array, k: number): number {
  let lo = 0;
  let hi = indptr.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (indptr[mid] <= k) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Counts blocking pairs of a matching from scratch: an acceptable, unmatched pair where the mentee has a
 * free slot or prefers this mentor to one it has, and the mentor has a free seat or prefers this mentee to
 * one it holds.
 */
export function countBlockingPairs(
  problem: StableProblem,
  pairs: ReadonlyArray<readonly [number, number]>,
  preferences: Preferences = buildPreferences(problem),
): number {
  const { indptr, indices, menteeCount, mentorCount } = problem;
  const matched = new Uint8Array(indptr[menteeCount]);
  const menteeWorst = new Int32Array(menteeCount).fill(-1);
  const menteeHeld = new Int32Array(menteeCount);
  const mentorWorst = new Int32Array(mentorCount).fill(-1);
  const mentorHeld = new Int32Array(mentorCount);
  for (const [i, j] of pairs) {
    let k = indptr[i];
    while (k < indptr[i + 1] && indices[k] !== j) k++;
    if (k === indptr[i + 1]) continue;
    matched[k] = 1;
    menteeHeld[i]++;
    mentorHeld[j]++;
    menteeWorst[i] = Math.max(menteeWorst[i], preferences.menteeRank[k]);
    mentorWorst[j] = Math.max(mentorWorst[j], preferences.mentorRank[k]);
  }
  let blocking = 0;
  for (let i = 0; i < menteeCount; i++) {
    for (let k = indptr[i]; k < indptr[i + 1]; k++) {
      if (matched[k] === 1) continue;
      const j = indices[k];
      const menteeWants =
        menteeHeld[i] < problem.menteeCapacity[i] || preferences.menteeRank[k] < menteeWorst[i];
      const mentorWants =
        mentorHeld[j] < problem.mentorCapacity[j] || preferences.mentorRank[k] < mentorWorst[j];
      if (menteeWants && mentorWants && problem.menteeCapacity[i] > 0 && problem.mentorCapacity[j] > 0)
        blocking++;
    }
  }
  return blocking;
}
