import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildPreferences,
  countBlockingPairs,
  deferredAcceptance,
  type StableProblem,
} from './deferred-acceptance.ts';

/** Builds a problem from a score table where null marks an unacceptable (infeasible) pair. */
function problemOf(
  table: Array<Array<number | null>>,
  mentorCapacity: number[],
  extra: Partial<StableProblem> = {},
  menteeCapacity?: number[],
): StableProblem {
  const indptr = [0];
  const indices: number[] = [];
  const scores: number[] = [];
  table.forEach((row) => {
    row.forEach((score, j) => {
      if (score !== null) {
        indices.push(j);
        scores.push(score);
      }
    });
    indptr.push(indices.length);
  });
  return {
    menteeCount: table.length,
    mentorCount: mentorCapacity.length,
    menteeCapacity: Int32Array.from(menteeCapacity ?? table.map(() => 1)),
    mentorCapacity: Int32Array.from(mentorCapacity),
    indptr: Int32Array.from(indptr),
    indices: Int32Array.from(indices),
    scores: Int32Array.from(scores),
    ...extra,
  };
}

describe('deferredAcceptance', () => {
  it('gives each mentee the best mentor it can have in any stable matching', () => {
    // Both mentees prefer mentor 0 by score; mentor 0 prefers mentee 1 by explicit ranking.
    const problem = problemOf(
      [
        [900, 500],
        [800, 700],
      ],
      [1, 1],
      { mentorRankings: [[1, 0], undefined] },
    );
    const result = deferredAcceptance(problem);
    expect(result.pairs).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(result.blockingPairs).toBe(0);
  });

  it('lets an explicit mentee ranking beat the score order, and puts unranked mentors after by score', () => {
    const problem = problemOf([[900, 300, 600]], [1, 1, 1], { menteeRankings: [[1]] });
    const preferences = buildPreferences(problem);
    expect(Array.from(preferences.menteeOrder, (k) => problem.indices[k])).toEqual([1, 0, 2]);
    expect(deferredAcceptance(problem).pairs).toEqual([[0, 1]]);
  });

  it('never makes an unacceptable pair, even if ranked first', () => {
    const problem = problemOf([[null, 400]], [1, 1], { menteeRankings: [[0, 1]] });
    expect(deferredAcceptance(problem).pairs).toEqual([[0, 1]]);
  });

  it('fills mentor capacity and leaves the least preferred mentee out', () => {
    const problem = problemOf([[300], [900], [600]], [2]);
    const result = deferredAcceptance(problem);
    expect(result.pairs).toEqual([
      [1, 0],
      [2, 0],
    ]);
    expect(result.blockingPairs).toBe(0);
  });

  it('breaks equal scores by index, so runs are repeatable', () => {
    const problem = problemOf(
      [
        [500, 500],
        [500, 500],
      ],
      [1, 1],
    );
    expect(deferredAcceptance(problem).pairs).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });

  it('gives a mentee who wants two mentors two', () => {
    const problem = problemOf([[900, 800, 100]], [1, 1, 1], {}, [2]);
    expect(deferredAcceptance(problem).pairs).toEqual([
      [0, 0],
      [0, 1],
    ]);
  });

  it('counts blocking pairs of an unstable matching', () => {
    const problem = problemOf(
      [
        [900, 100],
        [800, 700],
      ],
      [1, 1],
    );
    // Mentee 0 with mentor 1 and mentee 1 with mentor 0: mentee 0 and mentor 0 would rather be together
    // (mentor 0 ranks mentee 0 first by score 900 > 800).
    expect(
      countBlockingPairs(problem, [
        [0, 1],
        [1, 0],
      ]),
    ).toBe(1);
  });
});

/** Random small instance: score table with some unacceptable pairs, optional rankings. */
const instanceArb = (maxMenteeCapacity: number) =>
  fc
    .record({
      n: fc.integer({ min: 1, max: 5 }),
      m: fc.integer({ min: 1, max: 4 }),
    })
    .chain(({ n, m }) =>
      fc.record({
        table: fc.array(
          fc.array(
            fc.option(
              fc.integer({ min: 0, max: 20 }).map((x) => x * 50),
              { nil: null, freq: 4 },
            ),
            { minLength: m, maxLength: m },
          ),
          {
            minLength: n,
            maxLength: n,
          },
        ),
        mentorCapacity: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: m, maxLength: m }),
        menteeCapacity: fc.array(fc.integer({ min: 0, max: maxMenteeCapacity }), {
          minLength: n,
          maxLength: n,
        }),
        menteeRankings: fc.array(fc.option(fc.shuffledSubarray([...Array(m).keys()]), { nil: undefined }), {
          minLength: n,
          maxLength: n,
        }),
        mentorRankings: fc.array(fc.option(fc.shuffledSubarray([...Array(n).keys()]), { nil: undefined }), {
          minLength: m,
          maxLength: m,
        }),
      }),
    )
    .map((x) =>
      problemOf(
        x.table,
        x.mentorCapacity,
        { menteeRankings: x.menteeRankings, mentorRankings: x.mentorRankings },
        x.menteeCapacity,
      ),
    );

/** Every matching that respects acceptability and capacities (mentee capacity ≤ 1). */
function allMatchings(problem: StableProblem): Array<Array<[number, number]>> {
  const out: Array<Array<[number, number]>> = [];
  const left = Int32Array.from(problem.mentorCapacity);
  const chosen: Array<[number, number]> = [];
  const visit = (i: number) => {
    if (i === problem.menteeCount) {
      out.push([...chosen]);
      return;
    }
    visit(i + 1);
    if (problem.menteeCapacity[i] === 0) return;
    for (let k = problem.indptr[i]; k < problem.indptr[i + 1]; k++) {
      const j = problem.indices[k];
      if (left[j] === 0) continue;
      left[j]--;
      chosen.push([i, j]);
      visit(i + 1);
      chosen.pop();
      left[j]++;
    }
  };
  visit(0);
  return out;
}

describe('property: deferred acceptance on small instances', () => {
  it('is stable and mentee-optimal among all stable matchings (brute force)', () => {
    fc.assert(
      fc.property(instanceArb(1), (problem) => {
        const result = deferredAcceptance(problem);
        expect(result.blockingPairs).toBe(0);
        const preferences = buildPreferences(problem);
        const rankOf = (i: number, j: number) => {
          for (let k = problem.indptr[i]; k < problem.indptr[i + 1]; k++) {
            if (problem.indices[k] === j) return preferences.menteeRank[k];
          }
          throw new Error('unacceptable pair in a matching');
        };
        const mine = new Map(result.pairs.map(([i, j]) => [i, rankOf(i, j)]));
        const stable = allMatchings(problem).filter(
          (matching) => countBlockingPairs(problem, matching) === 0,
        );
        expect(stable.length).toBeGreaterThan(0);
        // The DA result is one of the stable matchings ...
        const key = (pairs: Array<[number, number]>) =>
          JSON.stringify([...pairs].sort((a, b) => a[0] - b[0]));
        expect(stable.map(key)).toContain(key(result.pairs));
        // ... and every mentee does at least as well as in any stable matching (unmatched = worst).
        for (const matching of stable) {
          for (const [i, j] of matching) {
            expect(mine.has(i)).toBe(true);
            expect(mine.get(i)!).toBeLessThanOrEqual(rankOf(i, j));
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('has no blocking pair when mentees want up to two mentors', () => {
    fc.assert(
      fc.property(instanceArb(2), (problem) => {
        const result = deferredAcceptance(problem);
        expect(result.blockingPairs).toBe(0);
        expect(countBlockingPairs(problem, result.pairs)).toBe(0);
        const perMentee = new Int32Array(problem.menteeCount);
        const perMentor = new Int32Array(problem.mentorCount);
        for (const [i, j] of result.pairs) {
          perMentee[i]++;
          perMentor[j]++;
        }
        perMentee.forEach((count, i) => expect(count).toBeLessThanOrEqual(problem.menteeCapacity[i]));
        perMentor.forEach((count, j) => expect(count).toBeLessThanOrEqual(problem.mentorCapacity[j]));
        expect(new Set(result.pairs.map(([i, j]) => `${i}-${j}`)).size).toBe(result.pairs.length);
      }),
      { numRuns: 400 },
    );
  });
});
