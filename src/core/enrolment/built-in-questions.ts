/**
 * The built-in questions of an application form: the ones that feed matching. A coordinator picks which
 * of them a program's form asks (beside custom questions); each has one id, one answer shape (the
 * contracts in src/contracts/built-in-answers.ts validate it) and, where the member profile holds the
 * same fact, the profile field that prefills it.
 *
 * Answers are stored by question id in `applications.answers`; src/core/enrolment/matching-profile.ts
 * turns an application's answers into the engine's MenteeProfile / MentorProfile.
 */
import type {
  AffinityTopic,
  AvailabilityWindow,
  CommunicationStyle,
  Competency,
  MeetingFormat,
} from '../matching/profile.ts';
import type { ProgramRole } from '../programs/vocabulary.ts';

export const BUILT_IN_QUESTION_IDS = [
  'practice_areas',
  'skills',
  'career_goals',
  'years_of_practice',
  'admission_date',
  'jurisdictions_of_admission',
  'practice_jurisdictions',
  'languages',
  'location',
  'employer',
  'time_zone',
  'availability',
  'meeting_format',
  'communication_style',
  'affinity',
] as const;
export type BuiltInQuestionId = (typeof BUILT_IN_QUESTION_IDS)[number];

/** The member-profile field that prefills a built-in answer (src/app/profiles ProfileRecord). */
export type ProfileField =
  'practiceAreas' | 'jurisdictionsOfAdmission' | 'admissionYear' | 'languages' | 'office' | 'timeZone';

export interface BuiltInQuestion {
  id: BuiltInQuestionId;
  /** The question as each side reads it. */
  label: Readonly<Record<ProgramRole, string>>;
  help: string;
  /** The member-profile field it prefills from, if any. */
  prefillFrom?: ProfileField;
  /**
   * A sensitive answer (background, affinity): stored and used only with explicit consent, recorded per
   * answer in `applications.consents` (ADR 011).
   */
  isSensitive: boolean;
}

const question = (
  id: BuiltInQuestionId,
  mentee: string,
  mentor: string,
  help: string,
  extra: Partial<Pick<BuiltInQuestion, 'prefillFrom' | 'isSensitive'>> = {},
): BuiltInQuestion => ({ id, label: { mentee, mentor }, help, isSensitive: false, ...extra });

/** Every built-in question, in the order a form shows them by default. */
export const BUILT_IN_QUESTIONS: readonly BuiltInQuestion[] = [
  question(
    'practice_areas',
    'Which practice areas do you work in or want to work in?',
    'Which practice areas can you mentor in?',
    'Choose from the practice-area list; the first ones count most in explanations.',
    { prefillFrom: 'practiceAreas' },
  ),
  question(
    'skills',
    'Which skills do you want to develop, and where are you now?',
    'Which skills can you help with, and at what level do you practise them?',
    'Levels: 1 foundational, 2 developing, 3 proficient, 4 expert.',
  ),
  question(
    'career_goals',
    'What are your career goals?',
    'Which career paths can you advise on from experience?',
    'E.g. making partner, moving in-house, a judicial clerkship.',
  ),
  question(
    'years_of_practice',
    'How many years have you practised?',
    'How many years have you practised?',
    'Whole years since first admission; 0 if you are not yet admitted.',
    { prefillFrom: 'admissionYear' },
  ),
  question(
    'admission_date',
    'When were you first admitted?',
    'When were you first admitted?',
    'The date of your first admission to practise; leave empty if you are not yet admitted.',
  ),
  question(
    'jurisdictions_of_admission',
    'Where are you admitted to practise?',
    'Where are you admitted to practise?',
    'Every jurisdiction of admission, e.g. US-OR, GB-ENG, AU-NSW.',
    { prefillFrom: 'jurisdictionsOfAdmission' },
  ),
  question(
    'practice_jurisdictions',
    'Where do you practise?',
    'Where do you practise?',
    'The jurisdictions whose law you work in day to day.',
  ),
  question(
    'languages',
    'Which languages are you comfortable being mentored in?',
    'Which languages can you mentor in?',
    'BCP 47 codes, e.g. en, es, fr-CA.',
    { prefillFrom: 'languages' },
  ),
  question(
    'location',
    'Where are you based (office or city)?',
    'Where are you based (office or city)?',
    'Used for in-person meetings and for inside/outside rules.',
    { prefillFrom: 'office' },
  ),
  question(
    'employer',
    'Where do you work now (firm or organization)?',
    'Where do you work now (firm or organization)?',
    'Your current firm, company, court or agency. Used for the inside/outside mentoring rule.',
  ),
  question('time_zone', 'Your time zone', 'Your time zone', 'An IANA time zone, e.g. America/Chicago.', {
    prefillFrom: 'timeZone',
  }),
  question(
    'availability',
    'When are you usually free to meet?',
    'When are you usually free to meet?',
    'Weekly windows in your own time zone.',
  ),
  question(
    'meeting_format',
    'How do you prefer to meet?',
    'How do you prefer to meet?',
    'In person, by video, or a mix.',
  ),
  question(
    'communication_style',
    'Which communication style suits you?',
    'Which communication style do you mentor in?',
    'Direct, supportive, structured or exploratory.',
  ),
  question(
    'affinity',
    'Would you like to be matched on shared background or experience? (optional)',
    'Would you like to be matched on shared background or experience? (optional)',
    'Only used with your explicit consent, and only with someone who consented too. Never shown to others.',
    { isSensitive: true },
  ),
];

const BY_ID = new Map(BUILT_IN_QUESTIONS.map((entry) => [entry.id, entry]));

export function isBuiltInQuestionId(id: string): id is BuiltInQuestionId {
  return BY_ID.has(id as BuiltInQuestionId);
}

export function builtInQuestion(id: BuiltInQuestionId): BuiltInQuestion {
  return BY_ID.get(id)!;
}

/** One affinity answer as the applicant gives it; consent is recorded apart, per answer. */
export interface AffinityResponse {
  topic: AffinityTopic;
  answer: boolean | readonly string[];
}

/** The answer shape of each built-in question (validated by src/contracts/built-in-answers.ts). */
export interface BuiltInAnswers {
  practice_areas: readonly string[];
  skills: readonly Competency[];
  career_goals: readonly string[];
  /** Whole years since first admission. */
  years_of_practice: number;
  /** `YYYY-MM-DD`, or null: not yet admitted. */
  admission_date: string | null;
  jurisdictions_of_admission: readonly string[];
  practice_jurisdictions: readonly string[];
  languages: readonly string[];
  location: string;
  /** The current firm or organization (inside/outside rules compare it normalised: employer.ts). */
  employer: string;
  time_zone: string;
  availability: readonly AvailabilityWindow[];
  meeting_format: MeetingFormat;
  communication_style: CommunicationStyle;
  affinity: readonly AffinityResponse[];
}

/** Answers as stored: any subset of the built-in ones, plus custom answers under their own ids. */
export type StoredAnswers = Partial<BuiltInAnswers> & Readonly<Record<string, unknown>>;

/** The member-profile facts that prefill built-in answers. */
export interface PrefillProfile {
  practiceAreas: readonly string[];
  jurisdictionsOfAdmission: readonly string[];
  admissionYear: number | null;
  languages: readonly string[];
  office: string;
  timeZone: string | null;
}

/**
 * The built-in answers a member's profile prefills for `questionIds`, counted at `referenceDate` (years of
 * practice from the admission year). Empty profile fields prefill nothing.
 */
export function prefillAnswers(
  profile: PrefillProfile,
  questionIds: readonly string[],
  referenceDate: Date,
): Partial<BuiltInAnswers> {
  const asked = new Set(questionIds);
  const answers: { -readonly [K in keyof BuiltInAnswers]?: BuiltInAnswers[K] } = {};
  if (asked.has('practice_areas') && profile.practiceAreas.length > 0) {
    answers.practice_areas = [...profile.practiceAreas];
  }
  if (asked.has('jurisdictions_of_admission') && profile.jurisdictionsOfAdmission.length > 0) {
    answers.jurisdictions_of_admission = [...profile.jurisdictionsOfAdmission];
  }
  if (asked.has('years_of_practice') && profile.admissionYear !== null) {
    answers.years_of_practice = Math.max(0, referenceDate.getUTCFullYear() - profile.admissionYear);
  }
  if (asked.has('languages') && profile.languages.length > 0) answers.languages = [...profile.languages];
  if (asked.has('location') && profile.office !== '') answers.location = profile.office;
  if (asked.has('time_zone') && profile.timeZone !== null) answers.time_zone = profile.timeZone;
  return answers;
}
