import type { PreparedProblem } from './prepare.ts';

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
