/**
 * Matching benchmark: `npm run bench:matching [-- --sizes S,M --objectives quality --variants base,two]`.
 * Each instance is generated in memory, written to a temp file in the interchange format and read back
 * through the same parser the CLI uses (the "read" column), then solved once per objective.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseProblem, problemJsonChunks } from '../../src/core/matching/format/index.ts';
import { solve } from '../../src/core/matching/solver/index.ts';
import type { SolverObjective } from '../../src/core/matching/solver-types.ts';
import { generateInstance, SIZES } from './generate.ts';

function flag(name: string, fallback: string): string[] {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? process.argv[index + 1] : fallback;
  return value.split(',').filter(Boolean);
}

const sizes = flag('sizes', 'S,M,L,Lsp,XL');
const objectives = flag('objectives', 'quality,coverage,fairness') as SolverObjective[];
const variants = flag('variants', 'base,two');
for (const size of sizes)
  if (!SIZES[size]) throw new Error(`unknown size ${size}; use ${Object.keys(SIZES).join(',')}`);

const directory = mkdtempSync(join(tmpdir(), 'bench-matching-'));
const rows: string[] = [];
const header =
  '| size | objective | variant | file MB | read s | solve s | peak RSS MB | heap MB | objective value | coverage | min | rounds | proven optimal |';
console.log(header);
console.log('|' + '---|'.repeat(13));

// Warm the JIT on a small instance, once per objective (each takes its own code paths), so the first
// measured rows are not mostly compilation.
for (const objective of ['quality', 'coverage', 'fairness'] as const) {
  solve(generateInstance({ ...SIZES.S, twoMentorShare: 0.1, seed: 7 }, objective));
}

try {
  for (const size of sizes) {
    for (const variant of variants) {
      const spec = { ...SIZES[size], twoMentorShare: variant === 'two' ? 0.1 : 0, seed: 20_260_101 };
      let file = join(directory, `${size}-${variant}.json`);
      {
        const instance = generateInstance(spec, 'quality');
        const fd = openSync(file, 'w');
        for (const chunk of problemJsonChunks(instance)) writeSync(fd, chunk);
        closeSync(fd);
      }
      const readStarted = performance.now();
      const bytes = readFileSync(file);
      const parsed = parseProblem(bytes).problem;
      const read = (performance.now() - readStarted) / 1000;
      const megabytes = bytes.length / 1e6;
      rmSync(file);
      file = '';
      for (const objective of objectives) {
        const started = performance.now();
        const result = solve({ ...parsed, objective });
        const seconds = (performance.now() - started) / 1000;
        const memory = process.memoryUsage();
        const row = [
          size,
          objective,
          variant === 'two' ? '10% take 2' : 'base',
          megabytes.toFixed(1),
          read.toFixed(2),
          seconds.toFixed(3),
          (process.resourceUsage().maxRSS / 1024).toFixed(0),
          (memory.heapUsed / 1e6).toFixed(0),
          String(result.objective),
          `${(result.stats.coverage * 100).toFixed(1)}%`,
          String(result.stats.minScore),
          String(result.stats.rounds),
          result.isProvenOptimal ? 'yes' : 'NO',
        ];
        const line = `| ${row.join(' | ')} |`;
        rows.push(line);
        console.log(line);
      }
    }
  }
} finally {
  rmSync(directory, { recursive: true, force: true });
}
