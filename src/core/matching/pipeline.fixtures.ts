/**
 * Test fixtures for the matching module: profile factories, fast-check arbitraries and a brute-force
 * reference solver for tiny instances (used to check the pipeline independently of the real solver).
 */
import fc from 'fast-check';
import {
  defaultMatchingSettings,
  type ConstraintSettings,
  type MatchingSettings,
  type MenteeProfile,
  type MentorProfile,
  type ScoringSettings,
} from './profile.ts';
import type { SolverProblem, SolverResult } from './solver-types.ts';

/** A Wednesday in northern summer: US, UK and EU on daylight time, Australia on standard time. */
export const REFERENCE_DATE = new Date('2025-06-11T12:00:00Z');

export function makeMentee(overrides: Partial<MenteeProfile> & { id: string }): MenteeProfile {
  return {
    practiceAreas: ['employment'],
    careerGoals: [],
    admissions: ['US-OR'],
    practiceJurisdictions: ['US-OR'],
    yearsSinceAdmission: 1,
    organizationId: 'org-a',
    supervisorIds: [],
    timeZone: 'America/Los_Angeles',
    languages: ['en'],
    availability: [],
    affinity: [],
    skillsToDevelop: [],
    wantedMentors: 1,
    ...overrides,
  };
}

export function makeMentor(overrides: Partial<MentorProfile> & { id: string }): MentorProfile {
  return {
    practiceAreas: ['employment'],
    careerGoals: [],
    admissions: ['US-OR'],
    practiceJurisdictions: ['US-OR'],
    yearsSinceAdmission: 12,
    organizationId: 'org-b',
    supervisorIds: [],
    timeZone: 'America/Los_Angeles',
    languages: ['en'],
    availability: [],
    affinity: [],
    skillsOffered: [],
    capacity: 1,
    seatsUsedElsewhere: 0,
    eligibility: 'eligible',
    ...overrides,
  };
}

export function makeSettings(
  overrides: {
    scoring?: Partial<ScoringSettings>;
    constraints?: Partial<ConstraintSettings>;
    referenceDate?: Date;
  } = {},
): MatchingSettings {
  const base = defaultMatchingSettings(overrides.referenceDate ?? REFERENCE_DATE);
  return {
    scoring: { ...base.scoring, ...overrides.scoring },
    constraints: { ...base.constraints, minSeniorityGapYears: null, ...overrides.constraints },
    referenceDate: base.referenceDate,
  };
}

const AREAS = ['employment', 'family', 'immigration', 'tax', 'litigation'];
const SKILLS = ['courtroom-advocacy', 'legal-writing', 'negotiation', 'client-development'];
const GOALS = ['make-partner', 'move-in-house', 'judicial-clerkship'];
const JURISDICTIONS = ['US-OR', 'US-WA', 'US-OH', 'GB-ENG', 'AU-NSW'];
const ZONES = [
  'America/Los_Angeles',
  'America/New_York',
  'Europe/London',
  'Australia/Sydney',
  'Asia/Kolkata',
];
const ORGS = ['org-a', 'org-b', 'org-c'];

const subset = <T>(items: readonly T[], max = 3) => fc.subarray([...items], { maxLength: max });
const windowArb = fc
  .record({
    day: fc.constantFrom('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun' as const),
    startMinute: fc.integer({ min: 0, max: 95 }).map((q) => q * 15),
    endMinute: fc.integer({ min: 1, max: 96 }).map((q) => q * 15),
  })
  .filter((w) => w.startMinute !== w.endMinute);

const personArb = fc.record({
  practiceAreas: subset(AREAS),
  careerGoals: subset(GOALS, 2),
  admissions: subset(JURISDICTIONS, 2),
  practiceJurisdictions: subset(JURISDICTIONS, 2),
  // Sometimes blank: a person who did not say when they were admitted (ADR 011).
  yearsSinceAdmission: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined, freq: 6 }),
  organizationId: fc.constantFrom(...ORGS),
  timeZone: fc.constantFrom(...ZONES),
  languages: subset(['en', 'es', 'fr'], 2),
  availability: fc.array(windowArb, { maxLength: 3 }),
  preferredFormat: fc.option(fc.constantFrom('in-person', 'video', 'hybrid' as const), { nil: undefined }),
  communicationStyle: fc.option(fc.constantFrom('direct', 'supportive' as const), { nil: undefined }),
  affinity: fc.array(
    fc.record({
      topic: fc.constantFrom('first-generation-lawyer', 'veteran' as const),
      answer: fc.boolean(),
      hasConsented: fc.boolean(),
    }),
    { maxLength: 2 },
  ),
});

const skillArb = fc.record({
  id: fc.constantFrom(...SKILLS),
  level: fc.constantFrom(1, 2, 3, 4 as const),
});

/** Small random pools with ids m0.., t0.. and random reporting lines, for property tests. */
export const poolArb = fc
  .record({
    mentees: fc.array(
      fc.record({
        person: personArb,
        skills: fc.array(skillArb, { maxLength: 3 }),
        wanted: fc.integer({ min: 0, max: 2 }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    mentors: fc.array(
      fc.record({
        person: personArb,
        skills: fc.array(skillArb, { maxLength: 3 }),
        capacity: fc.integer({ min: 0, max: 3 }),
        used: fc.integer({ min: 0, max: 1 }),
        eligibility: fc.constantFrom('eligible', 'eligible', 'pending', 'ineligible' as const),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    supervisorSeed: fc.array(fc.nat(20), { maxLength: 6 }),
  })
  .map(({ mentees, mentors, supervisorSeed }) => {
    const menteeProfiles: MenteeProfile[] = mentees.map((m, i) =>
      makeMentee({
        ...m.person,
        id: `m${i}`,
        skillsToDevelop: m.skills,
        wantedMentors: m.wanted,
        supervisorIds: supervisorSeed.filter((s) => s % (i + 2) === 0).map((s) => `t${s % mentors.length}`),
      }),
    );
    const mentorProfiles: MentorProfile[] = mentors.map((m, j) =>
      makeMentor({
        ...m.person,
        id: `t${j}`,
        skillsOffered: m.skills,
        capacity: m.capacity,
        seatsUsedElsewhere: m.used,
        eligibility: m.eligibility,
      }),
    );
    return { mentees: menteeProfiles, mentors: mentorProfiles };
  });

/** Random constraint settings referring to the ids of poolArb. */
export const constraintsArb: fc.Arbitrary<ConstraintSettings> = fc.record({
  organizationRule: fc.constantFrom('same-required', 'same-forbidden', 'allowed' as const),
  jurisdictionRule: fc.constantFrom('off', 'any', 'all' as const),
  minSeniorityGapYears: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
  maxTimeZoneDifferenceHours: fc.option(fc.integer({ min: 0, max: 12 }), { nil: null }),
  allowedMentorStatuses: fc.constantFrom(['eligible'] as const, ['eligible', 'pending'] as const),
  conflictPersonPairs: fc.array(
    fc.tuple(fc.nat(5), fc.nat(4)).map(([a, b]) => [`m${a}`, `t${b}`] as const),
    { maxLength: 3 },
  ),
  conflictOrganizationPairs: fc.array(fc.tuple(fc.constantFrom(...ORGS), fc.constantFrom(...ORGS)), {
    maxLength: 1,
  }),
  doNotMatch: fc.array(
    fc.tuple(fc.nat(5), fc.nat(4)).map(([a, b]) => ({ menteeId: `m${a}`, mentorId: `t${b}` })),
    { maxLength: 3 },
  ),
  previousPairs: fc.array(
    fc.tuple(fc.nat(5), fc.nat(4)).map(([a, b]) => ({ menteeId: `m${a}`, mentorId: `t${b}` })),
    { maxLength: 3 },
  ),
});

function candidates(problem: SolverProblem): Array<Array<[number, number]>> {
  const forbidden = new Set<number>();
  const list = problem.forbidden;
  if (list instanceof Int32Array) {
    for (let k = 0; k + 1 < list.length; k += 2) forbidden.add(list[k] * problem.mentorCount + list[k + 1]);
  } else {
    for (const [i, j] of list) forbidden.add(i * problem.mentorCount + j);
  }
  const rows: Array<Array<[number, number]>> = [];
  for (let i = 0; i < problem.menteeCount; i++) {
    const row: Array<[number, number]> = [];
    const push = (j: number, score: number) => {
      if (!forbidden.has(i * problem.mentorCount + j) && score >= problem.minScore) row.push([j, score]);
    };
    if (problem.scores.format === 'dense') {
      for (let j = 0; j < problem.mentorCount; j++) push(j, problem.scores.data[i * problem.mentorCount + j]);
    } else {
      const s = problem.scores;
      for (let k = s.indptr[i]; k < s.indptr[i + 1]; k++) push(s.indices[k], s.data[k]);
    }
    rows.push(row);
  }
  return rows;
}

/**
 * Exhaustive reference solver for tiny instances (a handful of mentees and mentors): tries every
 * assignment and keeps the lexicographically best for the objective. Pinned pairs are not supported.
 */
export function bruteForceSolve(problem: SolverProblem): SolverResult {
  const rows = candidates(problem);
  const mentorLeft = Int32Array.from(problem.mentorCapacity);
  let best: { key: number[]; pairs: Array<[number, number, number]> } | null = null;
  const chosen: Array<[number, number, number]> = [];
  const keyOf = (pairs: Array<[number, number, number]>): number[] => {
    const total = pairs.reduce((sum, p) => sum + p[2], 0);
    const matched = new Set(pairs.map((p) => p[0])).size;
    const low = pairs.length === 0 ? 0 : Math.min(...pairs.map((p) => p[2]));
    if (problem.objective === 'quality') return [total];
    if (problem.objective === 'coverage') return [matched, total];
    return [matched, low, total];
  };
  const better = (a: number[], b: number[]) => {
    for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] > b[k];
    return false;
  };
  const visit = (i: number, start: number, taken: number) => {
    if (i === problem.menteeCount) {
      const key = keyOf(chosen);
      if (!best || better(key, best.key)) best = { key, pairs: [...chosen] };
      return;
    }
    visit(i + 1, 0, 0);
    if (taken >= problem.menteeCapacity[i]) return;
    const row = rows[i];
    for (let k = start; k < row.length; k++) {
      const [j, score] = row[k];
      if (mentorLeft[j] <= 0) continue;
      mentorLeft[j]--;
      chosen.push([i, j, score]);
      visit(i, k + 1, taken + 1);
      chosen.pop();
      mentorLeft[j]++;
    }
  };
  visit(0, 0, 0);
  const pairs = (best as { pairs: Array<[number, number, number]> } | null)?.pairs ?? [];
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const total = pairs.reduce((sum, p) => sum + p[2], 0);
  const matched = new Set(pairs.map((p) => p[0]));
  const distribution = new Array<number>(10).fill(0);
  for (const p of pairs) distribution[Math.min(9, Math.floor(p[2] / 100))]++;
  return {
    pairs: pairs.map(([i, j]) => [i, j]),
    objective: total,
    unmatched: [...Array(problem.menteeCount).keys()]
      .filter((i) => !matched.has(i) && problem.menteeCapacity[i] > 0)
      .map((mentee) => ({ mentee, reason: 'not-in-optimum' as const, message: 'brute force' })),
    stats: {
      matchedMentees: matched.size,
      menteeCount: problem.menteeCount,
      coverage: problem.menteeCount === 0 ? 1 : matched.size / problem.menteeCount,
      meanScore: pairs.length === 0 ? 0 : total / pairs.length,
      minScore: pairs.length === 0 ? null : Math.min(...pairs.map((p) => p[2])),
      distribution,
    },
    isProvenOptimal: true,
  };
}
