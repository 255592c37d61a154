/**
 * The scoring criteria. Each is a small pure function of a prepared pool and a (mentee, mentor) index
 * pair returning a value in 0..1, plus a reason written for a program coordinator. `value` is the hot path
 * (a million pairs); `reason` is only called for pairs that are shown.
 *
 * Whether a criterion applies depends on the mentee alone (did they state skills, goals, availability, a
 * consented affinity ...). A criterion that does not apply is left out of that mentee's weighted mean, so a
 * mentee who skipped a question is neither helped nor hurt relative to other mentees, and a mentor who
 * skipped one simply does not meet it.
 */
import {
  AFFINITY_TOPICS,
  CAREER_GOAL_LABELS,
  COMMUNICATION_STYLES,
  COMPETENCY_LABELS,
  MEETING_FORMATS,
  PRACTICE_AREA_LABELS,
  labelOf,
  type AffinityTopic,
  type CriterionId,
} from '../profile.ts';
import { jurisdictionLabel } from '../../jurisdictions.ts';
import { languageName } from '../../languages.ts';
import type { Interner, PreparedPool } from './prepare.ts';
import { LEVELS } from './prepare.ts';
import { formatUtcOffset, overlapMinutes, popcount, timeZoneDistanceMinutes, WEEK_WORDS } from './time.ts';

export interface Criterion {
  id: CriterionId;
  /** Short name shown next to the contribution. */
  label: string;
  /** Whether the criterion says anything for this mentee; if not it is left out of their mean. */
  appliesTo(pool: PreparedPool, mentee: number): boolean;
  /** 0..1, how well the pair meets the criterion. */
  value(pool: PreparedPool, mentee: number, mentor: number): number;
  /** One short sentence for a coordinator. Never names an answer that was not consented to. */
  reason(pool: PreparedPool, mentee: number, mentor: number): string;
}

function countAnd(a: Uint32Array, aRow: number, b: Uint32Array, bRow: number, words: number): number {
  let count = 0;
  const aBase = aRow * words;
  const bBase = bRow * words;
  for (let w = 0; w < words; w++) {
    const x = a[aBase + w] & b[bBase + w];
    if (x !== 0) count += popcount(x);
  }
  return count;
}

function bitsOf(
  a: Uint32Array,
  row: number,
  words: number,
  mask?: { b: Uint32Array; row: number },
): number[] {
  const bits: number[] = [];
  for (let w = 0; w < words; w++) {
    let x = a[row * words + w];
    if (mask) x &= mask.b[mask.row * words + w];
    while (x !== 0) {
      const low = x & -x;
      bits.push(w * 32 + 31 - Math.clz32(low));
      x ^= low;
    }
  }
  return bits;
}

/** "a", "a and b", "a, b and 2 more" */
export function joinLabels(labels: readonly string[], noun = 'more'): string {
  if (labels.length <= 1) return labels[0] ?? '';
  if (labels.length === 2) return `${labels[0]} and ${labels[1]}`;
  return `${labels[0]}, ${labels[1]} and ${labels.length - 2} ${noun}`;
}

function labelsOf(
  interner: Interner,
  bits: readonly number[],
  labels: Readonly<Record<string, string>>,
): string[] {
  return bits.map((bit) => labelOf(labels, interner.ids[bit]));
}

function hours(minutes: number): string {
  const h = minutes / 60;
  if (minutes < 60) return `${minutes} minutes`;
  const text = Number.isInteger(h) ? String(h) : h.toFixed(1).replace(/\.0$/, '');
  return `${text} ${h === 1 ? 'hour' : 'hours'}`;
}

function years(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return `${rounded} ${rounded === 1 ? 'year' : 'years'}`;
}

/** Value of the practiceArea criterion for mentee i and mentor j, 0..1. */
export function practiceAreaValue(pool: PreparedPool, i: number, j: number): number {
  const words = pool.universes.practiceAreas.words;
  const shared = countAnd(pool.mentees.practiceAreas, i, pool.mentors.practiceAreas, j, words);
  return shared / pool.mentees.practiceAreaCount[i];
}

const practiceArea: Criterion = {
  id: 'practice-area',
  label: 'Practice area',
  appliesTo: (pool, i) => pool.mentees.practiceAreaCount[i] > 0,
  value: practiceAreaValue,
  reason(pool, i, j) {
    const u = pool.universes.practiceAreas;
    const shared = bitsOf(pool.mentees.practiceAreas, i, u.words, { b: pool.mentors.practiceAreas, row: j });
    if (shared.length > 0) return `both practise ${joinLabels(labelsOf(u, shared, PRACTICE_AREA_LABELS))}`;
    const wanted = labelsOf(u, bitsOf(pool.mentees.practiceAreas, i, u.words), PRACTICE_AREA_LABELS);
    return `mentor does not practise the mentee's area (${joinLabels(wanted)})`;
  },
};

function skillBits(pool: PreparedPool, i: number, j: number): { taught: number[]; wanted: number[] } {
  const words = pool.universes.skills.words;
  const taught: number[] = [];
  const wanted: number[] = [];
  for (let l = 0; l < LEVELS; l++) {
    const menteeRow = i * LEVELS + l;
    wanted.push(...bitsOf(pool.mentees.skills, menteeRow, words));
    taught.push(
      ...bitsOf(pool.mentees.skills, menteeRow, words, { b: pool.mentors.skills, row: j * LEVELS + l }),
    );
  }
  return { taught: taught.sort((a, b) => a - b), wanted: wanted.sort((a, b) => a - b) };
}

/** Value of the skills criterion for mentee i and mentor j, 0..1. */
export function skillsValue(pool: PreparedPool, i: number, j: number): number {
  const words = pool.universes.skills.words;
  let taught = 0;
  for (let l = 0; l < LEVELS; l++) {
    taught += countAnd(pool.mentees.skills, i * LEVELS + l, pool.mentors.skills, j * LEVELS + l, words);
  }
  return taught / pool.mentees.skillCount[i];
}

const skills: Criterion = {
  id: 'skills',
  label: 'Skills to develop',
  appliesTo: (pool, i) => pool.mentees.skillCount[i] > 0,
  value: skillsValue,
  reason(pool, i, j) {
    const u = pool.universes.skills;
    const { taught, wanted } = skillBits(pool, i, j);
    if (taught.length > 0) {
      return `mentor offers ${joinLabels(labelsOf(u, taught, COMPETENCY_LABELS))}, which the mentee wants to develop`;
    }
    return `mentor does not offer, above the mentee's level, what the mentee wants to develop (${joinLabels(labelsOf(u, wanted, COMPETENCY_LABELS))})`;
  },
};

/** Value of the careerGoals criterion for mentee i and mentor j, 0..1. */
export function careerGoalsValue(pool: PreparedPool, i: number, j: number): number {
  const words = pool.universes.careerGoals.words;
  return (
    countAnd(pool.mentees.careerGoals, i, pool.mentors.careerGoals, j, words) /
    pool.mentees.careerGoalCount[i]
  );
}

const careerGoals: Criterion = {
  id: 'career-goals',
  label: 'Career goals',
  appliesTo: (pool, i) => pool.mentees.careerGoalCount[i] > 0,
  value: careerGoalsValue,
  reason(pool, i, j) {
    const u = pool.universes.careerGoals;
    const shared = bitsOf(pool.mentees.careerGoals, i, u.words, { b: pool.mentors.careerGoals, row: j });
    if (shared.length > 0) {
      return `mentor can advise on ${joinLabels(labelsOf(u, shared, CAREER_GOAL_LABELS), 'other goals')}, which the mentee is aiming for`;
    }
    const goals = labelsOf(u, bitsOf(pool.mentees.careerGoals, i, u.words), CAREER_GOAL_LABELS);
    return `mentor has no experience of the mentee's goals (${joinLabels(goals, 'other goals')})`;
  },
};

/** Value of the jurisdiction criterion for mentee i and mentor j, 0..1. */
export function jurisdictionValue(pool: PreparedPool, i: number, j: number): number {
  const words = pool.universes.jurisdictions.words;
  const covered = countAnd(pool.mentees.practiceJurisdictions, i, pool.mentors.admissions, j, words);
  return covered / pool.mentees.practiceJurisdictionCount[i];
}

const jurisdiction: Criterion = {
  id: 'jurisdiction',
  label: 'Jurisdiction',
  appliesTo: (pool, i) => pool.mentees.practiceJurisdictionCount[i] > 0,
  value: jurisdictionValue,
  reason(pool, i, j) {
    const u = pool.universes.jurisdictions;
    const covered = bitsOf(pool.mentees.practiceJurisdictions, i, u.words, {
      b: pool.mentors.admissions,
      row: j,
    });
    const names = (bits: number[]) => joinLabels(bits.map((bit) => jurisdictionLabel(u.ids[bit])));
    if (covered.length > 0) return `mentor is admitted in ${names(covered)}, where the mentee practises`;
    return `mentor is not admitted in ${names(bitsOf(pool.mentees.practiceJurisdictions, i, u.words))}, where the mentee practises`;
  },
};

/** 1 inside the ideal gap, rising linearly to it from 0 and falling slowly (to 0.5) beyond it. */
export function seniorityCurve(gapYears: number, min: number, max: number): number {
  if (gapYears <= 0) return 0;
  if (gapYears < min) return gapYears / min;
  if (gapYears <= max) return 1;
  return Math.max(0.5, 1 - (gapYears - max) / 20);
}

/** Value of the seniority criterion for mentee i and mentor j, 0..1 (0 when the mentor's is blank). */
export function seniorityValue(pool: PreparedPool, i: number, j: number): number {
  const { min, max } = pool.settings.scoring.idealSeniorityGapYears;
  const gap = pool.mentors.years[j] - pool.mentees.years[i];
  // NaN (the mentor left it blank; the criterion does not apply to a blank mentee) is not met.
  return gap === gap ? seniorityCurve(gap, min, max) : 0;
}

const seniority: Criterion = {
  id: 'seniority',
  label: 'Seniority gap',
  appliesTo: (pool, i) => !Number.isNaN(pool.mentees.years[i]),
  value: seniorityValue,
  reason(pool, i, j) {
    if (Number.isNaN(pool.mentors.years[j])) return 'mentor has not said when they were admitted';
    const gap = pool.mentors.years[j] - pool.mentees.years[i];
    const { min, max } = pool.settings.scoring.idealSeniorityGapYears;
    const ideal = `ideal gap ${min}–${max} years`;
    if (gap <= 0) return `mentor has no more years in practice than the mentee (${ideal})`;
    return `mentor has ${years(gap)} more in practice than the mentee (${ideal})`;
  },
};

/** Full marks within an hour, none at 8 hours or more: beyond that no working days meet comfortably. */
export function timeZoneCurve(distanceMinutes: number): number {
  if (distanceMinutes <= 60) return 1;
  return Math.max(0, 1 - (distanceMinutes - 60) / 420);
}

/** Value of the timeZone criterion for mentee i and mentor j, 0..1. */
export function timeZoneValue(pool: PreparedPool, i: number, j: number): number {
  return timeZoneCurve(timeZoneDistanceMinutes(pool.mentees.offsetMinutes[i], pool.mentors.offsetMinutes[j]));
}

const timeZone: Criterion = {
  id: 'time-zone',
  label: 'Time zone',
  appliesTo: () => true,
  value: timeZoneValue,
  reason(pool, i, j) {
    const a = pool.mentees.offsetMinutes[i];
    const b = pool.mentors.offsetMinutes[j];
    const distance = timeZoneDistanceMinutes(a, b);
    if (distance === 0) return `same time zone offset (${formatUtcOffset(a)})`;
    // −05:00 and +10:00 read as 15 hours; say why the engine counts 9.
    const wraps = Math.abs(a - b) > 720 ? ', counted the short way round the clock' : '';
    return `${hours(distance)} apart (mentee ${formatUtcOffset(a)}, mentor ${formatUtcOffset(b)}${wraps})`;
  },
};

/** Value of the availability criterion for mentee i and mentor j, 0..1. */
export function availabilityValue(pool: PreparedPool, i: number, j: number): number {
  const mentees = pool.mentees;
  const a = mentees.availability;
  const b = pool.mentors.availability;
  let slots = 0;
  const aBase = i * WEEK_WORDS;
  const bBase = j * WEEK_WORDS;
  // Only the mentee's non-zero words can overlap.
  for (let k = mentees.availabilityWordStart[i], end = mentees.availabilityWordStart[i + 1]; k < end; k++) {
    const w = mentees.availabilityWords[k];
    const x = a[aBase + w] & b[bBase + w];
    if (x !== 0) slots += popcount(x);
  }
  return Math.min(1, (slots * 15) / pool.settings.scoring.availabilityTargetMinutes);
}

const availability: Criterion = {
  id: 'availability',
  label: 'Availability',
  appliesTo: (pool, i) => pool.mentees.availabilityMinutes[i] > 0,
  value: availabilityValue,
  reason(pool, i, j) {
    const minutes = overlapMinutes(
      pool.mentees.availability,
      i * WEEK_WORDS,
      pool.mentors.availability,
      j * WEEK_WORDS,
    );
    if (minutes === 0) return 'no overlapping availability in a typical week';
    return `${hours(minutes)} of overlapping availability each week`;
  },
};

/** Value of the language criterion for mentee i and mentor j, 0..1. */
export function languageValue(pool: PreparedPool, i: number, j: number): number {
  const words = pool.universes.languages.words;
  return countAnd(pool.mentees.languages, i, pool.mentors.languages, j, words) > 0 ? 1 : 0;
}

const language: Criterion = {
  id: 'language',
  label: 'Language',
  appliesTo: (pool, i) => pool.mentees.languageCount[i] > 0,
  value: languageValue,
  reason(pool, i, j) {
    const u = pool.universes.languages;
    const shared = bitsOf(pool.mentees.languages, i, u.words, { b: pool.mentors.languages, row: j });
    if (shared.length > 0)
      return `both speak ${joinLabels(
        shared.map((bit) => languageName(u.ids[bit])),
        'other languages',
      )}`;
    const own = bitsOf(pool.mentees.languages, i, u.words).map((bit) => languageName(u.ids[bit]));
    return `no common language (mentee: ${joinLabels(own, 'others')})`;
  },
};

const IN_PERSON = MEETING_FORMATS.indexOf('in-person');
const HYBRID = MEETING_FORMATS.indexOf('hybrid');
const FORMAT_TEXT = ['meeting in person', 'video meetings', 'a mix of in-person and video meetings'];

/** Value of the meetingFormat criterion for mentee i and mentor j, 0..1. */
export function meetingFormatValue(pool: PreparedPool, i: number, j: number): number {
  const a = pool.mentees.format[i];
  const b = pool.mentors.format[j];
  if (b < 0) return 0.5;
  if (a === b) {
    if (a !== IN_PERSON) return 1;
    const office = pool.mentees.office[i];
    return office >= 0 && office === pool.mentors.office[j] ? 1 : 0.5;
  }
  return a === HYBRID || b === HYBRID ? 0.5 : 0;
}

const meetingFormat: Criterion = {
  id: 'meeting-format',
  label: 'Meeting format',
  appliesTo: (pool, i) => pool.mentees.format[i] >= 0,
  value: meetingFormatValue,
  reason(pool, i, j) {
    const a = pool.mentees.format[i];
    const b = pool.mentors.format[j];
    if (b < 0) return 'mentor has not stated a preferred meeting format';
    if (a === b && a === IN_PERSON) {
      const office = pool.mentees.office[i];
      return office >= 0 && office === pool.mentors.office[j]
        ? 'both prefer meeting in person and work in the same office'
        : 'both prefer meeting in person but work in different offices';
    }
    if (a === b) return `both prefer ${FORMAT_TEXT[a]}`;
    return `mentee prefers ${FORMAT_TEXT[a]}, mentor prefers ${FORMAT_TEXT[b]}`;
  },
};

/** Value of the communication-style criterion: 1 for the same stated style. */
export function communicationStyleValue(pool: PreparedPool, i: number, j: number): number {
  return pool.mentees.style[i] === pool.mentors.style[j] ? 1 : 0;
}

const communicationStyle: Criterion = {
  id: 'communication-style',
  label: 'Communication style',
  appliesTo: (pool, i) => pool.mentees.style[i] >= 0,
  value: communicationStyleValue,
  reason(pool, i, j) {
    const a = pool.mentees.style[i];
    const b = pool.mentors.style[j];
    if (b < 0) return 'mentor has not stated a communication style';
    if (a === b) return `both prefer a ${COMMUNICATION_STYLES[a]} communication style`;
    return `different communication styles (mentee ${COMMUNICATION_STYLES[a]}, mentor ${COMMUNICATION_STYLES[b]})`;
  },
};

const AFFINITY_SHARED_TEXT: Record<AffinityTopic, string> = {
  'first-generation-lawyer': 'both are first-generation lawyers',
  'identity-group': 'share an identity group that both chose to use for matching',
  'parent-caregiver': 'both are parents or caregivers',
  veteran: 'both are veterans',
  'career-changer': 'both came to law from another career',
};

const AFFINITY_LABELS: Record<AffinityTopic, string> = {
  'first-generation-lawyer': 'First-generation lawyer',
  'identity-group': 'Identity group',
  'parent-caregiver': 'Parent or caregiver',
  veteran: 'Veteran',
  'career-changer': 'Career changer',
};

/** Value of affinity topic t (index into AFFINITY_TOPICS): 1 when both consented to a shared answer. */
export function affinityValue(pool: PreparedPool, t: number, i: number, j: number): number {
  // Both rows hold consented answers only, and the mask keeps this topic's keys.
  const words = pool.universes.affinity.words;
  const mask = pool.universes.affinityTopicMasks[t];
  const a = pool.mentees.affinity;
  const b = pool.mentors.affinity;
  for (let w = 0; w < words; w++) if ((a[i * words + w] & b[j * words + w] & mask[w]) !== 0) return 1;
  return 0;
}

function affinityCriterion(topic: AffinityTopic): Criterion {
  const t = AFFINITY_TOPICS.indexOf(topic);
  const bit = 1 << t;
  return {
    id: `affinity-${topic}` as CriterionId,
    label: AFFINITY_LABELS[topic],
    appliesTo: (pool, i) => (pool.mentees.affinityTopics[i] & bit) !== 0,
    value: (pool, i, j) => affinityValue(pool, t, i, j),
    // The same words whether the mentor declined to answer, did not consent or answered differently.
    reason: (pool, i, j) =>
      affinityValue(pool, t, i, j) === 1
        ? AFFINITY_SHARED_TEXT[topic]
        : 'no shared affinity of this kind that both chose to use for matching',
  };
}

/** Every criterion, in CRITERION_IDS order. */
export const CRITERIA: readonly Criterion[] = [
  practiceArea,
  skills,
  careerGoals,
  jurisdiction,
  seniority,
  timeZone,
  availability,
  language,
  meetingFormat,
  communicationStyle,
  ...AFFINITY_TOPICS.map(affinityCriterion),
];
