import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  constraintsArb,
  makeMentee,
  makeMentor,
  makeSettings,
  poolArb,
  REFERENCE_DATE,
} from '../pipeline.fixtures.ts';
import type { ConstraintSettings, MatchingSettings, MenteeProfile, MentorProfile } from '../profile.ts';
import { preparePool } from '../scoring/prepare.ts';
import { utcOffsetMinutes } from '../scoring/time.ts';
import {
  createConstraintIndex,
  EXCLUSION_CODES,
  exclusionMask,
  exclusionReasons,
  explainExclusion,
  type ExclusionCode,
} from './constraints.ts';

const mentee = (o: Partial<MenteeProfile> = {}) => makeMentee({ id: 'ana', ...o });
const mentor = (o: Partial<MentorProfile> = {}) => makeMentor({ id: 'ben', ...o });
const rules = (constraints: Partial<ConstraintSettings>) => makeSettings({ constraints });
const codes = (a: MenteeProfile, b: MentorProfile, s: MatchingSettings) =>
  explainExclusion(a, b, s).map((r) => r.code);

/**
 * The hard constraints written a second time, straight from the profiles, so the property tests compare
 * the indexed filter with an independent reading of the rules.
 */
function referenceViolations(a: MenteeProfile, b: MentorProfile, s: MatchingSettings): Set<ExclusionCode> {
  const c = s.constraints;
  const out = new Set<ExclusionCode>();
  const has = (pairs: ReadonlyArray<{ menteeId: string; mentorId: string }>) =>
    pairs.some((p) => p.menteeId === a.id && p.mentorId === b.id);
  if (a.id === b.id) out.add('same-person');
  if (!c.allowedMentorStatuses.includes(b.eligibility)) out.add('mentor-not-eligible');
  if (b.capacity - b.seatsUsedElsewhere <= 0) out.add('mentor-no-open-seats');
  if (a.wantedMentors <= 0) out.add('mentee-needs-no-mentor');
  if (has(c.doNotMatch)) out.add('do-not-match');
  if (c.conflictPersonPairs.some(([x, y]) => (x === a.id && y === b.id) || (x === b.id && y === a.id))) {
    out.add('conflict-of-interest');
  }
  if (
    c.conflictOrganizationPairs.some(
      ([x, y]) =>
        (x === a.organizationId && y === b.organizationId) ||
        (y === a.organizationId && x === b.organizationId),
    )
  ) {
    out.add('organization-conflict');
  }
  if (a.supervisorIds.includes(b.id) || b.supervisorIds.includes(a.id)) out.add('reporting-line');
  if (has(c.previousPairs)) out.add('previous-pairing');
  const sameOrg = a.organizationId === b.organizationId;
  if (
    (c.organizationRule === 'same-required' && !sameOrg) ||
    (c.organizationRule === 'same-forbidden' && sameOrg)
  ) {
    out.add('organization-rule');
  }
  const practice = [...new Set(a.practiceJurisdictions)];
  const admitted = practice.filter((j) => b.admissions.includes(j));
  if (practice.length > 0 && c.jurisdictionRule === 'any' && admitted.length === 0)
    out.add('jurisdiction-required');
  if (practice.length > 0 && c.jurisdictionRule === 'all' && admitted.length < practice.length) {
    out.add('jurisdiction-required');
  }
  // A blank mentee is not restricted; a blank mentor cannot show the gap.
  if (c.minSeniorityGapYears !== null && a.yearsSinceAdmission !== undefined) {
    if (b.yearsSinceAdmission === undefined) out.add('seniority-gap');
    else if (b.yearsSinceAdmission - a.yearsSinceAdmission < c.minSeniorityGapYears) out.add('seniority-gap');
  }
  if (c.maxTimeZoneDifferenceHours !== null) {
    const ms = s.referenceDate.getTime();
    const diff = Math.abs(utcOffsetMinutes(a.timeZone, ms) - utcOffsetMinutes(b.timeZone, ms));
    if (Math.min(diff, 1440 - diff) > c.maxTimeZoneDifferenceHours * 60) out.add('time-zone-difference');
  }
  return out;
}

describe('explainExclusion', () => {
  it('returns nothing for a feasible pair', () => {
    expect(explainExclusion(mentee(), mentor(), makeSettings())).toEqual([]);
  });

  it('reports mentor capacity, counting seats used in other programs', () => {
    const reasons = explainExclusion(
      mentee(),
      mentor({ capacity: 2, seatsUsedElsewhere: 2 }),
      makeSettings(),
    );
    expect(reasons).toEqual([
      {
        code: 'mentor-no-open-seats',
        message: 'The mentor has no open seats (capacity 2, 2 used in other programs).',
      },
    ]);
    expect(codes(mentee(), mentor({ capacity: 3, seatsUsedElsewhere: 2 }), makeSettings())).toEqual([]);
  });

  it('reports a mentee who wants no mentor', () => {
    expect(explainExclusion(mentee({ wantedMentors: 0 }), mentor(), makeSettings())).toEqual([
      { code: 'mentee-needs-no-mentor', message: 'The mentee does not want a mentor in this program.' },
    ]);
  });

  it('applies the inside / outside mentoring rule', () => {
    const same = mentor({ organizationId: 'org-a' });
    const other = mentor({ organizationId: 'org-b' });
    expect(codes(mentee(), other, rules({ organizationRule: 'same-required' }))).toEqual([
      'organization-rule',
    ]);
    expect(codes(mentee(), same, rules({ organizationRule: 'same-required' }))).toEqual([]);
    expect(explainExclusion(mentee(), same, rules({ organizationRule: 'same-forbidden' }))[0].message).toBe(
      'This program is for outside mentoring, and the mentor is in the same organization.',
    );
    expect(codes(mentee(), same, rules({ organizationRule: 'allowed' }))).toEqual([]);
  });

  it('never pairs a mentee with anyone up their reporting line, and says how far up', () => {
    const a = mentee({ supervisorIds: ['sam', 'ben', 'chief'] });
    const [reason] = explainExclusion(a, mentor(), makeSettings());
    expect(reason).toEqual({
      code: 'reporting-line',
      message: "The mentor is in the mentee's reporting line (2 levels up).",
    });
    expect(explainExclusion(mentee({ supervisorIds: ['ben'] }), mentor(), makeSettings())[0].message).toBe(
      "The mentor is the mentee's direct supervisor.",
    );
    expect(codes(mentee(), mentor({ supervisorIds: ['ana'] }), makeSettings())).toEqual(['reporting-line']);
  });

  it('honours declared conflicts between people (either order) and between organizations', () => {
    expect(codes(mentee(), mentor(), rules({ conflictPersonPairs: [['ben', 'ana']] }))).toEqual([
      'conflict-of-interest',
    ]);
    const orgs = explainExclusion(
      mentee(),
      mentor(),
      rules({ conflictOrganizationPairs: [['org-b', 'org-a']] }),
    );
    expect(orgs).toEqual([
      {
        code: 'organization-conflict',
        message: 'A conflict of interest is declared between their organizations (org-a and org-b).',
      },
    ]);
  });

  it('requires admission where the mentee practises (any or all)', () => {
    const a = mentee({ practiceJurisdictions: ['US-OR', 'US-WA'] });
    const b = mentor({ admissions: ['US-WA'] });
    expect(codes(a, b, rules({ jurisdictionRule: 'any' }))).toEqual([]);
    expect(explainExclusion(a, b, rules({ jurisdictionRule: 'all' }))).toEqual([
      {
        code: 'jurisdiction-required',
        message: 'The mentor is not admitted in Oregon (US-OR), where the mentee practises.',
      },
    ]);
    expect(codes(a, mentor({ admissions: ['GB-ENG'] }), rules({ jurisdictionRule: 'any' }))).toEqual([
      'jurisdiction-required',
    ]);
    expect(codes(a, mentor({ admissions: ['GB-ENG'] }), rules({ jurisdictionRule: 'off' }))).toEqual([]);
  });

  it('enforces the minimum seniority gap in years, also from admission dates', () => {
    const settings = rules({ minSeniorityGapYears: 5 });
    expect(
      explainExclusion(mentee({ yearsSinceAdmission: 3 }), mentor({ yearsSinceAdmission: 6 }), settings),
    ).toEqual([
      {
        code: 'seniority-gap',
        message: 'The mentor has 3 more years in practice than the mentee; the program requires at least 5.',
      },
    ]);
    expect(codes(mentee({ yearsSinceAdmission: 3 }), mentor({ yearsSinceAdmission: 8 }), settings)).toEqual(
      [],
    );
    const dated = mentor({ yearsSinceAdmission: undefined, admissionDate: '2019-06-12' }); // a day short of 6 years
    expect(codes(mentee({ yearsSinceAdmission: 1 }), dated, settings)).toEqual(['seniority-gap']);
  });

  it('does not restrict a mentee whose seniority is blank, and excludes a mentor whose seniority is blank', () => {
    const settings = rules({ minSeniorityGapYears: 5 });
    const blankMentee = mentee({ yearsSinceAdmission: undefined, admissionDate: undefined });
    const blankMentor = mentor({ yearsSinceAdmission: undefined, admissionDate: undefined });
    expect(codes(blankMentee, mentor({ yearsSinceAdmission: 1 }), settings)).toEqual([]);
    expect(codes(blankMentee, blankMentor, settings)).toEqual([]);
    expect(explainExclusion(mentee({ yearsSinceAdmission: 0 }), blankMentor, settings)).toEqual([
      {
        code: 'seniority-gap',
        message:
          'The mentor has not said when they were admitted; the program requires at least 5 more years in practice than the mentee.',
      },
    ]);
    expect(
      codes(mentee({ yearsSinceAdmission: 0 }), blankMentor, rules({ minSeniorityGapYears: null })),
    ).toEqual([]);
  });

  it('limits the time-zone difference at the reference date, across DST', () => {
    const a = mentee({ timeZone: 'America/Los_Angeles' });
    const b = mentor({ timeZone: 'Europe/London' });
    const at = (iso: string) => ({
      ...rules({ maxTimeZoneDifferenceHours: 7 }),
      referenceDate: new Date(iso),
    });
    expect(codes(a, b, at('2025-03-20T12:00:00Z'))).toEqual([]); // US already on DST, UK not yet: 7 h
    expect(explainExclusion(a, b, at('2025-01-20T12:00:00Z'))).toEqual([
      {
        code: 'time-zone-difference',
        message:
          'Their time zones are 8 hours apart at the reference date (mentee UTC−08:00, mentor UTC+00:00); the program allows at most 7.',
      },
    ]);
  });

  it('measures across the date line the short way and says so', () => {
    const reasons = explainExclusion(
      mentee({ timeZone: 'America/Chicago' }),
      mentor({ timeZone: 'Australia/Sydney' }),
      rules({ maxTimeZoneDifferenceHours: 6 }),
    );
    expect(reasons[0].message).toBe(
      'Their time zones are 9 hours apart at the reference date (mentee UTC−05:00, mentor UTC+10:00, counted the short way round the clock); the program allows at most 6.',
    );
  });

  it('never repeats a previous pairing and honours do-not-match', () => {
    const pair = [{ menteeId: 'ana', mentorId: 'ben' }];
    expect(codes(mentee(), mentor(), rules({ previousPairs: pair }))).toEqual(['previous-pairing']);
    expect(codes(mentee(), mentor(), rules({ doNotMatch: pair }))).toEqual(['do-not-match']);
    // Direction matters: a do-not-match for ben as mentee says nothing about ben as mentor.
    expect(codes(mentee(), mentor(), rules({ doNotMatch: [{ menteeId: 'ben', mentorId: 'ana' }] }))).toEqual(
      [],
    );
  });

  it('only matches mentors whose eligibility the program allows', () => {
    expect(explainExclusion(mentee(), mentor({ eligibility: 'pending' }), makeSettings())).toEqual([
      {
        code: 'mentor-not-eligible',
        message: 'The mentor\'s eligibility is "pending"; this program matches only "eligible" mentors.',
      },
    ]);
    expect(
      codes(
        mentee(),
        mentor({ eligibility: 'pending' }),
        rules({ allowedMentorStatuses: ['eligible', 'pending'] }),
      ),
    ).toEqual([]);
    expect(
      codes(
        mentee(),
        mentor({ eligibility: 'ineligible' }),
        rules({ allowedMentorStatuses: ['eligible', 'pending'] }),
      ),
    ).toEqual(['mentor-not-eligible']);
  });

  it('returns every reason at once, in a fixed order', () => {
    const reasons = explainExclusion(
      mentee({ id: 'same', supervisorIds: ['same'], yearsSinceAdmission: 10 }),
      mentor({ id: 'same', eligibility: 'ineligible', organizationId: 'org-a', yearsSinceAdmission: 2 }),
      rules({ organizationRule: 'same-forbidden', minSeniorityGapYears: 1 }),
    );
    expect(reasons.map((r) => r.code)).toEqual([
      'same-person',
      'mentor-not-eligible',
      'reporting-line',
      'organization-rule',
      'seniority-gap',
    ]);
    for (const reason of reasons) expect(reason.message).toMatch(/^[A-Z].*\.$/);
  });

  it('rejects an unknown time zone with the field named', () => {
    expect(() => explainExclusion(mentee({ timeZone: 'Europe/Atlantis' }), mentor(), makeSettings())).toThrow(
      /mentees\.0\.timeZone: unknown IANA time zone/,
    );
  });
});

describe('property: the feasibility filter agrees with an independent reading of every rule', () => {
  it('for every pair of random pools and settings', () => {
    fc.assert(
      fc.property(poolArb, constraintsArb, (pool, constraints) => {
        const settings = { ...makeSettings(), constraints };
        const index = createConstraintIndex(preparePool(pool.mentees, pool.mentors, settings));
        pool.mentees.forEach((a, i) => {
          pool.mentors.forEach((b, j) => {
            const expected = referenceViolations(a, b, settings);
            const reasons = exclusionReasons(index, i, j);
            expect(new Set(reasons.map((r) => r.code))).toEqual(expected);
            expect(exclusionMask(index, i, j) === 0).toBe(expected.size === 0);
            // The single-pair API gives the same answer, except for constraints that depend on the rest
            // of the pool (none today besides ids, which the pair carries).
            expect(explainExclusion(a, b, settings).map((r) => r.code)).toEqual(reasons.map((r) => r.code));
          });
        });
      }),
      { numRuns: 300 },
    );
  });

  it('lists every code exactly once', () => {
    expect(new Set(EXCLUSION_CODES).size).toBe(EXCLUSION_CODES.length);
    expect(REFERENCE_DATE.toISOString()).toBe('2025-06-11T12:00:00.000Z');
  });
});
