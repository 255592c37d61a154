import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import type { SolverProblem } from '../solver-types.ts';
import { parseProblem } from './problem-reader.ts';
import { problemJsonChunks } from './writers.ts';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

const base = (scores: string, extra = ''): string =>
  `{"version":1,"mentees":[{"id":"a","capacity":1},{"id":"b"}],"mentors":[{"id":"x","capacity":2}],` +
  `"scores":${scores}${extra}}`;

function failure(text: string): { path: string; message: string } {
  try {
    parseProblem(encode(text));
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION_FAILED');
    return (error as AppError).details!.issues![0];
  }
  throw new Error('expected a validation error');
}

describe('parseProblem', () => {
  it('reads a dense problem with defaults', () => {
    const { problem, menteeIds } = parseProblem(encode(base('{"format":"dense","data":[10,1000]}')));
    expect(problem.objective).toBe('quality');
    expect(problem.menteeCount).toBe(2);
    expect(Array.from(problem.menteeCapacity)).toEqual([1, 1]);
    expect(Array.from(problem.mentorCapacity)).toEqual([2]);
    expect(problem.scores.format).toBe('dense');
    expect(Array.from(problem.scores.data)).toEqual([10, 1000]);
    expect(problem.minScore).toBe(0);
    expect(menteeIds).toEqual(['a', 'b']);
  });

  it('tolerates whitespace everywhere, a BOM, and ignores nested extra fields with tricky strings', () => {
    const text =
      '\uFEFF \n{ "extra" : { "s" : "] } [ { \\" \\\\ \\u00e9 ,", "list": [ [ ], { }, -1.5e+3, true, null ] } ,\n' +
      ' "mentees" : [ { "id" : { "nested": ["]"] }, "capacity" : 2 } ] ,\t"mentors":[{"capacity":1,"id":7}],\r\n' +
      ' "scores" : { "note": "[1,2]", "format" : "sparse" , "indptr" : [ 0 , 1 ] , "indices" : [\n0\n] ,' +
      ' "data" : [ 5 ] } , "forbidden" : [ ] , "pinned" : [ [ 0 , 0 ] ] , "objective" : "fairness" } \n';
    const { problem } = parseProblem(encode(text));
    expect(problem.objective).toBe('fairness');
    expect(Array.from(problem.menteeCapacity)).toEqual([2]);
    expect(problem.scores.format).toBe('sparse');
    expect(Array.from(problem.pinned as Int32Array)).toEqual([0, 0]);
  });

  it('accepts integral floats and exponents in scores, rejects fractions and negatives', () => {
    const ok = parseProblem(encode(base('{"format":"dense","data":[1.0,1e2]}')));
    expect(Array.from(ok.problem.scores.data)).toEqual([1, 100]);
    expect(failure(base('{"format":"dense","data":[1,2.5]}'))).toMatchObject({
      path: 'scores.data[1]',
      message: expect.stringContaining('2.5 is not an integer'),
    });
    expect(failure(base('{"format":"dense","data":[-3,2]}')).message).toContain('-3 is out of range 0..1000');
    expect(failure(base('{"format":"dense","data":[1,1200]}'))).toMatchObject({
      path: 'scores.data[1]',
      message: expect.stringContaining('1200 is out of range 0..1000'),
    });
    expect(failure(base('{"format":"dense","data":[1,2e3]}')).message).toContain('2000 is out of range');
  });

  it('reports syntax errors with the byte position', () => {
    expect(failure(base('{"format":"dense","data":[1,,2]}')).message).toMatch(/byte \d+ .*expected a number/);
    expect(failure(base('{"format":"dense","data":[01,2]}')).message).toContain('leading zeros');
    expect(failure(base('{"format":"dense","data":[1 2]}')).message).toContain("expected ',' or ']'");
    expect(failure('{"mentees": [}').message).toContain('byte 13');
    expect(failure(base('{"format":"dense","data":[1,2]}', ',"x": tru')).message).toContain(
      'expected a value',
    );
    expect(failure(base('{"format":"dense","data":[1,2]}') + 'x').message).toContain('unexpected data');
    expect(failure('').message).toContain('ends early');
  });

  it('reports truncated files at every cut point, never a crash', () => {
    const text = base('{"format":"sparse","indptr":[0,1,1],"indices":[0],"data":[5]}', ',"pinned":[[0,0]]');
    for (let cut = 0; cut < text.length; cut++) {
      const issue = failure(text.slice(0, cut));
      expect(issue.message.length).toBeGreaterThan(0);
    }
  });

  it('names missing and mistyped fields', () => {
    expect(failure('{"mentors":[],"scores":{"format":"dense","data":[]}}').path).toBe('mentees');
    expect(failure('{"mentees":[],"mentors":[{"id":1}],"scores":{"format":"dense","data":[]}}').path).toBe(
      'mentors[0].capacity',
    );
    expect(failure(base('{"format":"dense"}')).path).toBe('scores.data');
    expect(failure(base('{"data":[1,2]}')).path).toBe('scores.format');
    expect(failure(base('{"format":"csr","data":[1,2]}')).path).toBe('scores.format');
    expect(failure(base('{"format":"dense","data":[1,2]}', ',"objective":"speed"')).path).toBe('objective');
    expect(failure(base('{"format":"dense","data":[1,2]}', ',"forbidden":[[0]]')).path).toBe('forbidden[0]');
    expect(failure(base('{"format":"dense","data":[1,2]}', ',"pinned":[[0,-1]]')).path).toBe('pinned[0][1]');
    expect(failure(base('{"format":"dense","data":[1,2]}', ',"version":2')).path).toBe('version');
    expect(failure(base('{"format":"dense","data":[1,2]}', ',"minScore":2000')).path).toBe('minScore');
  });

  it('round-trips what the writer produces', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 6 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 1000 }),
        (n, m, isSparse, seed) => {
          const data = Int32Array.from({ length: n * m }, (_, k) => (k * 7919 + seed) % 1001);
          const problem: SolverProblem = {
            objective: 'coverage',
            menteeCount: n,
            mentorCount: m,
            menteeCapacity: Int32Array.from({ length: n }, (_, i) => 1 + (i % 2)),
            mentorCapacity: Int32Array.from({ length: m }, (_, j) => j % 4),
            scores: isSparse
              ? {
                  format: 'sparse',
                  indptr: Int32Array.from({ length: n + 1 }, (_, i) => i * m),
                  indices: Int32Array.from({ length: n * m }, (_, e) => e % m),
                  data,
                }
              : { format: 'dense', data },
            forbidden: n > 0 && m > 0 ? [[n - 1, m - 1]] : [],
            minScore: seed % 300,
            pinned: [],
          };
          const text = Array.from(problemJsonChunks(problem)).join('');
          const parsed = parseProblem(encode(text)).problem;
          expect(parsed.objective).toBe('coverage');
          expect(Array.from(parsed.scores.data)).toEqual(Array.from(data));
          expect(Array.from(parsed.mentorCapacity)).toEqual(Array.from(problem.mentorCapacity));
          expect(Array.from(parsed.forbidden as Int32Array)).toEqual(n > 0 && m > 0 ? [n - 1, m - 1] : []);
          expect(parsed.minScore).toBe(problem.minScore);
        },
      ),
      { numRuns: 100 },
    );
  });
});
