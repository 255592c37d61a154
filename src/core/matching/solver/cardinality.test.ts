import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SolverProblem } from '../solver-types.ts';
import { selectCandidates } from './candidates.ts';
import { CoverMatching, coverBounds, fairnessBottleneck, maxCoveredMentees } from './cardinality.ts';
import { MAX_SCORE, prepareProblem, type PreparedProblem } from './prepare.ts';

/** The bottleneck as the solver used to find it: a fresh cardinality run per threshold, all pairs. */
function referenceBottleneck(prep: PreparedProblem): { target: number; threshold: number } {
  const target = maxCoveredMentees(prep, -1, -1);
  let low = 0;
  let high = MAX_SCORE + 1;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (maxCoveredMentees(prep, middle, target) >= target) low = middle;
    else high = middle;
  }
  return { target, threshold: low };
}

function randomProblem(seed: number, n: number, m: number, isSparse: boolean): SolverProblem {
  let state = seed >>> 0 || 1;
  const random = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const popularity = Array.from({ length: m }, () => random());
  const scoreOf = (j: number): number =>
    Math.round(Math.min(1000, 1000 * (0.5 * popularity[j] + 0.5 * random())));
  const menteeCapacity = Int32Array.from({ length: n }, () =>
    random() < 0.15 ? 2 : random() < 0.05 ? 0 : 1,
  );
  const mentorCapacity = Int32Array.from({ length: m }, () => Math.floor(random() * 3));
  const forbidden: Array<[number, number]> = [];
  for (let t = 0; t < (n * m) / 20; t++) forbidden.push([Math.floor(random() * n), Math.floor(random() * m)]);
  const base = {
    objective: 'fairness' as const,
    menteeCount: n,
    mentorCount: m,
    menteeCapacity,
    mentorCapacity,
  };
  const minScore = Math.floor(random() * 400);
  if (!isSparse) {
    const data = Int32Array.from({ length: n * m }, (_, e) => scoreOf(e % m));
    return { ...base, scores: { format: 'dense', data }, forbidden, minScore, pinned: [] };
  }
  const indptr = new Int32Array(n + 1);
  const indices: number[] = [];
  const data: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      if (random() < 0.3) {
        indices.push(j);
        data.push(scoreOf(j));
      }
    }
    indptr[i + 1] = indices.length;
  }
  return {
    ...base,
    scores: { format: 'sparse', indptr, indices: Int32Array.from(indices), data: Int32Array.from(data) },
    forbidden,
    minScore,
    pinned: [],
  };
}

/**
 * Sparse rows of 0-3 pairs and some pinned pairs: Hall violations on both sides make the counting
 * bounds loose, so the bottleneck search takes its fallback (bisection) path about half the time.
 */
function lowDegreeProblem(seed: number, n: number, m: number): SolverProblem {
  let state = (seed * 2654435761) >>> 0 || 1;
  const random = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  for (let t = 0; t < 8; t++) random();
  const menteeCapacity = Int32Array.from({ length: n }, () => (random() < 0.15 ? 2 : 1));
  const mentorCapacity = Int32Array.from({ length: m }, () => Math.floor(random() * 3));
  const indptr = new Int32Array(n + 1);
  const indices: number[] = [];
  const data: number[] = [];
  const pinned: Array<[number, number]> = [];
  const pinnedLoad = new Int32Array(m);
  for (let i = 0; i < n; i++) {
    const row = new Set<number>();
    const degree = Math.floor(random() * 4);
    for (let t = 0; t < degree; t++) row.add(Math.floor(random() * m));
    for (const j of [...row].sort((a, b) => a - b)) {
      indices.push(j);
      data.push(Math.floor(random() * 1001));
      if (random() < 0.05 && pinnedLoad[j] < mentorCapacity[j] && !pinned.some(([k]) => k === i)) {
        pinned.push([i, j]);
        pinnedLoad[j]++;
      }
    }
    indptr[i + 1] = indices.length;
  }
  return {
    objective: 'fairness',
    menteeCount: n,
    mentorCount: m,
    menteeCapacity,
    mentorCapacity,
    scores: { format: 'sparse', indptr, indices: Int32Array.from(indices), data: Int32Array.from(data) },
    forbidden: [],
    minScore: 0,
    pinned,
  };
}

describe('counting bounds on the coverable mentees', () => {
  it('never fall below the maximum at any threshold, and the bottleneck search agrees with the reference', () => {
    let loose = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 15 }),
        fc.constantFrom(0, 1, 3),
        (seed, n, m, candidates) => {
          const prep = prepareProblem(lowDegreeProblem(seed, n, m));
          const bound = coverBounds(prep);
          for (let t = 0; t <= MAX_SCORE + 1; t += t < 990 ? 7 : 1) {
            expect(bound[t]).toBeGreaterThanOrEqual(maxCoveredMentees(prep, t, -1));
          }
          if (bound[0] > maxCoveredMentees(prep, -1, -1)) loose++;
          const reference = referenceBottleneck(prep);
          const graph = selectCandidates(prep, -1, new Int32Array(n).fill(candidates), null);
          expect(fairnessBottleneck(prep, graph)).toEqual(reference);
          // The problem's own rows (unsorted, complete), as the solver uses them when all rows are short.
          const own = { offsets: prep.offsets!, mentors: prep.mentors!, weights: prep.weights! };
          expect(fairnessBottleneck(prep, own, false)).toEqual(reference);
        },
      ),
      { numRuns: 300, seed: 42 },
    );
    // The fallback path must have been exercised.
    expect(loose).toBeGreaterThan(10);
  });
});

describe('fairness bottleneck with the matching carried between thresholds', () => {
  it('finds the same coverable count and threshold as a fresh all-pairs search per threshold', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 25 }),
        fc.boolean(),
        fc.constantFrom(0, 1, 2, 24),
        (seed, n, m, isSparse, candidates) => {
          const prep = prepareProblem(randomProblem(seed, n, m, isSparse));
          // 0 candidates: every augmenting path and every infeasibility proof comes from all pairs.
          const graph = selectCandidates(prep, -1, new Int32Array(n).fill(candidates), null);
          expect(fairnessBottleneck(prep, graph)).toEqual(referenceBottleneck(prep));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('keeps a valid matching when pairs under a threshold are dropped and the rest repaired', () => {
    const prep = prepareProblem(randomProblem(11, 80, 20, false));
    const graph = selectCandidates(prep, -1, new Int32Array(80).fill(2), null);
    const cover = new CoverMatching(prep, graph);
    cover.augment(-1, -1, false);
    cover.augment(-1, -1, true);
    expect(cover.covered).toBe(maxCoveredMentees(prep, -1, -1));
    for (const threshold of [300, 500, 700]) {
      cover.dropBelow(threshold);
      cover.augment(threshold, -1, false);
      cover.augment(threshold, -1, true);
      expect(cover.covered).toBe(maxCoveredMentees(prep, threshold, -1));
      const load = new Int32Array(prep.mentorCount);
      for (const i of cover.open) {
        const j = cover.mate[i];
        if (j < 0) continue;
        load[j]++;
        expect(cover.mateWeight[i]).toBe(prep.dense![i * prep.mentorCount + j]);
        expect(cover.mateWeight[i]).toBeGreaterThanOrEqual(threshold);
      }
      load.forEach((used, j) => expect(used).toBe(cover.load[j]));
      load.forEach((used, j) => expect(used).toBeLessThanOrEqual(prep.mentorCapacity[j]));
    }
  });
});
