/**
 * Programs, cohorts and applications for self-match tests, written straight into the database: the
 * programs and enrolment use cases live on other branches. Users and memberships come from the API
 * helpers (tests/support/api.ts) where a test needs to sign in as them, or from `insertMember` for
 * tests that only call use cases (the concurrency test's hundreds of people). No vitest import: the
 * browser tests' seed (tests/e2e/support/seed-self-match.ts) uses it too.
 */
import { randomUUID } from 'node:crypto';
import type { StoredAnswers } from '../../src/core/enrolment/built-in-questions.ts';
import type { MemberRole } from '../../src/core/roles.ts';
import type { CohortState, InsideOutsideRule, MatchingMode } from '../../src/core/programs/vocabulary.ts';
import type { Database } from '../../src/db/client.ts';
import {
  applicationForms,
  applications,
  cohorts,
  memberships,
  programs,
  relationshipParticipants,
  relationships,
  users,
} from '../../src/db/schema.ts';

export interface SelfMatchProgramOptions {
  /** Fixed ids (the browser tests' seed); random by default. */
  programId?: string;
  cohortId?: string;
  name?: string;
  matchingMode?: MatchingMode;
  cohortState?: CohortState;
  defaultMentorCapacity?: number;
  maxPendingRequests?: number;
  requestExpiryDays?: number;
  insideOutsideRule?: InsideOutsideRule;
}

export interface SelfMatchProgram {
  organizationId: string;
  programId: string;
  cohortId: string;
  forms: { mentor: string; mentee: string };
}

/** A program with one cohort and a mentor and a mentee form (no questions needed by these tests). */
export async function insertSelfMatchProgram(
  db: Database,
  organizationId: string,
  options: SelfMatchProgramOptions = {},
): Promise<SelfMatchProgram> {
  const programId = options.programId ?? randomUUID();
  const cohortId = options.cohortId ?? randomUUID();
  await db.insert(programs).values({
    id: programId,
    organizationId,
    name: options.name ?? 'New Lawyer Mentoring',
    format: 'one_to_one',
    matchingMode: options.matchingMode ?? 'self_match',
    defaultMentorCapacity: options.defaultMentorCapacity ?? 2,
    maxPendingRequests: options.maxPendingRequests ?? 3,
    requestExpiryDays: options.requestExpiryDays ?? 14,
    insideOutsideRule: options.insideOutsideRule ?? 'either',
  });
  await db.insert(cohorts).values({
    id: cohortId,
    organizationId,
    programId,
    name: '2027 spring intake',
    state: options.cohortState ?? 'matching',
  });
  const forms = { mentor: randomUUID(), mentee: randomUUID() };
  await db.insert(applicationForms).values([
    { id: forms.mentor, organizationId, programId, role: 'mentor', version: 1, questions: [] },
    { id: forms.mentee, organizationId, programId, role: 'mentee', version: 1, questions: [] },
  ]);
  return { organizationId, programId, cohortId, forms };
}

/** Answers of an experienced employment lawyer in Oregon. */
export const MENTOR_ANSWERS: StoredAnswers = {
  practice_areas: ['employment', 'litigation'],
  skills: [
    { id: 'courtroom-advocacy', level: 4 },
    { id: 'negotiation', level: 3 },
  ],
  career_goals: ['make-partner'],
  years_of_practice: 18,
  admission_date: '2008-09-01',
  jurisdictions_of_admission: ['US-OR'],
  practice_jurisdictions: ['US-OR'],
  languages: ['en', 'es'],
  location: 'Portland',
  time_zone: 'America/Los_Angeles',
  availability: [{ day: 'tue', startMinute: 1020, endMinute: 1140 }],
  meeting_format: 'video',
  communication_style: 'direct',
  affinity: [{ topic: 'veteran', answer: true }],
  private_note: 'only for the coordinator',
};

/** Answers of a first-year associate who wants an employment mentor. */
export const MENTEE_ANSWERS: StoredAnswers = {
  practice_areas: ['employment'],
  skills: [{ id: 'courtroom-advocacy', level: 1 }],
  career_goals: ['make-partner'],
  years_of_practice: 1,
  jurisdictions_of_admission: ['US-OR'],
  practice_jurisdictions: ['US-OR'],
  languages: ['en'],
  location: 'Salem',
  time_zone: 'America/Los_Angeles',
  availability: [{ day: 'tue', startMinute: 1020, endMinute: 1140 }],
  meeting_format: 'video',
  communication_style: 'direct',
  affinity: [{ topic: 'veteran', answer: true }],
  why_mentoring: 'a private answer of a mentee',
};

export interface ApplicationOptions {
  role: 'mentor' | 'mentee';
  userId: string;
  answers?: StoredAnswers;
  status?: 'approved' | 'submitted' | 'rejected' | 'withdrawn';
  capacity?: number | null;
  eligibility?: Record<string, unknown> | null;
  membershipId?: string | null;
}

/** An application in the program's cohort (approved by default); returns its id. */
export async function insertApplication(
  db: Database,
  program: SelfMatchProgram,
  options: ApplicationOptions,
): Promise<string> {
  const id = randomUUID();
  await db.insert(applications).values({
    id,
    organizationId: program.organizationId,
    programId: program.programId,
    cohortId: program.cohortId,
    userId: options.userId,
    membershipId: options.membershipId ?? null,
    role: options.role,
    formId: options.role === 'mentor' ? program.forms.mentor : program.forms.mentee,
    answers: { ...(options.answers ?? (options.role === 'mentor' ? MENTOR_ANSWERS : MENTEE_ANSWERS)) },
    consents: { affinity: { givenAt: '2027-01-10T10:00:00Z', statement: 'I agree' } },
    status: options.status ?? 'approved',
    capacity: options.capacity ?? null,
    eligibility: options.eligibility ?? null,
  });
  return id;
}

/** An active relationship taking a mentor seat (e.g. in another program), built from two applications. */
export async function insertActiveRelationship(
  db: Database,
  program: SelfMatchProgram,
  mentor: { applicationId: string; userId: string },
  mentee: { applicationId: string; userId: string },
): Promise<string> {
  const id = randomUUID();
  await db.insert(relationships).values({
    id,
    organizationId: program.organizationId,
    programId: program.programId,
    cohortId: program.cohortId,
    status: 'active',
    startedAt: new Date('2027-01-15T00:00:00Z'),
  });
  await db.insert(relationshipParticipants).values([
    { organizationId: program.organizationId, relationshipId: id, ...mentor, role: 'mentor' },
    { organizationId: program.organizationId, relationshipId: id, ...mentee, role: 'mentee' },
  ]);
  return id;
}

/** A user and their membership, written directly (for tests that call use cases, not the API). */
export async function insertMember(
  db: Database,
  organizationId: string,
  name: string,
  role: MemberRole = 'member',
): Promise<{ userId: string; membershipId: string; name: string; email: string }> {
  const userId = randomUUID();
  const membershipId = randomUUID();
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${userId.slice(0, 8)}@example.test`;
  await db.insert(users).values({ id: userId, name, email, emailVerified: true });
  await db.insert(memberships).values({ id: membershipId, organizationId, userId, role });
  return { userId, membershipId, name, email };
}
