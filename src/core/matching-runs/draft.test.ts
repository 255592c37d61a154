import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchProgram } from '../matching/pipeline.ts';
import {
  constraintsArb,
  makeMentee,
  makeMentor,
  makeSettings,
  poolArb,
} from '../matching/pipeline.fixtures.ts';
import { explainExclusion } from '../matching/constraints/constraints.ts';
import { checkDraftPair, compareRuns, summarizeDraft, type ScoredPair } from './draft.ts';

const settings = makeSettings();

describe('checkDraftPair', () => {
  const mentees = [makeMentee({ id: 'e1' }), makeMentee({ id: 'e2', supervisorIds: ['r1'] })];
  const mentors = [makeMentor({ id: 'r1', capacity: 1 }), makeMentor({ id: 'r2', capacity: 2 })];
  const input = { mentees, mentors, settings };

  it('scores a feasible edit like the engine and reports nothing broken', () => {
    const check = checkDraftPair(input, [], { menteeId: 'e1', mentorId: 'r2' });
    expect(check.broken).toEqual([]);
    expect(check.score).toBe(check.explanation.score);
    expect(check.score).toBeGreaterThan(0);
  });

  it("counts the draft's other pairs against the mentor's capacity", () => {
    const alone = checkDraftPair(input, [], { menteeId: 'e1', mentorId: 'r1' });
    expect(alone.broken).toEqual([]);
    const full = checkDraftPair(input, [{ menteeId: 'e2', mentorId: 'r1' }], {
      menteeId: 'e1',
      mentorId: 'r1',
    });
    expect(full.broken.map((reason) => reason.code)).toEqual(['mentor-no-open-seats']);
  });

  it('does not count the pair itself as taking a seat', () => {
    const check = checkDraftPair(input, [{ menteeId: 'e1', mentorId: 'r1' }], {
      menteeId: 'e1',
      mentorId: 'r1',
    });
    expect(check.broken).toEqual([]);
  });

  it("names every hard constraint an edit breaks (here the mentee's reporting line)", () => {
    const check = checkDraftPair(input, [], { menteeId: 'e2', mentorId: 'r1' });
    expect(check.broken.map((reason) => reason.code)).toContain('reporting-line');
    expect(check.broken[0].message.length).toBeGreaterThan(10);
  });

  it('agrees with explainExclusion for a pair alone in the draft (property)', () => {
    fc.assert(
      fc.property(poolArb, constraintsArb, (pool, constraints) => {
        const draftInput = { ...pool, settings: makeSettings({ constraints }) };
        for (const mentee of pool.mentees) {
          for (const mentor of pool.mentors) {
            const check = checkDraftPair(draftInput, [], { menteeId: mentee.id, mentorId: mentor.id });
            expect(check.broken).toEqual(explainExclusion(mentee, mentor, draftInput.settings));
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('summarizeDraft', () => {
  it('counts coverage, mean, minimum and the score bands', () => {
    const pairs: ScoredPair[] = [
      { menteeId: 'a', mentorId: 'x', score: 950 },
      { menteeId: 'b', mentorId: 'x', score: 420 },
      { menteeId: 'b', mentorId: 'y', score: 1000 },
    ];
    const summary = summarizeDraft(pairs, 4);
    expect(summary).toMatchObject({
      matchedMentees: 2,
      coverage: 0.5,
      pairCount: 3,
      totalScore: 2370,
      minScore: 420,
    });
    expect(summary.meanScore).toBeCloseTo(790);
    expect(summary.distribution).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0, 2]);
  });

  it('is empty-safe', () => {
    expect(summarizeDraft([], 0)).toMatchObject({ coverage: 1, meanScore: 0, minScore: null });
    expect(summarizeDraft([], 3)).toMatchObject({ coverage: 0, matchedMentees: 0 });
  });

  it("agrees with the engine's own summary of a run (property)", () => {
    fc.assert(
      fc.property(poolArb, constraintsArb, (pool, constraints) => {
        const result = matchProgram({
          ...pool,
          settings: makeSettings({ constraints }),
          objective: 'quality',
        });
        const summary = summarizeDraft(result.pairs, result.summary.menteeCount);
        expect(summary.pairCount).toBe(result.summary.pairCount);
        expect(summary.totalScore).toBe(result.summary.totalScore);
        expect(summary.matchedMentees).toBe(result.summary.matchedMentees);
        expect(summary.distribution).toEqual(result.summary.distribution);
      }),
      { numRuns: 60 },
    );
  });
});

describe('compareRuns', () => {
  it('lists the pairs that differ, the mentees whose mentor changed, and the deltas', () => {
    const first: ScoredPair[] = [
      { menteeId: 'a', mentorId: 'x', score: 800 },
      { menteeId: 'b', mentorId: 'y', score: 600 },
    ];
    const second: ScoredPair[] = [
      { menteeId: 'a', mentorId: 'x', score: 800 },
      { menteeId: 'b', mentorId: 'z', score: 700 },
      { menteeId: 'c', mentorId: 'y', score: 500 },
    ];
    const comparison = compareRuns(
      { pairs: first, summary: summarizeDraft(first, 3) },
      { pairs: second, summary: summarizeDraft(second, 3) },
    );
    expect(comparison.same).toEqual([first[0]]);
    expect(comparison.onlyInFirst).toEqual([first[1]]);
    expect(comparison.onlyInSecond).toEqual([second[1], second[2]]);
    expect(comparison.changedMentees).toEqual(['b', 'c']);
    expect(comparison.delta.coverage).toBeCloseTo(1 / 3);
    expect(comparison.delta).toMatchObject({ totalScore: 600, pairCount: 1, minScore: -100 });
  });
});
