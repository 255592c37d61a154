import type { SolverCertificate, SolverProblem, SolverResult, UnmatchedReason } from '../solver-types.ts';
import { addCandidates, selectCandidates, selectTop, type CandidateGraph } from './candidates.ts';
import { FlowEngine } from './flow-engine.ts';
import { MAX_SCORE, prepareProblem, type PreparedProblem } from './prepare.ts';
import { fairnessBottleneck } from './cardinality.ts';

/** Most violating pairs added per mentee and round; more rounds are cheaper than a bloated graph. */
const VIOLATIONS_PER_MENTEE = 24;
/** After this many rounds the stage falls back to every eligible pair (never seen in practice). */
const MAX_ROUNDS = 40;

interface StageResult {
  engine: FlowEngine;
  isProvenOptimal: boolean;
  rounds: number;
  candidatePairs: number;
  violationsAdded: number;
}

/**
 * Bonus for covering a mentee in the coverage stage: larger than any total score, so one more covered
 * mentee always beats any gain in score, and small enough (< 2^53 with the sums) to stay exact.
 */
export function coverageBonusFor(prep: PreparedProblem): number {
  let seats = 0;
  for (let i = 0; i < prep.menteeCount; i++) seats += prep.menteeCapacity[i];
  return MAX_SCORE * (seats + 1) + 1;
}

/** Tuning knobs; the defaults are what the benchmark measured. */
export interface SolveOptions {
  /** Candidates per mentee seat in the first round (tests set 1 to force many certificate rounds). */
  initialCandidates?: number;
  /** Mentor-side candidates per seat in the first round. */
  mentorCandidates?: number;
  order?: 'index' | 'ascending' | 'descending';
  /** Which side supplies the flow (default: the side with fewer seats). */
  orientation?: 'mentee' | 'mentor';
  /** Candidates per mentee for the fairness threshold search (tests set 1 to force full-graph searches). */
  fairnessCandidates?: number;
}

/**
 * Candidates per mentee for the fairness threshold search: its matchings need one seat per mentee, and
 * the search over all pairs settles whatever these miss.
 */
const FAIRNESS_CANDIDATES = 24;

/** Solves a matching problem exactly (quality, coverage or fairness); throws VALIDATION_FAILED on bad input. */
export function solve(problem: SolverProblem, options: SolveOptions = {}): SolverResult {
  const prep = prepareProblem(problem);
  const objective = problem.objective;
  let threshold = -1;
  let stage: 'quality' | 'coverage' = 'quality';
  let bonus = 0;
  let fairnessThreshold: number | null = null;
  if (objective === 'coverage' || objective === 'fairness') {
    stage = 'coverage';
    bonus = coverageBonusFor(prep);
  }
  if (objective === 'fairness') {
    // Lexicographic: the most mentees first, then the highest lowest score, then the total. The
    // bottleneck is the largest threshold that still covers as many mentees (monotone: binary search).
    // Short rows (sparse problems) are taken whole: the candidate graph is then complete and its
    // sorted rows alone decide every threshold, with no second search over all pairs.
    let low: number;
    if (prep.offsets && options.fairnessCandidates === undefined && longestRow(prep) <= 64) {
      // Every row is short: the problem's own pairs are the complete graph (no copy, no sort).
      const own = { offsets: prep.offsets, mentors: prep.mentors!, weights: prep.weights! };
      low = fairnessBottleneck(prep, own, false).threshold;
    } else {
      const fairnessCandidates = new Int32Array(prep.menteeCount);
      for (let i = 0; i < prep.menteeCount; i++) {
        const k = options.fairnessCandidates ?? FAIRNESS_CANDIDATES;
        const rowLength = prep.eligibleCount[i];
        fairnessCandidates[i] = options.fairnessCandidates === undefined && rowLength <= 64 ? rowLength : k;
      }
      const coverGraph = selectCandidates(prep, -1, fairnessCandidates, initialR(prep, {}));
      low = fairnessBottleneck(prep, coverGraph).threshold;
    }
    let pinnedMin = Infinity;
    for (let t = 2; t < prep.pinned.length; t += 3) pinnedMin = Math.min(pinnedMin, prep.pinned[t]);
    // A pinned pair below the bottleneck fixes the lowest score; raising the others' floor gains nothing.
    threshold = Math.min(low, pinnedMin);
    fairnessThreshold = threshold;
  }
  const bonusPerMentee = new Float64Array(prep.menteeCount);
  if (bonus > 0) {
    for (let i = 0; i < prep.menteeCount; i++) if (prep.pinnedPerMentee[i] === 0) bonusPerMentee[i] = bonus;
  }
  // The scarce side supplies the flow: with more mentee seats than mentor seats, mentee-first searches
  // end in long displacement chains once mentors fill up, while mentor-first ones end at one of the
  // many free mentees. The b-matching LP is symmetric, so both orientations are exact.
  let menteeSeats = 0;
  let mentorSeats = 0;
  for (let i = 0; i < prep.menteeCount; i++) menteeSeats += prep.menteeCapacity[i];
  for (let j = 0; j < prep.mentorCount; j++) mentorSeats += prep.mentorCapacity[j];
  const orientation = options.orientation ?? (mentorSeats < menteeSeats ? 'mentor' : 'mentee');
  const stagePrep = orientation === 'mentee' ? prep : transposePrepared(prep);
  const result =
    orientation === 'mentee'
      ? runStage(stagePrep, threshold, bonusPerMentee, null, options)
      : runStage(stagePrep, threshold, new Float64Array(prep.mentorCount), bonusPerMentee, options);
  const certificate: SolverCertificate = {
    stage,
    orientation,
    threshold,
    coverageBonus: bonus,
    menteePotential: orientation === 'mentee' ? result.engine.menteePotential : result.engine.mentorPotential,
    mentorPotential: orientation === 'mentee' ? result.engine.mentorPotential : result.engine.menteePotential,
    sinkPotential: result.engine.sinkPotential,
  };
  return buildResult(prep, result, orientation, certificate, fairnessThreshold);
}

function longestRow(prep: PreparedProblem): number {
  let longest = 0;
  for (let i = 0; i < prep.menteeCount; i++)
    if (prep.eligibleCount[i] > longest) longest = prep.eligibleCount[i];
  return longest;
}

/** The same eligible pairs seen from the mentors' side (rows = mentors). */
export function transposePrepared(prep: PreparedProblem): PreparedProblem {
  const n = prep.menteeCount;
  const m = prep.mentorCount;
  const eligibleCount = new Int32Array(m);
  let dense: Int16Array | null = null;
  let offsets: Int32Array | null = null;
  let mentors: Int32Array | null = null;
  let weights: Int32Array | null = null;
  if (prep.dense) {
    const source = prep.dense;
    dense = new Int16Array(n * m);
    // Blocked transpose: both sides stay in cache.
    const block = 64;
    for (let i0 = 0; i0 < n; i0 += block) {
      for (let j0 = 0; j0 < m; j0 += block) {
        const iEnd = Math.min(n, i0 + block);
        const jEnd = Math.min(m, j0 + block);
        for (let i = i0; i < iEnd; i++) {
          for (let j = j0; j < jEnd; j++) {
            const w = source[i * m + j];
            dense[j * n + i] = w;
            if (w >= 0) eligibleCount[j]++;
          }
        }
      }
    }
  } else {
    const sourceOffsets = prep.offsets!;
    const sourceMentors = prep.mentors!;
    const sourceWeights = prep.weights!;
    offsets = new Int32Array(m + 1);
    for (let e = 0; e < sourceMentors.length; e++) offsets[sourceMentors[e] + 1]++;
    for (let j = 0; j < m; j++) {
      eligibleCount[j] = offsets[j + 1];
      offsets[j + 1] += offsets[j];
    }
    const fill = offsets.slice(0, m);
    mentors = new Int32Array(sourceMentors.length);
    weights = new Int32Array(sourceMentors.length);
    for (let i = 0; i < n; i++) {
      for (let e = sourceOffsets[i]; e < sourceOffsets[i + 1]; e++) {
        const slot = fill[sourceMentors[e]]++;
        mentors[slot] = i;
        weights[slot] = sourceWeights[e];
      }
    }
  }
  return {
    menteeCount: m,
    mentorCount: n,
    menteeCapacity: prep.mentorCapacity,
    mentorCapacity: prep.menteeCapacity,
    pinnedPerMentee: new Int32Array(m),
    pinned: new Int32Array(0),
    dense,
    offsets,
    mentors,
    weights,
    allowedCount: eligibleCount,
    eligibleCount,
    eligiblePairs: prep.eligiblePairs,
    transposeOf: prep,
  };
}

function initialK(prep: PreparedProblem, options: SolveOptions): Int32Array {
  // Measured on the benchmark: about 30 candidates per seat, or 1.5% of a long row, keeps the
  // augmenting searches short (few rivals need long displacement chains) while the arc count stays
  // small; the certificate then rarely finds anything to add.
  const k = new Int32Array(prep.menteeCount);
  const rowLength = prep.menteeCount > 0 ? prep.eligiblePairs / prep.menteeCount : 0;
  const perSeat = options.initialCandidates ?? Math.max(30, Math.ceil(0.015 * rowLength));
  for (let i = 0; i < prep.menteeCount; i++) k[i] = perSeat * prep.menteeCapacity[i];
  return k;
}

/**
 * Mentees with the strongest best pair go first: they take their favourite seats without displacing
 * anyone, and the weaker ones later end their searches at their own empty seat instead of long chains.
 */
function attachOrder(graph: CandidateGraph, n: number, options: SolveOptions): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (options.order === 'index') return order;
  const best = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let top = -1;
    for (let e = graph.offsets[i]; e < graph.offsets[i + 1]; e++)
      if (graph.weights[e] > top) top = graph.weights[e];
    best[i] = top;
  }
  const sign = options.order === 'ascending' ? 1 : -1;
  return order.sort((a, b) => sign * (best[a] - best[b]) || a - b);
}

function initialR(prep: PreparedProblem, options: SolveOptions): Int32Array | null {
  if (options.initialCandidates !== undefined && options.mentorCandidates === undefined) return null;
  const factor = options.mentorCandidates ?? 4;
  const r = new Int32Array(prep.mentorCount);
  for (let j = 0; j < prep.mentorCount; j++) r[j] = factor * prep.mentorCapacity[j] + 2;
  return r;
}

function runStage(
  prep: PreparedProblem,
  threshold: number,
  bonus: Float64Array,
  rightBonus: Float64Array | null,
  options: SolveOptions,
): StageResult {
  const n = prep.menteeCount;
  let graph = selectCandidates(prep, threshold, initialK(prep, options), initialR(prep, options));
  const engine = new FlowEngine(
    prep.menteeCapacity,
    prep.mentorCapacity,
    bonus,
    graph.offsets,
    graph.mentors,
    graph.weights,
    rightBonus,
  );
  for (const i of attachOrder(graph, n, options)) engine.attach(i);
  let rounds = 1;
  let violationsAdded = 0;
  for (;;) {
    const extra = findViolations(prep, engine, threshold);
    if (extra.length === 0) {
      return { engine, isProvenOptimal: true, rounds, candidatePairs: graph.mentors.length, violationsAdded };
    }
    if (rounds >= MAX_ROUNDS) break;
    rounds++;
    violationsAdded += extra.length / 3;
    graph = addCandidates(graph, extra, n);
    warmRestart(engine, graph, extra);
  }
  // Fallback: the whole eligible graph; then the certificate holds by construction, but check anyway.
  graph = selectCandidates(prep, threshold, new Int32Array(n).fill(prep.mentorCount));
  const engine2 = new FlowEngine(
    prep.menteeCapacity,
    prep.mentorCapacity,
    bonus,
    graph.offsets,
    graph.mentors,
    graph.weights,
    rightBonus,
  );
  for (let i = 0; i < n; i++) engine2.attach(i);
  const isProvenOptimal = findViolations(prep, engine2, threshold).length === 0;
  return {
    engine: engine2,
    isProvenOptimal,
    rounds: rounds + 1,
    candidatePairs: graph.mentors.length,
    violationsAdded,
  };
}

/**
 * Re-solves after new candidate pairs: only the mentees that gained pairs are taken out and routed
 * again; the seats they free are repaired first so the potentials stay valid for everyone else.
 */
function warmRestart(engine: FlowEngine, graph: CandidateGraph, extra: Int32Array): void {
  const affected: number[] = [];
  for (let t = 0; t < extra.length; t += 3) {
    const i = extra[t];
    if (affected.length === 0 || affected[affected.length - 1] !== i) affected.push(i);
  }
  const freed: number[] = [];
  for (const i of affected) for (const j of engine.detach(i)) freed.push(j);
  engine.candidateOffsets = graph.offsets;
  engine.candidateMentors = graph.mentors;
  engine.candidateWeights = graph.weights;
  for (const j of freed) engine.repairSeat(j);
  for (const i of affected) engine.attach(i);
}

/**
 * The dual check over ALL eligible pairs: an unused pair with negative reduced cost p(i) - w - p(j)
 * violates the certificate. Returns the most violating pairs per mentee as (mentee, mentor, weight).
 * Potentials are integers stored in float64, so the comparison is exact.
 */
function findViolations(prep: PreparedProblem, engine: FlowEngine, threshold: number): Int32Array {
  const n = prep.menteeCount;
  const m = prep.mentorCount;
  const menteePotential = engine.menteePotential;
  const mentorPotential = engine.mentorPotential;
  const found: number[] = [];
  const rowMentors = new Int32Array(Math.max(m, 1));
  const rowViolation = new Int32Array(Math.max(m, 1));
  const rowWeights = new Int32Array(Math.max(m, 1));
  const weightOf = new Int32Array(Math.max(m, 1));
  for (let i = 0; i < n; i++) {
    if (prep.menteeCapacity[i] === 0) continue;
    const pi = menteePotential[i];
    let length = 0;
    if (prep.dense) {
      const dense = prep.dense;
      const base = i * m;
      for (let j = 0; j < m; j++) {
        const w = dense[base + j];
        // Ineligible pairs are -1, below any threshold >= -1 only when threshold >= 0.
        if (w < 0 || w < threshold) continue;
        if (pi - w - mentorPotential[j] < 0) {
          rowMentors[length] = j;
          weightOf[j] = w;
          length++;
        }
      }
    } else {
      const offsets = prep.offsets!;
      const mentors = prep.mentors!;
      const weights = prep.weights!;
      for (let e = offsets[i]; e < offsets[i + 1]; e++) {
        const w = weights[e];
        if (w < threshold) continue;
        const j = mentors[e];
        if (pi - w - mentorPotential[j] < 0) {
          rowMentors[length] = j;
          weightOf[j] = w;
          length++;
        }
      }
    }
    if (length === 0) continue;
    // Pairs in the matching have non-positive reduced cost by complementary slackness; drop them.
    let kept = 0;
    for (let t = 0; t < length; t++) {
      const j = rowMentors[t];
      if (isPaired(engine, i, j)) continue;
      rowMentors[kept] = j;
      // Larger = more violating; fits int32 only when scaled, so rank by the clamped violation.
      const violation = weightOf[j] + mentorPotential[j] - pi;
      rowViolation[kept] = violation > 2e9 ? 2e9 : violation;
      rowWeights[kept] = weightOf[j];
      kept++;
    }
    const take = Math.min(kept, VIOLATIONS_PER_MENTEE);
    if (take < kept) {
      // Sort by violation, carrying weights through the mentor ids' positions.
      for (let t = 0; t < kept; t++) weightOf[rowMentors[t]] = rowWeights[t];
      selectTop(rowMentors, rowViolation, kept, take);
    }
    for (let t = 0; t < take; t++) found.push(i, rowMentors[t], weightOf[rowMentors[t]]);
  }
  return Int32Array.from(found);
}

function isPaired(engine: FlowEngine, i: number, j: number): boolean {
  const start = engine.menteeSlotStart[i];
  for (let s = start, end = start + engine.menteeReal[i]; s < end; s++) {
    if (engine.menteeSlotMentor[s] === j) return true;
  }
  return false;
}

function buildResult(
  prep: PreparedProblem,
  stage: StageResult,
  orientation: 'mentee' | 'mentor',
  certificate: SolverCertificate,
  fairnessThreshold: number | null,
): SolverResult {
  const engine = stage.engine;
  const n = prep.menteeCount;
  const m = prep.mentorCount;
  // Free pairs per mentee, whatever side supplied the flow.
  const freeOffsets = new Int32Array(n + 1);
  const mentorLoad = new Int32Array(m);
  const leftCount = orientation === 'mentee' ? n : m;
  for (let left = 0; left < leftCount; left++) {
    const start = engine.menteeSlotStart[left];
    for (let s = start, end = start + engine.menteeReal[left]; s < end; s++) {
      const right = engine.menteeSlotMentor[s];
      const i = orientation === 'mentee' ? left : right;
      freeOffsets[i + 1]++;
      mentorLoad[orientation === 'mentee' ? right : left]++;
    }
  }
  for (let i = 0; i < n; i++) freeOffsets[i + 1] += freeOffsets[i];
  const freeMentors = new Int32Array(freeOffsets[n]);
  {
    const fill = freeOffsets.slice(0, n);
    for (let left = 0; left < leftCount; left++) {
      const start = engine.menteeSlotStart[left];
      for (let s = start, end = start + engine.menteeReal[left]; s < end; s++) {
        const right = engine.menteeSlotMentor[s];
        if (orientation === 'mentee') freeMentors[fill[left]++] = right;
        else freeMentors[fill[right]++] = left;
      }
    }
  }
  const pairs: Array<[number, number]> = [];
  const scoresOfPairs: number[] = [];
  const pairCountOf = new Int32Array(n);
  let pinnedCursor = 0;
  const row: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) {
    row.length = 0;
    while (pinnedCursor < prep.pinned.length && prep.pinned[pinnedCursor] === i) {
      row.push([prep.pinned[pinnedCursor + 1], prep.pinned[pinnedCursor + 2]]);
      pinnedCursor += 3;
    }
    for (let e = freeOffsets[i]; e < freeOffsets[i + 1]; e++)
      row.push([freeMentors[e], scoreOf(prep, i, freeMentors[e])]);
    if (row.length > 1) row.sort((a, b) => a[0] - b[0]);
    for (const [j, score] of row) {
      pairs.push([i, j]);
      scoresOfPairs.push(score);
    }
    pairCountOf[i] = row.length;
  }
  let objective = 0;
  let lowest: number | null = null;
  const distribution = new Array<number>(10).fill(0);
  for (const score of scoresOfPairs) {
    objective += score;
    lowest = lowest === null ? score : Math.min(lowest, score);
    distribution[Math.min(9, Math.floor(score / 100))]++;
  }
  const unmatched: SolverResult['unmatched'] = [];
  let matchedMentees = 0;
  for (let i = 0; i < n; i++) {
    const count = pairCountOf[i];
    if (count > 0) matchedMentees++;
    const wanted = prep.menteeCapacity[i] + prep.pinnedPerMentee[i];
    if (count >= wanted) continue;
    const { reason, message } = explainUnmatched(prep, mentorLoad, i, count, wanted, fairnessThreshold, m);
    unmatched.push({ mentee: i, reason, message });
  }
  return {
    pairs,
    objective,
    unmatched,
    stats: {
      matchedMentees,
      menteeCount: n,
      coverage: n === 0 ? 1 : matchedMentees / n,
      meanScore: pairs.length === 0 ? 0 : objective / pairs.length,
      minScore: lowest,
      distribution,
      pairCount: pairs.length,
      fairnessThreshold,
      rounds: stage.rounds,
      candidatePairs: stage.candidatePairs,
      eligiblePairs: prep.eligiblePairs,
      violationsAdded: stage.violationsAdded,
      augmentations: engine.augmentations,
      settledNodes: engine.settledNodes,
    },
    isProvenOptimal: stage.isProvenOptimal,
    certificate,
  };
}

/** Score of an eligible pair (pairs in the matching are always eligible). */
function scoreOf(prep: PreparedProblem, i: number, j: number): number {
  if (prep.dense) return prep.dense[i * prep.mentorCount + j];
  for (let e = prep.offsets![i]; e < prep.offsets![i + 1]; e++)
    if (prep.mentors![e] === j) return prep.weights![e];
  return -1;
}

function explainUnmatched(
  prep: PreparedProblem,
  mentorLoad: Int32Array,
  i: number,
  count: number,
  wanted: number,
  fairnessThreshold: number | null,
  m: number,
): { reason: UnmatchedReason; message: string } {
  if (count > 0) {
    return {
      reason: 'partially-matched',
      message: `Matched with ${count} of the ${wanted} mentors wanted; no further pair fits the optimum.`,
    };
  }
  if (prep.allowedCount[i] === 0) {
    return {
      reason: 'no-feasible-mentor',
      message: 'No mentor is a candidate: every pair is forbidden or unlisted.',
    };
  }
  if (prep.eligibleCount[i] === 0) {
    return { reason: 'below-min-score', message: 'Every candidate mentor scores under the minimum score.' };
  }
  let hasFreeSeat = false;
  let hasFreeSeatAboveThreshold = false;
  const visit = (j: number, w: number): void => {
    if (mentorLoad[j] < prep.mentorCapacity[j]) {
      hasFreeSeat = true;
      if (fairnessThreshold === null || w >= fairnessThreshold) hasFreeSeatAboveThreshold = true;
    }
  };
  if (prep.dense) {
    for (let j = 0; j < m; j++) {
      const w = prep.dense[i * m + j];
      if (w >= 0) visit(j, w);
    }
  } else {
    for (let e = prep.offsets![i]; e < prep.offsets![i + 1]; e++) visit(prep.mentors![e], prep.weights![e]);
  }
  if (!hasFreeSeat) {
    return {
      reason: 'feasible-mentors-full',
      message: 'Every feasible mentor is full; their seats went to pairings that the objective ranks higher.',
    };
  }
  if (!hasFreeSeatAboveThreshold) {
    return {
      reason: 'below-fairness-threshold',
      message: `The mentors with free seats score under ${fairnessThreshold}, the lowest score the fair matching reaches.`,
    };
  }
  return {
    reason: 'not-in-optimum',
    message:
      'A pairing was possible but the best matching leaves this mentee out (it scores no higher than 0).',
  };
}
