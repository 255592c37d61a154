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
  sortRows(menteeSide, null);
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

/** Each mentor's `r` best mentees not already among the mentee-side candidates, as sorted triples. */
function selectMentorSide(
  prep: PreparedProblem,
  threshold: number,
  r: Int32Array,
  existing: CandidateGraph,
): Int32Array {
  const n = prep.menteeCount;
  const m = prep.mentorCount;
  // Column access: dense strides through the matrix; sparse goes through a transposed CSR.
  const columnMentees = new Int32Array(Math.max(n, 1));
  const columnWeights = new Int32Array(Math.max(n, 1));
  const chosenOffsets = new Int32Array(m + 1);
  const chosen: number[] = [];
  let transposeOffsets: Int32Array | null = null;
  let transposeMentees: Int32Array | null = null;
  let transposeWeights: Int32Array | null = null;
  if (!prep.dense) {
    const offsets = prep.offsets!;
    const mentors = prep.mentors!;
    const weights = prep.weights!;
    transposeOffsets = new Int32Array(m + 1);
    for (let e = 0; e < mentors.length; e++) transposeOffsets[mentors[e] + 1]++;
    for (let j = 0; j < m; j++) transposeOffsets[j + 1] += transposeOffsets[j];
    const fill = transposeOffsets.slice(0, m);
    transposeMentees = new Int32Array(mentors.length);
    transposeWeights = new Int32Array(mentors.length);
    for (let i = 0; i < n; i++) {
      for (let e = offsets[i]; e < offsets[i + 1]; e++) {
        const slot = fill[mentors[e]]++;
        transposeMentees[slot] = i;
        transposeWeights[slot] = weights[e];
      }
    }
  }
  for (let j = 0; j < m; j++) {
    let length = 0;
    if (prep.dense) {
      const dense = prep.dense;
      for (let i = 0, at = j; i < n; i++, at += m) {
        const w = dense[at];
        if (w >= 0 && w >= threshold) {
          columnMentees[length] = i;
          columnWeights[length++] = w;
        }
      }
    } else {
      for (let e = transposeOffsets![j]; e < transposeOffsets![j + 1]; e++) {
        const w = transposeWeights![e];
        if (w >= threshold) {
          columnMentees[length] = transposeMentees![e];
          columnWeights[length++] = w;
        }
      }
    }
    const take = Math.min(r[j], length);
    if (take < length) selectTop(columnMentees, columnWeights, length, take);
    for (let t = 0; t < take; t++) chosen.push(columnMentees[t], j, columnWeights[t]);
    chosenOffsets[j + 1] = chosen.length;
  }
  // Group by mentee and drop pairs the mentee side already has.
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

function selectMenteeSide(prep: PreparedProblem, threshold: number, k: Int32Array): CandidateGraph {
  const n = prep.menteeCount;
  const m = prep.mentorCount;
  const offsets = new Int32Array(n + 1);
  let capacity = 0;
  for (let i = 0; i < n; i++) capacity += Math.min(k[i], prep.eligibleCount[i]);
  let mentors: Int32Array = new Int32Array(capacity);
  let weights: Int32Array = new Int32Array(capacity);
  const rowMentors = new Int32Array(Math.max(m, 1));
  const rowWeights = new Int32Array(Math.max(m, 1));
  let out = 0;
  for (let i = 0; i < n; i++) {
    let length = 0;
    if (prep.dense) {
      const dense = prep.dense;
      const base = i * m;
      for (let j = 0; j < m; j++) {
        const w = dense[base + j];
        if (w >= threshold && w >= 0) {
          rowMentors[length] = j;
          rowWeights[length++] = w;
        }
      }
    } else {
      const offsetsIn = prep.offsets!;
      const mentorsIn = prep.mentors!;
      const weightsIn = prep.weights!;
      for (let e = offsetsIn[i]; e < offsetsIn[i + 1]; e++) {
        if (weightsIn[e] >= threshold) {
          rowMentors[length] = mentorsIn[e];
          rowWeights[length++] = weightsIn[e];
        }
      }
    }
    const take = Math.min(k[i], length);
    if (take < length) selectTop(rowMentors, rowWeights, length, take);
    if (out + take > mentors.length) {
      // Only reachable when threshold filtering is looser than eligibleCount assumed; grow once.
      const grown = Math.max(out + take, mentors.length * 2);
      mentors = copyInto(new Int32Array(grown), mentors);
      weights = copyInto(new Int32Array(grown), weights);
    }
    for (let t = 0; t < take; t++) {
      mentors[out] = rowMentors[t];
      weights[out++] = rowWeights[t];
    }
    offsets[i + 1] = out;
  }
  return { offsets, mentors: mentors.subarray(0, out), weights: weights.subarray(0, out) };
}

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

/** The graph with `extra` pairs (flat mentee, mentor, weight triples, grouped by mentee) appended. */
export function addCandidates(graph: CandidateGraph, extra: Int32Array, n: number): CandidateGraph {
  const count = extra.length / 3;
  const offsets = new Int32Array(n + 1);
  const added = new Int32Array(n);
  for (let t = 0; t < count; t++) added[extra[3 * t]]++;
  for (let i = 0; i < n; i++) {
    offsets[i + 1] = offsets[i] + (graph.offsets[i + 1] - graph.offsets[i]) + added[i];
  }
  const mentors = new Int32Array(offsets[n]);
  const weights = new Int32Array(offsets[n]);
  const fill = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const from = graph.offsets[i];
    const length = graph.offsets[i + 1] - from;
    mentors.set(graph.mentors.subarray(from, from + length), offsets[i]);
    weights.set(graph.weights.subarray(from, from + length), offsets[i]);
    fill[i] = offsets[i] + length;
  }
  for (let t = 0; t < count; t++) {
    const i = extra[3 * t];
    mentors[fill[i]] = extra[3 * t + 1];
    weights[fill[i]++] = extra[3 * t + 2];
  }
  const graphOut = { offsets, mentors, weights };
  sortRows(graphOut, added);
  return graphOut;
}
