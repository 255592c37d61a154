import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Option, type Command } from 'commander';
import { AppError } from '../../core/errors.ts';
import { formatSolution, parseProblem } from '../../core/matching/format/index.ts';
import { solve } from '../../core/matching/solver/index.ts';
import type { SolverObjective } from '../../core/matching/solver-types.ts';

/** Registers `secondchair match ...` (see docs/matching-format.md and issue 3). */
export function registerMatchCommand(program: Command): void {
  const match = program
    .command('match')
    .description('Matching engine commands (see docs/matching-format.md)');
  match
    .command('solve')
    .description('Solve a matching problem file and write the solution JSON')
    .argument('<problem>', 'problem JSON file (docs/matching-format.md)')
    .option('-o, --out <file>', 'write the solution here instead of standard output')
    .addOption(
      new Option('--objective <objective>', 'override the objective in the file').choices([
        'quality',
        'coverage',
        'fairness',
      ]),
    )
    .action((problemPath: string, options: { out?: string; objective?: SolverObjective }) => {
      const started = performance.now();
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(problemPath);
      } catch (error) {
        const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
        throw new AppError('NOT_FOUND', `cannot read ${problemPath} (${reason})`);
      }
      const file = parseProblem(bytes);
      const problem = options.objective ? { ...file.problem, objective: options.objective } : file.problem;
      const read = (performance.now() - started) / 1000;
      const solveStarted = performance.now();
      const result = solve(problem);
      const solveSeconds = (performance.now() - solveStarted) / 1000;
      const text = formatSolution(result, { read, solve: solveSeconds });
      if (options.out) {
        writeFileSync(options.out, text);
        process.stderr.write(
          `${problem.objective}: ${result.pairs.length} pairs, objective ${result.objective}, ` +
            `coverage ${(result.stats.coverage * 100).toFixed(1)}%, ` +
            `${result.isProvenOptimal ? 'proven optimal' : 'NOT proven optimal'}; ` +
            `read ${read.toFixed(3)} s, solve ${solveSeconds.toFixed(3)} s → ${options.out}\n`,
        );
      } else process.stdout.write(text);
    });
}
