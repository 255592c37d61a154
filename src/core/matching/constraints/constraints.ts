/**
 * Hard constraints. A pair that breaks one is never a candidate. The feasibility filter and the "why not
 * this mentor?" explanation share one function (`exclusionMask`), so they cannot disagree; the messages
 * are only built when someone asks.
 */
import { jurisdictionLabel } from '../../jurisdictions.ts';
import type { MatchingSettings, MenteeProfile, MentorProfile, PairIds } from '../profile.ts';
import { joinLabels } from '../scoring/criteria.ts';
import { preparePool, type PreparedPool } from '../scoring/prepare.ts';
import { formatUtcOffset, popcount, timeZoneDistanceMinutes } from '../scoring/time.ts';

/** Every exclusion reason, in the order they are reported. */
export const EXCLUSION_CODES = [
  'same-person',
  'mentor-not-eligible',
  'mentor-no-open-seats',
  'mentee-needs-no-mentor',
  'do-not-match',
  'conflict-of-interest',
  'organization-conflict',
  'reporting-line',
  'previous-pairing',
  'organization-rule',
  'jurisdiction-required',
  'seniority-gap',
  'time-zone-difference',
] as const;
export type ExclusionCode = (typeof EXCLUSION_CODES)[number];

/** One reason a pair is excluded. */
export interface ExclusionReason {
  code: ExclusionCode;
  message: string;
}

const BIT = Object.fromEntries(EXCLUSION_CODES.map((code, k) => [code, 1 << k])) as Record<
  ExclusionCode,
  number
>;

/** Short phrases for summaries such as "12 mentors: not admitted where the mentee practises". */
export const EXCLUSION_SUMMARIES: Readonly<Record<ExclusionCode, string>> = {
  'same-person': 'the same person as the mentee',
  'mentor-not-eligible': 'not eligible to mentor in this program',
  'mentor-no-open-seats': 'no open seats',
  'mentee-needs-no-mentor': 'the mentee needs no more mentors',
  'do-not-match': 'marked do-not-match by the coordinator',
  'conflict-of-interest': 'a declared conflict of interest with the mentee',
  'organization-conflict': 'a declared conflict between the organizations',
  'reporting-line': "in the mentee's reporting line",
  'previous-pairing': 'paired with the mentee in an earlier cohort',
  'organization-rule': "excluded by the program's inside/outside mentoring rule",
  'jurisdiction-required': 'not admitted where the mentee practises',
  'seniority-gap': 'not enough more senior than the mentee',
  'time-zone-difference': 'too many time zones away',
};

/** Feasibility indexes for one run, on top of the prepared pool. */
export interface ConstraintIndex {
  pool: PreparedPool;
  menteeIndexById: Map<string, number>;
  mentorIndexById: Map<string, number>;
  /** Mentors still wanted by each mentee (wantedMentors minus kept existing pairs). */
  menteeOpen: Int32Array;
  /** Open seats of each mentor (capacity minus seats used elsewhere minus kept existing pairs). */
  mentorOpen: Int32Array;
  mentorEligible: Uint8Array;
  /** Pair-specific exclusion bits: mentee → mentor → mask. */
  pairBits: Map<number, Map<number, number>>;
  /** Conflicting organization pairs as orgA * orgCount + orgB, both orders. */
  organizationConflicts: Set<number>;
  organizationHasConflict: Uint8Array;
}

/** Builds the feasibility indexes; `kept` pairs (incremental mode) use seats on both sides. */
export function createConstraintIndex(pool: PreparedPool, kept: readonly PairIds[] = []): ConstraintIndex {
  const c = pool.settings.constraints;
  const menteeIndexById = new Map(pool.mentees.ids.map((id, i) => [id, i]));
  const mentorIndexById = new Map(pool.mentors.ids.map((id, j) => [id, j]));
  const menteeOpen = Int32Array.from(pool.menteeProfiles, (mentee) => mentee.wantedMentors);
  const mentorOpen = Int32Array.from(
    pool.mentorProfiles,
    (mentor) => mentor.capacity - mentor.seatsUsedElsewhere,
  );
  for (const pair of kept) {
    const i = menteeIndexById.get(pair.menteeId);
    const j = mentorIndexById.get(pair.mentorId);
    if (i !== undefined) menteeOpen[i]--;
    if (j !== undefined) mentorOpen[j]--;
  }
  const allowed = new Set(c.allowedMentorStatuses);
  const mentorEligible = Uint8Array.from(pool.mentorProfiles, (mentor) =>
    allowed.has(mentor.eligibility) ? 1 : 0,
  );

  const pairBits = new Map<number, Map<number, number>>();
  const block = (i: number | undefined, j: number | undefined, bit: number) => {
    if (i === undefined || j === undefined) return;
    let row = pairBits.get(i);
    if (!row) pairBits.set(i, (row = new Map<number, number>()));
    row.set(j, (row.get(j) ?? 0) | bit);
  };
  // Someone can be a mentee and a mentor in the same program, but never their own.
  for (const [id, i] of menteeIndexById) block(i, mentorIndexById.get(id), BIT['same-person']);
  for (const pair of c.doNotMatch)
    block(menteeIndexById.get(pair.menteeId), mentorIndexById.get(pair.mentorId), BIT['do-not-match']);
  for (const pair of c.previousPairs) {
    block(menteeIndexById.get(pair.menteeId), mentorIndexById.get(pair.mentorId), BIT['previous-pairing']);
  }
  for (const [a, b] of c.conflictPersonPairs) {
    block(menteeIndexById.get(a), mentorIndexById.get(b), BIT['conflict-of-interest']);
    block(menteeIndexById.get(b), mentorIndexById.get(a), BIT['conflict-of-interest']);
  }
  pool.menteeProfiles.forEach((mentee, i) => {
    for (const supervisorId of mentee.supervisorIds)
      block(i, mentorIndexById.get(supervisorId), BIT['reporting-line']);
  });
  // A mentor who reports to the mentee is just as compromised a pairing as the reverse.
  pool.mentorProfiles.forEach((mentor, j) => {
    for (const supervisorId of mentor.supervisorIds)
      block(menteeIndexById.get(supervisorId), j, BIT['reporting-line']);
  });

  const organizations = pool.universes.organizations;
  const orgCount = organizations.ids.length;
  const organizationConflicts = new Set<number>();
  const organizationHasConflict = new Uint8Array(orgCount);
  for (const [a, b] of c.conflictOrganizationPairs) {
    const x = organizations.get(a);
    const y = organizations.get(b);
    if (x === undefined || y === undefined) continue;
    organizationConflicts.add(x * orgCount + y).add(y * orgCount + x);
    organizationHasConflict[x] = 1;
    organizationHasConflict[y] = 1;
  }
  return {
    pool,
    menteeIndexById,
    mentorIndexById,
    menteeOpen,
    mentorOpen,
    mentorEligible,
    pairBits,
    organizationConflicts,
    organizationHasConflict,
  };
}

function jurisdictionMissing(pool: PreparedPool, i: number, j: number): boolean {
  const rule = pool.settings.constraints.jurisdictionRule;
  if (rule === 'off' || pool.mentees.practiceJurisdictionCount[i] === 0) return false;
  const words = pool.universes.jurisdictions.words;
  const practice = pool.mentees.practiceJurisdictions;
  const admitted = pool.mentors.admissions;
  let covered = 0;
  for (let w = 0; w < words; w++) {
    const x = practice[i * words + w] & admitted[j * words + w];
    if (x !== 0) covered += popcount(x);
  }
  return rule === 'any' ? covered === 0 : covered < pool.mentees.practiceJurisdictionCount[i];
}

const MENTOR_NOT_ELIGIBLE = BIT['mentor-not-eligible'];
const MENTOR_NO_SEATS = BIT['mentor-no-open-seats'];
const MENTEE_NEEDS_NONE = BIT['mentee-needs-no-mentor'];
const ORGANIZATION_CONFLICT = BIT['organization-conflict'];
const ORGANIZATION_RULE = BIT['organization-rule'];
const JURISDICTION_REQUIRED = BIT['jurisdiction-required'];
const SENIORITY_GAP = BIT['seniority-gap'];
const TIME_ZONE_DIFFERENCE = BIT['time-zone-difference'];

/** Bit mask of every hard constraint the pair breaks; 0 means feasible. */
export function exclusionMask(index: ConstraintIndex, i: number, j: number): number {
  const { pool } = index;
  const c = pool.settings.constraints;
  const mentees = pool.mentees;
  const mentors = pool.mentors;
  let mask = 0;
  if (index.mentorEligible[j] === 0) mask |= MENTOR_NOT_ELIGIBLE;
  if (index.mentorOpen[j] <= 0) mask |= MENTOR_NO_SEATS;
  if (index.menteeOpen[i] <= 0) mask |= MENTEE_NEEDS_NONE;
  if (index.pairBits.size > 0) {
    const row = index.pairBits.get(i);
    if (row !== undefined) mask |= row.get(j) ?? 0;
  }
  const orgA = mentees.organization[i];
  const orgB = mentors.organization[j];
  if (index.organizationHasConflict[orgA] === 1) {
    if (index.organizationConflicts.has(orgA * index.organizationHasConflict.length + orgB)) {
      mask |= ORGANIZATION_CONFLICT;
    }
  }
  const rule = c.organizationRule;
  if (rule === 'same-required' ? orgA !== orgB : rule === 'same-forbidden' && orgA === orgB) {
    mask |= ORGANIZATION_RULE;
  }
  if (c.jurisdictionRule !== 'off' && jurisdictionMissing(pool, i, j)) mask |= JURISDICTION_REQUIRED;
  const minGap = c.minSeniorityGapYears;
  // A mentee who left seniority blank is not restricted (like one with no practice jurisdiction); a
  // mentor who left it blank cannot show the gap, so !(NaN >= x) excludes them.
  if (
    minGap !== null &&
    !Number.isNaN(mentees.years[i]) &&
    !(mentors.years[j] - mentees.years[i] >= minGap - 1e-9)
  ) {
    mask |= SENIORITY_GAP;
  }
  const maxHours = c.maxTimeZoneDifferenceHours;
  if (
    maxHours !== null &&
    timeZoneDistanceMinutes(mentees.offsetMinutes[i], mentors.offsetMinutes[j]) > maxHours * 60
  ) {
    mask |= TIME_ZONE_DIFFERENCE;
  }
  return mask;
}

/** The codes set in a mask, in EXCLUSION_CODES order. */
export function codesOf(mask: number): ExclusionCode[] {
  return EXCLUSION_CODES.filter((code) => (mask & BIT[code]) !== 0);
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function message(index: ConstraintIndex, i: number, j: number, code: ExclusionCode): string {
  const { pool } = index;
  const c = pool.settings.constraints;
  const mentee = pool.menteeProfiles[i];
  const mentor = pool.mentorProfiles[j];
  switch (code) {
    case 'same-person':
      return 'The mentor and the mentee are the same person.';
    case 'mentor-not-eligible':
      return `The mentor's eligibility is "${mentor.eligibility}"; this program matches only ${joinLabels(
        c.allowedMentorStatuses.map((s) => `"${s}"`),
        'other statuses',
      )} mentors.`;
    case 'mentor-no-open-seats':
      return `The mentor has no open seats (capacity ${mentor.capacity}, ${mentor.seatsUsedElsewhere} used in other programs${index.mentorOpen[j] < mentor.capacity - mentor.seatsUsedElsewhere ? ', the rest by relationships kept in this program' : ''}).`;
    case 'mentee-needs-no-mentor':
      if (mentee.wantedMentors <= 0) return 'The mentee does not want a mentor in this program.';
      return mentee.wantedMentors === 1
        ? 'The mentee already has the mentor they want.'
        : `The mentee already has the ${mentee.wantedMentors} mentors they want.`;
    case 'do-not-match':
      return 'The coordinator marked this pair as do-not-match.';
    case 'conflict-of-interest':
      return 'A conflict of interest is declared between these two people.';
    case 'organization-conflict':
      return `A conflict of interest is declared between their organizations (${mentee.organizationId} and ${mentor.organizationId}).`;
    case 'reporting-line': {
      const level = mentee.supervisorIds.indexOf(mentor.id);
      if (level === 0) return "The mentor is the mentee's direct supervisor.";
      if (level > 0) return `The mentor is in the mentee's reporting line (${level + 1} levels up).`;
      return "The mentee is in the mentor's reporting line (the mentee supervises the mentor).";
    }
    case 'previous-pairing':
      return 'They were paired in an earlier cohort, and pairings are not repeated.';
    case 'organization-rule':
      return c.organizationRule === 'same-required'
        ? `This program is for inside mentoring, and the mentor is in another organization (${mentor.organizationId}).`
        : 'This program is for outside mentoring, and the mentor is in the same organization.';
    case 'jurisdiction-required': {
      const admitted = new Set(mentor.admissions);
      const missing = mentee.practiceJurisdictions
        .filter((code) => !admitted.has(code))
        .map(jurisdictionLabel);
      return c.jurisdictionRule === 'any'
        ? `The mentor is not admitted in any jurisdiction where the mentee practises (${joinLabels(missing, 'others')}).`
        : `The mentor is not admitted in ${joinLabels(missing, 'others')}, where the mentee practises.`;
    }
    case 'seniority-gap': {
      if (Number.isNaN(pool.mentors.years[j])) {
        return `The mentor has not said when they were admitted; the program requires at least ${c.minSeniorityGapYears} more years in practice than the mentee.`;
      }
      const gap = round1(pool.mentors.years[j] - pool.mentees.years[i]);
      const text =
        gap > 0
          ? `${gap} more years in practice than the mentee`
          : `no more years in practice than the mentee (${gap})`;
      return `The mentor has ${text}; the program requires at least ${c.minSeniorityGapYears}.`;
    }
    case 'time-zone-difference': {
      const a = pool.mentees.offsetMinutes[i];
      const b = pool.mentors.offsetMinutes[j];
      const hours = round1(timeZoneDistanceMinutes(a, b) / 60);
      const wraps = Math.abs(a - b) > 720 ? ', counted the short way round the clock' : '';
      return `Their time zones are ${hours} hours apart at the reference date (mentee ${formatUtcOffset(a)}, mentor ${formatUtcOffset(b)}${wraps}); the program allows at most ${c.maxTimeZoneDifferenceHours}.`;
    }
  }
}

/** Every reason mentee i may not be paired with mentor j, or an empty list when the pair is feasible. */
export function exclusionReasons(index: ConstraintIndex, i: number, j: number): ExclusionReason[] {
  return codesOf(exclusionMask(index, i, j)).map((code) => ({ code, message: message(index, i, j, code) }));
}

/** Why not this mentor? All reasons the pair is excluded, each with a code and a message; [] if feasible. */
export function explainExclusion(
  mentee: MenteeProfile,
  mentor: MentorProfile,
  settings: MatchingSettings,
): ExclusionReason[] {
  return exclusionReasons(createConstraintIndex(preparePool([mentee], [mentor], settings)), 0, 0);
}
