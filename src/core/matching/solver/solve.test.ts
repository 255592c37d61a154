import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import type { SolverObjective, SolverProblem } from '../solver-types.ts';
import { solve } from './solve.ts';
import { verifyCertificate } from './certificate.ts';
import { bruteForceOptimum, objectiveVector, scoreLookup } from './testing/brute-force.ts';

const OBJECTIVES: SolverObjective[] = ['quality', 'coverage', 'fairness'];

interface RawInstance {
  n: number;
  m: number;
  menteeCapacity: number[];
  mentorCapacity: number[];
  scores: number[];
  listed: boolean[];
  isSparse: boolean;
  forbidden: Array<[number, number]>;
  pinCandidates: Array<[number, number]>;
  minScore: number;
}

/** Small random instances: few distinct scores so ties happen, some capacity-2 mentees. */
const instanceArbitrary = fc
  .record({ n: fc.integer({ min: 1, max: 5 }), m: fc.integer({ min: 1, max: 4 }) })
  .chain(({ n, m }) =>
    fc.record({
      n: fc.constant(n),
      m: fc.constant(m),
      menteeCapacity: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n }),
      mentorCapacity: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: m, maxLength: m }),
      scores: fc.array(
        fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constantFrom(0, 100, 500, 500, 900, 1000)),
        { minLength: n * m, maxLength: n * m },
      ),
      listed: fc.array(fc.boolean(), { minLength: n * m, maxLength: n * m }),
      isSparse: fc.boolean(),
      forbidden: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(m - 1)), { maxLength: 3 }),
      pinCandidates: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(m - 1)), { maxLength: 2 }),
      minScore: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 800 })),
    }),
  );

function buildProblem(raw: RawInstance, objective: SolverObjective): SolverProblem {
  const { n, m } = raw;
  const forbiddenKeys = new Set(raw.forbidden.map(([i, j]) => i * m + j));
  const isListed = (i: number, j: number): boolean => !raw.isSparse || raw.listed[i * m + j];
  // Keep only pins that are valid: listed, not forbidden, distinct, within both capacities.
  const pinned: Array<[number, number]> = [];
  const menteeLoad = new Array<number>(n).fill(0);
  const mentorLoad = new Array<number>(m).fill(0);
  for (const [i, j] of raw.pinCandidates) {
    const key = i * m + j;
    if (forbiddenKeys.has(key) || !isListed(i, j) || pinned.some(([a, b]) => a === i && b === j)) continue;
    if (menteeLoad[i] >= raw.menteeCapacity[i] || mentorLoad[j] >= raw.mentorCapacity[j]) continue;
    menteeLoad[i]++;
    mentorLoad[j]++;
    pinned.push([i, j]);
  }
  const base = {
    objective,
    menteeCount: n,
    mentorCount: m,
    menteeCapacity: Int32Array.from(raw.menteeCapacity),
    mentorCapacity: Int32Array.from(raw.mentorCapacity),
    forbidden: raw.forbidden,
    minScore: raw.minScore,
    pinned,
  };
  if (!raw.isSparse) return { ...base, scores: { format: 'dense', data: Int32Array.from(raw.scores) } };
  const indptr = [0];
  const indices: number[] = [];
  const data: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      if (!isListed(i, j)) continue;
      indices.push(j);
      data.push(raw.scores[i * m + j]);
    }
    indptr.push(indices.length);
  }
  return {
    ...base,
    scores: {
      format: 'sparse',
      indptr: Int32Array.from(indptr),
      indices: Int32Array.from(indices),
      data: Int32Array.from(data),
    },
  };
}

function checkFeasible(problem: SolverProblem, pairs: Array<[number, number]>): void {
  const scoreOf = scoreLookup(problem);
  const menteeLoad = new Array<number>(problem.menteeCount).fill(0);
  const mentorLoad = new Array<number>(problem.mentorCount).fill(0);
  const keys = new Set<string>();
  const pinnedKeys = new Set((problem.pinned as Array<[number, number]>).map(([i, j]) => `${i},${j}`));
  const forbiddenKeys = new Set((problem.forbidden as Array<[number, number]>).map(([i, j]) => `${i},${j}`));
  for (const [i, j] of pairs) {
    const key = `${i},${j}`;
    expect(keys.has(key), `duplicate pair ${key}`).toBe(false);
    keys.add(key);
    menteeLoad[i]++;
    mentorLoad[j]++;
    expect(forbiddenKeys.has(key), `forbidden pair ${key} used`).toBe(false);
    expect(scoreOf(i, j)).toBeGreaterThanOrEqual(0);
    if (!pinnedKeys.has(key)) expect(scoreOf(i, j)).toBeGreaterThanOrEqual(problem.minScore);
  }
  for (const key of pinnedKeys) expect(keys.has(key), `pinned pair ${key} missing`).toBe(true);
  menteeLoad.forEach((load, i) => expect(load).toBeLessThanOrEqual(problem.menteeCapacity[i]));
  mentorLoad.forEach((load, j) => expect(load).toBeLessThanOrEqual(problem.mentorCapacity[j]));
}

describe('solve against brute force', () => {
  for (const objective of OBJECTIVES) {
    it(`finds the ${objective} optimum and a valid certificate on random small instances`, () => {
      fc.assert(
        fc.property(
          instanceArbitrary,
          fc.constantFrom(undefined, 0, 1),
          fc.constantFrom(undefined, 'mentee' as const, 'mentor' as const),
          fc.constantFrom(undefined, 0, 1),
          (raw, initialCandidates, orientation, fairnessCandidates) => {
            const problem = buildProblem(raw, objective);
            // 0 or 1 candidate per seat forces the certificate rounds and the warm restart; both
            // orientations of the flow network must reach the same optimum. For fairness, 0 or 1
            // candidate per mentee forces the threshold search onto the all-pairs augmenting paths.
            const result = solve(problem, { initialCandidates, orientation, fairnessCandidates });
            checkFeasible(problem, result.pairs);
            const value = objectiveVector(objective, result.pairs, scoreLookup(problem));
            expect(value).toEqual(bruteForceOptimum(problem));
            expect(result.isProvenOptimal).toBe(true);
            const check = verifyCertificate(problem, result);
            expect(check.failure).toBeNull();
            if (objective === 'quality') expect(check.dualObjective).toBe(check.primalObjective);
            const total = result.pairs.reduce((sum, [i, j]) => sum + scoreLookup(problem)(i, j), 0);
            expect(result.objective).toBe(total);
          },
        ),
        { numRuns: 1500 },
      );
    });
  }

  it('gives the same objective for a dense problem and the same problem listed sparsely', () => {
    fc.assert(
      fc.property(instanceArbitrary, fc.constantFrom(...OBJECTIVES), (raw, objective) => {
        const dense = buildProblem({ ...raw, isSparse: false }, objective);
        const sparse = buildProblem(
          { ...raw, isSparse: true, listed: raw.listed.map(() => true) },
          objective,
        );
        const a = solve(dense);
        const b = solve(sparse);
        expect(objectiveVector(objective, a.pairs, scoreLookup(dense))).toEqual(
          objectiveVector(objective, b.pairs, scoreLookup(sparse)),
        );
      }),
      { numRuns: 300 },
    );
  });
});

/** A mid-size random instance with correlated scores, big enough that the candidate rounds matter. */
function mediumProblem(seed: number, objective: SolverObjective, n: number, m: number): SolverProblem {
  let state = seed >>> 0 || 1;
  const random = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const menteeTaste = Array.from({ length: n }, () => [random(), random()]);
  const mentorTrait = Array.from({ length: m }, () => [random(), random()]);
  const data = new Int32Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const fit = menteeTaste[i][0] * mentorTrait[j][0] + menteeTaste[i][1] * mentorTrait[j][1];
      data[i * m + j] = Math.max(0, Math.min(1000, Math.round(fit * 500 + random() * 300)));
    }
  }
  const forbidden: Array<[number, number]> = [];
  for (let t = 0; t < (n * m) / 50; t++) forbidden.push([Math.floor(random() * n), Math.floor(random() * m)]);
  return {
    objective,
    menteeCount: n,
    mentorCount: m,
    menteeCapacity: Int32Array.from({ length: n }, () => (random() < 0.1 ? 2 : 1)),
    mentorCapacity: Int32Array.from({ length: m }, () => 1 + Math.floor(random() * 3)),
    scores: { format: 'dense', data },
    forbidden,
    minScore: 50,
    pinned: [],
  };
}

describe('solve on mid-size instances', () => {
  for (const objective of OBJECTIVES) {
    it(`proves ${objective} optimality over all pairs after candidate rounds`, () => {
      for (const seed of [1, 2, 3]) {
        const problem = mediumProblem(seed, objective, 300, 80);
        const result = solve(problem, {
          initialCandidates: seed === 3 ? 1 : undefined,
          fairnessCandidates: seed === 2 ? 1 : undefined,
        });
        const reference = solve(problem, { initialCandidates: 1000 });
        expect(result.objective).toBe(reference.objective);
        expect(result.stats.matchedMentees).toBe(reference.stats.matchedMentees);
        expect(result.stats.minScore).toBe(reference.stats.minScore);
        checkFeasible(problem, result.pairs);
        expect(result.isProvenOptimal).toBe(true);
        const check = verifyCertificate(problem, result);
        expect(check.failure).toBeNull();
        if (objective === 'quality') expect(check.dualObjective).toBe(check.primalObjective);
      }
    });
  }

  it('matches the solve on every pair (no candidate restriction) for quality', () => {
    const problem = mediumProblem(7, 'quality', 200, 50);
    const a = solve(problem);
    // Same problem as sparse with all pairs listed: a different candidate path, same optimum.
    const n = problem.menteeCount;
    const m = problem.mentorCount;
    const indptr = Int32Array.from({ length: n + 1 }, (_, i) => i * m);
    const indices = Int32Array.from({ length: n * m }, (_, e) => e % m);
    const data = (problem.scores as { data: Int32Array }).data;
    const b = solve({ ...problem, scores: { format: 'sparse', indptr, indices, data } });
    expect(b.objective).toBe(a.objective);
  });
});

describe('unmatched reasons and stats', () => {
  it('explains each unmatched mentee', () => {
    const problem: SolverProblem = {
      objective: 'quality',
      menteeCount: 4,
      mentorCount: 2,
      menteeCapacity: Int32Array.from([1, 1, 1, 2]),
      mentorCapacity: Int32Array.from([1, 1]),
      // mentee 0: everything forbidden; 1: under minScore; 2: loses to 3; 3: wants two, gets both? no.
      scores: { format: 'dense', data: Int32Array.from([900, 900, 100, 50, 600, 600, 700, 800]) },
      forbidden: [
        [0, 0],
        [0, 1],
      ],
      minScore: 200,
      pinned: [],
    };
    const result = solve(problem);
    expect(result.pairs).toEqual([
      [3, 0],
      [3, 1],
    ]);
    expect(result.objective).toBe(1500);
    const reasons = Object.fromEntries(result.unmatched.map((u) => [u.mentee, u.reason]));
    expect(reasons).toEqual({ 0: 'no-feasible-mentor', 1: 'below-min-score', 2: 'feasible-mentors-full' });
    expect(result.stats.coverage).toBeCloseTo(0.25);
    expect(result.stats.minScore).toBe(700);
    expect(result.stats.distribution[7]).toBe(1);
    expect(result.stats.distribution[8]).toBe(1);
    for (const u of result.unmatched) expect(u.message.length).toBeGreaterThan(10);
  });

  it('coverage trades score for one more matched mentee; fairness then lifts the lowest pair', () => {
    const problem: SolverProblem = {
      objective: 'quality',
      menteeCount: 2,
      mentorCount: 2,
      menteeCapacity: Int32Array.from([1, 1]),
      mentorCapacity: Int32Array.from([1, 1]),
      scores: { format: 'dense', data: Int32Array.from([1000, 990, 900, 0]) },
      forbidden: [[1, 1]],
      minScore: 0,
      pinned: [],
    };
    expect(solve(problem).pairs).toEqual([
      [0, 1],
      [1, 0],
    ]);
    const partial = {
      ...problem,
      scores: { format: 'dense' as const, data: Int32Array.from([1000, 10, 900, 0]) },
    };
    expect(solve(partial).pairs).toEqual([[0, 0]]);
    expect(solve({ ...partial, objective: 'coverage' }).pairs).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });

  it('reports partially matched mentees with capacity 2', () => {
    const problem: SolverProblem = {
      objective: 'quality',
      menteeCount: 1,
      mentorCount: 1,
      menteeCapacity: Int32Array.from([2]),
      mentorCapacity: Int32Array.from([3]),
      scores: { format: 'dense', data: Int32Array.from([500]) },
      forbidden: [],
      minScore: 0,
      pinned: [],
    };
    const result = solve(problem);
    expect(result.pairs).toEqual([[0, 0]]);
    expect(result.unmatched).toMatchObject([{ mentee: 0, reason: 'partially-matched' }]);
  });
});

describe('validation', () => {
  const valid = (): SolverProblem => ({
    objective: 'quality',
    menteeCount: 2,
    mentorCount: 2,
    menteeCapacity: Int32Array.from([1, 1]),
    mentorCapacity: Int32Array.from([1, 1]),
    scores: { format: 'dense', data: Int32Array.from([1, 2, 3, 4]) },
    forbidden: [],
    minScore: 0,
    pinned: [],
  });
  const issuePath = (problem: SolverProblem): string => {
    try {
      solve(problem);
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('VALIDATION_FAILED');
      return (error as AppError).details!.issues![0].path;
    }
    throw new Error('expected a validation error');
  };

  it('names the field of each problem', () => {
    expect(issuePath({ ...valid(), scores: { format: 'dense', data: Int32Array.from([1, 2, 3]) } })).toBe(
      'scores.data',
    );
    expect(
      issuePath({ ...valid(), scores: { format: 'dense', data: Int32Array.from([1, 2, 1200, 4]) } }),
    ).toBe('scores.data[2]');
    expect(issuePath({ ...valid(), forbidden: [[0, 5]] })).toBe('forbidden[0][1]');
    expect(issuePath({ ...valid(), pinned: [[0, 0]], forbidden: [[0, 0]] })).toBe('pinned[0]');
    expect(
      issuePath({
        ...valid(),
        pinned: [
          [0, 0],
          [1, 0],
        ],
      }),
    ).toBe('pinned[1]');
    expect(issuePath({ ...valid(), menteeCapacity: Int32Array.from([1]) })).toBe('menteeCapacity');
    expect(
      issuePath({
        ...valid(),
        scores: {
          format: 'sparse',
          indptr: Int32Array.from([0, 1, 2]),
          indices: Int32Array.from([0, 0]),
          data: Int32Array.from([5]),
        },
      }),
    ).toBe('scores.indices');
  });

  it('keeps a pinned pair even under minScore and counts it', () => {
    const result = solve({ ...valid(), minScore: 3, pinned: [[0, 0]] });
    expect(result.pairs).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(result.objective).toBe(5);
  });
});
