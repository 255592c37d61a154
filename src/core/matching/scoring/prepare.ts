/**
 * Per-profile indexes built once per run so that scoring and constraint checks over a million pairs are a
 * few integer operations each: every set becomes a row of a bitset over an interned universe, availability
 * becomes a UTC bitmap, time zones become offsets, organizations and offices become small integers.
 */
import { AppError, type FieldIssue } from '../../errors.ts';
import {
  AFFINITY_TOPICS,
  COMMUNICATION_STYLES,
  CRITERION_IDS,
  DEFAULT_WEIGHTS,
  MEETING_FORMATS,
  WEEKDAYS,
  type AffinityTopic,
  type MatchingSettings,
  type MenteeProfile,
  type MentorProfile,
  type PersonProfile,
} from '../profile.ts';
import { isTimeZoneName } from '../../vocabulary.ts';
import { availabilityBitmap, utcOffsetMinutes, WEEK_WORDS } from './time.ts';

const YEAR_MS = 365.2425 * 86_400_000;
export const LEVELS = 4;

/** Maps ids to dense integers, in order of first appearance (deterministic for a given input). */
export class Interner {
  readonly ids: string[] = [];
  private readonly index = new Map<string, number>();

  /** 32-bit words per bitset row; a plain field because the scoring loop reads it a million times. */
  words = 1;

  add(id: string): number {
    let value = this.index.get(id);
    if (value === undefined) {
      value = this.ids.length;
      this.ids.push(id);
      this.index.set(id, value);
      this.words = Math.max(1, Math.ceil(this.ids.length / 32));
    }
    return value;
  }

  get(id: string): number | undefined {
    return this.index.get(id);
  }
}

/** One side (mentees or mentors) as struct-of-arrays; row r of a bitset starts at r * words. */
export interface PreparedSide {
  count: number;
  ids: readonly string[];
  practiceAreas: Uint32Array;
  practiceAreaCount: Int32Array;
  careerGoals: Uint32Array;
  careerGoalCount: Int32Array;
  languages: Uint32Array;
  languageCount: Int32Array;
  admissions: Uint32Array;
  practiceJurisdictions: Uint32Array;
  practiceJurisdictionCount: Int32Array;
  /**
   * LEVELS rows per person. Mentee: row L-1 holds skills wanted at current level L. Mentor: row L-1 holds
   * skills offered ABOVE level L, so one AND per level counts the skills the mentor can teach.
   */
  skills: Uint32Array;
  skillCount: Int32Array;
  years: Float64Array;
  offsetMinutes: Int32Array;
  availability: Uint32Array;
  availabilityMinutes: Int32Array;
  /** Indices of the non-zero availability words of each person (CSR): a few windows touch few words. */
  availabilityWordStart: Int32Array;
  availabilityWords: Int8Array;
  organization: Int32Array;
  /** Interned organization + office, -1 when no office is given. */
  office: Int32Array;
  /** Index into MEETING_FORMATS, -1 when not stated. */
  format: Int8Array;
  /** Index into COMMUNICATION_STYLES, -1 when not stated. */
  style: Int8Array;
  /** Consented, affirmative affinity keys (topic or topic + group). */
  affinity: Uint32Array;
  /** Bit t set when the person has a consented, affirmative answer on AFFINITY_TOPICS[t]. */
  affinityTopics: Int32Array;
}

export interface Universes {
  practiceAreas: Interner;
  careerGoals: Interner;
  languages: Interner;
  jurisdictions: Interner;
  skills: Interner;
  organizations: Interner;
  offices: Interner;
  affinity: Interner;
  /** Per affinity topic, the bitset (affinity.words wide) of keys that belong to it. */
  affinityTopicMasks: Uint32Array[];
}

/** The prepared pool of one matching run. */
export interface PreparedPool {
  mentees: PreparedSide;
  mentors: PreparedSide;
  menteeProfiles: readonly MenteeProfile[];
  mentorProfiles: readonly MentorProfile[];
  universes: Universes;
  settings: MatchingSettings;
  /** Weight per criterion in CRITERION_IDS order (defaults filled in). */
  weights: Float64Array;
}

function affinityKeys(topic: AffinityTopic, answer: boolean | readonly string[]): string[] {
  if (typeof answer === 'boolean') return answer ? [topic] : [];
  return answer.map((group) => `${topic}:${group}`);
}

function checkPerson(person: PersonProfile, path: string, referenceMs: number, issues: FieldIssue[]): void {
  if (!person.id) issues.push({ path: `${path}.id`, message: 'id is required' });
  if (!isTimeZoneName(person.timeZone)) {
    issues.push({ path: `${path}.timeZone`, message: `unknown IANA time zone "${person.timeZone}"` });
  }
  // Neither field is a blank answer; a field that is given must be usable.
  const isSeniorityGiven = person.yearsSinceAdmission !== undefined || person.admissionDate !== undefined;
  const years = yearsSinceAdmission(person, referenceMs);
  if (isSeniorityGiven && !(Number.isFinite(years) && years >= 0)) {
    issues.push({
      path: `${path}.yearsSinceAdmission`,
      message:
        'yearsSinceAdmission must be >= 0 and an admissionDate a YYYY-MM-DD date not after the reference date',
    });
  }
  person.availability.forEach((window, w) => {
    const at = `${path}.availability.${w}`;
    if (!WEEKDAYS.includes(window.day)) issues.push({ path: `${at}.day`, message: 'day must be mon..sun' });
    const { startMinute: start, endMinute: end } = window;
    if (!Number.isInteger(start) || start < 0 || start > 1439) {
      issues.push({ path: `${at}.startMinute`, message: 'startMinute must be an integer 0..1439' });
    }
    if (!Number.isInteger(end) || end < 1 || end > 1440 || end === start) {
      issues.push({
        path: `${at}.endMinute`,
        message: 'endMinute must be an integer 1..1440, not equal to start',
      });
    }
  });
}

/** Years since first admission at the reference instant; NaN when blank (neither field) or unusable. */
export function yearsSinceAdmission(person: PersonProfile, referenceMs: number): number {
  if (person.yearsSinceAdmission !== undefined) return person.yearsSinceAdmission;
  if (person.admissionDate === undefined) return Number.NaN;
  const admitted = new Date(`${person.admissionDate}T00:00:00Z`);
  if (!Number.isFinite(admitted.getTime())) return Number.NaN;
  // Calendar years, so that "at least 5 years" flips exactly on the fifth anniversary.
  const anniversary = (years: number) =>
    Date.UTC(admitted.getUTCFullYear() + years, admitted.getUTCMonth(), admitted.getUTCDate());
  let whole = new Date(referenceMs).getUTCFullYear() - admitted.getUTCFullYear();
  while (whole > 0 && anniversary(whole) > referenceMs) whole--;
  if (anniversary(whole) > referenceMs) return (referenceMs - admitted.getTime()) / YEAR_MS;
  const from = anniversary(whole);
  return whole + (referenceMs - from) / (anniversary(whole + 1) - from);
}

function fillBits(target: Uint32Array, row: number, words: number, bits: Iterable<number>): number {
  let count = 0;
  const base = row * words;
  for (const bit of bits) {
    const word = base + (bit >>> 5);
    const mask = 1 << (bit & 31);
    if ((target[word] & mask) === 0) {
      target[word] |= mask;
      count++;
    }
  }
  return count;
}

function buildUniverses(people: readonly PersonProfile[]): Universes {
  const universes: Universes = {
    practiceAreas: new Interner(),
    careerGoals: new Interner(),
    languages: new Interner(),
    jurisdictions: new Interner(),
    skills: new Interner(),
    organizations: new Interner(),
    offices: new Interner(),
    affinity: new Interner(),
    affinityTopicMasks: [],
  };
  const topicOfKey: number[] = [];
  for (const person of people) {
    for (const id of person.practiceAreas) universes.practiceAreas.add(id);
    for (const id of person.careerGoals) universes.careerGoals.add(id);
    for (const id of person.languages) universes.languages.add(id);
    for (const id of person.admissions) universes.jurisdictions.add(id);
    for (const id of person.practiceJurisdictions) universes.jurisdictions.add(id);
    universes.organizations.add(person.organizationId);
    if (person.office) universes.offices.add(`${person.organizationId}\u0000${person.office}`);
    for (const answer of person.affinity) {
      // Unconsented answers never enter the index, so nothing downstream can read them.
      if (!answer.hasConsented) continue;
      for (const key of affinityKeys(answer.topic, answer.answer)) {
        const bit = universes.affinity.add(key);
        topicOfKey[bit] = AFFINITY_TOPICS.indexOf(answer.topic);
      }
    }
    const skills =
      'skillsToDevelop' in person
        ? (person as MenteeProfile).skillsToDevelop
        : (person as MentorProfile).skillsOffered;
    for (const skill of skills ?? []) universes.skills.add(skill.id);
  }
  const words = universes.affinity.words;
  universes.affinityTopicMasks = AFFINITY_TOPICS.map((_, t) => {
    const mask = new Uint32Array(words);
    topicOfKey.forEach((topic, bit) => {
      if (topic === t) mask[bit >>> 5] |= 1 << (bit & 31);
    });
    return mask;
  });
  return universes;
}

function prepareSide(
  people: readonly PersonProfile[],
  skillsOf: (person: PersonProfile) => readonly { id: string; level: number }[],
  isMentor: boolean,
  universes: Universes,
  referenceMs: number,
): PreparedSide {
  const n = people.length;
  const u = universes;
  const side: PreparedSide = {
    count: n,
    ids: people.map((person) => person.id),
    practiceAreas: new Uint32Array(n * u.practiceAreas.words),
    practiceAreaCount: new Int32Array(n),
    careerGoals: new Uint32Array(n * u.careerGoals.words),
    careerGoalCount: new Int32Array(n),
    languages: new Uint32Array(n * u.languages.words),
    languageCount: new Int32Array(n),
    admissions: new Uint32Array(n * u.jurisdictions.words),
    practiceJurisdictions: new Uint32Array(n * u.jurisdictions.words),
    practiceJurisdictionCount: new Int32Array(n),
    skills: new Uint32Array(n * LEVELS * u.skills.words),
    skillCount: new Int32Array(n),
    years: new Float64Array(n),
    offsetMinutes: new Int32Array(n),
    availability: new Uint32Array(n * WEEK_WORDS),
    availabilityMinutes: new Int32Array(n),
    availabilityWordStart: new Int32Array(n + 1),
    availabilityWords: new Int8Array(n * WEEK_WORDS),
    organization: new Int32Array(n),
    office: new Int32Array(n),
    format: new Int8Array(n),
    style: new Int8Array(n),
    affinity: new Uint32Array(n * u.affinity.words),
    affinityTopics: new Int32Array(n),
  };
  const offsetCache = new Map<string, number>();
  const weekOffsets = new Map<string, number | null>();
  const skillWords = u.skills.words;
  for (let r = 0; r < n; r++) {
    const person = people[r];
    const ids = (interner: Interner, list: readonly string[]) => list.map((id) => interner.add(id));
    side.practiceAreaCount[r] = fillBits(
      side.practiceAreas,
      r,
      u.practiceAreas.words,
      ids(u.practiceAreas, person.practiceAreas),
    );
    side.careerGoalCount[r] = fillBits(
      side.careerGoals,
      r,
      u.careerGoals.words,
      ids(u.careerGoals, person.careerGoals),
    );
    side.languageCount[r] = fillBits(
      side.languages,
      r,
      u.languages.words,
      ids(u.languages, person.languages),
    );
    fillBits(side.admissions, r, u.jurisdictions.words, ids(u.jurisdictions, person.admissions));
    side.practiceJurisdictionCount[r] = fillBits(
      side.practiceJurisdictions,
      r,
      u.jurisdictions.words,
      ids(u.jurisdictions, person.practiceJurisdictions),
    );
    // A skill listed twice keeps its highest level (mentor) or lowest level (mentee).
    const levels = new Map<number, number>();
    for (const skill of skillsOf(person)) {
      const bit = u.skills.add(skill.id);
      const previous = levels.get(bit);
      const keep =
        previous === undefined
          ? skill.level
          : isMentor
            ? Math.max(previous, skill.level)
            : Math.min(previous, skill.level);
      levels.set(bit, keep);
    }
    side.skillCount[r] = levels.size;
    for (const [bit, level] of levels) {
      for (let l = 1; l <= LEVELS; l++) {
        const include = isMentor ? level > l : level === l;
        if (include) fillBits(side.skills, r * LEVELS + (l - 1), skillWords, [bit]);
      }
    }
    side.years[r] = yearsSinceAdmission(person, referenceMs);
    let offset = offsetCache.get(person.timeZone);
    if (offset === undefined) {
      offset = utcOffsetMinutes(person.timeZone, referenceMs);
      offsetCache.set(person.timeZone, offset);
    }
    side.offsetMinutes[r] = offset;
    availabilityBitmap(
      person.timeZone,
      person.availability,
      referenceMs,
      side.availability,
      r * WEEK_WORDS,
      weekOffsets,
    );
    let slots = 0;
    let used = side.availabilityWordStart[r];
    for (let w = 0; w < WEEK_WORDS; w++) {
      let x = side.availability[r * WEEK_WORDS + w];
      if (x !== 0) side.availabilityWords[used++] = w;
      while (x !== 0) {
        x &= x - 1;
        slots++;
      }
    }
    side.availabilityMinutes[r] = slots * 15;
    side.availabilityWordStart[r + 1] = used;
    side.organization[r] = u.organizations.add(person.organizationId);
    side.office[r] = person.office ? u.offices.add(`${person.organizationId}\u0000${person.office}`) : -1;
    side.format[r] = person.preferredFormat ? MEETING_FORMATS.indexOf(person.preferredFormat) : -1;
    side.style[r] = person.communicationStyle ? COMMUNICATION_STYLES.indexOf(person.communicationStyle) : -1;
    let topics = 0;
    for (const answer of person.affinity) {
      if (!answer.hasConsented) continue;
      const keys = affinityKeys(answer.topic, answer.answer);
      if (keys.length > 0) topics |= 1 << AFFINITY_TOPICS.indexOf(answer.topic);
      fillBits(side.affinity, r, u.affinity.words, ids(u.affinity, keys));
    }
    side.affinityTopics[r] = topics;
  }
  return side;
}

function checkSides(
  mentees: readonly MenteeProfile[],
  mentors: readonly MentorProfile[],
  referenceMs: number,
): void {
  const issues: FieldIssue[] = [];
  const seen = (list: readonly PersonProfile[], path: string) => {
    const ids = new Set<string>();
    list.forEach((person, i) => {
      if (ids.has(person.id))
        issues.push({ path: `${path}.${i}.id`, message: `duplicate id "${person.id}"` });
      ids.add(person.id);
      checkPerson(person, `${path}.${i}`, referenceMs, issues);
    });
  };
  seen(mentees, 'mentees');
  seen(mentors, 'mentors');
  mentees.forEach((mentee, i) => {
    if (!Number.isInteger(mentee.wantedMentors) || mentee.wantedMentors < 0) {
      issues.push({
        path: `mentees.${i}.wantedMentors`,
        message: 'wantedMentors must be a whole number >= 0',
      });
    }
  });
  mentors.forEach((mentor, i) => {
    if (!Number.isInteger(mentor.capacity) || mentor.capacity < 0) {
      issues.push({ path: `mentors.${i}.capacity`, message: 'capacity must be a whole number >= 0' });
    }
    if (!Number.isInteger(mentor.seatsUsedElsewhere) || mentor.seatsUsedElsewhere < 0) {
      issues.push({
        path: `mentors.${i}.seatsUsedElsewhere`,
        message: 'seatsUsedElsewhere must be a whole number >= 0',
      });
    }
  });
  if (issues.length > 0) throw AppError.validation(issues);
}

function resolveWeights(settings: MatchingSettings): Float64Array {
  const issues: FieldIssue[] = [];
  const weights = new Float64Array(CRITERION_IDS.length);
  CRITERION_IDS.forEach((id, c) => {
    const weight = settings.scoring.weights[id] ?? DEFAULT_WEIGHTS[id];
    if (!Number.isFinite(weight) || weight < 0 || weight > 100) {
      issues.push({ path: `scoring.weights.${id}`, message: 'weight must be a number 0..100' });
    }
    weights[c] = weight;
  });
  for (const key of Object.keys(settings.scoring.weights)) {
    if (!(CRITERION_IDS as readonly string[]).includes(key)) {
      issues.push({ path: `scoring.weights.${key}`, message: `unknown criterion "${key}"` });
    }
  }
  if (issues.length > 0) throw AppError.validation(issues);
  return weights;
}

/** Validates the profiles and builds the indexes used by scoring and constraints. */
export function preparePool(
  mentees: readonly MenteeProfile[],
  mentors: readonly MentorProfile[],
  settings: MatchingSettings,
): PreparedPool {
  const referenceMs = settings.referenceDate.getTime();
  if (!Number.isFinite(referenceMs)) {
    throw AppError.validation([{ path: 'referenceDate', message: 'referenceDate must be a valid date' }]);
  }
  checkSides(mentees, mentors, referenceMs);
  const weights = resolveWeights(settings);
  const universes = buildUniverses([...mentees, ...mentors]);
  return {
    mentees: prepareSide(mentees, (p) => (p as MenteeProfile).skillsToDevelop, false, universes, referenceMs),
    mentors: prepareSide(mentors, (p) => (p as MentorProfile).skillsOffered, true, universes, referenceMs),
    menteeProfiles: mentees,
    mentorProfiles: mentors,
    universes,
    settings,
    weights,
  };
}
