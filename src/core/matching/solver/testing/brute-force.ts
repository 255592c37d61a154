import type { SolverObjective, SolverProblem } from '../../solver-types.ts';
import { pairAt, pairCount } from '../prepare.ts';

/** Lexicographic value of a matching under an objective (compare element by element, larger wins). */
export function objectiveVector(
  objective: SolverObjective,
  pairs: ReadonlyArray<readonly [number, number]>,
  scoreOf: (i: number, j: number) => number,
): number[] {
  let total = 0;
  let lowest = Infinity;
  const covered = new Set<number>();
  for (const [i, j] of pairs) {
    const s = scoreOf(i, j);
    total += s;
    lowest = Math.min(lowest, s);
    covered.add(i);
  }
  if (objective === 'quality') return [total];
  if (objective === 'coverage') return [covered.size, total];
  return [covered.size, lowest, total];
}

function compare(a: number[], b: number[]): number {
  for (let t = 0; t < a.length; t++) if (a[t] !== b[t]) return a[t] - b[t];
  return 0;
}

/** Score lookup for a problem (-1 when the pair is not listed). */
export function scoreLookup(problem: SolverProblem): (i: number, j: number) => number {
  const s = problem.scores;
  if (s.format === 'dense') return (i, j) => s.data[i * problem.mentorCount + j];
  return (i, j) => {
    for (let e = s.indptr[i]; e < s.indptr[i + 1]; e++) if (s.indices[e] === j) return s.data[e];
    return -1;
  };
}

/** The best objective vector over every feasible matching, by plain enumeration (tiny instances only). */
export function bruteForceOptimum(problem: SolverProblem): number[] {
  const n = problem.menteeCount;
  const m = problem.mentorCount;
  const scoreOf = scoreLookup(problem);
  const forbidden = new Set<number>();
  for (let k = 0; k < pairCount(problem.forbidden); k++) {
    forbidden.add(pairAt(problem.forbidden, k, 0) * m + pairAt(problem.forbidden, k, 1));
  }
  const pinned = new Set<number>();
  for (let k = 0; k < pairCount(problem.pinned); k++) {
    pinned.add(pairAt(problem.pinned, k, 0) * m + pairAt(problem.pinned, k, 1));
  }
  const options: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < m; j++) {
      const key = i * m + j;
      const s = scoreOf(i, j);
      if (pinned.has(key)) continue;
      if (s >= 0 && s >= problem.minScore && !forbidden.has(key)) row.push(j);
    }
    options.push(row);
  }
  const load = new Array<number>(m).fill(0);
  const chosen: Array<[number, number]> = [];
  for (const key of pinned) {
    const i = Math.floor(key / m);
    const j = key % m;
    chosen.push([i, j]);
    load[j]++;
  }
  let best: number[] | null = null;
  const pinnedPer = new Array<number>(n).fill(0);
  for (const [i] of chosen) pinnedPer[i]++;
  const visit = (i: number): void => {
    if (i === n) {
      const value = objectiveVector(problem.objective, chosen, scoreOf);
      if (best === null || compare(value, best) > 0) best = value;
      return;
    }
    const room = problem.menteeCapacity[i] - pinnedPer[i];
    const row = options[i];
    const pick = (from: number, left: number): void => {
      visit(i + 1);
      if (left === 0) return;
      for (let t = from; t < row.length; t++) {
        const j = row[t];
        if (load[j] >= problem.mentorCapacity[j]) continue;
        load[j]++;
        chosen.push([i, j]);
        pick(t + 1, left - 1);
        chosen.pop();
        load[j]--;
      }
    };
    pick(0, room);
  };
  visit(0);
  return best!;
}
