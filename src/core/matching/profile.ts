/**
 * Domain types of the people being matched and of a program's matching settings.
 *
 * Ids from taxonomies (practice areas, competencies, career goals, jurisdictions, languages) are plain
 * strings so that a program can extend its taxonomy without a code change; the labels below only make the
 * reasons read well for the common ids and fall back to the id itself. Jurisdiction and language names
 * come from src/core/jurisdictions.ts and src/core/languages.ts, which the web app uses too.
 */

/** Practice areas most programs start from; any kebab-case id is accepted. */
export const PRACTICE_AREA_LABELS: Readonly<Record<string, string>> = {
  employment: 'employment law',
  family: 'family law',
  'criminal-defense': 'criminal defense',
  'criminal-prosecution': 'criminal prosecution',
  immigration: 'immigration law',
  'intellectual-property': 'intellectual property',
  'corporate-ma': 'corporate and M&A',
  litigation: 'litigation',
  'real-estate': 'real estate',
  tax: 'tax',
  bankruptcy: 'bankruptcy and restructuring',
  'estates-trusts': 'estates and trusts',
  environmental: 'environmental law',
  'personal-injury': 'personal injury',
  'public-interest': 'public interest law',
  'privacy-data': 'privacy and data protection',
  'banking-finance': 'banking and finance',
  antitrust: 'antitrust and competition',
  healthcare: 'health care law',
  'civil-rights': 'civil rights',
};

/** Competencies a mentor can offer and a mentee can want to develop. */
export const COMPETENCY_LABELS: Readonly<Record<string, string>> = {
  'courtroom-advocacy': 'courtroom advocacy',
  'legal-writing': 'legal writing',
  negotiation: 'negotiation',
  'client-development': 'client development',
  'business-development': 'business development',
  'legal-research': 'legal research',
  'deposition-practice': 'deposition practice',
  'trial-preparation': 'trial preparation',
  'time-management': 'time management',
  'ethics-professional-responsibility': 'ethics and professional responsibility',
  wellbeing: 'wellbeing',
  'contract-drafting': 'contract drafting',
  'appellate-practice': 'appellate practice',
  'managing-people': 'managing people',
  'public-speaking': 'public speaking',
};

/** Career goals a mentee has and a mentor can advise on from experience. */
export const CAREER_GOAL_LABELS: Readonly<Record<string, string>> = {
  'make-partner': 'making partner',
  'move-in-house': 'moving in-house',
  'judicial-clerkship': 'a judicial clerkship',
  'open-own-practice': 'opening their own practice',
  'public-service': 'public service',
  'government-role': 'a government role',
  academia: 'an academic career',
  'lateral-move': 'a lateral move',
  'return-to-practice': 'returning to practice after a break',
  'leadership-role': 'a leadership role',
};

/** Competency level: 1 foundational, 2 developing, 3 proficient, 4 expert. */
export type CompetencyLevel = 1 | 2 | 3 | 4;

export const COMPETENCY_LEVEL_LABELS: Readonly<Record<CompetencyLevel, string>> = {
  1: 'foundational',
  2: 'developing',
  3: 'proficient',
  4: 'expert',
};

export interface Competency {
  id: string;
  /** Mentor: the level at which they practise it. Mentee: their current level. */
  level: CompetencyLevel;
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * A recurring weekly window in the person's own time zone. `endMinute` may be smaller than `startMinute`
 * for a window that runs past midnight into the next day (Sunday 22:00–01:00 ends on Monday).
 */
export interface AvailabilityWindow {
  day: Weekday;
  /** Minutes after local midnight, 0..1439. */
  startMinute: number;
  /** Minutes after local midnight, 1..1440; never equal to startMinute. */
  endMinute: number;
}

export const MEETING_FORMATS = ['in-person', 'video', 'hybrid'] as const;
export type MeetingFormat = (typeof MEETING_FORMATS)[number];

export const COMMUNICATION_STYLES = ['direct', 'supportive', 'structured', 'exploratory'] as const;
export type CommunicationStyle = (typeof COMMUNICATION_STYLES)[number];

/**
 * Opt-in affinity topics. Boolean topics are answered yes/no; `identity-group` is answered with group ids
 * chosen by the program (e.g. `lgbtq`, `black-lawyers`, `women-in-law`).
 */
export const AFFINITY_TOPICS = [
  'first-generation-lawyer',
  'identity-group',
  'parent-caregiver',
  'veteran',
  'career-changer',
] as const;
export type AffinityTopic = (typeof AFFINITY_TOPICS)[number];

/**
 * One opt-in answer. It is used for matching only when `hasConsented` is true on BOTH sides; without
 * consent it is never read, never counted and never named in a reason.
 */
export interface AffinityAnswer {
  topic: AffinityTopic;
  /** `true`/`false` for yes/no topics, a list of group ids for `identity-group`. */
  answer: boolean | readonly string[];
  hasConsented: boolean;
}

export const MENTOR_ELIGIBILITY_STATUSES = ['eligible', 'pending', 'ineligible'] as const;
export type MentorEligibilityStatus = (typeof MENTOR_ELIGIBILITY_STATUSES)[number];

/** What mentees and mentors share. */
export interface PersonProfile {
  id: string;
  /** Practice-area taxonomy ids, e.g. `employment`, `corporate-ma`. */
  practiceAreas: readonly string[];
  /** Career-goal ids: the mentee's goals, or the paths a mentor can advise on from experience. */
  careerGoals: readonly string[];
  /** Jurisdictions where the person is admitted to practise, e.g. `US-OR`, `GB-ENG`, `AU-NSW`. */
  admissions: readonly string[];
  /** Jurisdictions where the person actually practises. */
  practiceJurisdictions: readonly string[];
  /**
   * Whole or fractional years since first admission; wins over `admissionDate` when both are set. With
   * neither, seniority is blank (not zero): the criterion does not apply to such a mentee, such a mentor
   * does not meet it, and a minimum-gap rule cannot be met by such a mentor (ADR 011).
   */
  yearsSinceAdmission?: number;
  /** First admission as `YYYY-MM-DD`; years are computed against the program's reference date. */
  admissionDate?: string;
  organizationId: string;
  /** Office (city or site id) inside the organization. */
  office?: string;
  /**
   * The person's reporting line: every supervisor up the chain, nearest first. The application layer
   * flattens the org chart; the engine never follows chains itself.
   */
  supervisorIds: readonly string[];
  /** IANA time zone, e.g. `America/Los_Angeles`, `Europe/London`, `Australia/Sydney`. */
  timeZone: string;
  /** BCP 47 language codes the person is comfortable mentoring in. */
  languages: readonly string[];
  availability: readonly AvailabilityWindow[];
  preferredFormat?: MeetingFormat;
  communicationStyle?: CommunicationStyle;
  affinity: readonly AffinityAnswer[];
}

export interface MenteeProfile extends PersonProfile {
  /** Competencies the mentee wants to develop, with their current level. */
  skillsToDevelop: readonly Competency[];
  /** How many mentors the mentee wants in this program (usually 1). */
  wantedMentors: number;
}

export interface MentorProfile extends PersonProfile {
  /** Competencies the mentor can teach, with the level at which they practise them. */
  skillsOffered: readonly Competency[];
  /** Most mentees the mentor takes across all programs at once. */
  capacity: number;
  /** Seats already taken by relationships in other programs. */
  seatsUsedElsewhere: number;
  eligibility: MentorEligibilityStatus;
}

/** A mentee–mentor pair named by profile ids. */
export interface PairIds {
  menteeId: string;
  mentorId: string;
}

/** Every scoring criterion, in the order they are documented. */
export const CRITERION_IDS = [
  'practice-area',
  'skills',
  'career-goals',
  'jurisdiction',
  'seniority',
  'time-zone',
  'availability',
  'language',
  'meeting-format',
  'communication-style',
  'affinity-first-generation-lawyer',
  'affinity-identity-group',
  'affinity-parent-caregiver',
  'affinity-veteran',
  'affinity-career-changer',
] as const;
export type CriterionId = (typeof CRITERION_IDS)[number];

/** The weights a new program starts with; coordinators tune them (0 switches a criterion off). */
export const DEFAULT_WEIGHTS: Readonly<Record<CriterionId, number>> = {
  'practice-area': 3,
  skills: 3,
  'career-goals': 2,
  jurisdiction: 1,
  seniority: 1,
  'time-zone': 1,
  availability: 2,
  language: 1,
  'meeting-format': 1,
  'communication-style': 1,
  'affinity-first-generation-lawyer': 1,
  'affinity-identity-group': 1,
  'affinity-parent-caregiver': 1,
  'affinity-veteran': 1,
  'affinity-career-changer': 1,
};

export type OrganizationRule = 'same-required' | 'same-forbidden' | 'allowed';
export type JurisdictionRule = 'off' | 'any' | 'all';

/** The hard constraints of a program; a pair that violates one is never proposed. */
export interface ConstraintSettings {
  /** Inside mentoring (same organization required), outside mentoring (forbidden) or either. */
  organizationRule: OrganizationRule;
  /** Mentor must be admitted in any / all of the mentee's practice jurisdictions, or no requirement. */
  jurisdictionRule: JurisdictionRule;
  /** Mentor must have at least this many more years since admission than the mentee. */
  minSeniorityGapYears: number | null;
  /** Largest allowed difference between the two UTC offsets at the reference date, in hours. */
  maxTimeZoneDifferenceHours: number | null;
  /** Mentor eligibility statuses that may be matched (usually only `eligible`). */
  allowedMentorStatuses: readonly MentorEligibilityStatus[];
  /** Declared conflicts of interest between two people (either order). */
  conflictPersonPairs: ReadonlyArray<readonly [string, string]>;
  /** Declared conflicts between two organizations (either order), e.g. opposing counsel in a matter. */
  conflictOrganizationPairs: ReadonlyArray<readonly [string, string]>;
  /** Pairs the coordinator ruled out. */
  doNotMatch: readonly PairIds[];
  /** Pairs that already ran in an earlier cohort; never repeated. */
  previousPairs: readonly PairIds[];
}

/** How pair scores are computed. */
export interface ScoringSettings {
  /** Weight per criterion, 0..100; a missing criterion takes its default weight, 0 switches it off. */
  weights: Partial<Record<CriterionId, number>>;
  /** Gap in years since admission that counts as ideal for the seniority criterion. */
  idealSeniorityGapYears: { min: number; max: number };
  /** Weekly overlap, in minutes, at which the availability criterion is fully met. */
  availabilityTargetMinutes: number;
}

/** Everything that decides whether and how well a pair fits, plus the reference instant. */
export interface MatchingSettings {
  scoring: ScoringSettings;
  constraints: ConstraintSettings;
  /**
   * The instant used for UTC offsets (time zones, DST), for availability (the week containing it) and for
   * years since an admission date. Passed in: core never reads the clock.
   */
  referenceDate: Date;
}

/** Sensible defaults for a new program; pass a reference date from the application clock. */
export function defaultMatchingSettings(referenceDate: Date): MatchingSettings {
  return {
    scoring: {
      weights: { ...DEFAULT_WEIGHTS },
      idealSeniorityGapYears: { min: 5, max: 20 },
      availabilityTargetMinutes: 180,
    },
    constraints: {
      organizationRule: 'allowed',
      jurisdictionRule: 'off',
      minSeniorityGapYears: 2,
      maxTimeZoneDifferenceHours: null,
      allowedMentorStatuses: ['eligible'],
      conflictPersonPairs: [],
      conflictOrganizationPairs: [],
      doNotMatch: [],
      previousPairs: [],
    },
    referenceDate,
  };
}

/** A label for a taxonomy id, falling back to the id with dashes as spaces. */
export function labelOf(labels: Readonly<Record<string, string>>, id: string): string {
  return labels[id] ?? id.replace(/-/g, ' ');
}
