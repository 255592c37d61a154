import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCandidates, sortRows, type CandidateGraph } from './candidates.ts';

describe('addCandidates', () => {
  it('merges extra pairs into sorted rows: the union, each row still sorted by weight, descending', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 1000 }))), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 41, max: 60 }), fc.integer({ min: 0, max: 1000 }))),
        (rows, rawExtra) => {
          const n = rows.length;
          const offsets = new Int32Array(n + 1);
          const mentors: number[] = [];
          const weights: number[] = [];
          rows.forEach((row, i) => {
            for (const [j, w] of row) {
              mentors.push(j);
              weights.push(w);
            }
            offsets[i + 1] = mentors.length;
          });
          const graph: CandidateGraph = {
            offsets,
            mentors: Int32Array.from(mentors),
            weights: Int32Array.from(weights),
          };
          sortRows(graph, null);
          const extra = Int32Array.from(rawExtra.flatMap(([i, j, w]) => [i % n, j, w]));
          const merged = addCandidates(graph, extra, n);
          for (let i = 0; i < n; i++) {
            const got: string[] = [];
            for (let e = merged.offsets[i]; e < merged.offsets[i + 1]; e++) {
              if (e > merged.offsets[i]) expect(merged.weights[e]).toBeLessThanOrEqual(merged.weights[e - 1]);
              got.push(`${merged.mentors[e]}:${merged.weights[e]}`);
            }
            const expected = rows[i].map(([j, w]) => `${j}:${w}`);
            for (const [k, j, w] of rawExtra) if (k % n === i) expected.push(`${j}:${w}`);
            expect(got.sort()).toEqual(expected.sort());
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
