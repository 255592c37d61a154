/**
 * What the self-match use cases share: loading applications and requests and building engine profiles.
 * Seats and the per-person locks (ADR 017) live with relationships (src/app/relationships).
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { BuiltInAnswers } from '../../core/enrolment/built-in-questions.ts';
import {
  applicationMatchingProfile,
  type AnswerConsent,
  type MatchableApplication,
} from '../../core/enrolment/matching-profile.ts';
import { AppError } from '../../core/errors.ts';
import {
  defaultMatchingSettings,
  MENTOR_ELIGIBILITY_STATUSES,
  type MatchingSettings,
  type MentorEligibilityStatus,
  type MenteeProfile,
  type MentorProfile,
  type OrganizationRule,
} from '../../core/matching/index.ts';
import { SELF_MATCH_COHORT_STATES } from '../../core/self-match/index.ts';
import type { InsideOutsideRule } from '../../core/programs/vocabulary.ts';
import { applications, cohorts, matchRequests, users } from '../../db/schema.ts';
import type { Queryable } from '../context.ts';
import type { ProgramRow } from '../programs/program-access.ts';
import { mentorCapacity } from '../relationships/mentor-seats.ts';

export type ApplicationRow = typeof applications.$inferSelect;
export type CohortRow = typeof cohorts.$inferSelect;
export type MatchRequestRow = typeof matchRequests.$inferSelect;

/** An application with its applicant's name and email. */
export interface ApplicantRow {
  application: ApplicationRow;
  name: string;
  email: string;
}

/** A mentee's application in a cohort where self-match is open. */
export interface OwnMenteeApplication {
  application: ApplicationRow;
  cohort: CohortRow;
}

/**
 * The actor's approved mentee application in one of the program's cohorts that is matching or running
 * (the newest if several), or null.
 */
export async function findOwnMenteeApplication(
  db: Queryable,
  programId: string,
  userId: string,
): Promise<OwnMenteeApplication | null> {
  const [row] = await db
    .select({ application: applications, cohort: cohorts })
    .from(applications)
    .innerJoin(cohorts, eq(cohorts.id, applications.cohortId))
    .where(
      and(
        eq(applications.programId, programId),
        eq(applications.userId, userId),
        eq(applications.role, 'mentee'),
        eq(applications.status, 'approved'),
        inArray(cohorts.state, [...SELF_MATCH_COHORT_STATES]),
      ),
    )
    .orderBy(desc(applications.submittedAt), desc(applications.id))
    .limit(1);
  return row ?? null;
}

/** Like findOwnMenteeApplication, but FORBIDDEN with what to do when there is none. */
export async function requireOwnMenteeApplication(
  db: Queryable,
  program: ProgramRow,
  userId: string,
): Promise<OwnMenteeApplication> {
  const own = await findOwnMenteeApplication(db, program.id, userId);
  if (!own) {
    throw new AppError(
      'FORBIDDEN',
      `Only mentees approved in a cohort of ${program.name} that is matching or running can look for mentors here`,
    );
  }
  return own;
}

/** The approved mentor applications of a cohort with the applicants' names. */
export async function listApprovedMentors(db: Queryable, cohortId: string): Promise<ApplicantRow[]> {
  return db
    .select({ application: applications, name: users.name, email: users.email })
    .from(applications)
    .innerJoin(users, eq(users.id, applications.userId))
    .where(
      and(
        eq(applications.cohortId, cohortId),
        eq(applications.role, 'mentor'),
        eq(applications.status, 'approved'),
      ),
    )
    .orderBy(users.name, applications.id);
}

/** Pending requests of a mentee application that have not passed their expiry at `now`. */
export async function countOpenRequests(
  db: Queryable,
  menteeApplicationId: string,
  now: Date,
): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(matchRequests)
    .where(
      and(
        eq(matchRequests.menteeApplicationId, menteeApplicationId),
        eq(matchRequests.status, 'pending'),
        sql`${matchRequests.expiresAt} > ${now.toISOString()}`,
      ),
    );
  return row.count;
}

/** A mentor's eligibility as the engine reads it; no evaluation (null) counts as eligible. */
export function mentorEligibility(application: ApplicationRow): MentorEligibilityStatus {
  const status = application.eligibility?.['status'];
  return MENTOR_ELIGIBILITY_STATUSES.includes(status as MentorEligibilityStatus)
    ? (status as MentorEligibilityStatus)
    : application.eligibility === null
      ? 'eligible'
      : 'pending';
}

const ORGANIZATION_RULES: Readonly<Record<InsideOutsideRule, OrganizationRule>> = {
  must_be_inside: 'same-required',
  must_be_outside: 'same-forbidden',
  either: 'allowed',
};

/** The engine settings self-match scores with: the defaults, with the program's inside/outside rule. */
export function selfMatchSettings(program: ProgramRow, now: Date): MatchingSettings {
  const settings = defaultMatchingSettings(now);
  return {
    ...settings,
    constraints: { ...settings.constraints, organizationRule: ORGANIZATION_RULES[program.insideOutsideRule] },
  };
}

/**
 * An application as the engine reads it. The organization given is the program's; the engine compares
 * the applicant's employer (src/core/enrolment/employer.ts, the same as match runs) for inside/outside.
 */
function matchable(application: ApplicationRow): MatchableApplication {
  return {
    applicationId: application.id,
    organizationId: application.organizationId,
    fallbackTimeZone: 'UTC',
    answers: application.answers,
    consents: application.consents as Record<string, AnswerConsent | undefined>,
  };
}

/** The engine profile of a mentee application (self-match: one mentor wanted). */
export function menteeProfileOf(application: ApplicationRow, now: Date): MenteeProfile {
  return applicationMatchingProfile(matchable(application), {
    side: 'mentee',
    referenceDate: now,
    wantedMentors: 1,
  });
}

/** The engine profile of a mentor application, with its seats taken across every program. */
export function mentorProfileOf(
  application: ApplicationRow,
  program: ProgramRow,
  activeSeats: number,
  now: Date,
): MentorProfile {
  return applicationMatchingProfile(matchable(application), {
    side: 'mentor',
    referenceDate: now,
    capacity: mentorCapacity(application, program),
    seatsUsedElsewhere: activeSeats,
    eligibility: mentorEligibility(application),
  });
}

/** Built-in answers of an application, typed. */
export function answersOf(application: ApplicationRow): Partial<BuiltInAnswers> {
  return application.answers;
}
