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
  if (certificate.stage === 'coverage' && certificate.coverageBonus < coverageBonusFor(prep)) {
    return fail('coverage bonus too small to rank coverage first');
  }
  const bonus = certificate.stage === 'coverage' ? certificate.coverageBonus : 0;
  const isMenteeFirst = certificate.orientation === 'mentee';
  // Left nodes supply the flow; right nodes drain into the sink. Map everything to that view.
  const leftCount = isMenteeFirst ? n : m;
  const rightCount = isMenteeFirst ? m : n;
  const leftCapacity = isMenteeFirst ? prep.menteeCapacity : prep.mentorCapacity;
  const rightCapacity = isMenteeFirst ? prep.mentorCapacity : prep.menteeCapacity;
  const P = isMenteeFirst ? certificate.menteePotential : certificate.mentorPotential;
  const Q = isMenteeFirst ? certificate.mentorPotential : certificate.menteePotential;
  const T = certificate.sinkPotential;
  const { threshold } = certificate;
  const menteeBonus = (i: number): number => (prep.pinnedPerMentee[i] === 0 ? bonus : 0);
  const leftBonus = (l: number): number => (isMenteeFirst ? menteeBonus(l) : 0);
  const rightBonus = (r: number): number => (isMenteeFirst ? 0 : menteeBonus(r));
  if (P.length !== leftCount || Q.length !== rightCount) return fail('potentials have the wrong length');
  const weightOf = (i: number, j: number): number => {
    if (prep.dense) return prep.dense[i * m + j];
    for (let e = prep.offsets![i]; e < prep.offsets![i + 1]; e++)
      if (prep.mentors![e] === j) return prep.weights![e];
    return -1;
  };
  const pinnedKeys = new Set<number>();
  for (let t = 0; t < prep.pinned.length; t += 3) pinnedKeys.add(prep.pinned[t] * m + prep.pinned[t + 1]);
  const leftUsed = new Int32Array(leftCount);
  const rightUsed = new Int32Array(rightCount);
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
    const l = isMenteeFirst ? i : j;
    const r = isMenteeFirst ? j : i;
    leftUsed[l]++;
    rightUsed[r]++;
    primal += w;
    // Reverse arc r→l of a used pair: w + q_r - p_l >= 0.
    if (w + Q[r] - P[l] < 0) return fail(`used pair [${i}, ${j}] has negative reverse reduced cost`);
  }
  if (pinnedKeys.size > 0) return fail('a pinned pair is missing');
  for (let l = 0; l < leftCount; l++) {
    const a = leftCapacity[l];
    if (leftUsed[l] > a) return fail(`node ${l} over capacity`);
    if (a === 0) continue;
    const dummies = a - leftUsed[l];
    // The u-th dummy unit (1-based) costs the bonus only when u = a (the mentee would have no mentor).
    if (dummies < a) {
      const next = dummies + 1 === a ? leftBonus(l) : 0;
      if (next + P[l] - T < 0) return fail(`node ${l}: dummy arc has negative reduced cost`);
    }
    if (dummies > 0) {
      const last = dummies === a ? leftBonus(l) : 0;
      if (-last - P[l] + T < 0) return fail(`node ${l}: reverse dummy arc has negative reduced cost`);
    }
  }
  for (let r = 0; r < rightCount; r++) {
    const used = rightUsed[r];
    if (used > rightCapacity[r]) return fail(`node ${r} over capacity`);
    // The first unit into a right node earns its bonus (cost -bonus); later units cost 0.
    if (used < rightCapacity[r] && (used === 0 ? -rightBonus(r) : 0) + Q[r] - T < 0) {
      return fail(`node ${r}: free seat with negative reduced cost`);
    }
    if (used > 0 && (used === 1 ? rightBonus(r) : 0) + T - Q[r] < 0) {
      return fail(`node ${r}: reverse sink arc has negative reduced cost`);
    }
  }
  // Every eligible unused pair, over the whole problem (not just the candidates the solver saw).
  let slack = 0;
  const u = (l: number): number => Math.max(0, P[l] - T);
  const v = (r: number): number => Math.max(0, T - Q[r]);
  for (let i = 0; i < n; i++) {
    const check = (j: number, w: number): string | null => {
      if (w < 0 || w < threshold) return null;
      const l = isMenteeFirst ? i : j;
      const r = isMenteeFirst ? j : i;
      if (leftCapacity[l] === 0 || rightCapacity[r] === 0) return null;
      slack += Math.max(0, w - u(l) - v(r));
      if (matched.has(i * m + j)) return null;
      return P[l] - w - Q[r] < 0 ? `unused pair [${i}, ${j}] has negative reduced cost` : null;
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
    for (let l = 0; l < leftCount; l++) dual += leftCapacity[l] * u(l);
    for (let r = 0; r < rightCount; r++) dual += rightCapacity[r] * v(r);
  }
  return { isValid: true, failure: null, dualObjective: dual, primalObjective: primal };
}
