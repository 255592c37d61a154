import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors.ts';
import { explainExclusion } from './constraints/constraints.ts';
import {
  bruteForceSolve,
  constraintsArb,
  makeMentee,
  makeMentor,
  makeSettings,
  poolArb,
} from './pipeline.fixtures.ts';
import {
  matchProgram,
  type MatchObjective,
  type MatchProgramInput,
  type MatchProgramResult,
} from './pipeline.ts';
import type { MenteeProfile, MentorProfile } from './profile.ts';

const employment = makeMentor({
  id: 'mentor-employment',
  practiceAreas: ['employment'],
  skillsOffered: [{ id: 'courtroom-advocacy', level: 4 }],
  capacity: 1,
});
const family = makeMentor({ id: 'mentor-family', practiceAreas: ['family'], capacity: 1 });

function run(partial: Partial<MatchProgramInput>): MatchProgramResult {
  return matchProgram({
    mentees: [],
    mentors: [],
    settings: makeSettings(),
    objective: 'quality',
    ...partial,
  });
}

function expectValidation(fn: () => unknown, path: string, text: RegExp): void {
  try {
    fn();
  } catch (error) {
    expect(isAppError(error)).toBe(true);
    const issues = (error as { details: { issues: Array<{ path: string; message: string }> } }).details
      .issues;
    expect(issues.map((issue) => issue.path)).toContain(path);
    expect(issues.find((issue) => issue.path === path)!.message).toMatch(text);
    return;
  }
  throw new Error('expected a validation error');
}

describe('matchProgram', () => {
  it('pairs each mentee with the better-fitting mentor and explains the pair', () => {
    const mentees = [
      makeMentee({ id: 'amy', practiceAreas: ['family'] }),
      makeMentee({
        id: 'bob',
        practiceAreas: ['employment'],
        skillsToDevelop: [{ id: 'courtroom-advocacy', level: 1 }],
      }),
    ];
    const result = run({ mentees, mentors: [employment, family] });
    expect(result.pairs.map((p) => [p.menteeId, p.mentorId, p.origin])).toEqual([
      ['amy', 'mentor-family', 'solver'],
      ['bob', 'mentor-employment', 'solver'],
    ]);
    const bob = result.pairs[1];
    expect(bob.explanation.score).toBe(bob.score);
    expect(bob.explanation.contributions.map((c) => c.reason)).toContain('both practise employment law');
    expect(bob.explanation.contributions.map((c) => c.reason)).toContain(
      'mentor offers courtroom advocacy, which the mentee wants to develop',
    );
    expect(result.unmatched).toEqual([]);
    expect(result.summary).toMatchObject({ menteeCount: 2, matchedMentees: 2, coverage: 1, pairCount: 2 });
    expect(result.summary.isProvenOptimal).toBe(true);
  });

  it('explains a mentee with no feasible mentor, most common reasons first', () => {
    const mentees = [
      makeMentee({ id: 'amy', practiceJurisdictions: ['GB-ENG'], supervisorIds: ['mentor-family'] }),
    ];
    const result = run({
      mentees,
      mentors: [
        employment,
        family,
        makeMentor({ id: 'pending', eligibility: 'pending', admissions: ['GB-ENG'] }),
      ],
      settings: makeSettings({ constraints: { jurisdictionRule: 'any' } }),
    });
    expect(result.pairs).toEqual([]);
    const [amy] = result.unmatched;
    expect(amy.reason).toBe('no-feasible-mentor');
    expect(amy.exclusions.map((e) => [e.code, e.mentors])).toEqual([
      ['jurisdiction-required', 2],
      ['mentor-not-eligible', 1],
      ['reporting-line', 1],
    ]);
    expect(amy.message).toBe(
      "No mentor passes every hard constraint (3 checked). Most common reasons — 2 mentors: not admitted where the mentee practises; 1 mentor: not eligible to mentor in this program; 1 mentor: in the mentee's reporting line.",
    );
  });

  it('says when every feasible mentor is full', () => {
    const mentees = [
      makeMentee({ id: 'amy', practiceAreas: ['employment'] }),
      makeMentee({ id: 'bob', practiceAreas: ['family'] }),
    ];
    const result = run({ mentees, mentors: [employment], objective: 'coverage' });
    expect(result.pairs.map((p) => p.menteeId)).toEqual(['amy']);
    expect(result.unmatched).toMatchObject([
      { menteeId: 'bob', reason: 'feasible-mentors-full', feasibleMentors: 1 },
    ]);
  });

  it('reports a mentee who got fewer mentors than wanted', () => {
    const mentees = [makeMentee({ id: 'amy', wantedMentors: 2 })];
    const result = run({ mentees, mentors: [employment] });
    expect(result.pairs.map((p) => p.mentorId)).toEqual(['mentor-employment']);
    expect(result.unmatched).toMatchObject([
      {
        menteeId: 'amy',
        reason: 'partially-matched',
        message: expect.stringMatching(/^Matched with 1 of the 2 mentors wanted/),
      },
    ]);
    expect(result.summary).toMatchObject({ matchedMentees: 1, coverage: 1 });
  });

  it('never makes a pair under the minimum score and says so', () => {
    const mentees = [
      makeMentee({ id: 'amy', practiceAreas: ['tax'], languages: ['fr'], timeZone: 'Asia/Tokyo' }),
    ];
    const result = run({ mentees, mentors: [employment], minScore: 900 });
    expect(result.pairs).toEqual([]);
    expect(result.unmatched[0].reason).toBe('below-min-score');
    expect(result.unmatched[0].message).toMatch(
      /^1 mentor would be feasible, but all score under the minimum of 900 \(best \d+\)\.$/,
    );
  });

  it('keeps pinned pairs, even against the optimum, and fills the rest around them', () => {
    const mentees = [
      makeMentee({ id: 'amy', practiceAreas: ['family'] }),
      makeMentee({ id: 'bob', practiceAreas: ['employment'] }),
    ];
    const result = run({
      mentees,
      mentors: [employment, family],
      pinned: [{ menteeId: 'amy', mentorId: 'mentor-employment' }],
    });
    expect(result.pairs.map((p) => [p.menteeId, p.mentorId, p.origin])).toEqual([
      ['amy', 'mentor-employment', 'pinned'],
      ['bob', 'mentor-family', 'solver'],
    ]);
  });

  it('says a mentee lost out on seats, not rules, when pins took the only feasible mentor', () => {
    const mentees = [makeMentee({ id: 'amy' }), makeMentee({ id: 'bob' })];
    const result = run({
      mentees,
      mentors: [employment],
      pinned: [{ menteeId: 'amy', mentorId: 'mentor-employment' }],
    });
    expect(result.unmatched).toMatchObject([
      {
        menteeId: 'bob',
        reason: 'feasible-mentors-full',
        feasibleMentors: 1,
        message: expect.stringMatching(
          /^The only mentor that passes the hard constraints is full: pinned pairs/,
        ),
      },
    ]);
  });

  it('keeps a pinned pair even under the minimum score', () => {
    const mentees = [makeMentee({ id: 'amy', practiceAreas: ['tax'], languages: ['fr'] })];
    const result = run({
      mentees,
      mentors: [family],
      minScore: 950,
      pinned: [{ menteeId: 'amy', mentorId: 'mentor-family' }],
    });
    expect(result.pairs).toMatchObject([{ menteeId: 'amy', mentorId: 'mentor-family', origin: 'pinned' }]);
    expect(result.pairs[0].score).toBeLessThan(950);
  });

  it('refuses a pinned pair that breaks a hard constraint, naming every reason', () => {
    const mentees = [makeMentee({ id: 'amy', supervisorIds: ['mentor-family'] })];
    const settings = makeSettings({
      constraints: { doNotMatch: [{ menteeId: 'amy', mentorId: 'mentor-family' }] },
    });
    expectValidation(
      () =>
        run({
          mentees,
          mentors: [family],
          settings,
          pinned: [{ menteeId: 'amy', mentorId: 'mentor-family' }],
        }),
      'pinned.0',
      /breaks 2 hard constraints: The coordinator marked this pair as do-not-match\. The mentor is the mentee's direct supervisor\./,
    );
  });

  it('refuses pinning more mentees to a mentor than it has seats', () => {
    const mentees = [makeMentee({ id: 'amy' }), makeMentee({ id: 'bob' })];
    expectValidation(
      () =>
        run({
          mentees,
          mentors: [employment],
          pinned: [
            { menteeId: 'amy', mentorId: 'mentor-employment' },
            { menteeId: 'bob', mentorId: 'mentor-employment' },
          ],
        }),
      'pinned.1',
      /no open seats/,
    );
  });

  it('rejects bad profiles with every field named', () => {
    const mentees = [
      makeMentee({ id: 'amy', availability: [{ day: 'mon', startMinute: 600, endMinute: 600 }] }),
      makeMentee({ id: 'amy', yearsSinceAdmission: undefined, admissionDate: '2026-13-01' }),
    ];
    const mentors = [makeMentor({ id: 'x', timeZone: 'America/Portland', capacity: -1 })];
    expectValidation(
      () => run({ mentees, mentors }),
      'mentees.0.availability.0.endMinute',
      /not equal to start/,
    );
    expectValidation(() => run({ mentees, mentors }), 'mentees.1.id', /duplicate id "amy"/);
    expectValidation(() => run({ mentees, mentors }), 'mentees.1.yearsSinceAdmission', /admissionDate/);
    expectValidation(
      () => run({ mentees, mentors }),
      'mentors.0.timeZone',
      /unknown IANA time zone "America\/Portland"/,
    );
    expectValidation(() => run({ mentees, mentors }), 'mentors.0.capacity', /whole number/);
  });

  it('rejects unknown ids and a bad minimum score', () => {
    expectValidation(
      () =>
        run({
          mentees: [makeMentee({ id: 'amy' })],
          mentors: [family],
          pinned: [{ menteeId: 'zed', mentorId: 'mentor-family' }],
        }),
      'pinned.0.menteeId',
      /no mentee "zed"/,
    );
    expectValidation(() => run({ minScore: 1001 }), 'minScore', /0\.\.1000/);
  });

  it('incremental mode keeps running relationships and fills only open seats', () => {
    const twoSeats = makeMentor({ id: 'mentor-employment', practiceAreas: ['employment'], capacity: 2 });
    const mentees = [
      makeMentee({ id: 'amy', practiceAreas: ['employment'] }),
      makeMentee({ id: 'bob', practiceAreas: ['employment'] }),
      makeMentee({ id: 'cat', practiceAreas: ['employment'] }),
    ];
    const settings = makeSettings({
      constraints: { previousPairs: [{ menteeId: 'amy', mentorId: 'mentor-family' }] },
    });
    const result = run({
      mentees,
      mentors: [twoSeats, family],
      settings,
      objective: 'coverage',
      incremental: {
        existingPairs: [
          { menteeId: 'amy', mentorId: 'mentor-family' },
          { menteeId: 'bob', mentorId: 'mentor-employment' },
        ],
      },
    });
    expect(result.pairs.map((p) => [p.menteeId, p.mentorId, p.origin])).toEqual([
      ['amy', 'mentor-family', 'existing'],
      ['bob', 'mentor-employment', 'existing'],
      ['cat', 'mentor-employment', 'solver'],
    ]);
    // The kept amy–family relationship now breaks the no-repeat rule: kept, but flagged.
    expect(result.warnings).toMatchObject([
      {
        code: 'existing-pair-now-excluded',
        menteeId: 'amy',
        mentorId: 'mentor-family',
        reasons: [{ code: 'previous-pairing' }],
      },
    ]);
  });

  it('stable objective: mentee-proposing with rankings by id, and zero blocking pairs', () => {
    const mentees = [makeMentee({ id: 'amy' }), makeMentee({ id: 'bob' })];
    const mentors = [makeMentor({ id: 'x' }), makeMentor({ id: 'y' })];
    const result = run({
      mentees,
      mentors,
      objective: 'stable',
      rankings: { mentees: { amy: ['x', 'y'], bob: ['x', 'y'] }, mentors: { x: ['bob', 'amy'] } },
    });
    expect(result.pairs.map((p) => [p.menteeId, p.mentorId, p.origin])).toEqual([
      ['amy', 'y', 'stable'],
      ['bob', 'x', 'stable'],
    ]);
    expect(result.summary.blockingPairs).toBe(0);
  });

  it('gives the same output for the same input', () => {
    const input = {
      mentees: [makeMentee({ id: 'amy' }), makeMentee({ id: 'bob' }), makeMentee({ id: 'cat' })],
      mentors: [makeMentor({ id: 'x', capacity: 2 }), makeMentor({ id: 'y' })],
    };
    expect(run(input)).toEqual(run(input));
  });

  it('summarises coverage, mean, minimum and the score distribution', () => {
    const mentees = [
      makeMentee({ id: 'amy', practiceAreas: ['family'] }),
      makeMentee({ id: 'bob', practiceAreas: ['employment'] }),
      makeMentee({ id: 'cat', wantedMentors: 0 }),
    ];
    const result = run({ mentees, mentors: [employment, family] });
    const scores = result.pairs.map((p) => p.score);
    expect(result.summary.menteeCount).toBe(2);
    expect(result.summary.meanScore).toBeCloseTo((scores[0] + scores[1]) / 2, 1);
    expect(result.summary.minScore).toBe(Math.min(...scores));
    expect(result.summary.distribution.reduce((a, b) => a + b, 0)).toBe(2);
    expect(result.summary.distribution).toHaveLength(10);
  });
});

/** Checks the invariants every result must satisfy, from the profiles alone. */
function checkResult(
  mentees: MenteeProfile[],
  mentors: MentorProfile[],
  settings: ReturnType<typeof makeSettings>,
  minScore: number,
  result: MatchProgramResult,
): void {
  const mentee = new Map(mentees.map((m) => [m.id, m]));
  const mentor = new Map(mentors.map((m) => [m.id, m]));
  const perMentee = new Map<string, number>();
  const perMentor = new Map<string, number>();
  for (const pair of result.pairs) {
    // No returned pair ever breaks a hard constraint.
    expect(explainExclusion(mentee.get(pair.menteeId)!, mentor.get(pair.mentorId)!, settings)).toEqual([]);
    expect(pair.score).toBeGreaterThanOrEqual(minScore);
    perMentee.set(pair.menteeId, (perMentee.get(pair.menteeId) ?? 0) + 1);
    perMentor.set(pair.mentorId, (perMentor.get(pair.mentorId) ?? 0) + 1);
  }
  for (const [id, count] of perMentee) expect(count).toBeLessThanOrEqual(mentee.get(id)!.wantedMentors);
  for (const [id, count] of perMentor) {
    const m = mentor.get(id)!;
    expect(count).toBeLessThanOrEqual(m.capacity - m.seatsUsedElsewhere);
  }
  const keys = result.pairs.map(
    (p) =>
      `${mentees.findIndex((m) => m.id === p.menteeId)}:${mentors.findIndex((m) => m.id === p.mentorId)}`,
  );
  expect(new Set(keys).size).toBe(keys.length);
  // Every mentee who wanted a mentor and got none is listed with a reason.
  for (const m of mentees) {
    const got = perMentee.get(m.id) ?? 0;
    const listed = result.unmatched.find((u) => u.menteeId === m.id);
    expect(Boolean(listed)).toBe(m.wantedMentors > 0 && got < m.wantedMentors);
    if (listed && listed.reason === 'no-feasible-mentor') {
      for (const t of mentors) expect(explainExclusion(m, t, settings).length).toBeGreaterThan(0);
    }
  }
}

const objectiveArb = fc.constantFrom<MatchObjective>('quality', 'coverage', 'fairness', 'stable');

describe('property: matchProgram with the exact solver', () => {
  it('never returns a pair that breaks a hard constraint, capacity or the minimum score', () => {
    fc.assert(
      fc.property(
        poolArb,
        constraintsArb,
        objectiveArb,
        fc.integer({ min: 0, max: 700 }),
        (pool, constraints, objective, minScore) => {
          const settings = { ...makeSettings(), constraints };
          const result = matchProgram({ ...pool, settings, objective, minScore });
          checkResult(pool.mentees, pool.mentors, settings, minScore, result);
          if (objective === 'stable') expect(result.summary.blockingPairs).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps every pinned pair, or refuses the run only when a pin breaks a rule or over-fills a mentor', () => {
    fc.assert(
      fc.property(
        poolArb,
        constraintsArb,
        objectiveArb,
        fc.array(fc.tuple(fc.nat(5), fc.nat(4)), { maxLength: 3 }),
        (pool, constraints, objective, picks) => {
          const settings = { ...makeSettings(), constraints };
          const pinned = picks
            .filter(([i, j]) => i < pool.mentees.length && j < pool.mentors.length)
            .map(([i, j]) => ({ menteeId: pool.mentees[i].id, mentorId: pool.mentors[j].id }));
          const unique = new Set(pinned.map((p) => `${p.menteeId}|${p.mentorId}`)).size === pinned.length;
          const seats = (id: string, key: 'menteeId' | 'mentorId') =>
            pinned.filter((p) => p[key] === id).length;
          const acceptable =
            unique &&
            pinned.every((p) => {
              const a = pool.mentees.find((m) => m.id === p.menteeId)!;
              const b = pool.mentors.find((m) => m.id === p.mentorId)!;
              return (
                explainExclusion(a, b, settings).length === 0 &&
                seats(a.id, 'menteeId') <= a.wantedMentors &&
                seats(b.id, 'mentorId') <= b.capacity - b.seatsUsedElsewhere
              );
            });
          let result: MatchProgramResult;
          try {
            result = matchProgram({ ...pool, settings, objective, pinned });
          } catch (error) {
            expect(isAppError(error) && error.code === 'VALIDATION_FAILED').toBe(true);
            expect(acceptable).toBe(false);
            return;
          }
          expect(acceptable).toBe(true);
          for (const pin of pinned) {
            expect(result.pairs).toContainEqual(expect.objectContaining({ ...pin, origin: 'pinned' }));
          }
          checkResult(pool.mentees, pool.mentors, settings, 0, result);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('incremental mode keeps every running relationship and never over-fills a seat with new pairs', () => {
    fc.assert(
      fc.property(
        poolArb,
        constraintsArb,
        objectiveArb,
        fc.uniqueArray(fc.tuple(fc.nat(5), fc.nat(4)), { maxLength: 3, selector: ([i, j]) => `${i}|${j}` }),
        (pool, constraints, objective, picks) => {
          const settings = { ...makeSettings(), constraints };
          const existingPairs = picks
            .filter(([i, j]) => i < pool.mentees.length && j < pool.mentors.length)
            .map(([i, j]) => ({ menteeId: pool.mentees[i].id, mentorId: pool.mentors[j].id }));
          const result = matchProgram({ ...pool, settings, objective, incremental: { existingPairs } });
          for (const pair of existingPairs) {
            expect(result.pairs).toContainEqual(expect.objectContaining({ ...pair, origin: 'existing' }));
          }
          const kept = (id: string, key: 'menteeId' | 'mentorId') =>
            existingPairs.filter((p) => p[key] === id).length;
          for (const m of pool.mentors) {
            const added = result.pairs.filter((p) => p.mentorId === m.id && p.origin !== 'existing').length;
            if (added > 0)
              expect(added + kept(m.id, 'mentorId')).toBeLessThanOrEqual(m.capacity - m.seatsUsedElsewhere);
          }
          for (const m of pool.mentees) {
            const added = result.pairs.filter((p) => p.menteeId === m.id && p.origin !== 'existing').length;
            if (added > 0) expect(added + kept(m.id, 'menteeId')).toBeLessThanOrEqual(m.wantedMentors);
          }
          for (const pair of result.pairs.filter((p) => p.origin !== 'existing')) {
            const a = pool.mentees.find((m) => m.id === pair.menteeId)!;
            const b = pool.mentors.find((m) => m.id === pair.mentorId)!;
            expect(explainExclusion(a, b, settings)).toEqual([]);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reaches the brute-force optimum for quality, coverage and fairness', () => {
    const small = poolArb.map((pool) => ({ ...pool, mentees: pool.mentees.slice(0, 4) }));
    const key = (objective: MatchObjective, r: MatchProgramResult) => {
      const scores = r.pairs.map((p) => p.score);
      const total = scores.reduce((a, b) => a + b, 0);
      const low = scores.length === 0 ? 0 : Math.min(...scores);
      if (objective === 'quality') return [total];
      if (objective === 'coverage') return [r.summary.matchedMentees, total];
      return [r.summary.matchedMentees, low, total];
    };
    fc.assert(
      fc.property(
        small,
        constraintsArb,
        fc.constantFrom<MatchObjective>('quality', 'coverage', 'fairness'),
        fc.integer({ min: 0, max: 600 }),
        (pool, constraints, objective, minScore) => {
          const settings = { ...makeSettings(), constraints };
          const input = { ...pool, settings, objective, minScore };
          const exact = matchProgram(input);
          const reference = matchProgram(input, { solve: bruteForceSolve });
          expect(key(objective, exact)).toEqual(key(objective, reference));
          checkResult(pool.mentees, pool.mentors, settings, minScore, reference);
        },
      ),
      { numRuns: 250 },
    );
  });
});
