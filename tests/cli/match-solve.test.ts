import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
let directory = '';

async function solveCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', ['bin/secondchair.mjs', 'match', 'solve', ...args], {
      cwd: root,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

function write(name: string, text: string): string {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
}

const problem = {
  version: 1,
  objective: 'quality',
  mentees: [
    { id: 'ana', capacity: 1 },
    { id: 'ben', capacity: 1 },
    { id: 'cy', capacity: 1 },
  ],
  mentors: [
    { id: 'dee', capacity: 1 },
    { id: 'eli', capacity: 1 },
  ],
  scores: { format: 'dense', data: [900, 800, 850, 10, 100, 0] },
  forbidden: [[2, 1]],
  minScore: 0,
  pinned: [],
};

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'match-solve-'));
});

describe('secondchair match solve', () => {
  it('writes an optimal solution with reasons, stats and timings to --out', async () => {
    const input = write('problem.json', JSON.stringify(problem));
    const out = join(directory, 'solution.json');
    const result = await solveCli(input, '--out', out);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('proven optimal');
    const solution = JSON.parse(readFileSync(out, 'utf8'));
    // 900 + 10 < 800 + 850: ana takes eli so ben can have dee.
    expect(solution.pairs).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(solution.objective).toBe(1650);
    expect(solution.isProvenOptimal).toBe(true);
    expect(solution.unmatched).toEqual([
      { mentee: 2, reason: 'feasible-mentors-full', message: expect.any(String) },
    ]);
    expect(solution.stats).toMatchObject({ matchedMentees: 2, menteeCount: 3, minScore: 800 });
    expect(solution.seconds.read).toBeGreaterThanOrEqual(0);
    expect(solution.seconds.solve).toBeGreaterThanOrEqual(0);
  });

  it('prints to standard output and honours --objective', async () => {
    const input = write(
      'coverage.json',
      JSON.stringify({ ...problem, minScore: 5, scores: { format: 'dense', data: [900, 10, 850, 0, 0, 0] } }),
    );
    const quality = JSON.parse((await solveCli(input)).stdout);
    expect(quality.pairs).toEqual([[0, 0]]);
    const coverage = JSON.parse((await solveCli(input, '--objective', 'coverage')).stdout);
    expect(coverage.pairs).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });

  it('exits 2 with the field and position for an out-of-range score, without a stack trace', async () => {
    const scores = [900, 800, 850, 10, 1200, 0];
    const input = write(
      'range.json',
      JSON.stringify({ ...problem, scores: { format: 'dense', data: scores } }),
    );
    const result = await solveCli(input);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('scores.data[4]: 1200 is out of range 0..1000');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for broken JSON, wrong lengths, bad indices and forbidden pins', async () => {
    const cases: Array<[string, string]> = [
      ['{"mentees": [', 'invalid JSON at byte'],
      [
        JSON.stringify({ ...problem, scores: { format: 'dense', data: [1, 2] } }),
        'scores.data: has 2 scores, expected 6',
      ],
      [JSON.stringify({ ...problem, forbidden: [[0, 9]] }), 'forbidden[0][1]: mentor 9 is out of bounds'],
      [
        JSON.stringify({ ...problem, pinned: [[2, 1]] }),
        'pinned[0]: pair [2, 1] is pinned but also forbidden',
      ],
      [JSON.stringify({ ...problem, mentors: undefined }), 'mentors: is missing'],
    ];
    for (const [index, [text, expected]] of cases.entries()) {
      const result = await solveCli(write(`bad-${index}.json`, text));
      expect(result.code, text).toBe(2);
      expect(result.stderr).toContain(expected);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('exits non-zero with a message for a missing file', async () => {
    const result = await solveCli(join(directory, 'nope.json'));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('cannot read');
  });
});
