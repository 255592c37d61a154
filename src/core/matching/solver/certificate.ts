import type { SolverProblem, SolverResult } from '../solver-types.ts';
import { prepareProblem } from './prepare.ts';
import { coverageBonusFor } from './solve.ts';

export interface CertificateCheck {
  isValid: boolean;
  /** The first failed condition, for test output. */
  failure: string | null;
  /**
   * Quality stage only: the LP dual objective sum(a_i u_i) + sum(b_j v_j) + sum(max(0, w_ij - u_i - v_j))
   * with u_i = max(0, p_i - p_t), v_j = max(0, p_t - p_j). Equal to the primal total when optimal.
   */
  dualObjective: number | null;
  /** Total score of the non-pinned pairs (the primal objective of the stage). */
  primalObjective: number;
}

/**
 * Re-checks a result's certificate from the problem alone, independent of the solver's internals:
 * the pairs are feasible, and the potentials give every residual arc of the stage's flow network a
 * non-negative reduced cost (the min-cost-flow optimality condition, i.e. LP duality).
 */
export function verifyCertificate(problem: SolverProblem, result: SolverResult): CertificateCheck {
  const certificate = result.certificate;
  const fail = (failure: string): CertificateCheck => ({
    isValid: false,
    failure,
    dualObjective: null,
    primalObjective: 0,
  });
  if (!certificate) return fail('no certificate');
  const prep = prepareProblem(problem);
  const n = prep.menteeCount;
  const m = prep.mentorCount;
  const { threshold, menteePotential: P, mentorPotential: Q, sinkPotential: T } = certificate;
  if (certificate.stage === 'coverage' && certificate.coverageBonus < coverageBonusFor(prep)) {
    return fail('coverage bonus too small to rank coverage first');
  }
  const bonus = certificate.stage === 'coverage' ? certificate.coverageBonus : 0;
  const weightOf = (i: number, j: number): number => {
    if (prep.dense) return prep.dense[i * m + j];
    for (let e = prep.offsets![i]; e < prep.offsets![i + 1]; e++)
      if (prep.mentors![e] === j) return prep.weights![e];
    return -1;
  };
  const pinnedKeys = new Set<number>();
  for (let t = 0; t < prep.pinned.length; t += 3) pinnedKeys.add(prep.pinned[t] * m + prep.pinned[t + 1]);
  const real = new Int32Array(n);
  const used = new Int32Array(m);
  const matched = new Set<number>();
  let primal = 0;
  for (const [i, j] of result.pairs) {
    const key = i * m + j;
    if (pinnedKeys.has(key)) {
      pinnedKeys.delete(key);
      continue;
    }
    if (matched.has(key)) return fail(`pair [${i}, ${j}] appears twice`);
    const w = weightOf(i, j);
    if (w < 0 || w < threshold) return fail(`pair [${i}, ${j}] is not eligible`);
    matched.add(key);
    real[i]++;
    used[j]++;
    primal += w;
    // Reverse arc j→i of a used pair: w + q_j - p_i >= 0.
    if (w + Q[j] - P[i] < 0) return fail(`used pair [${i}, ${j}] has negative reverse reduced cost`);
  }
  if (pinnedKeys.size > 0) return fail('a pinned pair is missing');
  for (let i = 0; i < n; i++) {
    const a = prep.menteeCapacity[i];
    if (real[i] > a) return fail(`mentee ${i} over capacity`);
    if (a === 0) continue;
    const dummies = a - real[i];
    const menteeBonus = prep.pinnedPerMentee[i] === 0 ? bonus : 0;
    // The u-th dummy unit (1-based) costs the bonus only when u = a (the mentee would have no mentor).
    if (dummies < a) {
      const next = dummies + 1 === a ? menteeBonus : 0;
      if (next + P[i] - T < 0) return fail(`mentee ${i}: dummy arc has negative reduced cost`);
    }
    if (dummies > 0) {
      const last = dummies === a ? menteeBonus : 0;
      if (-last - P[i] + T < 0) return fail(`mentee ${i}: reverse dummy arc has negative reduced cost`);
    }
  }
  for (let j = 0; j < m; j++) {
    if (used[j] > prep.mentorCapacity[j]) return fail(`mentor ${j} over capacity`);
    if (used[j] < prep.mentorCapacity[j] && Q[j] - T < 0)
      return fail(`mentor ${j}: free seat with negative reduced cost`);
    if (used[j] > 0 && T - Q[j] < 0) return fail(`mentor ${j}: reverse sink arc has negative reduced cost`);
  }
  // Every eligible unused pair, over the whole problem (not just the candidates the solver saw).
  let slack = 0;
  const u = (i: number): number => Math.max(0, P[i] - T);
  const v = (j: number): number => Math.max(0, T - Q[j]);
  for (let i = 0; i < n; i++) {
    if (prep.menteeCapacity[i] === 0) continue;
    const check = (j: number, w: number): string | null => {
      if (w < 0 || w < threshold) return null;
      slack += Math.max(0, w - u(i) - v(j));
      if (matched.has(i * m + j)) return null;
      return P[i] - w - Q[j] < 0 ? `unused pair [${i}, ${j}] has negative reduced cost` : null;
    };
    if (prep.dense) {
      for (let j = 0; j < m; j++) {
        const problemText = check(j, prep.dense[i * m + j]);
        if (problemText) return fail(problemText);
      }
    } else {
      for (let e = prep.offsets![i]; e < prep.offsets![i + 1]; e++) {
        const problemText = check(prep.mentors![e], prep.weights![e]);
        if (problemText) return fail(problemText);
      }
    }
  }
  let dual: number | null = null;
  if (certificate.stage === 'quality') {
    dual = slack;
    for (let i = 0; i < n; i++) dual += prep.menteeCapacity[i] * u(i);
    for (let j = 0; j < m; j++) dual += prep.mentorCapacity[j] * v(j);
  }
  return { isValid: true, failure: null, dualObjective: dual, primalObjective: primal };
}
