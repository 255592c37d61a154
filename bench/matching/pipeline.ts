/**
 * End-to-end matching benchmark: 2,000 mentees × 500 mentors with full legal profiles (seeded), timed
 * from profiles to result (indexes, constraints, scores over all 1 M pairs, exact solve, explanations).
 * Target: under 1 s per run. Run with `npx tsx bench/matching/pipeline.ts [menteeCount] [mentorCount]`.
 */
import { performance } from 'node:perf_hooks';
import {
  defaultMatchingSettings,
  matchProgram,
  type AffinityAnswer,
  type AvailabilityWindow,
  type Competency,
  type CompetencyLevel,
  type MatchObjective,
  type MatchingSettings,
  type MenteeProfile,
  type MentorProfile,
  type PersonProfile,
} from '../../src/core/matching/index.ts';

/** mulberry32: small, fast, good enough for reproducible instances. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = rng(20250611);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const int = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
/** Zipf-like: early items are more popular, as a few practice areas dominate in practice. */
const pickSkewed = <T>(items: readonly T[]): T => items[Math.floor(items.length * random() ** 1.8)];
function sample<T>(items: readonly T[], count: number, skewed = false): T[] {
  const out = new Set<T>();
  while (out.size < Math.min(count, items.length)) out.add(skewed ? pickSkewed(items) : pick(items));
  return [...out];
}

const AREAS = [
  'litigation',
  'employment',
  'corporate-ma',
  'family',
  'criminal-defense',
  'real-estate',
  'immigration',
  'intellectual-property',
  'tax',
  'bankruptcy',
  'estates-trusts',
  'personal-injury',
  'banking-finance',
  'privacy-data',
  'environmental',
  'healthcare',
  'antitrust',
  'civil-rights',
  'public-interest',
  'criminal-prosecution',
];
const SKILLS = [
  'legal-writing',
  'courtroom-advocacy',
  'negotiation',
  'client-development',
  'business-development',
  'legal-research',
  'deposition-practice',
  'trial-preparation',
  'time-management',
  'ethics-professional-responsibility',
  'wellbeing',
  'contract-drafting',
  'appellate-practice',
  'managing-people',
  'public-speaking',
];
const GOALS = [
  'make-partner',
  'move-in-house',
  'judicial-clerkship',
  'open-own-practice',
  'public-service',
  'government-role',
  'lateral-move',
  'leadership-role',
  'return-to-practice',
  'academia',
];
/** Regions: a time zone and the jurisdictions lawyers there are admitted in. */
const REGIONS = [
  { zone: 'America/Los_Angeles', jurisdictions: ['US-CA', 'US-OR', 'US-WA'], weight: 4 },
  { zone: 'America/Denver', jurisdictions: ['US-CO'], weight: 1 },
  { zone: 'America/Chicago', jurisdictions: ['US-IL', 'US-TX'], weight: 3 },
  {
    zone: 'America/New_York',
    jurisdictions: ['US-NY', 'US-MA', 'US-DC', 'US-OH', 'US-GA', 'US-FL'],
    weight: 6,
  },
  { zone: 'America/Toronto', jurisdictions: ['CA-ON'], weight: 1 },
  { zone: 'Europe/London', jurisdictions: ['GB-ENG', 'GB-SCT'], weight: 3 },
  { zone: 'Europe/Dublin', jurisdictions: ['IE'], weight: 1 },
  { zone: 'Australia/Sydney', jurisdictions: ['AU-NSW', 'AU-VIC', 'AU-QLD'], weight: 2 },
];
const REGION_BAG = REGIONS.flatMap((region) => Array<typeof region>(region.weight).fill(region));
const ORGANIZATIONS = Array.from({ length: 60 }, (_, k) => ({
  id: `org-${k}`,
  region: pick(REGION_BAG),
  offices: sample(['downtown', 'midtown', 'north', 'south', 'harbor'], int(1, 3)),
}));
const WEEKDAY_LIST = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
const SLOTS = [
  [7 * 60, 8 * 60 + 30],
  [12 * 60, 13 * 60],
  [17 * 60 + 30, 19 * 60],
  [19 * 60, 21 * 60],
] as const;

function availability(): AvailabilityWindow[] {
  return Array.from({ length: int(2, 5) }, () => {
    const [start, end] = pick(SLOTS);
    return { day: pick(WEEKDAY_LIST), startMinute: start, endMinute: end };
  });
}

function affinity(): AffinityAnswer[] {
  const answers: AffinityAnswer[] = [];
  if (random() < 0.5)
    answers.push({ topic: 'first-generation-lawyer', answer: random() < 0.4, hasConsented: random() < 0.7 });
  if (random() < 0.3) answers.push({ topic: 'parent-caregiver', answer: true, hasConsented: random() < 0.6 });
  if (random() < 0.1) answers.push({ topic: 'veteran', answer: true, hasConsented: random() < 0.8 });
  if (random() < 0.25)
    answers.push({
      topic: 'identity-group',
      answer: sample(
        ['lgbtq', 'women-in-law', 'black-lawyers', 'latino-lawyers', 'aapi-lawyers', 'disability'],
        int(1, 2),
      ),
      hasConsented: random() < 0.6,
    });
  if (random() < 0.15) answers.push({ topic: 'career-changer', answer: true, hasConsented: random() < 0.8 });
  return answers;
}

function person(id: string, years: number): PersonProfile & { region: (typeof REGIONS)[number] } {
  const organization = pick(ORGANIZATIONS);
  const region = random() < 0.85 ? organization.region : pick(REGION_BAG);
  const admissions = sample(region.jurisdictions, random() < 0.2 ? 2 : 1);
  return {
    id,
    region,
    practiceAreas: sample(AREAS, int(1, 3), true),
    careerGoals: sample(GOALS, int(1, 2), true),
    admissions,
    practiceJurisdictions: admissions.slice(0, 1),
    yearsSinceAdmission: years,
    organizationId: organization.id,
    office: pick(organization.offices),
    supervisorIds: [],
    timeZone: region.zone,
    languages: random() < 0.15 ? ['en', pick(['es', 'fr', 'zh', 'hi', 'pt', 'ko'])] : ['en'],
    availability: availability(),
    preferredFormat: pick(['video', 'video', 'hybrid', 'in-person'] as const),
    communicationStyle: pick(['direct', 'supportive', 'structured', 'exploratory'] as const),
    affinity: affinity(),
  };
}

const competencies = (count: number, low: CompetencyLevel, high: CompetencyLevel): Competency[] =>
  sample(SKILLS, count, true).map((id) => ({ id, level: int(low, high) as CompetencyLevel }));

function generate(menteeCount: number, mentorCount: number) {
  const mentors: MentorProfile[] = Array.from({ length: mentorCount }, (_, j) => ({
    ...person(`mentor-${j}`, int(5, 35)),
    skillsOffered: competencies(int(3, 6), 3, 4),
    capacity: int(1, 6),
    seatsUsedElsewhere: random() < 0.2 ? 1 : 0,
    eligibility: random() < 0.92 ? 'eligible' : pick(['pending', 'ineligible'] as const),
  }));
  const mentorsByOrganization = new Map<string, string[]>();
  for (const mentor of mentors) {
    mentorsByOrganization.set(mentor.organizationId, [
      ...(mentorsByOrganization.get(mentor.organizationId) ?? []),
      mentor.id,
    ]);
  }
  const mentees: MenteeProfile[] = Array.from({ length: menteeCount }, (_, i) => {
    const base = person(`mentee-${i}`, int(0, 6));
    const colleagues = mentorsByOrganization.get(base.organizationId) ?? [];
    return {
      ...base,
      // A reporting line of one to three senior colleagues, as the org chart would flatten it.
      supervisorIds: sample(colleagues, int(1, 3)),
      skillsToDevelop: competencies(int(1, 4), 1, 2),
      wantedMentors: random() < 0.1 ? 2 : 1,
    };
  });
  const settings: MatchingSettings = defaultMatchingSettings(new Date('2025-06-11T12:00:00Z'));
  settings.constraints = {
    ...settings.constraints,
    organizationRule: 'allowed',
    jurisdictionRule: 'off',
    minSeniorityGapYears: 3,
    maxTimeZoneDifferenceHours: 6,
    conflictOrganizationPairs: Array.from(
      { length: 10 },
      () => [pick(ORGANIZATIONS).id, pick(ORGANIZATIONS).id] as const,
    ),
    conflictPersonPairs: Array.from(
      { length: 100 },
      () => [`mentee-${int(0, menteeCount - 1)}`, `mentor-${int(0, mentorCount - 1)}`] as const,
    ),
    doNotMatch: Array.from({ length: 100 }, () => ({
      menteeId: `mentee-${int(0, menteeCount - 1)}`,
      mentorId: `mentor-${int(0, mentorCount - 1)}`,
    })),
    previousPairs: Array.from({ length: 300 }, () => ({
      menteeId: `mentee-${int(0, menteeCount - 1)}`,
      mentorId: `mentor-${int(0, mentorCount - 1)}`,
    })),
  };
  return { mentees, mentors, settings };
}

const menteeCount = Number(process.argv[2] ?? 2000);
const mentorCount = Number(process.argv[3] ?? 500);
const generationStart = performance.now();
const instance = generate(menteeCount, mentorCount);
const generationMs = performance.now() - generationStart;
const objectives: MatchObjective[] = ['quality', 'coverage', 'fairness', 'stable'];
const clock = () => performance.now();

// One warm-up so the table shows steady-state figures, as a coordinator re-running after an edit sees.
matchProgram({ ...instance, objective: 'quality', minScore: 0 }, { clock });

const f = (ms: number) => (ms / 1000).toFixed(3);
const rows: string[] = [];
for (const objective of objectives) {
  // Best of three: the machine may be shared, and the fastest run is the least disturbed one.
  let best: { result: ReturnType<typeof matchProgram>; cpu: NodeJS.CpuUsage } | undefined;
  for (let run = 0; run < 3; run++) {
    const cpuBefore = process.cpuUsage();
    const attempt = matchProgram({ ...instance, objective, minScore: 0 }, { clock });
    const cpu = process.cpuUsage(cpuBefore);
    if (!best || attempt.timings!.totalMs < best.result.timings!.totalMs) best = { result: attempt, cpu };
  }
  const { result, cpu } = best!;
  const t = result.timings!;
  const s = result.summary;
  rows.push(
    `| ${menteeCount}×${mentorCount} | ${objective} | ${s.candidatePairs.toLocaleString('en-US')} | ${f(t.prepareMs)} | ${f(t.candidatesMs)} | ${f(t.solveMs)} | ${f(t.reportMs)} | **${f(t.totalMs)}** | ${f((cpu.user + cpu.system) / 1000)} | ${(s.coverage * 100).toFixed(1)}% | ${s.meanScore} | ${s.minScore ?? '–'} | ${s.isProvenOptimal ?? `blocking ${s.blockingPairs}`} |`,
  );
}

console.log(
  `Profiles generated in ${f(generationMs)} s (seeded; not part of the timings). Node ${process.version}.\n`,
);
console.log(
  '| size | objective | feasible pairs | prepare s | constraints + scores s | solve s | explain + report s | total s | CPU s | coverage | mean score | min score | optimal |',
);
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
for (const row of rows) console.log(row);
console.log(
  '\nBest of 3 runs per objective, wall-clock seconds per phase; CPU s is the process CPU time of that run (all threads, GC included).',
);
console.log(`Peak RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB.`);
