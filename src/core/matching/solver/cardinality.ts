import type { CandidateGraph } from './candidates.ts';
import { MAX_SCORE, type PreparedProblem } from './prepare.ts';

/**
 * How many mentees can be covered (matched at least once) using only eligible pairs scoring at least
 * `threshold`, counting mentees already covered by a pinned pair. A mentee's second seat never helps
 * the count, so this is a b-matching with mentee capacity 1 and the residual mentor capacities:
 * greedy, then Kuhn's augmenting paths (iterative, so 10,000-deep paths cannot overflow the stack).
 * Mentors a failed search visited stay marked until the next success: no augmenting path can go
 * through them until the matching changes. Stops early once `target` (when >= 0) is reached or out of reach.
 */
export function maxCoveredMentees(prep: PreparedProblem, threshold: number, target: number): number {
  const n = prep.menteeCount;
  const m = prep.mentorCount;
  const floor = Math.max(threshold, 0);
  const dense = prep.dense;
  const offsets = prep.offsets;
  const rowMentors = prep.mentors;
  const rowWeights = prep.weights;
  const capacity = prep.mentorCapacity;
  const slotStart = new Int32Array(m + 1);
  for (let j = 0; j < m; j++) slotStart[j + 1] = slotStart[j] + capacity[j];
  const slots = new Int32Array(slotStart[m]);
  const load = new Int32Array(m);
  const isCovered = new Uint8Array(n);
  let covered = 0;
  const open: number[] = [];
  for (let i = 0; i < n; i++) {
    if (prep.pinnedPerMentee[i] > 0) {
      isCovered[i] = 1;
      covered++;
    } else if (prep.menteeCapacity[i] > 0 && prep.eligibleCount[i] > 0) open.push(i);
  }
  if (target >= 0 && covered >= target) return covered;
  // Greedy first fit: cheap and usually covers almost everyone.
  const waiting: number[] = [];
  for (const i of open) {
    let placed = false;
    if (dense) {
      const base = i * m;
      for (let j = 0; j < m; j++) {
        if (dense[base + j] >= floor && load[j] < capacity[j]) {
          slots[slotStart[j] + load[j]++] = i;
          placed = true;
          break;
        }
      }
    } else {
      for (let e = offsets![i]; e < offsets![i + 1]; e++) {
        const j = rowMentors![e];
        if (rowWeights![e] >= floor && load[j] < capacity[j]) {
          slots[slotStart[j] + load[j]++] = i;
          placed = true;
          break;
        }
      }
    }
    if (placed) {
      isCovered[i] = 1;
      covered++;
      if (target >= 0 && covered >= target) return covered;
    } else waiting.push(i);
  }
  const visited = new Int32Array(m);
  let stamp = 1;
  const frameMentee = new Int32Array(n + 1);
  const frameCursor = new Int32Array(n + 1);
  const frameMentor = new Int32Array(n + 1);
  const frameSlot = new Int32Array(n + 1);
  let remaining = waiting.length;
  for (const root of waiting) {
    remaining--;
    let top = 0;
    frameMentee[0] = root;
    frameCursor[0] = dense ? 0 : offsets![root];
    frameMentor[0] = -1;
    let isFound = false;
    while (top >= 0 && !isFound) {
      const k = frameMentee[top];
      const exploring = frameMentor[top];
      if (exploring >= 0) {
        const s = frameSlot[top]++;
        if (s < load[exploring]) {
          const child = slots[slotStart[exploring] + s];
          top++;
          frameMentee[top] = child;
          frameCursor[top] = dense ? 0 : offsets![child];
          frameMentor[top] = -1;
          continue;
        }
        frameMentor[top] = -1;
      }
      let next = -1;
      if (dense) {
        const base = k * m;
        let j = frameCursor[top];
        while (j < m && (dense[base + j] < floor || visited[j] === stamp)) j++;
        frameCursor[top] = j + 1;
        if (j < m) next = j;
      } else {
        let e = frameCursor[top];
        const end = offsets![k + 1];
        while (e < end && (rowWeights![e] < floor || visited[rowMentors![e]] === stamp)) e++;
        frameCursor[top] = e + 1;
        if (e < end) next = rowMentors![e];
      }
      if (next < 0) {
        top--;
        continue;
      }
      visited[next] = stamp;
      if (load[next] < capacity[next]) {
        // Unwind: each frame's mentee takes the seat its child vacated; the top takes the free seat.
        slots[slotStart[next] + load[next]++] = k;
        for (let level = top - 1; level >= 0; level--) {
          const mentor = frameMentor[level];
          slots[slotStart[mentor] + frameSlot[level] - 1] = frameMentee[level];
        }
        isFound = true;
      } else {
        frameMentor[top] = next;
        frameSlot[top] = 0;
      }
    }
    if (isFound) {
      covered++;
      stamp++;
      if (target >= 0 && covered >= target) return covered;
    }
    if (target >= 0 && covered + remaining < target) return covered;
  }
  return covered;
}

/**
 * A coverage matching (each open mentee at most one mentor, mentors up to their residual capacity)
 * that the fairness search keeps and repairs between thresholds instead of rebuilding it.
 * Augmenting paths are searched on a small candidate graph first (rows sorted by weight, descending,
 * so a row scan stops at the first pair under the threshold); only when that falls short does a search
 * over every eligible pair decide, and that search is what proves a threshold infeasible (Kuhn: a
 * mentee with no augmenting path never gets one later, so once too few roots are left, the target is
 * out of reach).
 */
export class CoverMatching {
  readonly prep: PreparedProblem;
  readonly graph: CandidateGraph;
  /** Mentor of each mentee (-1 = none) and that pair's score. */
  readonly mate: Int32Array;
  readonly mateWeight: Int32Array;
  readonly slotStart: Int32Array;
  /** Mentees in mentor j's seats [slotStart[j], slotStart[j] + load[j]). */
  readonly slots: Int32Array;
  readonly load: Int32Array;
  /** Mentees that may be matched (capacity left, not pinned, some eligible pair). */
  readonly open: Int32Array;
  /** Covered mentees, pinned ones included. */
  covered = 0;
  /** Whether the candidate graph holds every eligible pair (then it alone decides and proves). */
  readonly isComplete: boolean;
  /** Whether the graph's rows are sorted by weight, descending (a row scan then stops at the threshold). */
  readonly isSorted: boolean;
  private readonly visited: Int32Array;
  private stamp = 1;
  private readonly frameMentee: Int32Array;
  private readonly frameCursor: Int32Array;
  private readonly frameMentor: Int32Array;
  private readonly frameSlot: Int32Array;
  private readonly frameWeight: Int32Array;

  /**
   * `isSorted` false lets the graph be the problem's own eligible pairs (a sparse problem whose rows
   * are all short is its own complete candidate graph, with no copy and no sort).
   */
  constructor(prep: PreparedProblem, graph: CandidateGraph, isSorted = true) {
    const n = prep.menteeCount;
    const m = prep.mentorCount;
    this.prep = prep;
    this.graph = graph;
    this.mate = new Int32Array(n).fill(-1);
    this.mateWeight = new Int32Array(n);
    this.slotStart = new Int32Array(m + 1);
    for (let j = 0; j < m; j++) this.slotStart[j + 1] = this.slotStart[j] + prep.mentorCapacity[j];
    this.slots = new Int32Array(this.slotStart[m]);
    this.load = new Int32Array(m);
    const open: number[] = [];
    for (let i = 0; i < n; i++) {
      if (prep.pinnedPerMentee[i] > 0) this.covered++;
      else if (prep.menteeCapacity[i] > 0 && prep.eligibleCount[i] > 0) open.push(i);
    }
    this.open = Int32Array.from(open);
    this.isComplete = graph.mentors.length === prep.eligiblePairs;
    this.isSorted = isSorted;
    this.visited = new Int32Array(m);
    this.frameMentee = new Int32Array(n + 1);
    this.frameCursor = new Int32Array(n + 1);
    this.frameMentor = new Int32Array(n + 1);
    this.frameSlot = new Int32Array(n + 1);
    this.frameWeight = new Int32Array(n + 1);
  }

  copyFrom(other: CoverMatching): void {
    this.mate.set(other.mate);
    this.mateWeight.set(other.mateWeight);
    this.slots.set(other.slots);
    this.load.set(other.load);
    this.covered = other.covered;
  }

  /** Lowest score among the matched pairs (MAX_SCORE + 1 when none). */
  minWeight(): number {
    let lowest = 1001;
    for (const i of this.open)
      if (this.mate[i] >= 0 && this.mateWeight[i] < lowest) lowest = this.mateWeight[i];
    return lowest;
  }

  /** Whether no more mentees can be covered for a reason that needs no search. */
  isTriviallyMaximum(): boolean {
    let free = 0;
    for (let j = 0; j < this.load.length; j++) free += this.prep.mentorCapacity[j] - this.load[j];
    let uncovered = 0;
    for (const i of this.open) if (this.mate[i] < 0) uncovered++;
    return free === 0 || uncovered === 0;
  }

  /** Unmatches every pair scoring under `threshold`. */
  dropBelow(threshold: number): void {
    for (const i of this.open) {
      const j = this.mate[i];
      if (j < 0 || this.mateWeight[i] >= threshold) continue;
      const start = this.slotStart[j];
      const last = start + --this.load[j];
      for (let s = start; s <= last; s++) {
        if (this.slots[s] === i) {
          this.slots[s] = this.slots[last];
          break;
        }
      }
      this.mate[i] = -1;
      this.covered--;
    }
  }

  /**
   * Augments from every uncovered open mentee over pairs scoring at least `threshold`, on the candidate
   * graph or (`isFull`) on every eligible pair; stops once `target` (when >= 0) is reached or, on the
   * full graph, out of reach. Returns the number of covered mentees.
   */
  augment(threshold: number, target: number, isFullRequested: boolean): number {
    // A complete candidate graph is the full graph, with rows sorted so scans stop at the threshold.
    const isFull = isFullRequested && !this.isComplete;
    const isProof = isFullRequested || this.isComplete;
    const floor = Math.max(threshold, 0);
    const roots = new Int32Array(this.open.length);
    // Passes: within one, visited marks are kept even across successes, so each pass costs at most one
    // scan of the pairs and finds vertex-disjoint paths (as a Hopcroft-Karp phase does). A pass with no
    // success ran every search against the same matching with only failures' marks: that is Kuhn's
    // proof that no uncovered mentee can be covered any more.
    for (;;) {
      let rootCount = 0;
      for (const i of this.open) if (this.mate[i] < 0) roots[rootCount++] = i;
      if (rootCount === 0) return this.covered;
      this.stamp++;
      let successes = 0;
      let remaining = rootCount;
      for (let t = 0; t < rootCount; t++) {
        if (target >= 0 && this.covered >= target) return this.covered;
        remaining--;
        if (this.search(roots[t], floor, isFull)) {
          this.covered++;
          successes++;
        } else if (isProof && successes === 0 && target >= 0 && this.covered + remaining < target) {
          return this.covered;
        }
      }
      if (successes === 0) return this.covered;
    }
  }

  /** Next pair of mentee k at or above floor from the cursor, to an unvisited mentor; -1 when none. */
  private next(top: number, floor: number, isFull: boolean): number {
    const k = this.frameMentee[top];
    const visited = this.visited;
    const stamp = this.stamp;
    if (isFull && this.prep.dense) {
      const dense = this.prep.dense;
      const m = this.prep.mentorCount;
      const base = k * m;
      let j = this.frameCursor[top];
      while (j < m && (dense[base + j] < floor || visited[j] === stamp)) j++;
      this.frameCursor[top] = j + 1;
      if (j >= m) return -1;
      this.frameWeight[top] = dense[base + j];
      return j;
    }
    const offsets = isFull ? this.prep.offsets! : this.graph.offsets;
    const mentors = isFull ? this.prep.mentors! : this.graph.mentors;
    const weights = isFull ? this.prep.weights! : this.graph.weights;
    let e = this.frameCursor[top];
    const end = offsets[k + 1];
    for (; e < end; e++) {
      if (weights[e] < floor) {
        if (isFull || !this.isSorted) continue;
        // Candidate rows are sorted by weight: nothing further qualifies.
        e = end;
        break;
      }
      if (visited[mentors[e]] !== stamp) break;
    }
    this.frameCursor[top] = e + 1;
    if (e >= end) return -1;
    this.frameWeight[top] = weights[e];
    return mentors[e];
  }

  /** One Kuhn search from `root` (iterative); true when it found a free seat and flipped the path. */
  private search(root: number, floor: number, isFull: boolean): boolean {
    const isDenseFull = isFull && this.prep.dense !== null;
    const offsets = isFull ? this.prep.offsets : this.graph.offsets;
    const { slots, slotStart, load, visited } = this;
    const capacity = this.prep.mentorCapacity;
    let top = 0;
    this.frameMentee[0] = root;
    this.frameCursor[0] = isDenseFull ? 0 : offsets![root];
    this.frameMentor[0] = -1;
    while (top >= 0) {
      const exploring = this.frameMentor[top];
      if (exploring >= 0) {
        const s = this.frameSlot[top]++;
        if (s < load[exploring]) {
          const child = slots[slotStart[exploring] + s];
          top++;
          this.frameMentee[top] = child;
          this.frameCursor[top] = isDenseFull ? 0 : offsets![child];
          this.frameMentor[top] = -1;
          continue;
        }
        this.frameMentor[top] = -1;
      }
      const next = this.next(top, floor, isFull);
      if (next < 0) {
        top--;
        continue;
      }
      visited[next] = this.stamp;
      if (load[next] < capacity[next]) {
        // Unwind: each frame's mentee takes the seat its child vacated; the top takes the free seat.
        const k = this.frameMentee[top];
        slots[slotStart[next] + load[next]++] = k;
        this.mate[k] = next;
        this.mateWeight[k] = this.frameWeight[top];
        for (let level = top - 1; level >= 0; level--) {
          const mentor = this.frameMentor[level];
          const mentee = this.frameMentee[level];
          slots[slotStart[mentor] + this.frameSlot[level] - 1] = mentee;
          this.mate[mentee] = mentor;
          this.mateWeight[mentee] = this.frameWeight[level];
        }
        return true;
      }
      this.frameMentor[top] = next;
      this.frameSlot[top] = 0;
    }
    return false;
  }
}

/**
 * Upper bounds on the mentees coverable at every threshold: `bound[t]` (t = 0..MAX_SCORE + 1) is at
 * least the number coverable with pairs scoring at least t, pinned ones included. Two counting bounds,
 * each a vertex cover of the threshold graph (König), so both are valid and the smaller one is kept:
 * mentor j takes at most min(capacity, admirers at >= t) mentees, i.e. the number of its `capacity`
 * best pairs scoring at least t; and a mentee needs its best pair to score at least t. One pass over
 * the eligible pairs with a small min-heap of each mentor's best `capacity` scores.
 * On the benchmark instances the mentor bound is exactly the bottleneck: the scarce mentors' weakest
 * seats set it.
 */
export function coverBounds(prep: PreparedProblem): Int32Array {
  const n = prep.menteeCount;
  const m = prep.mentorCount;
  const capacity = prep.mentorCapacity;
  const heapStart = new Int32Array(m + 1);
  for (let j = 0; j < m; j++) heapStart[j + 1] = heapStart[j] + capacity[j];
  const heap = new Int32Array(heapStart[m]);
  const size = new Int32Array(m);
  // A pair must beat entry[j] to enter mentor j's heap: -1 until the heap is full, then its minimum.
  const entry = new Int32Array(m).fill(-1);
  for (let j = 0; j < m; j++) if (capacity[j] === 0) entry[j] = MAX_SCORE + 1;
  const menteeHistogram = new Int32Array(MAX_SCORE + 2);
  let pinnedCovered = 0;
  const offer = (j: number, w: number): void => {
    const base = heapStart[j];
    const limit = capacity[j];
    let count = size[j];
    let pos: number;
    if (count < limit) {
      pos = count++;
      size[j] = count;
      while (pos > 0) {
        const parent = (pos - 1) >> 1;
        if (heap[base + parent] <= w) break;
        heap[base + pos] = heap[base + parent];
        pos = parent;
      }
    } else {
      pos = 0;
      for (;;) {
        let child = 2 * pos + 1;
        if (child >= count) break;
        if (child + 1 < count && heap[base + child + 1] < heap[base + child]) child++;
        if (heap[base + child] >= w) break;
        heap[base + pos] = heap[base + child];
        pos = child;
      }
    }
    heap[base + pos] = w;
    if (count === limit) entry[j] = heap[base];
  };
  const dense = prep.dense;
  for (let i = 0; i < n; i++) {
    if (prep.pinnedPerMentee[i] > 0) {
      pinnedCovered++;
      continue;
    }
    if (prep.menteeCapacity[i] === 0) continue;
    let best = -1;
    if (dense) {
      const base = i * m;
      for (let j = 0; j < m; j++) {
        const w = dense[base + j];
        if (w > entry[j]) offer(j, w);
        if (w > best) best = w;
      }
    } else {
      const offsets = prep.offsets!;
      const mentors = prep.mentors!;
      const weights = prep.weights!;
      for (let e = offsets[i], end = offsets[i + 1]; e < end; e++) {
        const w = weights[e];
        const j = mentors[e];
        if (w > entry[j]) offer(j, w);
        if (w > best) best = w;
      }
    }
    if (best >= 0) menteeHistogram[best]++;
  }
  const mentorHistogram = new Int32Array(MAX_SCORE + 2);
  for (let j = 0; j < m; j++) {
    for (let s = heapStart[j], end = heapStart[j] + size[j]; s < end; s++) mentorHistogram[heap[s]]++;
  }
  const bound = new Int32Array(MAX_SCORE + 2);
  let mentorSeats = 0;
  let mentees = 0;
  bound[MAX_SCORE + 1] = pinnedCovered;
  for (let t = MAX_SCORE; t >= 0; t--) {
    mentorSeats += mentorHistogram[t];
    mentees += menteeHistogram[t];
    bound[t] = pinnedCovered + Math.min(mentorSeats, mentees);
  }
  return bound;
}

/** The highest threshold whose bound still admits `count` covered mentees (MAX_SCORE + 1 if any does). */
function highestAdmitting(bound: Int32Array, count: number): number {
  let t = MAX_SCORE + 1;
  while (t > 0 && bound[t] < count) t--;
  return t;
}

/**
 * The fairness bottleneck: the most mentees that can be covered (`target`, pinned ones included) and
 * the largest threshold at which pairs scoring at least that still cover as many (`threshold`,
 * MAX_SCORE when nobody can be matched, as any threshold then covers the target).
 * First a single probe where the counting bounds point (`coverBounds`): the bound at threshold 0 caps
 * the target, and the highest threshold still admitting it caps the threshold, so a matching that
 * reaches that count at that threshold proves both at once (on the benchmark it always does). Otherwise
 * the matching is completed over all pairs and a binary search over thresholds carries it along: a
 * feasible step keeps its matching (and jumps to its lowest score), an infeasible one restarts from
 * the last feasible matching minus the pairs under the new threshold. The bounds cap the search and
 * pick its first step.
 */
export function fairnessBottleneck(
  prep: PreparedProblem,
  graph: CandidateGraph,
  isSorted = true,
): { target: number; threshold: number } {
  const bound = coverBounds(prep);
  let best = new CoverMatching(prep, graph, isSorted);
  const upper = bound[0];
  const probe = Math.min(highestAdmitting(bound, upper), MAX_SCORE);
  let covered = best.augment(probe, upper, false);
  if (covered < upper && !best.isComplete) covered = best.augment(probe, upper, true);
  if (covered >= upper) return { target: upper, threshold: probe };
  // The probe's matching is a valid start: complete it over every pair at any threshold.
  best.augment(-1, -1, false);
  if (!best.isTriviallyMaximum() && !best.isComplete) best.augment(-1, -1, true);
  const target = best.covered;
  let low = Math.min(best.minWeight(), MAX_SCORE);
  let high = Math.min(highestAdmitting(bound, target), MAX_SCORE) + 1;
  let trial = new CoverMatching(prep, graph, isSorted);
  let isFirst = true;
  while (high - low > 1) {
    // The bound is often exact: try it first, then bisect.
    const middle = isFirst ? high - 1 : (low + high) >> 1;
    isFirst = false;
    trial.copyFrom(best);
    trial.dropBelow(middle);
    let reached = trial.augment(middle, target, false);
    if (reached < target && !trial.isComplete) reached = trial.augment(middle, target, true);
    if (reached >= target) {
      const swap = best;
      best = trial;
      trial = swap;
      low = Math.min(best.minWeight(), MAX_SCORE);
    } else high = middle;
  }
  return { target, threshold: low };
}
