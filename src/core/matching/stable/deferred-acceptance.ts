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

/** Builds full strict preference orders: explicit ranks first, then score (high first), then index. */
export function buildPreferences(problem: StableProblem): Preferences {
  const { indptr, indices, scores, menteeCount, mentorCount } = problem;
  const pairCount = indptr[menteeCount];
  const menteeOrder = new Int32Array(pairCount);
  const menteeRank = new Int32Array(pairCount);
  const mentorRank = new Int32Array(pairCount);
  for (let i = 0; i < menteeCount; i++) {
    const start = indptr[i];
    const end = indptr[i + 1];
    const ranks = rankLookup(problem.menteeRankings?.[i]);
    const positions: number[] = [];
    for (let k = start; k < end; k++) positions.push(k);
    const key = (k: number) => ranks?.get(indices[k]) ?? Number.MAX_SAFE_INTEGER;
    positions.sort((a, b) => key(a) - key(b) || scores[b] - scores[a] || indices[a] - indices[b]);
    positions.forEach((k, rank) => {
      menteeOrder[start + rank] = k;
      menteeRank[k] = rank;
    });
  }
  // Transpose so each mentor can order its acceptable mentees the same way.
  const byMentor: number[][] = Array.from({ length: mentorCount }, () => []);
  for (let i = 0; i < menteeCount; i++) {
    for (let k = indptr[i]; k < indptr[i + 1]; k++) byMentor[indices[k]].push(k);
  }
  const menteeOf = new Int32Array(pairCount);
  for (let i = 0; i < menteeCount; i++) menteeOf.fill(i, indptr[i], indptr[i + 1]);
  for (let j = 0; j < mentorCount; j++) {
    const ranks = rankLookup(problem.mentorRankings?.[j]);
    const key = (k: number) => ranks?.get(menteeOf[k]) ?? Number.MAX_SAFE_INTEGER;
    byMentor[j].sort((a, b) => key(a) - key(b) || scores[b] - scores[a] || menteeOf[a] - menteeOf[b]);
    byMentor[j].forEach((k, rank) => {
      mentorRank[k] = rank;
    });
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
  const positionOf = new Map<number, number>();
  for (let i = 0; i < menteeCount; i++) {
    for (let k = indptr[i]; k < indptr[i + 1]; k++) positionOf.set(i * mentorCount + indices[k], k);
  }
  const matched = new Set<number>();
  const menteeWorst = new Int32Array(menteeCount).fill(-1);
  const menteeHeld = new Int32Array(menteeCount);
  const mentorWorst = new Int32Array(mentorCount).fill(-1);
  const mentorHeld = new Int32Array(mentorCount);
  for (const [i, j] of pairs) {
    const k = positionOf.get(i * mentorCount + j);
    if (k === undefined) continue;
    matched.add(k);
    menteeHeld[i]++;
    mentorHeld[j]++;
    menteeWorst[i] = Math.max(menteeWorst[i], preferences.menteeRank[k]);
    mentorWorst[j] = Math.max(mentorWorst[j], preferences.mentorRank[k]);
  }
  let blocking = 0;
  for (let i = 0; i < menteeCount; i++) {
    for (let k = indptr[i]; k < indptr[i + 1]; k++) {
      if (matched.has(k)) continue;
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
