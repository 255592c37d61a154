import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeMentee, makeMentor, makeSettings, poolArb } from '../pipeline.fixtures.ts';
import { CRITERION_IDS, type CriterionId, type MenteeProfile, type MentorProfile } from '../profile.ts';
import { CRITERIA, joinLabels, seniorityCurve, timeZoneCurve } from './criteria.ts';
import { preparePool } from './prepare.ts';
import { createScorer, explainPairScore, explainScore, NEUTRAL_SCORE, scorePair, scoreRow } from './score.ts';

/** Only this criterion weighs anything, so the score is its value × 1000. */
function only(id: CriterionId) {
  return makeSettings({
    scoring: {
      weights: Object.fromEntries(CRITERION_IDS.map((c) => [c, c === id ? 1 : 0])),
      idealSeniorityGapYears: { min: 5, max: 20 },
      availabilityTargetMinutes: 180,
    },
  });
}

function judge(id: CriterionId, mentee: MenteeProfile, mentor: MentorProfile) {
  const explanation = explainScore(mentee, mentor, only(id));
  const contribution = explanation.contributions.find((c) => c.criterion === id);
  return { score: explanation.score, value: contribution?.value, reason: contribution?.reason, explanation };
}

const mentee = (o: Partial<MenteeProfile> = {}) => makeMentee({ id: 'mentee', ...o });
const mentor = (o: Partial<MentorProfile> = {}) => makeMentor({ id: 'mentor', ...o });

describe('practice-area', () => {
  it('names the shared area', () => {
    const r = judge(
      'practice-area',
      mentee({ practiceAreas: ['employment'] }),
      mentor({ practiceAreas: ['employment', 'tax'] }),
    );
    expect(r).toMatchObject({ score: 1000, value: 1, reason: 'both practise employment law' });
  });

  it('gives partial credit for part of the mentee’s areas', () => {
    const r = judge(
      'practice-area',
      mentee({ practiceAreas: ['immigration', 'family'] }),
      mentor({ practiceAreas: ['immigration'] }),
    );
    expect(r).toMatchObject({ score: 500, reason: 'both practise immigration law' });
  });

  it('says what the mentee practises when nothing is shared', () => {
    const r = judge(
      'practice-area',
      mentee({ practiceAreas: ['criminal-defense'] }),
      mentor({ practiceAreas: ['tax'] }),
    );
    expect(r).toMatchObject({
      score: 0,
      reason: "mentor does not practise the mentee's area (criminal defense)",
    });
  });
});

describe('skills', () => {
  it('counts a competency the mentor practises above the mentee’s level', () => {
    const r = judge(
      'skills',
      mentee({ skillsToDevelop: [{ id: 'courtroom-advocacy', level: 1 }] }),
      mentor({ skillsOffered: [{ id: 'courtroom-advocacy', level: 4 }] }),
    );
    expect(r).toMatchObject({
      score: 1000,
      reason: 'mentor offers courtroom advocacy, which the mentee wants to develop',
    });
  });

  it('does not count a competency the mentor holds only at the mentee’s own level', () => {
    const r = judge(
      'skills',
      mentee({
        skillsToDevelop: [
          { id: 'negotiation', level: 3 },
          { id: 'legal-writing', level: 1 },
        ],
      }),
      mentor({
        skillsOffered: [
          { id: 'negotiation', level: 3 },
          { id: 'legal-writing', level: 2 },
        ],
      }),
    );
    expect(r).toMatchObject({
      score: 500,
      reason: 'mentor offers legal writing, which the mentee wants to develop',
    });
  });

  it('lists up to two taught competencies and counts the rest', () => {
    const wanted = ['deposition-practice', 'trial-preparation', 'time-management'].map((id) => ({
      id,
      level: 1 as const,
    }));
    const r = judge(
      'skills',
      mentee({ skillsToDevelop: wanted }),
      mentor({ skillsOffered: wanted.map((s) => ({ ...s, level: 3 as const })) }),
    );
    expect(r.reason).toBe(
      'mentor offers deposition practice, trial preparation and 1 more, which the mentee wants to develop',
    );
  });

  it('is left out for a mentee who wants to develop nothing', () => {
    const r = judge('skills', mentee(), mentor({ skillsOffered: [{ id: 'negotiation', level: 4 }] }));
    expect(r.value).toBeUndefined();
    expect(r.score).toBe(NEUTRAL_SCORE);
    expect(r.explanation.note).toMatch(/neutral score 500/);
  });
});

describe('career-goals', () => {
  it('names the goal the mentor can advise on', () => {
    const r = judge(
      'career-goals',
      mentee({ careerGoals: ['move-in-house', 'make-partner'] }),
      mentor({ careerGoals: ['move-in-house'] }),
    );
    expect(r).toMatchObject({
      score: 500,
      reason: 'mentor can advise on moving in-house, which the mentee is aiming for',
    });
  });
});

describe('jurisdiction', () => {
  it('names the jurisdiction where the mentor is admitted and the mentee practises', () => {
    const r = judge(
      'jurisdiction',
      mentee({ practiceJurisdictions: ['US-OR'] }),
      mentor({ admissions: ['US-OR', 'US-WA'] }),
    );
    expect(r).toMatchObject({
      score: 1000,
      reason: 'mentor is admitted in Oregon (US-OR), where the mentee practises',
    });
  });

  it('reports when the mentor is admitted elsewhere', () => {
    const r = judge(
      'jurisdiction',
      mentee({ practiceJurisdictions: ['GB-ENG'] }),
      mentor({ admissions: ['AU-NSW'] }),
    );
    expect(r).toMatchObject({
      score: 0,
      reason: 'mentor is not admitted in England and Wales (GB-ENG), where the mentee practises',
    });
  });
});

describe('seniority', () => {
  it('rewards a gap inside the ideal range fully', () => {
    const r = judge('seniority', mentee({ yearsSinceAdmission: 2 }), mentor({ yearsSinceAdmission: 10 }));
    expect(r).toMatchObject({
      score: 1000,
      reason: 'mentor has 8 years more in practice than the mentee (ideal gap 5–20 years)',
    });
  });

  it('uses the admission date against the reference date', () => {
    const r = judge(
      'seniority',
      mentee({ yearsSinceAdmission: undefined, admissionDate: '2024-06-11' }),
      mentor({ yearsSinceAdmission: 3.5 }),
    );
    expect(r.reason).toBe('mentor has 2.5 years more in practice than the mentee (ideal gap 5–20 years)');
    expect(r.score).toBe(500);
  });

  it('leaves a mentee with blank seniority out of the criterion, and scores a blank mentor 0', () => {
    const blank = { yearsSinceAdmission: undefined, admissionDate: undefined };
    const forBlankMentee = judge('seniority', mentee(blank), mentor({ yearsSinceAdmission: 10 }));
    expect(forBlankMentee.value).toBeUndefined();
    expect(forBlankMentee.explanation.contributions).toEqual([]);
    expect(forBlankMentee.score).toBe(NEUTRAL_SCORE);
    const forBlankMentor = judge('seniority', mentee({ yearsSinceAdmission: 0 }), mentor(blank));
    expect(forBlankMentor).toMatchObject({
      score: 0,
      value: 0,
      reason: 'mentor has not said when they were admitted',
    });
  });

  it('shapes the value: rising to the range, flat in it, slowly falling after it', () => {
    expect(seniorityCurve(-1, 5, 20)).toBe(0);
    expect(seniorityCurve(2.5, 5, 20)).toBe(0.5);
    expect(seniorityCurve(20, 5, 20)).toBe(1);
    expect(seniorityCurve(30, 5, 20)).toBe(0.5);
    expect(seniorityCurve(60, 5, 20)).toBe(0.5);
  });
});

describe('time-zone', () => {
  it('gives full marks to the same offset', () => {
    const r = judge(
      'time-zone',
      mentee({ timeZone: 'America/Los_Angeles' }),
      mentor({ timeZone: 'America/Vancouver' }),
    );
    expect(r).toMatchObject({ score: 1000, reason: 'same time zone offset (UTC−07:00)' });
  });

  it('states the hours apart at the reference date', () => {
    const r = judge(
      'time-zone',
      mentee({ timeZone: 'America/New_York' }),
      mentor({ timeZone: 'Europe/London' }),
    );
    expect(r.reason).toBe('5 hours apart (mentee UTC−04:00, mentor UTC+01:00)');
    expect(r.score).toBe(Math.round(timeZoneCurve(300) * 1000));
  });

  it('changes across DST: Portland–London is 7 hours in late March, 8 in January', () => {
    const a = mentee({ timeZone: 'America/Los_Angeles' });
    const b = mentor({ timeZone: 'Europe/London' });
    const at = (iso: string) => explainScore(a, b, { ...only('time-zone'), referenceDate: new Date(iso) });
    expect(at('2025-03-20T12:00:00Z').contributions[0].reason).toMatch(/^7 hours apart/);
    expect(at('2025-01-20T12:00:00Z').contributions[0].reason).toMatch(/^8 hours apart/);
  });
});

describe('availability', () => {
  it('reports hours of weekly overlap', () => {
    const r = judge(
      'availability',
      mentee({
        timeZone: 'America/Chicago',
        availability: [{ day: 'tue', startMinute: 12 * 60, endMinute: 17 * 60 }],
      }),
      mentor({
        timeZone: 'America/New_York',
        availability: [{ day: 'tue', startMinute: 14 * 60, endMinute: 20 * 60 }],
      }),
    );
    // Chicago 12–17 CDT = 17–22 UTC; New York 14–20 EDT = 18–24 UTC → 4 h, over the 3 h target.
    expect(r).toMatchObject({ score: 1000, reason: '4 hours of overlapping availability each week' });
  });

  it('scales below the target and says when there is none', () => {
    const a = mentee({ timeZone: 'UTC', availability: [{ day: 'mon', startMinute: 540, endMinute: 630 }] });
    expect(
      judge(
        'availability',
        a,
        mentor({ timeZone: 'UTC', availability: [{ day: 'mon', startMinute: 540, endMinute: 600 }] }),
      ),
    ).toMatchObject({
      score: 333,
      reason: '1 hour of overlapping availability each week',
    });
    expect(
      judge(
        'availability',
        a,
        mentor({ timeZone: 'UTC', availability: [{ day: 'tue', startMinute: 540, endMinute: 600 }] }),
      ),
    ).toMatchObject({
      score: 0,
      reason: 'no overlapping availability in a typical week',
    });
  });
});

describe('language', () => {
  it('names a shared language in English', () => {
    const r = judge('language', mentee({ languages: ['es', 'en'] }), mentor({ languages: ['es'] }));
    expect(r).toMatchObject({ score: 1000, reason: 'both speak Spanish' });
  });
});

describe('meeting-format', () => {
  it('needs the same office for two in-person preferences to fully fit', () => {
    const a = mentee({ preferredFormat: 'in-person', organizationId: 'firm', office: 'portland' });
    expect(
      judge(
        'meeting-format',
        a,
        mentor({ preferredFormat: 'in-person', organizationId: 'firm', office: 'portland' }),
      ),
    ).toMatchObject({
      score: 1000,
      reason: 'both prefer meeting in person and work in the same office',
    });
    expect(
      judge(
        'meeting-format',
        a,
        mentor({ preferredFormat: 'in-person', organizationId: 'firm', office: 'seattle' }),
      ),
    ).toMatchObject({
      score: 500,
      reason: 'both prefer meeting in person but work in different offices',
    });
  });

  it('gives half to hybrid and nothing to in-person against video', () => {
    expect(
      judge('meeting-format', mentee({ preferredFormat: 'hybrid' }), mentor({ preferredFormat: 'video' }))
        .score,
    ).toBe(500);
    const r = judge(
      'meeting-format',
      mentee({ preferredFormat: 'in-person' }),
      mentor({ preferredFormat: 'video' }),
    );
    expect(r).toMatchObject({
      score: 0,
      reason: 'mentee prefers meeting in person, mentor prefers video meetings',
    });
  });
});

describe('communication-style', () => {
  it('matches equal styles', () => {
    const r = judge(
      'communication-style',
      mentee({ communicationStyle: 'direct' }),
      mentor({ communicationStyle: 'direct' }),
    );
    expect(r).toMatchObject({ score: 1000, reason: 'both prefer a direct communication style' });
  });
});

describe('affinity criteria and consent', () => {
  const firstGen = (hasConsented: boolean, answer = true) => [
    { topic: 'first-generation-lawyer' as const, answer, hasConsented },
  ];

  it('counts a shared answer when both consented', () => {
    const r = judge(
      'affinity-first-generation-lawyer',
      mentee({ affinity: firstGen(true) }),
      mentor({ affinity: firstGen(true) }),
    );
    expect(r).toMatchObject({ score: 1000, reason: 'both are first-generation lawyers' });
  });

  it('gives the same reason whether the mentor declined consent or answered differently', () => {
    const noConsent = judge(
      'affinity-first-generation-lawyer',
      mentee({ affinity: firstGen(true) }),
      mentor({ affinity: firstGen(false) }),
    );
    const differs = judge(
      'affinity-first-generation-lawyer',
      mentee({ affinity: firstGen(true) }),
      mentor({ affinity: firstGen(true, false) }),
    );
    const silent = judge('affinity-first-generation-lawyer', mentee({ affinity: firstGen(true) }), mentor());
    for (const r of [noConsent, differs, silent]) {
      expect(r).toMatchObject({
        score: 0,
        reason: 'no shared affinity of this kind that both chose to use for matching',
      });
    }
  });

  it('is left out entirely when the mentee did not consent', () => {
    const r = judge(
      'affinity-first-generation-lawyer',
      mentee({ affinity: firstGen(false) }),
      mentor({ affinity: firstGen(true) }),
    );
    expect(r.value).toBeUndefined();
    expect(r.score).toBe(NEUTRAL_SCORE);
  });

  it('never names an identity group, consented or not', () => {
    const groups = (hasConsented: boolean) => [
      { topic: 'identity-group' as const, answer: ['lgbtq', 'women-in-law'], hasConsented },
    ];
    const shared = explainScore(
      mentee({ affinity: groups(true) }),
      mentor({ affinity: groups(true) }),
      makeSettings(),
    );
    const unconsented = explainScore(
      mentee({ affinity: groups(true) }),
      mentor({ affinity: groups(false) }),
      makeSettings(),
    );
    for (const explanation of [shared, unconsented]) {
      const text = JSON.stringify(explanation);
      expect(text).not.toMatch(/lgbtq|women-in-law/);
    }
    expect(shared.contributions.find((c) => c.criterion === 'affinity-identity-group')?.value).toBe(1);
    expect(unconsented.contributions.find((c) => c.criterion === 'affinity-identity-group')?.value).toBe(0);
  });

  it('property: an unconsented answer never changes any score or reason', () => {
    fc.assert(
      fc.property(poolArb, fc.boolean(), (pool, flip) => {
        const settings = makeSettings();
        const [a] = pool.mentees;
        const [b] = pool.mentors;
        // Change only the answers that were not consented to.
        const scramble = <T extends MenteeProfile | MentorProfile>(p: T): T => ({
          ...p,
          affinity: p.affinity.map((x) =>
            x.hasConsented ? x : { ...x, answer: flip ? !x.answer : ['secret-group'] },
          ),
        });
        expect(explainScore(scramble(a), scramble(b), settings)).toEqual(explainScore(a, b, settings));
      }),
      { numRuns: 200 },
    );
  });
});

describe('pair score', () => {
  it('is the weighted mean × 1000, rounded', () => {
    const settings = makeSettings({
      scoring: {
        weights: {
          ...Object.fromEntries(CRITERION_IDS.map((c) => [c, 0])),
          'practice-area': 3,
          'time-zone': 1,
        },
        idealSeniorityGapYears: { min: 5, max: 20 },
        availabilityTargetMinutes: 180,
      },
    });
    // practice area 1/2 (weight 3), time zone 1 (weight 1) → (1.5 + 1) / 4 = 0.625
    const explanation = explainScore(
      mentee({ practiceAreas: ['tax', 'bankruptcy'] }),
      mentor({ practiceAreas: ['tax'] }),
      settings,
    );
    expect(explanation.score).toBe(625);
    expect(explanation.contributions.map((c) => [c.criterion, c.points, c.maxPoints])).toEqual([
      ['practice-area', 375, 750],
      ['time-zone', 250, 250],
    ]);
  });

  it('gives every pair the neutral 500 when all weights are 0', () => {
    const settings = makeSettings({
      scoring: {
        weights: Object.fromEntries(CRITERION_IDS.map((c) => [c, 0])),
        idealSeniorityGapYears: { min: 5, max: 20 },
        availabilityTargetMinutes: 180,
      },
    });
    expect(explainScore(mentee(), mentor(), settings)).toMatchObject({ score: 500, contributions: [] });
  });

  it('rejects a negative weight and an unknown criterion', () => {
    const bad = makeSettings({
      scoring: {
        weights: { skills: -1 },
        idealSeniorityGapYears: { min: 5, max: 20 },
        availabilityTargetMinutes: 180,
      },
    });
    expect(() => explainScore(mentee(), mentor(), bad)).toThrow(/scoring.weights.skills/);
    const unknown = makeSettings({
      scoring: {
        weights: { vibes: 2 } as never,
        idealSeniorityGapYears: { min: 5, max: 20 },
        availabilityTargetMinutes: 180,
      },
    });
    expect(() => explainScore(mentee(), mentor(), unknown)).toThrow(/unknown criterion "vibes"/);
  });

  it('property: scores are integers 0..1000, the fast path equals the explanation, contributions sum to it', () => {
    fc.assert(
      fc.property(poolArb, (pool) => {
        const prepared = preparePool(pool.mentees, pool.mentors, makeSettings());
        const scorer = createScorer(prepared);
        for (let i = 0; i < pool.mentees.length; i++) {
          for (let j = 0; j < pool.mentors.length; j++) {
            const score = scorePair(scorer, i, j);
            expect(Number.isInteger(score) && score >= 0 && score <= 1000).toBe(true);
            const explanation = explainPairScore(scorer, i, j);
            expect(explanation.score).toBe(score);
            const sum = explanation.contributions.reduce((s, c) => s + c.points, 0);
            if (explanation.contributions.length > 0) expect(Math.abs(sum - score)).toBeLessThanOrEqual(1);
            const points = explanation.contributions.map((c) => c.points);
            expect(points).toEqual([...points].sort((x, y) => y - x));
            for (const c of explanation.contributions) {
              expect(c.value).toBeGreaterThanOrEqual(0);
              expect(c.value).toBeLessThanOrEqual(1);
              expect(c.reason.length).toBeGreaterThan(0);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('property: the row scorer, the pair scorer and each criterion’s own function agree', () => {
    fc.assert(
      fc.property(poolArb, (pool) => {
        const prepared = preparePool(pool.mentees, pool.mentors, makeSettings());
        const scorer = createScorer(prepared);
        const m = pool.mentors.length;
        const mentors = Int32Array.from({ length: m }, (_, j) => m - 1 - j);
        const out = new Int32Array(m);
        for (let i = 0; i < pool.mentees.length; i++) {
          scoreRow(scorer, i, mentors, m, out, new Float64Array(m));
          mentors.forEach((j, k) => expect(out[k]).toBe(scorePair(scorer, i, j)));
          for (let j = 0; j < m; j++) {
            // Recompute from CRITERIA[c].value, the functions the explanation uses.
            let sum = 0;
            for (let k = scorer.activeStart[i]; k < scorer.activeStart[i + 1]; k++) {
              const c = scorer.active[k];
              sum += prepared.weights[c] * CRITERIA[c].value(prepared, i, j);
            }
            const expected =
              scorer.weightSum[i] === 0 ? NEUTRAL_SCORE : Math.round((1000 * sum) / scorer.weightSum[i]);
            expect(scorePair(scorer, i, j)).toBe(expected);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('has one criterion per id, in order', () => {
    expect(CRITERIA.map((c) => c.id)).toEqual([...CRITERION_IDS]);
  });
});

describe('joinLabels', () => {
  it('joins one, two and many', () => {
    expect(joinLabels(['a'])).toBe('a');
    expect(joinLabels(['a', 'b'])).toBe('a and b');
    expect(joinLabels(['a', 'b', 'c', 'd'])).toBe('a, b and 2 more');
  });
});
