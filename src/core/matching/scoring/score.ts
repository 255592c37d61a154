/**
 * Pair scores: the weighted mean of the criteria that apply to the mentee, as an integer 0..1000.
 * Scores are computed for every feasible pair; explanations only for pairs someone will read.
 */
import type { CriterionId, MatchingSettings, MenteeProfile, MentorProfile } from '../profile.ts';
import {
  affinityValue,
  availabilityValue,
  careerGoalsValue,
  communicationStyleValue,
  CRITERIA,
  jurisdictionValue,
  languageValue,
  meetingFormatValue,
  practiceAreaValue,
  seniorityValue,
  skillsValue,
  timeZoneValue,
} from './criteria.ts';
import { preparePool, type PreparedPool } from './prepare.ts';

/**
 * Score of a mentee for whom no weighted criterion applies (every weight 0, or they left every weighted
 * question blank): all their feasible mentors are equally good, so they all get the midpoint.
 */
export const NEUTRAL_SCORE = 500;

/** One criterion's part in a pair score. */
export interface Contribution {
  criterion: CriterionId;
  label: string;
  weight: number;
  /** 0..1 */
  value: number;
  /** Points of the 0..1000 score this criterion earned (weight share × value × 1000), one decimal. */
  points: number;
  /** Points it could have earned at value 1, one decimal. */
  maxPoints: number;
  reason: string;
}

/** Why a pair scores what it scores. */
export interface ScoreExplanation {
  score: number;
  /** Largest contribution first; criteria that do not apply to the mentee or weigh 0 are left out. */
  contributions: Contribution[];
  /** Set when no weighted criterion applies and the neutral score was used. */
  note?: string;
}

/** Per-mentee active criteria and weight totals, computed once per pool. */
export interface Scorer {
  pool: PreparedPool;
  /** CSR of active criterion indices per mentee. */
  activeStart: Int32Array;
  active: Int32Array;
  weightSum: Float64Array;
}

/** Works out which criteria apply to each mentee with a non-zero weight. */
export function createScorer(pool: PreparedPool): Scorer {
  const n = pool.mentees.count;
  const activeStart = new Int32Array(n + 1);
  const active: number[] = [];
  const weightSum = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    activeStart[i] = active.length;
    for (let c = 0; c < CRITERIA.length; c++) {
      const weight = pool.weights[c];
      if (weight > 0 && CRITERIA[c].appliesTo(pool, i)) {
        active.push(c);
        weightSum[i] += weight;
      }
    }
  }
  activeStart[n] = active.length;
  return { pool, activeStart, active: Int32Array.from(active), weightSum };
}

/**
 * Criterion c's value through direct calls: a switch keeps the million-pair loop monomorphic where a call
 * through CRITERIA[c].value would not be. Cases follow CRITERION_IDS order (a test pins it).
 */
function valueOf(pool: PreparedPool, c: number, i: number, j: number): number {
  switch (c) {
    case 0:
      return practiceAreaValue(pool, i, j);
    case 1:
      return skillsValue(pool, i, j);
    case 2:
      return careerGoalsValue(pool, i, j);
    case 3:
      return jurisdictionValue(pool, i, j);
    case 4:
      return seniorityValue(pool, i, j);
    case 5:
      return timeZoneValue(pool, i, j);
    case 6:
      return availabilityValue(pool, i, j);
    case 7:
      return languageValue(pool, i, j);
    case 8:
      return meetingFormatValue(pool, i, j);
    case 9:
      return communicationStyleValue(pool, i, j);
    default:
      return affinityValue(pool, c - 10, i, j);
  }
}

/** The integer 0..1000 score of mentee i with mentor j. */
export function scorePair(scorer: Scorer, i: number, j: number): number {
  const total = scorer.weightSum[i];
  if (total === 0) return NEUTRAL_SCORE;
  const pool = scorer.pool;
  const active = scorer.active;
  const weights = pool.weights;
  let sum = 0;
  for (let k = scorer.activeStart[i], end = scorer.activeStart[i + 1]; k < end; k++) {
    const c = active[k];
    sum += weights[c] * valueOf(pool, c, i, j);
  }
  return Math.round((1000 * sum) / total);
}

/** Adds weight × criterion c to `sums` for every mentor in `mentors[0..count)`, one tight loop per case. */
function accumulate(
  pool: PreparedPool,
  c: number,
  weight: number,
  i: number,
  mentors: Int32Array,
  count: number,
  sums: Float64Array,
): void {
  switch (c) {
    case 0:
      for (let k = 0; k < count; k++) sums[k] += weight * practiceAreaValue(pool, i, mentors[k]);
      return;
    case 1:
      for (let k = 0; k < count; k++) sums[k] += weight * skillsValue(pool, i, mentors[k]);
      return;
    case 2:
      for (let k = 0; k < count; k++) sums[k] += weight * careerGoalsValue(pool, i, mentors[k]);
      return;
    case 3:
      for (let k = 0; k < count; k++) sums[k] += weight * jurisdictionValue(pool, i, mentors[k]);
      return;
    case 4:
      for (let k = 0; k < count; k++) sums[k] += weight * seniorityValue(pool, i, mentors[k]);
      return;
    case 5:
      for (let k = 0; k < count; k++) sums[k] += weight * timeZoneValue(pool, i, mentors[k]);
      return;
    case 6:
      for (let k = 0; k < count; k++) sums[k] += weight * availabilityValue(pool, i, mentors[k]);
      return;
    case 7:
      for (let k = 0; k < count; k++) sums[k] += weight * languageValue(pool, i, mentors[k]);
      return;
    case 8:
      for (let k = 0; k < count; k++) sums[k] += weight * meetingFormatValue(pool, i, mentors[k]);
      return;
    case 9:
      for (let k = 0; k < count; k++) sums[k] += weight * communicationStyleValue(pool, i, mentors[k]);
      return;
    default:
      for (let k = 0; k < count; k++) sums[k] += weight * affinityValue(pool, c - 10, i, mentors[k]);
  }
}

/**
 * Scores mentee i against many mentors at once into `out` (same result as scorePair for each). Criterion by
 * criterion rather than pair by pair, so each inner loop is monomorphic and small enough to inline.
 */
export function scoreRow(
  scorer: Scorer,
  i: number,
  mentors: Int32Array,
  count: number,
  out: Int32Array,
  scratch: Float64Array,
): void {
  const total = scorer.weightSum[i];
  if (total === 0) {
    out.fill(NEUTRAL_SCORE, 0, count);
    return;
  }
  const pool = scorer.pool;
  scratch.fill(0, 0, count);
  for (let k = scorer.activeStart[i], end = scorer.activeStart[i + 1]; k < end; k++) {
    const c = scorer.active[k];
    accumulate(pool, c, pool.weights[c], i, mentors, count, scratch);
  }
  for (let k = 0; k < count; k++) out[k] = Math.round((1000 * scratch[k]) / total);
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The score of mentee i with mentor j with every contribution and its reason, largest first. */
export function explainPairScore(scorer: Scorer, i: number, j: number): ScoreExplanation {
  const total = scorer.weightSum[i];
  if (total === 0) {
    return {
      score: NEUTRAL_SCORE,
      contributions: [],
      note: 'No weighted criterion applies to this mentee, so every feasible mentor gets the neutral score 500.',
    };
  }
  const pool = scorer.pool;
  const contributions: Contribution[] = [];
  for (let k = scorer.activeStart[i]; k < scorer.activeStart[i + 1]; k++) {
    const c = scorer.active[k];
    const criterion = CRITERIA[c];
    const weight = pool.weights[c];
    const value = criterion.value(pool, i, j);
    contributions.push({
      criterion: criterion.id,
      label: criterion.label,
      weight,
      value: Math.round(value * 1000) / 1000,
      points: round1((1000 * weight * value) / total),
      maxPoints: round1((1000 * weight) / total),
      reason: criterion.reason(pool, i, j),
    });
  }
  // Ties keep CRITERION_IDS order so the explanation reads the same on every run.
  contributions.sort((a, b) => b.points - a.points || b.maxPoints - a.maxPoints);
  return { score: scorePair(scorer, i, j), contributions };
}

/** Scores and explains one mentee–mentor pair from their profiles (the on-demand path). */
export function explainScore(
  mentee: MenteeProfile,
  mentor: MentorProfile,
  settings: MatchingSettings,
): ScoreExplanation {
  const scorer = createScorer(preparePool([mentee], [mentor], settings));
  return explainPairScore(scorer, 0, 0);
}
