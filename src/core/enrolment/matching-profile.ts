/**
 * From an application (its built-in answers and consents) to what the matching engine reads. Everything a
 * match needs comes from applications: nothing here reads the member profile or demo data. A question the
 * form did not ask, or the applicant left empty, stays blank (an empty list or an absent field), which the
 * engine leaves out of a mentee's score instead of counting it as a zero (ADR 011).
 */
import type {
  AffinityAnswer,
  MenteeProfile,
  MentorEligibilityStatus,
  MentorProfile,
  PersonProfile,
} from '../matching/profile.ts';
import type { StoredAnswers } from './built-in-questions.ts';
import { employerOrganizationId } from './employer.ts';

/** Consent given to one sensitive answer: when, and to which wording. */
export interface AnswerConsent {
  givenAt: string;
  statement: string;
}

/** An application as matching needs it. */
export interface MatchableApplication {
  /** The profile id the engine and the stored run use: the application id. */
  applicationId: string;
  /**
   * The program's organization. The engine's organization id (inside/outside rules) is the applicant's
   * employer when they named one (`employerOrganizationId`), else this.
   */
  organizationId: string;
  /** Used when the applicant gave no time zone. */
  fallbackTimeZone: string;
  answers: StoredAnswers;
  /** question id → consent; an affinity answer without consent is dropped, never read. */
  consents: Readonly<Record<string, AnswerConsent | undefined>>;
}

interface Enrollment {
  /** The run's reference date: years since admission are counted at it. */
  referenceDate: Date;
  /** Every supervisor up the applicant's reporting line, nearest first (profile ids); none when unknown. */
  supervisorIds?: readonly string[];
}

export interface MenteeEnrollment extends Enrollment {
  side: 'mentee';
  wantedMentors: number;
}

export interface MentorEnrollment extends Enrollment {
  side: 'mentor';
  capacity: number;
  seatsUsedElsewhere: number;
  eligibility: MentorEligibilityStatus;
}

export function applicationMatchingProfile(
  application: MatchableApplication,
  enrollment: MenteeEnrollment,
): MenteeProfile;
export function applicationMatchingProfile(
  application: MatchableApplication,
  enrollment: MentorEnrollment,
): MentorProfile;
export function applicationMatchingProfile(
  application: MatchableApplication,
  enrollment: MenteeEnrollment | MentorEnrollment,
): MenteeProfile | MentorProfile;
export function applicationMatchingProfile(
  application: MatchableApplication,
  enrollment: MenteeEnrollment | MentorEnrollment,
): MenteeProfile | MentorProfile {
  const answers = application.answers;
  const hasAffinityConsent = application.consents['affinity'] !== undefined;
  const affinity: AffinityAnswer[] = hasAffinityConsent
    ? (answers.affinity ?? []).map((entry) => ({
        topic: entry.topic,
        answer: Array.isArray(entry.answer) ? [...(entry.answer as readonly string[])] : entry.answer,
        hasConsented: true,
      }))
    : [];
  const person: PersonProfile = {
    id: application.applicationId,
    organizationId: employerOrganizationId(answers, application.organizationId),
    practiceAreas: [...(answers.practice_areas ?? [])],
    careerGoals: [...(answers.career_goals ?? [])],
    admissions: [...(answers.jurisdictions_of_admission ?? [])],
    practiceJurisdictions: [...(answers.practice_jurisdictions ?? [])],
    ...(answers.years_of_practice === undefined ? {} : { yearsSinceAdmission: answers.years_of_practice }),
    ...(answers.admission_date ? { admissionDate: answers.admission_date } : {}),
    ...(answers.location ? { office: answers.location } : {}),
    supervisorIds: [...(enrollment.supervisorIds ?? [])],
    timeZone: answers.time_zone ?? application.fallbackTimeZone,
    languages: [...(answers.languages ?? [])],
    availability: [...(answers.availability ?? [])],
    ...(answers.meeting_format ? { preferredFormat: answers.meeting_format } : {}),
    ...(answers.communication_style ? { communicationStyle: answers.communication_style } : {}),
    affinity,
  };
  const skills = [...(answers.skills ?? [])];
  if (enrollment.side === 'mentee') {
    return { ...person, skillsToDevelop: skills, wantedMentors: enrollment.wantedMentors };
  }
  return {
    ...person,
    skillsOffered: skills,
    capacity: enrollment.capacity,
    seatsUsedElsewhere: enrollment.seatsUsedElsewhere,
    eligibility: enrollment.eligibility,
  };
}
