import type { PairList, SolverProblem, SolverResult } from '../solver-types.ts';

/** Wall-clock seconds of the two phases, measured by the caller (core has no clock). */
export interface SolutionTimings {
  read: number;
  solve: number;
}

/** The solution JSON of docs/matching-format.md (pairs, objective, unmatched, stats, seconds). */
export function formatSolution(result: SolverResult, seconds: SolutionTimings): string {
  // 50,000 pairs as one JSON.stringify of nested arrays is fine; the certificate's potentials are
  // internal and stay out of the file.
  const body = {
    pairs: result.pairs,
    objective: result.objective,
    isProvenOptimal: result.isProvenOptimal,
    unmatched: result.unmatched,
    stats: result.stats,
    seconds: { read: round(seconds.read), solve: round(seconds.solve) },
  };
  // One line per top-level field: readable in a terminal, still compact for 50,000 pairs.
  const lines = Object.entries(body).map(
    ([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`,
  );
  return `{\n${lines.join(',\n')}\n}\n`;
}

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}

function pairsJson(list: PairList): string {
  const parts: string[] = [];
  const count = list instanceof Int32Array ? list.length >> 1 : list.length;
  for (let k = 0; k < count; k++) {
    const i = list instanceof Int32Array ? list[2 * k] : list[k][0];
    const j = list instanceof Int32Array ? list[2 * k + 1] : list[k][1];
    parts.push(`[${i},${j}]`);
  }
  return `[${parts.join(',')}]`;
}

/**
 * A problem as interchange-format JSON, in chunks so a 25-million-score problem never becomes one
 * 100 MB string (the benchmark writes these chunks to a file and reads them back through the parser).
 */
export function* problemJsonChunks(problem: SolverProblem): Generator<string> {
  const people = (capacity: Int32Array, prefix: string): string =>
    `[${Array.from(capacity, (c, k) => `{"id":"${prefix}${k}","capacity":${c}}`).join(',')}]`;
  yield `{"version":1,"objective":"${problem.objective}",\n"mentees":${people(problem.menteeCapacity, 'e')},\n`;
  yield `"mentors":${people(problem.mentorCapacity, 'r')},\n`;
  const s = problem.scores;
  yield `"scores":{"format":"${s.format}",`;
  if (s.format === 'sparse') {
    yield* numberArrayChunks('indptr', s.indptr);
    yield ',';
    yield* numberArrayChunks('indices', s.indices);
    yield ',';
  }
  yield* numberArrayChunks('data', s.data);
  yield `},\n"forbidden":${pairsJson(problem.forbidden)},\n"minScore":${problem.minScore},\n`;
  yield `"pinned":${pairsJson(problem.pinned)}}\n`;
}

function* numberArrayChunks(key: string, values: ArrayLike<number>): Generator<string> {
  yield `"${key}":[`;
  const chunk = 65_536;
  for (let start = 0; start < values.length; start += chunk) {
    const end = Math.min(values.length, start + chunk);
    let text = start === 0 ? '' : ',';
    for (let k = start; k < end; k++) text += k === start ? `${values[k]}` : `,${values[k]}`;
    yield text;
  }
  yield ']';
}
