/**
 * The contract between the matching solver (index-based, integer scores) and its callers: the
 * profile-level pipeline (scoring + constraints), the interchange-format CLI and the benchmark.
 * Everything here is plain data: typed arrays for the large parts so that 25 M scores fit in memory.
 */

export type SolverObjective = 'quality' | 'coverage' | 'fairness';

/**
 * A list of [mentee, mentor] pairs. Large lists (2% forbidden of 25 M pairs is 500,000 pairs) can be a
 * flat Int32Array (mentee0, mentor0, mentee1, mentor1, ...) so they cost 8 bytes a pair, not an object.
 */
export type PairList = ReadonlyArray<readonly [number, number]> | Int32Array;

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
  /** Pairs that must never be made: [mentee, mentor] tuples, or a flat Int32Array (mentee, mentor, ...). */
  forbidden: PairList;
  /** Pairs below this score are never made. */
  minScore: number;
  /**
   * Pairs that must be kept, as [mentee, mentor]; they use capacity on both sides and are kept even when
   * they score under minScore. A pinned pair that is forbidden, over capacity or (sparse) not listed is
   * a VALIDATION_FAILED error.
   */
  pinned: PairList;
}

export type UnmatchedReason =
  /** No candidate pair at all (every mentor forbidden, or none listed). */
  | 'no-feasible-mentor'
  /** Feasible mentors exist but all their seats went to others in the optimum. */
  | 'feasible-mentors-full'
  /** The only candidates score under minScore. */
  | 'below-min-score'
  /** fairness objective: the free mentors left score under the bottleneck the others reached. */
  | 'below-fairness-threshold'
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
  /**
   * The dual certificate: node potentials of the min-cost-flow network of the final stage (see
   * docs/decisions/010-matching-algorithm.md). `verifyCertificate` re-checks it against the problem.
   */
  certificate?: SolverCertificate;
}

/** Node potentials proving that `pairs` is optimal for the flow network of the final solve stage. */
export interface SolverCertificate {
  /** Which network the potentials belong to: quality weights, or coverage with a per-mentee bonus. */
  stage: 'quality' | 'coverage';
  /**
   * Which side supplies the flow: 'mentee' (mentee → mentor → sink, empty seats on mentee dummy arcs) or
   * 'mentor' (mentor → mentee → sink, with the coverage bonus on each mentee's first sink arc).
   */
  orientation: 'mentee' | 'mentor';
  /** Only pairs scoring at least this were allowed in the stage (fairness bottleneck; else minScore). */
  threshold: number;
  /** Bonus for matching a mentee at all (coverage stage; 0 for quality). */
  coverageBonus: number;
  menteePotential: Float64Array;
  mentorPotential: Float64Array;
  sinkPotential: number;
}
