/**
 * Solve-only timing for one size and objective, for profiling:
 * `node --import tsx --cpu-prof bench/matching/profile.ts L quality [base|two] [repeats]`.
 * Generates the instance in memory (no file round trip) and prints each solve's seconds.
 */
import { performance } from 'node:perf_hooks';
import { solve } from '../../src/core/matching/solver/index.ts';
import type { SolverObjective } from '../../src/core/matching/solver-types.ts';
import { generateInstance, SIZES } from './generate.ts';

const [size = 'M', objective = 'quality', variant = 'base', repeatText = '3'] = process.argv.slice(2);
const spec = { ...SIZES[size], twoMentorShare: variant === 'two' ? 0.1 : 0, seed: 20_260_101 };
const problem = generateInstance(spec, objective as SolverObjective);
solve(generateInstance({ ...SIZES.S, twoMentorShare: 0.1, seed: 7 }, 'quality'));
const times: number[] = [];
for (let r = 0; r < Number(repeatText); r++) {
  const started = performance.now();
  const result = solve(problem);
  const seconds = (performance.now() - started) / 1000;
  times.push(seconds);
  const { rounds, candidatePairs, violationsAdded, augmentations, settledNodes, fairnessThreshold } =
    result.stats;
  console.log(
    JSON.stringify({
      size,
      objective,
      variant,
      seconds: Number(seconds.toFixed(3)),
      value: result.objective,
      min: result.stats.minScore,
      matched: result.stats.matchedMentees,
      proven: result.isProvenOptimal,
      rounds,
      candidatePairs,
      violationsAdded,
      augmentations,
      settledNodes,
      fairnessThreshold,
    }),
  );
}
times.sort((a, b) => a - b);
console.log(
  `min ${times[0].toFixed(3)} median ${times[times.length >> 1].toFixed(3)} peakRSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);
