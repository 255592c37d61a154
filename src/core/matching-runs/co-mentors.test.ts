import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainExclusion } from '../matching/constraints/constraints.ts';
import {
  constraintsArb,
  makeMentee,
  makeMentor,
  makeSettings,
  poolArb,
} from '../matching/pipeline.fixtures.ts';
import { explainScore } from '../matching/scoring/score.ts';
import { placeCoMentors, type Circle } from './co-mentors.ts';

const settings = makeSettings();
const SEAT_CODES = new Set(['mentor-no-open-seats', 'mentee-needs-no-mentor']);

describe('placeCoMentors', () => {
  const mentees = [
    makeMentee({ id: 'e1', skillsToDevelop: [{ id: 'negotiation', level: 1 }] }),
    makeMentee({ id: 'e2', skillsToDevelop: [{ id: 'negotiation', level: 1 }] }),
    makeMentee({ id: 'e3', supervisorIds: ['r3'] }),
  ];
  const lead = makeMentor({ id: 'r0', capacity: 3 });
  const circle: Circle = { circle: 1, mentorId: 'r0', menteeIds: ['e1', 'e2'] };

  it('places the mentor leading no circle with the best total, paired with every mentee, scored by the engine', () => {
    const plain = makeMentor({ id: 'r1', capacity: 2 });
    const skilled = makeMentor({ id: 'r2', capacity: 2, skillsOffered: [{ id: 'negotiation', level: 4 }] });
    const input = { mentees, mentors: [lead, plain, skilled], settings };
    const [placed, ...rest] = placeCoMentors(input, [circle]);
    expect(rest).toEqual([]);
    expect(placed.circle).toBe(1);
    expect(placed.mentorId).toBe('r2');
    expect(placed.pairs.map((pair) => pair.menteeId)).toEqual(['e1', 'e2']);
    for (const pair of placed.pairs) {
      const mentee = mentees.find((m) => m.id === pair.menteeId)!;
      expect(pair.score).toBe(explainScore(mentee, skilled, settings).score);
    }
    expect(placed.totalScore).toBe(placed.pairs[0].score + placed.pairs[1].score);
    expect(placed.totalScore).toBeGreaterThan(
      explainScore(mentees[0], plain, settings).score + explainScore(mentees[1], plain, settings).score,
    );
  });

  it('never places a mentor who breaks a hard constraint with one of the mentees', () => {
    // e3 reports to r3: r3 may not co-mentor a circle with e3 in it, however well it scores.
    const input = {
      mentees,
      mentors: [
        lead,
        makeMentor({ id: 'r3', capacity: 3, skillsOffered: [{ id: 'negotiation', level: 4 }] }),
      ],
      settings,
    };
    expect(placeCoMentors(input, [{ circle: 1, mentorId: 'r0', menteeIds: ['e1', 'e3'] }])).toEqual([]);
    expect(placeCoMentors(input, [circle]).map((placed) => placed.mentorId)).toEqual(['r3']);
  });

  it('needs a seat for every mentee of the circle, counting seats used elsewhere', () => {
    const input = {
      mentees,
      mentors: [
        lead,
        makeMentor({ id: 'r1', capacity: 1 }),
        makeMentor({ id: 'r2', capacity: 3, seatsUsedElsewhere: 2 }),
        makeMentor({ id: 'r3', capacity: 0 }),
      ],
      settings,
    };
    expect(placeCoMentors(input, [circle])).toEqual([]);
  });

  it('gives each circle one co-mentor and each co-mentor one circle, best totals first', () => {
    const input = {
      mentees: [...mentees, makeMentee({ id: 'e4' })],
      mentors: [
        lead,
        makeMentor({ id: 'r5', capacity: 2 }),
        makeMentor({ id: 'r1', capacity: 5, skillsOffered: [{ id: 'negotiation', level: 4 }] }),
        makeMentor({ id: 'r2', capacity: 5 }),
      ],
      settings,
    };
    const circles: Circle[] = [circle, { circle: 2, mentorId: 'r5', menteeIds: ['e4'] }];
    const placed = placeCoMentors(input, circles);
    expect(placed.map((p) => [p.circle, p.mentorId])).toEqual([
      [1, 'r1'],
      [2, 'r2'],
    ]);
    // A mentor leading a circle is never a co-mentor, and nobody is placed twice.
    expect(placeCoMentors({ ...input, mentors: input.mentors.slice(0, 3) }, circles)).toHaveLength(1);
  });

  it('places only allowed co-mentors, each once, and leaves a circle alone only when no free mentor fits (property)', () => {
    fc.assert(
      fc.property(poolArb, constraintsArb, fc.nat(3), (pool, constraints, leaders) => {
        const draftSettings = makeSettings({ constraints });
        const leading = pool.mentors.slice(0, Math.min(leaders, pool.mentors.length - 1));
        const circles: Circle[] = leading.map((mentor, k) => ({
          circle: k + 1,
          mentorId: mentor.id,
          menteeIds: pool.mentees.filter((_, i) => i % leading.length === k).map((m) => m.id),
        }));
        const placed = placeCoMentors({ ...pool, settings: draftSettings }, circles);
        const fits = (circle: Circle, mentorId: string) => {
          const mentor = pool.mentors.find((m) => m.id === mentorId)!;
          return (
            !leading.some((m) => m.id === mentorId) &&
            circle.menteeIds.length > 0 &&
            mentor.capacity - mentor.seatsUsedElsewhere >= circle.menteeIds.length &&
            circle.menteeIds.every((id) =>
              explainExclusion(
                pool.mentees.find((m) => m.id === id)!,
                mentor,
                draftSettings,
              ).every((reason) => SEAT_CODES.has(reason.code)),
            )
          );
        };
        const used = new Set(placed.map((p) => p.mentorId));
        expect(used.size).toBe(placed.length);
        expect(new Set(placed.map((p) => p.circle)).size).toBe(placed.length);
        for (const p of placed) {
          const circle = circles.find((c) => c.circle === p.circle)!;
          expect(fits(circle, p.mentorId)).toBe(true);
          expect(p.pairs.map((pair) => pair.menteeId)).toEqual(circle.menteeIds);
        }
        for (const circle of circles) {
          if (placed.some((p) => p.circle === circle.circle)) continue;
          const free = pool.mentors.filter((m) => !used.has(m.id) && fits(circle, m.id));
          expect(free).toEqual([]);
        }
      }),
      { numRuns: 200 },
    );
  });
});
