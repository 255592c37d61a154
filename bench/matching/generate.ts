/**
 * Seeded benchmark instances with realistic structure: scores come from latent mentee and mentor
 * feature vectors (shared interests), a mentor "draw" (some mentors suit almost everyone) and noise,
 * clipped to 0..1000. Uniform random scores would make the problem much easier than real data.
 */
import type { SolverObjective, SolverProblem } from '../../src/core/matching/solver-types.ts';
import { selectTop } from '../../src/core/matching/solver/candidates.ts';

export interface InstanceSpec {
  name: string;
  menteeCount: number;
  mentorCount: number;
  /** Candidates per mentee (sparse), or null for a dense matrix. */
  candidatesPerMentee: number | null;
  /** Share of mentees who take two mentors. */
  twoMentorShare: number;
  seed: number;
}

export const SIZES: Record<string, Omit<InstanceSpec, 'twoMentorShare' | 'seed'>> = {
  S: { name: 'S', menteeCount: 200, mentorCount: 60, candidatesPerMentee: null },
  M: { name: 'M', menteeCount: 2_000, mentorCount: 500, candidatesPerMentee: null },
  L: { name: 'L', menteeCount: 10_000, mentorCount: 2_500, candidatesPerMentee: null },
  Lsp: { name: 'Lsp', menteeCount: 10_000, mentorCount: 2_500, candidatesPerMentee: 50 },
  XL: { name: 'XL', menteeCount: 50_000, mentorCount: 10_000, candidatesPerMentee: 50 },
};

const DIMENSIONS = 6;

/** mulberry32: tiny, fast, seedable. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(random: () => number): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Builds a problem in memory; the same spec and seed always give the same problem. */
export function generateInstance(spec: InstanceSpec, objective: SolverObjective): SolverProblem {
  const random = createRandom(spec.seed);
  const n = spec.menteeCount;
  const m = spec.mentorCount;
  const menteeFeatures = new Float64Array(n * DIMENSIONS);
  const mentorFeatures = new Float64Array(m * DIMENSIONS);
  const mentorDraw = new Float64Array(m);
  for (let t = 0; t < menteeFeatures.length; t++) menteeFeatures[t] = gaussian(random);
  for (let t = 0; t < mentorFeatures.length; t++) mentorFeatures[t] = gaussian(random);
  for (let j = 0; j < m; j++) mentorDraw[j] = gaussian(random);
  const scale = 1 / Math.sqrt(DIMENSIONS);
  const score = (i: number, j: number): number => {
    let dot = 0;
    for (let d = 0; d < DIMENSIONS; d++)
      dot += menteeFeatures[i * DIMENSIONS + d] * mentorFeatures[j * DIMENSIONS + d];
    const value = 500 + 150 * dot * scale + 80 * mentorDraw[j] + 70 * gaussian(random);
    return value < 0 ? 0 : value > 1000 ? 1000 : Math.round(value);
  };
  const menteeCapacity = new Int32Array(n);
  for (let i = 0; i < n; i++) menteeCapacity[i] = random() < spec.twoMentorShare ? 2 : 1;
  const mentorCapacity = new Int32Array(m);
  for (let j = 0; j < m; j++) mentorCapacity[j] = 1 + Math.floor(random() * 5);
  const base = { objective, menteeCount: n, mentorCount: m, menteeCapacity, mentorCapacity, minScore: 0 };

  if (spec.candidatesPerMentee === null) {
    const data = new Uint16Array(n * m);
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) data[i * m + j] = score(i, j);
    // About 2% of all pairs forbidden (conflicts, reporting lines, previous pairings).
    const forbiddenCount = Math.round(n * m * 0.02);
    const forbidden = new Int32Array(forbiddenCount * 2);
    const seen = new Set<number>();
    for (let t = 0; t < forbiddenCount;) {
      const i = Math.floor(random() * n);
      const j = Math.floor(random() * m);
      if (seen.has(i * m + j)) continue;
      seen.add(i * m + j);
      forbidden[2 * t] = i;
      forbidden[2 * t + 1] = j;
      t++;
    }
    return { ...base, scores: { format: 'dense', data }, forbidden, pinned: [] };
  }

  // Sparse: each mentee's best candidates. For m ≤ 2,500 the whole row is scored; for bigger problems a
  // random 4× sample of mentors stands in for the row (a pre-filter such as jurisdiction would do that).
  const k = spec.candidatesPerMentee;
  const pool = m <= 2_500 ? m : Math.min(m, 4 * k);
  const indptr = new Int32Array(n + 1);
  const indices = new Int32Array(n * Math.min(k, m));
  const data = new Uint16Array(n * Math.min(k, m));
  const rowMentors = new Int32Array(pool);
  const rowScores = new Int32Array(pool);
  const mark = new Int32Array(m).fill(-1);
  const forbiddenList: number[] = [];
  let out = 0;
  for (let i = 0; i < n; i++) {
    if (pool === m) for (let j = 0; j < m; j++) rowMentors[j] = j;
    else {
      for (let t = 0; t < pool;) {
        const j = Math.floor(random() * m);
        if (mark[j] === i) continue;
        mark[j] = i;
        rowMentors[t++] = j;
      }
    }
    for (let t = 0; t < pool; t++) rowScores[t] = score(i, rowMentors[t]);
    const take = Math.min(k, pool);
    selectTop(rowMentors, rowScores, pool, take);
    const order = Array.from({ length: take }, (_, t) => t).sort((a, b) => rowMentors[a] - rowMentors[b]);
    for (const t of order) {
      indices[out] = rowMentors[t];
      data[out++] = rowScores[t];
      if (random() < 0.02) forbiddenList.push(i, rowMentors[t]);
    }
    indptr[i + 1] = out;
  }
  return {
    ...base,
    scores: { format: 'sparse', indptr, indices: indices.subarray(0, out), data: data.subarray(0, out) },
    forbidden: Int32Array.from(forbiddenList),
    pinned: [],
  };
}
