/**
 * From what a member told their organization (the stored profile: table member_profiles, read by
 * src/app/profiles) to what the matching engine reads (MenteeProfile / MentorProfile), so that a program
 * can match on stored data.
 *
 * What the stored profile does not ask (career goals, where the member practises, availability, meeting
 * format, communication style, skills, affinity) stays blank: an empty list or an absent field, which
 * the engine leaves out of a mentee's score instead of counting it as a zero (ADR 011). Affinity is never
 * filled in, so no answer is ever used without consent.
 */
import type { MenteeProfile, MentorEligibilityStatus, MentorProfile, PersonProfile } from './profile.ts';

/** The stored profile as plain data; src/app/profiles's ProfileRecord plus its organization fits it. */
export interface StoredMemberProfile {
  membershipId: string;
  organizationId: string;
  /** The organization's time zone, which a member who left theirs empty uses (the form says so). */
  organizationTimeZone: string;
  practiceAreas: readonly string[];
  jurisdictionsOfAdmission: readonly string[];
  /** Year first admitted; null when left empty ("leave empty if you are a student"). */
  admissionYear: number | null;
  languages: readonly string[];
  /** '' when not given. */
  office: string;
  /** null: "use the organization's". */
  timeZone: string | null;
}

/** What a program knows about a participant that the stored profile does not hold. */
interface Enrollment {
  /** The run's reference date: years since admission are counted at it. */
  referenceDate: Date;
  /** Every supervisor up the member's reporting line, nearest first; none when not known. */
  supervisorIds?: readonly string[];
}

/** A member taking part as a mentee. */
export interface MenteeEnrollment extends Enrollment {
  side: 'mentee';
  wantedMentors: number;
}

/** A member taking part as a mentor. */
export interface MentorEnrollment extends Enrollment {
  side: 'mentor';
  capacity: number;
  seatsUsedElsewhere: number;
  eligibility: MentorEligibilityStatus;
}

/** The matching profile of a stored member profile, as a mentee or a mentor in one program. */
export function toMatchingProfile(member: StoredMemberProfile, enrollment: MenteeEnrollment): MenteeProfile;
export function toMatchingProfile(member: StoredMemberProfile, enrollment: MentorEnrollment): MentorProfile;
export function toMatchingProfile(
  member: StoredMemberProfile,
  enrollment: MenteeEnrollment | MentorEnrollment,
): MenteeProfile | MentorProfile;
export function toMatchingProfile(
  member: StoredMemberProfile,
  enrollment: MenteeEnrollment | MentorEnrollment,
): MenteeProfile | MentorProfile {
  const person: PersonProfile = {
    id: member.membershipId,
    organizationId: member.organizationId,
    practiceAreas: [...member.practiceAreas],
    careerGoals: [],
    admissions: [...member.jurisdictionsOfAdmission],
    practiceJurisdictions: [],
    ...(member.admissionYear === null
      ? {}
      : { yearsSinceAdmission: yearsSince(member.admissionYear, enrollment.referenceDate) }),
    ...(member.office === '' ? {} : { office: member.office }),
    supervisorIds: [...(enrollment.supervisorIds ?? [])],
    timeZone: member.timeZone ?? member.organizationTimeZone,
    languages: [...member.languages],
    availability: [],
    affinity: [],
  };
  if (enrollment.side === 'mentee') {
    return { ...person, skillsToDevelop: [], wantedMentors: enrollment.wantedMentors };
  }
  return {
    ...person,
    skillsOffered: [],
    capacity: enrollment.capacity,
    seatsUsedElsewhere: enrollment.seatsUsedElsewhere,
    eligibility: enrollment.eligibility,
  };
}

// Only the year is stored, so years are counted in calendar years, as people say them ("admitted in 2021:
// five years" in 2026); someone admitted after the reference date had not been admitted yet.
function yearsSince(admissionYear: number, referenceDate: Date): number {
  return Math.max(0, referenceDate.getUTCFullYear() - admissionYear);
}
