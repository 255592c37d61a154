/**
 * Programs, cohorts and approved applications for match-run tests and the benchmark, inserted as rows
 * (the programs and enrolment use cases live on other branches). Answers are realistic and come from the
 * built-in question catalogue (src/core/enrolment/built-in-questions.ts), so they reach the engine exactly
 * as real applications would, through `applicationMatchingProfile`.
 */
import { randomUUID } from 'node:crypto';
import type { BuiltInAnswers } from '../../src/core/enrolment/built-in-questions.ts';
import type { CohortState, ProgramFormat } from '../../src/core/programs/vocabulary.ts';
import type { Database } from '../../src/db/client.ts';
import {
  applicationForms,
  applications,
  cohorts,
  memberships,
  programs,
  users,
} from '../../src/db/schema.ts';

type Db = Omit<Database, 'transaction'>;

export type ProgramRecord = typeof programs.$inferSelect;
export type CohortRecord = typeof cohorts.$inferSelect;

/** A program with a mentor and a mentee form (built-in questions), and its forms' ids. */
export interface ProgramFixture {
  program: ProgramRecord;
  mentorFormId: string;
  menteeFormId: string;
}

const QUESTIONS = [
  'practice_areas',
  'skills',
  'career_goals',
  'years_of_practice',
  'jurisdictions_of_admission',
  'practice_jurisdictions',
  'languages',
  'location',
  'time_zone',
  'availability',
  'meeting_format',
  'communication_style',
].map((id) => ({ kind: 'built_in', id, isRequired: true }));

/** Inserts a program (one-to-one by default) with both application forms. */
export async function createProgramFixture(
  db: Db,
  organizationId: string,
  overrides: Partial<typeof programs.$inferInsert> & { format?: ProgramFormat } = {},
): Promise<ProgramFixture> {
  const [program] = await db
    .insert(programs)
    .values({
      id: randomUUID(),
      organizationId,
      name: 'New Lawyer Mentoring 2027',
      description: 'Pairs newly admitted lawyers with experienced practitioners for a year.',
      format: 'one_to_one',
      jurisdictions: ['US-OR', 'US-WA'],
      defaultMentorCapacity: 2,
      insideOutsideRule: 'either',
      ...overrides,
    })
    .returning();
  const forms = await db
    .insert(applicationForms)
    .values(
      (['mentor', 'mentee'] as const).map((role) => ({
        id: randomUUID(),
        organizationId,
        programId: program.id,
        role,
        version: 1,
        questions: QUESTIONS,
      })),
    )
    .returning();
  return {
    program,
    mentorFormId: forms.find((form) => form.role === 'mentor')!.id,
    menteeFormId: forms.find((form) => form.role === 'mentee')!.id,
  };
}

/** Inserts a cohort of the program in `state`. */
export async function createCohortFixture(
  db: Db,
  program: ProgramRecord,
  state: CohortState = 'matching',
  name = '2027 spring intake',
): Promise<CohortRecord> {
  const [cohort] = await db
    .insert(cohorts)
    .values({ id: randomUUID(), organizationId: program.organizationId, programId: program.id, name, state })
    .returning();
  return cohort;
}

const PRACTICE_AREAS = [
  'employment',
  'family',
  'immigration',
  'litigation',
  'corporate-ma',
  'tax',
  'real-estate',
];
const SKILLS = ['courtroom-advocacy', 'legal-writing', 'negotiation', 'client-development', 'legal-research'];
const GOALS = ['make-partner', 'move-in-house', 'judicial-clerkship', 'open-own-practice', 'public-service'];
const PLACES: Array<{ jurisdiction: string; timeZone: string; location: string }> = [
  { jurisdiction: 'US-OR', timeZone: 'America/Los_Angeles', location: 'Portland' },
  { jurisdiction: 'US-WA', timeZone: 'America/Los_Angeles', location: 'Seattle' },
];
const FORMATS = ['video', 'in-person', 'hybrid'] as const;
const STYLES = ['direct', 'supportive', 'structured', 'exploratory'] as const;

const pick = <T>(list: readonly T[], n: number): T => list[((n % list.length) + list.length) % list.length];

/**
 * Built-in answers for the `n`-th applicant on one side: practice areas, skills, goals, places and
 * availability vary with `n`, so that a pool has good and poor pairs.
 */
export function answersFor(role: 'mentor' | 'mentee', n: number): Partial<BuiltInAnswers> {
  const place = pick(PLACES, n);
  const level = role === 'mentor' ? 4 : 1;
  const day = pick(['mon', 'tue', 'wed', 'thu', 'fri'] as const, n);
  return {
    practice_areas: [pick(PRACTICE_AREAS, n), pick(PRACTICE_AREAS, n + 3)],
    skills: [
      { id: pick(SKILLS, n), level },
      { id: pick(SKILLS, n + 2), level: level === 4 ? 3 : 2 },
    ],
    career_goals: [pick(GOALS, n)],
    years_of_practice: role === 'mentor' ? 10 + (n % 20) : n % 3,
    jurisdictions_of_admission: [place.jurisdiction],
    practice_jurisdictions: [place.jurisdiction],
    languages: n % 5 === 0 ? ['en', 'es'] : ['en'],
    location: place.location,
    time_zone: place.timeZone,
    availability: [
      { day, startMinute: 17 * 60, endMinute: 19 * 60 },
      {
        day: pick(['mon', 'tue', 'wed', 'thu', 'fri'] as const, n + 2),
        startMinute: 12 * 60,
        endMinute: 13 * 60,
      },
    ],
    meeting_format: pick(FORMATS, n),
    communication_style: pick(STYLES, n),
  };
}

/** Makes `userId` a member of the organization (role `member`) unless they are one already. */
export async function addMember(db: Db, organizationId: string, userId: string): Promise<string> {
  const id = randomUUID();
  await db.insert(memberships).values({ id, organizationId, userId, role: 'member' }).onConflictDoNothing();
  return id;
}

export interface ApplicationFixtureInput {
  fixture: ProgramFixture;
  cohort: CohortRecord;
  userId: string;
  role: 'mentor' | 'mentee';
  answers?: Record<string, unknown>;
  status?: 'approved' | 'submitted' | 'withdrawn';
  capacity?: number | null;
  eligibility?: Record<string, unknown> | null;
}

/** Inserts an application (approved by default) and returns its id. */
export async function createApplicationFixture(db: Db, input: ApplicationFixtureInput): Promise<string> {
  const { fixture, cohort } = input;
  const id = randomUUID();
  await db.insert(applications).values({
    id,
    organizationId: fixture.program.organizationId,
    programId: fixture.program.id,
    cohortId: cohort.id,
    userId: input.userId,
    role: input.role,
    formId: input.role === 'mentor' ? fixture.mentorFormId : fixture.menteeFormId,
    answers: input.answers ?? answersFor(input.role, 0),
    status: input.status ?? 'approved',
    capacity: input.capacity ?? null,
    eligibility: input.eligibility ?? null,
  });
  return id;
}

/** Inserts `count` users (no password: they never sign in) and returns their ids. */
export async function insertUsers(db: Db, count: number, label: string): Promise<string[]> {
  const rows = Array.from({ length: count }, (_, k) => ({
    id: randomUUID(),
    name: `${label} ${k + 1}`,
    email: `${label.toLowerCase().replace(/\W+/g, '.')}.${k + 1}.${randomUUID().slice(0, 8)}@example.test`,
  }));
  for (let k = 0; k < rows.length; k += 500) await db.insert(users).values(rows.slice(k, k + 500));
  return rows.map((row) => row.id);
}

/**
 * A cohort's pool in bulk: `mentees` and `mentors` approved applications of new users (for scale tests
 * and the benchmark). Returns the application ids by role.
 */
export async function createPoolFixture(
  db: Db,
  fixture: ProgramFixture,
  cohort: CohortRecord,
  counts: { mentees: number; mentors: number },
): Promise<{ mentees: string[]; mentors: string[] }> {
  const out = { mentees: [] as string[], mentors: [] as string[] };
  for (const role of ['mentee', 'mentor'] as const) {
    const count = role === 'mentee' ? counts.mentees : counts.mentors;
    const userIds = await insertUsers(db, count, role === 'mentee' ? 'Mentee' : 'Mentor');
    const rows = userIds.map((userId, n) => ({
      id: randomUUID(),
      organizationId: fixture.program.organizationId,
      programId: fixture.program.id,
      cohortId: cohort.id,
      userId,
      role,
      formId: role === 'mentor' ? fixture.mentorFormId : fixture.menteeFormId,
      answers: answersFor(role, n),
      status: 'approved' as const,
    }));
    for (let k = 0; k < rows.length; k += 500) await db.insert(applications).values(rows.slice(k, k + 500));
    (role === 'mentee' ? out.mentees : out.mentors).push(...rows.map((row) => row.id));
  }
  return out;
}
