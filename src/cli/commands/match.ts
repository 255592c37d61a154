import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Option, type Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { endpointPath, API } from '../../contracts/endpoints.ts';
import type { MatchRun } from '../../contracts/match-runs.ts';
import { AppError } from '../../core/errors.ts';
import { MATCH_OBJECTIVES } from '../../core/matching/index.ts';
import { formatSolution, parseProblem } from '../../core/matching/format/index.ts';
import { solve } from '../../core/matching/solver/index.ts';
import type { SolverObjective } from '../../core/matching/solver-types.ts';
import { callApi } from '../remote/api-client.ts';
import { resolveCredentials } from '../remote/credentials.ts';
import { formatTable, printJson } from '../remote/output.ts';
import { say } from '../support.ts';

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

/** The lines people read about a run. */
function describeRun(run: MatchRun): string[] {
  const s = run.summary;
  return [
    `Match run ${run.id} (${run.status}${run.isIncremental ? ', incremental' : ''}) of cohort ${run.cohortName}`,
    `Objective ${run.objective}: ${s.pairCount} pairs, ${s.matchedMentees} of ${s.menteeCount} mentees matched (${percent(s.coverage)}), ` +
      `mean score ${s.meanScore}, lowest ${s.minScore ?? '–'}${s.isProvenOptimal === null ? '' : s.isProvenOptimal ? ', proven optimal' : ', not proven optimal'}`,
  ];
}

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

  match
    .command('run')
    .description('Run matching for a program on the server and store the result as a draft')
    .argument('<programId>', 'the program to match')
    .option('--cohort <id>', 'the cohort (default: the program’s cohort in matching, else the running one)')
    .addOption(new Option('--objective <objective>', 'what to optimise').choices([...MATCH_OBJECTIVES]))
    .option('--min-score <score>', 'no pair scoring under this (0..1000)')
    .option('--json', 'print the run as JSON')
    .action(
      async (
        programId: string,
        options: {
          cohort?: string;
          objective?: (typeof MATCH_OBJECTIVES)[number];
          minScore?: string;
          json?: boolean;
        },
      ) => {
        const credentials = resolveCredentials(loadConfig());
        const minScore = options.minScore === undefined ? undefined : Number(options.minScore);
        if (minScore !== undefined && (!Number.isInteger(minScore) || minScore < 0 || minScore > 1000)) {
          throw AppError.validation([{ path: '--min-score', message: 'must be a whole number 0..1000' }]);
        }
        const { run } = await callApi(credentials, endpointPath(API.createMatchRun, { programId }), {
          method: 'POST',
          body: {
            ...(options.cohort ? { cohortId: options.cohort } : {}),
            ...(options.objective ? { objective: options.objective } : {}),
            ...(minScore === undefined ? {} : { minScore }),
          },
          schema: API.createMatchRun.response,
        });
        if (options.json) return printJson(run);
        say(...describeRun(run), '');
        say(
          formatTable(
            ['Mentee', 'Mentor', 'Score', 'Top reason'],
            run.pairs.map((pair) => [
              pair.mentee.name,
              pair.mentor.name,
              String(pair.score),
              pair.reasons[0]?.reason ?? '',
            ]),
          ),
        );
        if (run.unmatched.length > 0) {
          say('', `${run.unmatched.length} unmatched:`);
          say(
            formatTable(
              ['Mentee', 'Reason'],
              run.unmatched.map((entry) => [entry.mentee.name, entry.detail]),
            ),
          );
        }
        say('', `Publish with: secondchair match publish ${run.id}`);
      },
    );

  match
    .command('publish')
    .description('Publish a draft match run: relationships are created and both sides are emailed')
    .argument('<runId>', 'the draft run')
    .option('--json', 'print the result as JSON')
    .action(async (runId: string, options: { json?: boolean }) => {
      const credentials = resolveCredentials(loadConfig());
      const published = await callApi(credentials, endpointPath(API.publishMatchRun, { runId }), {
        method: 'POST',
        body: {},
        schema: API.publishMatchRun.response,
      });
      if (options.json) return printJson(published);
      say(
        ...describeRun(published.run),
        `Published by ${published.run.publishedBy ?? 'you'}: ${published.relationshipsCreated} relationships created, ${published.emailsSent} emails queued.`,
      );
    });
}
