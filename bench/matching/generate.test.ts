import { describe, expect, it } from 'vitest';
import { generateInstance, SIZES } from './generate.ts';

describe('benchmark generator', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = generateInstance({ ...SIZES.S, twoMentorShare: 0.1, seed: 1 }, 'quality');
    const b = generateInstance({ ...SIZES.S, twoMentorShare: 0.1, seed: 1 }, 'quality');
    const c = generateInstance({ ...SIZES.S, twoMentorShare: 0.1, seed: 2 }, 'quality');
    expect(Array.from(a.scores.data)).toEqual(Array.from(b.scores.data));
    expect(Array.from(a.menteeCapacity)).toEqual(Array.from(b.menteeCapacity));
    expect(Array.from(a.scores.data)).not.toEqual(Array.from(c.scores.data));
  });

  it('produces scores with structure within 0..1000, capacities 1-5 and about 2% forbidden pairs', () => {
    const problem = generateInstance({ ...SIZES.M, twoMentorShare: 0.1, seed: 3 }, 'quality');
    const data = problem.scores.data;
    let low = Infinity;
    let high = -Infinity;
    let sum = 0;
    for (const s of data) {
      low = Math.min(low, s);
      high = Math.max(high, s);
      sum += s;
    }
    expect(low).toBeGreaterThanOrEqual(0);
    expect(high).toBeLessThanOrEqual(1000);
    // Spread out, not a constant: a real range of compatibilities around the middle.
    expect(high - low).toBeGreaterThan(600);
    expect(sum / data.length).toBeGreaterThan(350);
    expect(sum / data.length).toBeLessThan(650);
    const capacities = Array.from(problem.mentorCapacity);
    expect(Math.min(...capacities)).toBe(1);
    expect(Math.max(...capacities)).toBe(5);
    const share = (problem.forbidden as Int32Array).length / 2 / data.length;
    expect(share).toBeCloseTo(0.02, 3);
    const twos = Array.from(problem.menteeCapacity).filter((c) => c === 2).length;
    expect(twos / problem.menteeCount).toBeGreaterThan(0.07);
    expect(twos / problem.menteeCount).toBeLessThan(0.13);
  });
});
