/**
 * The generated part of the demo: enough new lawyers and volunteer mentors for the bar association's
 * new-lawyer program to be a real matching problem (60+ mentees, 25+ mentors), with the spread of answers
 * a real intake has — practice areas, skills and levels, goals, admissions across Oregon and Washington,
 * languages, offices, availability, meeting formats. Deterministic: the same people and answers every
 * time, so demo ids and screenshots stay stable. Everyone is fictional; emails use `.example`.
 */
import type { BuiltInAnswers } from '../../core/enrolment/built-in-questions.ts';
import {
  CAREER_GOAL_LABELS,
  COMMUNICATION_STYLES,
  COMPETENCY_LABELS,
  MEETING_FORMATS,
  type AvailabilityWindow,
  type CompetencyLevel,
  type Weekday,
} from '../../core/matching/profile.ts';

export interface GeneratedApplicant {
  key: string;
  name: string;
  email: string;
  side: 'mentee' | 'mentor';
  /** Mentees the mentor offers to take (mentors only). */
  capacity: number;
  answers: BuiltInAnswers;
}

/** A small seeded generator (mulberry32): the demo must be the same on every machine. */
function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const some = <T>(items: readonly T[], min: number, max: number): T[] => {
    const wanted = min + Math.floor(next() * (max - min + 1));
    const pool = [...items];
    const chosen: T[] = [];
    while (chosen.length < wanted && pool.length > 0)
      chosen.push(pool.splice(Math.floor(next() * pool.length), 1)[0]);
    return chosen;
  };
  return { next, pick, some };
}

const FIRST_NAMES = [
  'Alex',
  'Amara',
  'Ana',
  'Anika',
  'Ben',
  'Caleb',
  'Carmen',
  'Chen',
  'Claire',
  'Daniel',
  'Deepa',
  'Diego',
  'Elena',
  'Elijah',
  'Emma',
  'Farah',
  'Gabriel',
  'Hana',
  'Isaac',
  'Imani',
  'Jae',
  'James',
  'Jasmine',
  'Joaquín',
  'Julia',
  'Kai',
  'Keisha',
  'Leah',
  'Liam',
  'Lina',
  'Malik',
  'Maya',
  'Mei',
  'Nadia',
  'Noah',
  'Olivia',
  'Omar',
  'Priyanka',
  'Quinn',
  'Rafael',
  'Rosa',
  'Ruth',
  'Sam',
  'Sara',
  'Tariq',
  'Tessa',
  'Theo',
  'Valeria',
  'Wei',
  'Yusuf',
  'Zoe',
];
const LAST_NAMES = [
  'Abbott',
  'Achebe',
  'Alvarez',
  'Bergstrom',
  'Bhatt',
  'Brennan',
  'Castillo',
  'Chang',
  'Cohen',
  'Dalton',
  'Dubois',
  'Eriksen',
  'Fitzgerald',
  'Fujimoto',
  'Garcia',
  'Haddad',
  'Hayes',
  'Ibrahim',
  'Jensen',
  'Kaur',
  'Kowalski',
  'Larsen',
  'Lopez',
  'MacLeod',
  'Mendoza',
  'Moreau',
  'Nakamura',
  'Novak',
  'O’Brien',
  'Okoye',
  'Patel',
  'Quintero',
  'Reyes',
  'Rossi',
  'Sato',
  'Schultz',
  'Singh',
  'Sorensen',
  'Tanaka',
  'Thompson',
  'Tran',
  'Vargas',
  'Walsh',
  'Whitaker',
  'Yamada',
  'Zhang',
];

/** Practice areas weighted the way a state bar's intake looks: litigation and family law are common. */
const PRACTICE_AREAS = [
  'litigation',
  'litigation',
  'family',
  'family',
  'criminal-defense',
  'criminal-prosecution',
  'employment',
  'immigration',
  'real-estate',
  'estates-trusts',
  'corporate-ma',
  'personal-injury',
  'public-interest',
  'bankruptcy',
  'intellectual-property',
  'environmental',
  'tax',
  'civil-rights',
  'privacy-data',
];
/** Firms by office; a person's is chosen from their office and years, so the seeded draws stay as they were. */
const FIRMS_BY_OFFICE: Readonly<Record<string, readonly string[]>> = {
  Portland: ['Alder & Finch LLP', 'Multnomah County Public Defender', 'Rose City Legal Aid'],
  Salem: ['Oregon Department of Justice', 'Willamette Valley Law Group'],
  Eugene: ['McKenzie River Law PC', 'Lane County Legal Services'],
  Bend: ['High Desert Law LLP'],
  Medford: ['Rogue Valley Counsel LLC'],
  'Vancouver, WA': ['Columbia Gorge Law PLLC', 'Clark County Prosecuting Attorney'],
};

const OFFICES: ReadonlyArray<{ location: string; jurisdiction: string }> = [
  { location: 'Portland', jurisdiction: 'US-OR' },
  { location: 'Portland', jurisdiction: 'US-OR' },
  { location: 'Salem', jurisdiction: 'US-OR' },
  { location: 'Eugene', jurisdiction: 'US-OR' },
  { location: 'Bend', jurisdiction: 'US-OR' },
  { location: 'Medford', jurisdiction: 'US-OR' },
  { location: 'Vancouver, WA', jurisdiction: 'US-WA' },
];
const COMPETENCIES = Object.keys(COMPETENCY_LABELS);
const CAREER_GOALS = Object.keys(CAREER_GOAL_LABELS);
const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
/** Common meeting slots: breakfast, lunch, late afternoon, evening (minutes after local midnight). */
const SLOTS: ReadonlyArray<[number, number]> = [
  [450, 540],
  [720, 810],
  [960, 1080],
  [1080, 1200],
];

function availability(random: ReturnType<typeof seeded>): AvailabilityWindow[] {
  const windows = new Map<string, AvailabilityWindow>();
  const count = 2 + Math.floor(random.next() * 3);
  for (let index = 0; index < count; index += 1) {
    const day = random.pick(WEEKDAYS);
    const [startMinute, endMinute] = random.pick(SLOTS);
    windows.set(`${day}-${startMinute}`, { day, startMinute, endMinute });
  }
  return [...windows.values()];
}

function person(random: ReturnType<typeof seeded>, used: Set<string>, domain: string) {
  for (;;) {
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const name = `${first} ${last}`;
    if (used.has(name)) continue;
    used.add(name);
    const local = `${first}.${last}`
      .normalize('NFD')
      .replace(/[\u0300-\u036f’']/g, '')
      .toLowerCase();
    return { name, email: `${local}@${domain}`, key: local.replace('.', '-') };
  }
}

/**
 * `mentees` new lawyers (admitted this year or last) and `mentors` lawyers of 5–35 years, who offer 2–3
 * seats each, for a program whose reference year is `referenceYear`.
 */
function firmAt(location: string, index: number): string {
  const firms = FIRMS_BY_OFFICE[location] ?? ['Cascadia Legal Services'];
  return firms[index % firms.length];
}

export function generateDemoCohort(options: {
  mentees: number;
  mentors: number;
  referenceYear: number;
  seed?: number;
}): GeneratedApplicant[] {
  const random = seeded(options.seed ?? 2027);
  const used = new Set<string>();
  const applicants: GeneratedApplicant[] = [];
  const answersFor = (side: 'mentee' | 'mentor', years: number): BuiltInAnswers => {
    const office = random.pick(OFFICES);
    const admissions = random.next() < 0.2 ? ['US-OR', 'US-WA'] : [office.jurisdiction];
    const areas = [...new Set(random.some(PRACTICE_AREAS, 1, side === 'mentor' ? 3 : 2))];
    const level = (value: number) => Math.min(4, Math.max(1, value)) as CompetencyLevel;
    return {
      practice_areas: areas,
      skills: random.some(COMPETENCIES, 2, 4).map((id) => ({
        id,
        level:
          side === 'mentor'
            ? level(3 + Math.floor(random.next() * 2))
            : level(1 + Math.floor(random.next() * 2)),
      })),
      career_goals: random.some(CAREER_GOALS, 1, side === 'mentor' ? 3 : 2),
      years_of_practice: years,
      admission_date:
        years === 0
          ? `${options.referenceYear}-05-0${1 + Math.floor(random.next() * 8)}`
          : `${options.referenceYear - years}-${random.pick(['05', '10'])}-15`,
      jurisdictions_of_admission: admissions,
      practice_jurisdictions: [office.jurisdiction],
      languages: random.next() < 0.18 ? ['en', random.pick(['es', 'vi', 'zh', 'ru', 'ko'])] : ['en'],
      location: office.location,
      employer: firmAt(office.location, years + areas.length),
      time_zone: 'America/Los_Angeles',
      availability: availability(random),
      meeting_format: random.pick(MEETING_FORMATS),
      communication_style: random.pick(COMMUNICATION_STYLES),
      affinity: [],
    };
  };
  for (let index = 0; index < options.mentees; index += 1) {
    const who = person(random, used, 'newlawyers.example');
    applicants.push({
      ...who,
      side: 'mentee',
      capacity: 0,
      answers: answersFor('mentee', random.next() < 0.7 ? 0 : 1),
    });
  }
  for (let index = 0; index < options.mentors; index += 1) {
    const who = person(random, used, 'cascadiabar-mentors.example');
    const years = 5 + Math.floor(random.next() * 31);
    applicants.push({
      ...who,
      side: 'mentor',
      capacity: 2 + Math.floor(random.next() * 2),
      answers: answersFor('mentor', years),
    });
  }
  return applicants;
}
