import type { PreparedProblem } from './prepare.ts';

/** Candidate pairs of the restricted problem, CSR by mentee, each row sorted by weight, descending. */
export interface CandidateGraph {
  offsets: Int32Array;
  mentors: Int32Array;
  weights: Int32Array;
}

/**
 * Each mentee's `k` best eligible pairs scoring at least `threshold`, plus each mentor's `r` best
 * mentees. The mentor side matters because the certificate asks every mentor's dual price to cover
 * the score of every mentee left out; a mentor's strongest admirers are what sets that price, and
 * without them most mentees left unmatched would violate it in the first round.
 */
export function selectCandidates(
  prep: PreparedProblem,
  threshold: number,
  k: Int32Array,
  r: Int32Array | null = null,
): CandidateGraph {
  const menteeSide = selectMenteeSide(prep, threshold, k);
  if (r === null) return menteeSide;
  return addCandidates(menteeSide, selectMentorSide(prep, threshold, r, menteeSide), prep.menteeCount);
}

/**
 * Sorts rows (all, or those with `rows[i]` non-zero) by weight, descending, ties by mentor: the flow
 * engine stops scanning a row at the first arc that cannot improve a label. One packed key per arc,
 * sorted natively: (MAX_WEIGHT - weight) * span + mentor.
 */
export function sortRows(graph: CandidateGraph, rows: Int32Array | null): void {
  const { offsets, mentors, weights } = graph;
  const n = offsets.length - 1;
  let span = 1;
  for (let e = 0; e < mentors.length; e++) if (mentors[e] >= span) span = mentors[e] + 1;
  let longest = 0;
  for (let i = 0; i < n; i++) longest = Math.max(longest, offsets[i + 1] - offsets[i]);
  const keys = new Float64Array(longest);
  for (let i = 0; i < n; i++) {
    if (rows !== null && rows[i] === 0) continue;
    const start = offsets[i];
    const length = offsets[i + 1] - start;
    if (length < 2) continue;
    let isSorted = true;
    for (let e = start + 1; e < start + length; e++) {
      if (weights[e] > weights[e - 1]) {
        isSorted = false;
        break;
      }
    }
    if (isSorted) continue;
    for (let t = 0; t < length; t++) keys[t] = (MAX_WEIGHT - weights[start + t]) * span + mentors[start + t];
    const row = keys.subarray(0, length);
    row.sort();
    for (let t = 0; t < length; t++) {
      const key = row[t];
      const mentor = key % span;
      mentors[start + t] = mentor;
      weights[start + t] = MAX_WEIGHT - (key - mentor) / span;
    }
  }
}

/** Highest weight a candidate pair can have (a pair score). */
const MAX_WEIGHT = 1000;

/**
 * Each mentor's `r` best mentees not already among the mentee-side candidates, as sorted triples.
 * One sequential pass over the rows keeps a small min-heap per mentor (column); after the first rows
 * almost every pair fails the one comparison with the heap's minimum, so the pass costs about a plain
 * read of the matrix, where a column scan would stride through it.
 */
function selectMentorSide(
  prep: PreparedProblem,
  threshold: number,
  r: Int32Array,
  existing: CandidateGraph,
): Int32Array {
  if (prep.transposeOf) return selectColumnsFromRows(prep.transposeOf, threshold, r, existing);
  const n = prep.menteeCount;
  const m = prep.mentorCount;
  const floor = Math.max(threshold, 0);
  let width = 0;
  for (let j = 0; j < m; j++) width = Math.max(width, r[j]);
  const heapWeight = new Int32Array(Math.max(m * width, 1));
  const heapMentee = new Int32Array(Math.max(m * width, 1));
  const heapSize = new Int32Array(m);
  // The weight a pair must beat to enter column j's heap (floor - 1 until the heap is full).
  const entry = new Int32Array(m).fill(floor - 1);
  const offer = (j: number, i: number, w: number): void => {
    const limit = r[j];
    if (limit === 0) return;
    const base = j * width;
    let size = heapSize[j];
    let pos: number;
    if (size < limit) {
      pos = size++;
      heapSize[j] = size;
      while (pos > 0) {
        const parent = (pos - 1) >> 1;
        if (heapWeight[base + parent] <= w) break;
        heapWeight[base + pos] = heapWeight[base + parent];
        heapMentee[base + pos] = heapMentee[base + parent];
        pos = parent;
      }
    } else {
      pos = 0;
      for (;;) {
        let child = 2 * pos + 1;
        if (child >= size) break;
        if (child + 1 < size && heapWeight[base + child + 1] < heapWeight[base + child]) child++;
        if (heapWeight[base + child] >= w) break;
        heapWeight[base + pos] = heapWeight[base + child];
        heapMentee[base + pos] = heapMentee[base + child];
        pos = child;
      }
    }
    heapWeight[base + pos] = w;
    heapMentee[base + pos] = i;
    if (size === limit) entry[j] = heapWeight[base];
  };
  if (prep.dense) {
    const dense = prep.dense;
    for (let i = 0; i < n; i++) {
      const base = i * m;
      for (let j = 0; j < m; j++) {
        const w = dense[base + j];
        if (w > entry[j]) offer(j, i, w);
      }
    }
  } else {
    const offsets = prep.offsets!;
    const mentors = prep.mentors!;
    const weights = prep.weights!;
    for (let i = 0; i < n; i++) {
      for (let e = offsets[i]; e < offsets[i + 1]; e++) {
        const j = mentors[e];
        const w = weights[e];
        if (w > entry[j]) offer(j, i, w);
      }
    }
  }
  const chosen: number[] = [];
  for (let j = 0; j < m; j++) {
    const base = j * width;
    for (let t = 0; t < heapSize[j]; t++) chosen.push(heapMentee[base + t], j, heapWeight[base + t]);
  }
  return withoutExisting(chosen, n, m, existing);
}

/**
 * The mentor side for a transposed problem: column j is row j of the original, so each column's
 * `r[j]` best pairs come from a quickselect over one contiguous row (a sequential read) instead of a
 * pass over every pair with a heap per column (random access over many columns).
 */
function selectColumnsFromRows(
  source: PreparedProblem,
  threshold: number,
  r: Int32Array,
  existing: CandidateGraph,
): Int32Array {
  // Rows of `source` are columns here; its mentors are this problem's rows.
  const columns = source.menteeCount;
  const rows = source.mentorCount;
  const floor = Math.max(threshold, 0);
  let width = 0;
  for (let c = 0; c < columns; c++) width = Math.max(width, r[c]);
  // Each column's best pairs by insertion into a short list sorted descending: after the first few
  // pairs almost every one fails the single comparison with the list's last entry.
  const bestIds = new Int32Array(Math.max(width, 1));
  const bestWeights = new Int32Array(Math.max(width, 1));
  const chosen: number[] = [];
  const dense = source.dense;
  const offsets = source.offsets;
  const mentors = source.mentors;
  const weights = source.weights;
  for (let c = 0; c < columns; c++) {
    const limit = r[c];
    if (limit === 0) continue;
    let size = 0;
    const from = dense ? 0 : offsets![c];
    const to = dense ? rows : offsets![c + 1];
    const base = c * rows;
    for (let e = from; e < to; e++) {
      const w = dense ? dense[base + e] : weights![e];
      if (w < floor || (size === limit && w <= bestWeights[size - 1])) continue;
      let pos = size < limit ? size++ : size - 1;
      while (pos > 0 && bestWeights[pos - 1] < w) {
        bestWeights[pos] = bestWeights[pos - 1];
        bestIds[pos] = bestIds[pos - 1];
        pos--;
      }
      bestWeights[pos] = w;
      bestIds[pos] = dense ? e : mentors![e];
    }
    for (let t = 0; t < size; t++) chosen.push(bestIds[t], c, bestWeights[t]);
  }
  return withoutExisting(chosen, rows, columns, existing);
}

/** Chosen (row, column, weight) triples grouped by row, minus the pairs `existing` already has. */
function withoutExisting(chosen: number[], n: number, m: number, existing: CandidateGraph): Int32Array {
  const count = chosen.length / 3;
  const perMentee = new Int32Array(n + 1);
  for (let t = 0; t < count; t++) perMentee[chosen[3 * t] + 1]++;
  for (let i = 0; i < n; i++) perMentee[i + 1] += perMentee[i];
  const grouped = new Int32Array(chosen.length);
  const fill = perMentee.slice(0, n);
  for (let t = 0; t < count; t++) {
    const at = 3 * fill[chosen[3 * t]]++;
    grouped[at] = chosen[3 * t];
    grouped[at + 1] = chosen[3 * t + 1];
    grouped[at + 2] = chosen[3 * t + 2];
  }
  const stamp = new Int32Array(m).fill(-1);
  const result: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let e = existing.offsets[i]; e < existing.offsets[i + 1]; e++) stamp[existing.mentors[e]] = i;
    for (let t = perMentee[i]; t < perMentee[i + 1]; t++) {
      const j = grouped[3 * t + 1];
      if (stamp[j] === i) continue;
      stamp[j] = i;
      result.push(i, j, grouped[3 * t + 2]);
    }
  }
  return Int32Array.from(result);
}

/**
 * Each row's `k[i]` best pairs at or above the threshold, already sorted by weight, descending (ties by
 * mentor): a histogram of the row's weights gives the cut weight, and a second pass places each kept
 * pair at its rank directly (a counting sort), so no quickselect and no separate sort.
 */
function selectMenteeSide(prep: PreparedProblem, threshold: number, k: Int32Array): CandidateGraph {
  const n = prep.menteeCount;
  const m = prep.mentorCount;
  const offsets = new Int32Array(n + 1);
  const floor = Math.max(threshold, 0);
  let capacity = 0;
  for (let i = 0; i < n; i++) capacity += Math.min(k[i], prep.eligibleCount[i]);
  let mentors: Int32Array = new Int32Array(capacity);
  let weights: Int32Array = new Int32Array(capacity);
  const histogram = new Int32Array(MAX_WEIGHT + 1);
  const rowMentors = new Int32Array(Math.max(m, 1));
  const rowWeights = new Int32Array(Math.max(m, 1));
  const needsSort = new Int32Array(n);
  const dense = prep.dense;
  const offsetsIn = prep.offsets;
  const mentorsIn = prep.mentors;
  const weightsIn = prep.weights;
  let out = 0;
  for (let i = 0; i < n; i++) {
    const base = i * m;
    const from = dense ? 0 : offsetsIn![i];
    const to = dense ? m : offsetsIn![i + 1];
    if (to - from < LONG_ROW) {
      // Short rows: collect, quickselect, and sort the few kept afterwards.
      let length = 0;
      for (let e = from; e < to; e++) {
        const w = dense ? dense[base + e] : weightsIn![e];
        if (w >= floor) {
          rowMentors[length] = dense ? e : mentorsIn![e];
          rowWeights[length++] = w;
        }
      }
      const take = Math.min(k[i], length);
      if (take < length) selectTop(rowMentors, rowWeights, length, take);
      if (out + take > mentors.length) {
        const grown = Math.max(out + take, mentors.length * 2);
        mentors = copyInto(new Int32Array(grown), mentors);
        weights = copyInto(new Int32Array(grown), weights);
      }
      for (let t = 0; t < take; t++) {
        mentors[out] = rowMentors[t];
        weights[out++] = rowWeights[t];
      }
      offsets[i + 1] = out;
      needsSort[i] = 1;
      continue;
    }
    let length = 0;
    if (dense) {
      for (let j = 0; j < m; j++) {
        const w = dense[base + j];
        if (w >= floor) {
          histogram[w]++;
          length++;
        }
      }
    } else {
      for (let e = from; e < to; e++) {
        const w = weightsIn![e];
        if (w >= floor) {
          histogram[w]++;
          length++;
        }
      }
    }
    const take = Math.min(k[i], length);
    offsets[i + 1] = out + take;
    if (out + take > mentors.length) {
      // Only reachable when threshold filtering is looser than eligibleCount assumed; grow once.
      const grown = Math.max(out + take, mentors.length * 2);
      mentors = copyInto(new Int32Array(grown), mentors);
      weights = copyInto(new Int32Array(grown), weights);
    }
    // histogram[w] becomes the next output slot of weight w, from the top weight down to `cut`, the
    // lowest weight kept (only the first few pairs of that weight fit, up to `cutEnd`).
    let cut = MAX_WEIGHT;
    let position = out;
    if (take > 0) {
      for (;;) {
        const count = histogram[cut];
        histogram[cut] = position;
        position += count;
        if (position - out >= take || cut === floor) break;
        cut--;
      }
    }
    const cutEnd = out + take;
    if (take > 0) {
      if (dense) {
        for (let j = 0; j < m; j++) {
          const w = dense[base + j];
          if (w < cut) continue;
          const slot = histogram[w];
          if (w === cut && slot >= cutEnd) continue;
          histogram[w] = slot + 1;
          mentors[slot] = j;
          weights[slot] = w;
        }
      } else {
        for (let e = from; e < to; e++) {
          const w = weightsIn![e];
          if (w < cut) continue;
          const slot = histogram[w];
          if (w === cut && slot >= cutEnd) continue;
          histogram[w] = slot + 1;
          mentors[slot] = mentorsIn![e];
          weights[slot] = w;
        }
      }
    }
    histogram.fill(0);
    out += take;
  }
  const graph = { offsets, mentors: mentors.subarray(0, out), weights: weights.subarray(0, out) };
  sortRows(graph, needsSort);
  return graph;
}

/** Rows at least this long are selected with a weight histogram instead of a quickselect. */
const LONG_ROW = 128;

function copyInto(target: Int32Array, source: Int32Array): Int32Array {
  target.set(source);
  return target;
}

/** Moves the `take` largest weights (with their mentors) to the front; Hoare-style quickselect. */
export function selectTop(ids: Int32Array, values: Int32Array, length: number, take: number): void {
  let left = 0;
  let right = length - 1;
  while (left < right) {
    const pivot = values[(left + right) >> 1];
    let a = left;
    let b = right;
    while (a <= b) {
      while (values[a] > pivot) a++;
      while (values[b] < pivot) b--;
      if (a <= b) {
        const v = values[a];
        values[a] = values[b];
        values[b] = v;
        const id = ids[a];
        ids[a] = ids[b];
        ids[b] = id;
        a++;
        b--;
      }
    }
    if (take - 1 <= b) right = b;
    else if (take - 1 >= a) left = a;
    else break;
  }
}

/**
 * The graph with `extra` pairs (flat mentee, mentor, weight triples) merged in, rows still sorted by
 * weight, descending. The extras are put in order by two counting sorts (by weight, then stably by
 * row) and merged with each already sorted row: linear, where re-sorting every touched row was not.
 */
export function addCandidates(graph: CandidateGraph, extra: Int32Array, n: number): CandidateGraph {
  const count = extra.length / 3;
  const added = new Int32Array(n + 1);
  const weightStart = new Int32Array(MAX_WEIGHT + 2);
  for (let t = 0; t < count; t++) {
    added[extra[3 * t] + 1]++;
    weightStart[MAX_WEIGHT - extra[3 * t + 2] + 1]++;
  }
  for (let w = 0; w <= MAX_WEIGHT; w++) weightStart[w + 1] += weightStart[w];
  const byWeight = new Int32Array(count);
  for (let t = 0; t < count; t++) byWeight[weightStart[MAX_WEIGHT - extra[3 * t + 2]]++] = t;
  for (let i = 0; i < n; i++) added[i + 1] += added[i];
  // Extras grouped by row, each group in weight order (the placement is stable).
  const extraMentors = new Int32Array(count);
  const extraWeights = new Int32Array(count);
  const extraFill = added.slice(0, n);
  for (let q = 0; q < count; q++) {
    const t = byWeight[q];
    const slot = extraFill[extra[3 * t]]++;
    extraMentors[slot] = extra[3 * t + 1];
    extraWeights[slot] = extra[3 * t + 2];
  }
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    offsets[i + 1] = offsets[i] + (graph.offsets[i + 1] - graph.offsets[i]) + (added[i + 1] - added[i]);
  }
  const mentors = new Int32Array(offsets[n]);
  const weights = new Int32Array(offsets[n]);
  const oldMentors = graph.mentors;
  const oldWeights = graph.weights;
  for (let i = 0; i < n; i++) {
    let out = offsets[i];
    let a = graph.offsets[i];
    const aEnd = graph.offsets[i + 1];
    let b = added[i];
    const bEnd = added[i + 1];
    if (b === bEnd) {
      mentors.set(oldMentors.subarray(a, aEnd), out);
      weights.set(oldWeights.subarray(a, aEnd), out);
      continue;
    }
    while (a < aEnd && b < bEnd) {
      if (oldWeights[a] >= extraWeights[b]) {
        mentors[out] = oldMentors[a];
        weights[out++] = oldWeights[a++];
      } else {
        mentors[out] = extraMentors[b];
        weights[out++] = extraWeights[b++];
      }
    }
    for (; a < aEnd; a++) {
      mentors[out] = oldMentors[a];
      weights[out++] = oldWeights[a];
    }
    for (; b < bEnd; b++) {
      mentors[out] = extraMentors[b];
      weights[out++] = extraWeights[b];
    }
  }
  return { offsets, mentors, weights };
}
