/**
 * The contract between the matching solver (index-based, integer scores) and its callers: the
 * profile-level pipeline (scoring + constraints), the interchange-format CLI and the benchmark.
 * Everything here is plain data: typed arrays for the large parts so that 25 M scores fit in memory.
 */

export type SolverObjective = 'quality' | 'coverage' | 'fairness';

/** Candidate pair scores, 0..1000. Only listed pairs (sparse) or all pairs (dense) are candidates. */
export type ScoreMatrix =
  | {
      format: 'dense';
      /** menteeCount * mentorCount scores, row-major by mentee. */
      data: Int32Array | Uint16Array;
    }
  | {
      format: 'sparse';
      /** CSR by mentee: the candidates of mentee i are indices[indptr[i] .. indptr[i+1]). */
      indptr: Int32Array;
      indices: Int32Array;
      data: Int32Array | Uint16Array;
    };

export interface SolverProblem {
  objective: SolverObjective;
  menteeCount: number;
  mentorCount: number;
  /** Most mentors each mentee gets (usually 1). */
  menteeCapacity: Int32Array;
  /** Open seats of each mentor (already net of seats used elsewhere). */
  mentorCapacity: Int32Array;
  scores: ScoreMatrix;
  /** Pairs that must never be made, as [mentee, mentor]. */
  forbidden: ReadonlyArray<readonly [number, number]>;
  /** Pairs below this score are never made. */
  minScore: number;
  /** Pairs that must be kept, as [mentee, mentor]; they use capacity on both sides. */
  pinned: ReadonlyArray<readonly [number, number]>;
}

export type UnmatchedReason =
  /** No candidate pair at all (every mentor forbidden, or none listed). */
  | 'no-feasible-mentor'
  /** Feasible mentors exist but all their seats went to others in the optimum. */
  | 'feasible-mentors-full'
  /** The only candidates score under minScore. */
  | 'below-min-score'
  /** Matched elsewhere but wanted more mentors than the optimum gave (capacity > 1). */
  | 'partially-matched'
  /** quality objective: leaving the mentee unmatched gave a higher total. */
  | 'not-in-optimum';

export interface SolverResult {
  /** [mentee, mentor] pairs, sorted by mentee then mentor. */
  pairs: Array<[number, number]>;
  /** Sum of the scores of all pairs. */
  objective: number;
  unmatched: Array<{ mentee: number; reason: UnmatchedReason; message: string }>;
  stats: {
    matchedMentees: number;
    menteeCount: number;
    coverage: number;
    meanScore: number;
    minScore: number | null;
    /** Histogram of pair scores in buckets of 100 (0-99, ..., 900-1000). */
    distribution: number[];
    /** Implementation detail counters (candidate rounds, augmentations ...), for benchmarks. */
    [key: string]: unknown;
  };
  /** True when a dual certificate over all pairs proved optimality. */
  isProvenOptimal: boolean;
}
