/**
 * Successive shortest paths for the b-matching transportation network, on typed arrays.
 *
 * Network (a min-cost flow with fixed supplies; see docs/decisions/010-matching-algorithm.md):
 *   mentee i supplies `menteeCapacity[i]` units; each unit goes either over a pair arc i→j (capacity 1,
 *   cost -score) and on through j→t (capacity `mentorCapacity[j]`, cost 0), or over one of i's dummy
 *   arcs i→t ("seat left empty"). Dummy arcs cost 0, except that in the coverage stage the dummy arc
 *   that leaves a mentee with no mentor at all costs `bonus[i]`, which makes covering a mentee worth
 *   more than any difference in total score.
 * Invariant between calls: node potentials p make every residual arc's reduced cost
 *   c(x→y) + p(x) - p(y) non-negative. Dijkstra therefore works on reduced costs; it stops as soon as
 *   the sink t is the cheapest label (the JV / "early exit" rule) and updates only the settled nodes,
 *   which keeps the sink's potential fixed and makes one augmentation cost only what it explored.
 * Node ids: mentee i is i, mentor j is n + j. The sink is not a heap node; its label is one number.
 */
export class FlowEngine {
  readonly n: number;
  readonly m: number;
  readonly menteeCapacity: Int32Array;
  readonly mentorCapacity: Int32Array;
  /** Cost of the dummy arc that would leave mentee i uncovered (0 when it is covered by a pin). */
  readonly bonus: Float64Array;
  /**
   * Coverage bonus on the receiving side (when the network is built mentor-first): the first unit
   * into right node j earns it, i.e. its sink arc costs -rightBonus[j] for the first unit, 0 after.
   */
  readonly rightBonus: Float64Array | null;

  candidateOffsets: Int32Array;
  candidateMentors: Int32Array;
  candidateWeights: Int32Array;

  readonly menteePotential: Float64Array;
  readonly mentorPotential: Float64Array;
  sinkPotential = 0;
  /**
   * An upper bound on every right potential: they start at 0 (or the right bonus) and only ever
   * decrease (each update adds label - D <= 0 on settled nodes). With candidate rows sorted by weight,
   * descending, an arc's reduced cost is at least p(k) - w - bound, so a row scan stops at the first
   * arc that cannot beat the sink's label: every later arc weighs no more.
   */
  private readonly rightPotentialBound: number;

  /** Mentors of each mentee in slots [menteeSlotStart[i], + menteeReal[i]). */
  readonly menteeSlotStart: Int32Array;
  readonly menteeSlotMentor: Int32Array;
  readonly menteeReal: Int32Array;
  /** Dummy units (empty seats) of each mentee. */
  readonly menteeDummy: Int32Array;
  /** Whether a mentee's supply has been routed (it is part of the network). */
  readonly isAttached: Uint8Array;

  readonly mentorSlotStart: Int32Array;
  readonly mentorSlotMentee: Int32Array;
  readonly mentorSlotWeight: Int32Array;
  readonly mentorUsed: Int32Array;

  // Dijkstra scratch, reused across searches; `label` is +Infinity outside a search.
  private readonly label: Float64Array;
  private readonly pred: Int32Array;
  private readonly predEdge: Int32Array;
  private readonly heap: Int32Array;
  private readonly heapPos: Int32Array;
  private heapSize = 0;
  private readonly settled: Int32Array;
  private settledCount = 0;
  private readonly touched: Int32Array;
  private touchedCount = 0;
  private readonly path: Int32Array;

  /** Counters for the benchmark. */
  augmentations = 0;
  settledNodes = 0;

  constructor(
    menteeCapacity: Int32Array,
    mentorCapacity: Int32Array,
    bonus: Float64Array,
    candidateOffsets: Int32Array,
    candidateMentors: Int32Array,
    candidateWeights: Int32Array,
    rightBonus: Float64Array | null = null,
  ) {
    const n = menteeCapacity.length;
    const m = mentorCapacity.length;
    this.n = n;
    this.m = m;
    this.menteeCapacity = menteeCapacity;
    this.mentorCapacity = mentorCapacity;
    this.bonus = bonus;
    this.candidateOffsets = candidateOffsets;
    this.candidateMentors = candidateMentors;
    this.candidateWeights = candidateWeights;
    this.menteePotential = new Float64Array(n);
    this.mentorPotential = new Float64Array(m);
    this.rightBonus = rightBonus;
    // Starting at the bonus makes the discounted first sink arc's reduced cost exactly 0.
    if (rightBonus) this.mentorPotential.set(rightBonus);
    let bound = 0;
    for (let j = 0; j < m; j++) if (this.mentorPotential[j] > bound) bound = this.mentorPotential[j];
    this.rightPotentialBound = bound;
    this.menteeSlotStart = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) this.menteeSlotStart[i + 1] = this.menteeSlotStart[i] + menteeCapacity[i];
    this.menteeSlotMentor = new Int32Array(this.menteeSlotStart[n]);
    this.menteeReal = new Int32Array(n);
    this.menteeDummy = new Int32Array(n);
    this.isAttached = new Uint8Array(n);
    this.mentorSlotStart = new Int32Array(m + 1);
    for (let j = 0; j < m; j++) this.mentorSlotStart[j + 1] = this.mentorSlotStart[j] + mentorCapacity[j];
    this.mentorSlotMentee = new Int32Array(this.mentorSlotStart[m]);
    this.mentorSlotWeight = new Int32Array(this.mentorSlotStart[m]);
    this.mentorUsed = new Int32Array(m);
    const nodes = n + m;
    this.label = new Float64Array(nodes).fill(Infinity);
    this.pred = new Int32Array(nodes);
    this.predEdge = new Int32Array(nodes);
    this.heap = new Int32Array(nodes);
    this.heapPos = new Int32Array(nodes).fill(-1);
    this.settled = new Int32Array(nodes);
    this.touched = new Int32Array(nodes);
    this.path = new Int32Array(nodes + 1);
  }

  /** Cost of the next dummy unit of mentee i (the one that would leave `menteeDummy[i] + 1` seats empty). */
  private dummyCost(i: number): number {
    return this.menteeCapacity[i] - this.menteeDummy[i] === 1 ? this.bonus[i] : 0;
  }

  /** Routes every unit of a detached mentee; afterwards the flow is optimal on the attached mentees. */
  attach(i: number): void {
    const capacity = this.menteeCapacity[i];
    if (capacity === 0) {
      this.isAttached[i] = 1;
      return;
    }
    // A fresh mentee has no arcs into it, so any potential that makes its out-arcs non-negative is valid.
    let potential = this.sinkPotential - this.dummyCost(i);
    const weights = this.candidateWeights;
    const mentors = this.candidateMentors;
    const mentorPotential = this.mentorPotential;
    const bound = this.rightPotentialBound;
    for (let e = this.candidateOffsets[i], end = this.candidateOffsets[i + 1]; e < end; e++) {
      const w = weights[e];
      // Rows are sorted by weight, descending: no later arc can raise the maximum.
      if (w + bound <= potential) break;
      const v = w + mentorPotential[mentors[e]];
      if (v > potential) potential = v;
    }
    this.menteePotential[i] = potential;
    this.isAttached[i] = 1;
    for (let unit = 0; unit < capacity; unit++) this.augmentFrom(i);
  }

  private isMatched(k: number, j: number): boolean {
    const start = this.menteeSlotStart[k];
    const end = start + this.menteeReal[k];
    for (let s = start; s < end; s++) if (this.menteeSlotMentor[s] === j) return true;
    return false;
  }

  private heapPush(node: number): void {
    this.siftUp(node, this.heapSize++);
  }

  /** Moves `node` (whose label just became `label[node]`) up from slot `pos` to its place in the heap. */
  private siftUp(node: number, pos: number): void {
    const heap = this.heap;
    const heapPos = this.heapPos;
    const key = this.label[node];
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      const other = heap[parent];
      if (this.label[other] <= key) break;
      heap[pos] = other;
      heapPos[other] = pos;
      pos = parent;
    }
    heap[pos] = node;
    heapPos[node] = pos;
  }

  private heapDecrease(node: number): void {
    this.siftUp(node, this.heapPos[node]);
  }

  private heapPop(): number {
    const heap = this.heap;
    const heapPos = this.heapPos;
    const label = this.label;
    const top = heap[0];
    heapPos[top] = -2;
    const last = heap[--this.heapSize];
    const size = this.heapSize;
    if (size > 0) {
      const key = label[last];
      let pos = 0;
      for (;;) {
        let child = 2 * pos + 1;
        if (child >= size) break;
        const right = child + 1;
        if (right < size && label[heap[right]] < label[heap[child]]) child = right;
        if (label[heap[child]] >= key) break;
        heap[pos] = heap[child];
        heapPos[heap[child]] = pos;
        pos = child;
      }
      heap[pos] = last;
      heapPos[last] = pos;
    }
    return top;
  }

  /** Sets a tentative label (heapPos -1 = untouched, >= 0 in heap, -2 settled). */
  private relax(node: number, value: number, from: number): void {
    const pos = this.heapPos[node];
    if (pos === -2 || value >= this.label[node]) return;
    this.label[node] = value;
    this.pred[node] = from;
    if (pos === -1) {
      this.touched[this.touchedCount++] = node;
      this.heapPush(node);
    } else this.heapDecrease(node);
  }

  private relaxEdge(node: number, value: number, from: number, edge: number): void {
    const pos = this.heapPos[node];
    if (pos === -2 || value >= this.label[node]) return;
    this.label[node] = value;
    this.pred[node] = from;
    this.predEdge[node] = edge;
    if (pos === -1) {
      this.touched[this.touchedCount++] = node;
      this.heapPush(node);
    } else this.heapDecrease(node);
  }

  private resetSearch(): void {
    for (let t = 0; t < this.touchedCount; t++) {
      const node = this.touched[t];
      this.label[node] = Infinity;
      this.heapPos[node] = -1;
    }
    this.touchedCount = 0;
    this.heapSize = 0;
    this.settledCount = 0;
  }

  /**
   * Expands a settled mentee: its dummy arc (if any seat may stay empty), then its unused candidate
   * pairs. A pair into a mentor with a free seat also offers the sink a path at once (label + the sink
   * arc's reduced cost): an upper bound on the sink's distance, which tightens the row cutoff early.
   * That is sound: the sink's label is always the length of a real path (pred links stay valid, and a
   * later, shorter label for that mentor is below the sink's and so gets settled and re-offered), and
   * arcs skipped by the cutoff cannot give any node a label below the final distance D.
   */
  private expandMentee(k: number): void {
    const n = this.n;
    const dk = this.label[k];
    const pk = this.menteePotential[k];
    const base = dk + pk;
    const mentors = this.candidateMentors;
    const weights = this.candidateWeights;
    const mentorPotential = this.mentorPotential;
    const label = this.label;
    const hasPairs = this.menteeReal[k] > 0;
    const sinkPotential = this.sinkPotential;
    if (this.menteeDummy[k] < this.menteeCapacity[k]) {
      const value = base + this.dummyCost(k) - sinkPotential;
      if (value < this.sinkLabel) {
        this.sinkLabel = value;
        this.sinkPred = k;
      }
    }
    let sinkBest = this.sinkLabel;
    // value >= base - w - bound, and w only falls along the row: stop once that bound reaches the sink.
    const reach = base - this.rightPotentialBound;
    let cutoff = reach - sinkBest;
    const mentorUsed = this.mentorUsed;
    const mentorCapacity = this.mentorCapacity;
    const rightBonus = this.rightBonus;
    for (let e = this.candidateOffsets[k], end = this.candidateOffsets[k + 1]; e < end; e++) {
      const w = weights[e];
      if (w <= cutoff) break;
      const j = mentors[e];
      const pj = mentorPotential[j];
      const value = base - w - pj;
      const node = n + j;
      if (value < label[node] && value < sinkBest) {
        if (hasPairs && this.isMatched(k, j)) continue;
        this.relaxEdge(node, value, k, e);
        const used = mentorUsed[j];
        if (used < mentorCapacity[j]) {
          const through = value + pj - sinkPotential - (used === 0 && rightBonus ? rightBonus[j] : 0);
          if (through < sinkBest) {
            this.sinkLabel = through;
            this.sinkPred = node;
            sinkBest = through;
            cutoff = reach - sinkBest;
          }
        }
      }
    }
  }

  private sinkLabel = Infinity;
  private sinkPred = -1;

  /** Expands a settled mentor: reverse arcs to its mentees and, with a free seat, the arc to the sink. */
  private expandMentor(j: number, sinkBest: number): void {
    const node = this.n + j;
    const dj = this.label[node];
    const pj = this.mentorPotential[j];
    const used = this.mentorUsed[j];
    const start = this.mentorSlotStart[j];
    for (let s = start, end = start + used; s < end; s++) {
      const k = this.mentorSlotMentee[s];
      const value = dj + this.mentorSlotWeight[s] + pj - this.menteePotential[k];
      if (value < sinkBest) this.relax(k, value, node);
    }
    if (used < this.mentorCapacity[j]) {
      const value = dj + pj - this.sinkPotential - (used === 0 && this.rightBonus ? this.rightBonus[j] : 0);
      if (value < this.sinkLabel) {
        this.sinkLabel = value;
        this.sinkPred = node;
      }
    }
  }

  /** One unit from mentee i to the sink along a shortest path, then the potential update. */
  private augmentFrom(i: number): void {
    const n = this.n;
    this.sinkLabel = Infinity;
    this.sinkPred = -1;
    this.label[i] = 0;
    this.pred[i] = -1;
    this.touched[this.touchedCount++] = i;
    this.heapPush(i);
    const label = this.label;
    while (this.heapSize > 0) {
      const top = this.heap[0];
      // Ties go to the sink: a shorter path is as good and touches less.
      if (label[top] >= this.sinkLabel) break;
      this.heapPop();
      this.settled[this.settledCount++] = top;
      if (top < n) this.expandMentee(top);
      else this.expandMentor(top - n, this.sinkLabel);
    }
    const distance = this.sinkLabel;
    this.settledNodes += this.settledCount;
    this.updatePotentials(distance);
    this.applyPath(this.sinkPred, i);
    this.resetSearch();
    this.augmentations++;
  }

  /** p(x) += label(x) - D on settled nodes: equivalent to the textbook update shifted by -D everywhere. */
  private updatePotentials(distance: number): void {
    const n = this.n;
    for (let s = 0; s < this.settledCount; s++) {
      const node = this.settled[s];
      const delta = this.label[node] - distance;
      if (node < n) this.menteePotential[node] += delta;
      else this.mentorPotential[node - n] += delta;
    }
  }

  /**
   * Flips the arcs of the path that ends with `last`→t and starts at mentee `first` (or, when `first` is
   * -1, with an arc out of the sink). Mentor seat counts follow from the pairs; only dummy units are
   * counted explicitly. Removals go first so that no slot array overflows mid-way.
   */
  private applyPath(last: number, first: number): void {
    const n = this.n;
    let length = 0;
    let node = last;
    for (;;) {
      this.path[length++] = node;
      const previous = this.pred[node];
      if (node === first || previous < 0) break;
      node = previous;
    }
    if (last < n) this.menteeDummy[last]++;
    const start = this.path[length - 1];
    // Out of the sink onto a mentee is the reverse of a dummy arc: one empty seat gets filled.
    if (first < 0 && start < n) this.menteeDummy[start]--;
    for (let s = length - 1; s > 0; s--) {
      const from = this.path[s];
      if (from >= n) this.removePair(this.path[s - 1], from - n);
    }
    for (let s = length - 1; s > 0; s--) {
      const from = this.path[s];
      const to = this.path[s - 1];
      if (from < n) this.addPair(from, to - n, this.candidateWeights[this.predEdge[to]]);
    }
  }

  private addPair(i: number, j: number, weight: number): void {
    this.menteeSlotMentor[this.menteeSlotStart[i] + this.menteeReal[i]++] = j;
    const slot = this.mentorSlotStart[j] + this.mentorUsed[j]++;
    this.mentorSlotMentee[slot] = i;
    this.mentorSlotWeight[slot] = weight;
  }

  private removePair(i: number, j: number): void {
    const start = this.menteeSlotStart[i];
    const last = start + --this.menteeReal[i];
    for (let s = start; s <= last; s++) {
      if (this.menteeSlotMentor[s] === j) {
        this.menteeSlotMentor[s] = this.menteeSlotMentor[last];
        break;
      }
    }
    const mentorStart = this.mentorSlotStart[j];
    const mentorLast = mentorStart + --this.mentorUsed[j];
    for (let s = mentorStart; s <= mentorLast; s++) {
      if (this.mentorSlotMentee[s] === i) {
        this.mentorSlotMentee[s] = this.mentorSlotMentee[mentorLast];
        this.mentorSlotWeight[s] = this.mentorSlotWeight[mentorLast];
        break;
      }
    }
  }

  /** Takes a mentee's flow out of the network; returns the mentors whose seats it freed. */
  detach(i: number): number[] {
    const freed: number[] = [];
    while (this.menteeReal[i] > 0) {
      const j = this.menteeSlotMentor[this.menteeSlotStart[i]];
      this.removePair(i, j);
      freed.push(j);
    }
    this.menteeDummy[i] = 0;
    this.isAttached[i] = 0;
    return freed;
  }

  /**
   * Restores the invariant on mentor j's sink arc after a seat was freed: while the seat is free and its
   * reduced cost is negative, either a negative cycle through it exists (another mentee moves into the
   * seat: augment) or the shortest-path distances from the sink give potentials that fix the arc.
   */
  repairSeat(j: number): void {
    const n = this.n;
    const target = n + j;
    while (this.mentorUsed[j] < this.mentorCapacity[j] && this.sinkArcReducedCost(j) < 0) {
      // Arcs out of the sink: reverse dummy arcs (refill an empty seat of a mentee) and reverse
      // mentor arcs (a mentor gives up a pair).
      const pt = this.sinkPotential;
      for (let k = 0; k < n; k++) {
        const dummies = this.menteeDummy[k];
        if (dummies === 0 || this.isAttached[k] === 0) continue;
        const lastCost = dummies === this.menteeCapacity[k] ? this.bonus[k] : 0;
        this.relax(k, pt - lastCost - this.menteePotential[k], -1);
      }
      for (let q = 0; q < this.m; q++) {
        const used = this.mentorUsed[q];
        if (used === 0) continue;
        const refund = used === 1 && this.rightBonus ? this.rightBonus[q] : 0;
        this.relax(n + q, pt - this.mentorPotential[q] + refund, -1);
      }
      let maxLabel = 0;
      let reached = false;
      while (this.heapSize > 0) {
        const top = this.heapPop();
        this.settled[this.settledCount++] = top;
        maxLabel = this.label[top];
        if (top === target) {
          reached = true;
          break;
        }
        if (top < n) this.expandMenteeForward(top);
        else this.expandMentorReverse(top - n);
      }
      this.settledNodes += this.settledCount;
      const closing = this.sinkArcReducedCost(j);
      let distance: number;
      if (reached && this.label[target] + closing < 0) {
        distance = this.label[target];
        this.updatePotentials(distance);
        this.sinkPotential -= distance;
        this.applyPath(target, -1);
        this.augmentations++;
      } else {
        distance = reached ? this.label[target] : Math.max(maxLabel, -closing);
        this.updatePotentials(distance);
        this.sinkPotential -= distance;
        // The target was not settled in the unreachable case; its arc to the sink is fixed by the shift.
      }
      this.resetSearch();
    }
  }

  /** Reduced cost of right node j's next free sink arc. */
  private sinkArcReducedCost(j: number): number {
    const discount = this.mentorUsed[j] === 0 && this.rightBonus ? this.rightBonus[j] : 0;
    return this.mentorPotential[j] - this.sinkPotential - discount;
  }

  private expandMenteeForward(k: number): void {
    const n = this.n;
    const base = this.label[k] + this.menteePotential[k];
    const hasPairs = this.menteeReal[k] > 0;
    for (let e = this.candidateOffsets[k], end = this.candidateOffsets[k + 1]; e < end; e++) {
      const j = this.candidateMentors[e];
      const value = base - this.candidateWeights[e] - this.mentorPotential[j];
      if (value < this.label[n + j]) {
        if (hasPairs && this.isMatched(k, j)) continue;
        this.relaxEdge(n + j, value, k, e);
      }
    }
  }

  private expandMentorReverse(j: number): void {
    const node = this.n + j;
    const base = this.label[node] + this.mentorPotential[j];
    const start = this.mentorSlotStart[j];
    for (let s = start, end = start + this.mentorUsed[j]; s < end; s++) {
      const k = this.mentorSlotMentee[s];
      this.relax(k, base + this.mentorSlotWeight[s] - this.menteePotential[k], node);
    }
  }
}
