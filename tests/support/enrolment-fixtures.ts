/**
 * Programs, cohorts and forms for enrolment tests, written straight to the database: the programs use
 * cases live on another branch, and enrolment tests need only the rows. Everything of enrolment itself
 * goes through the API.
 */
import { randomUUID } from 'node:crypto';
import type { FormQuestion } from '../../src/core/enrolment/form.ts';
import type { CohortState, ProgramRole } from '../../src/core/programs/vocabulary.ts';
import { applicationForms, cohorts, programs } from '../../src/db/schema.ts';
import type { TestApp } from './app.ts';

export type ProgramValues = Partial<typeof programs.$inferInsert>;
export type CohortValues = Partial<typeof cohorts.$inferInsert>;

/** A mentee form asking the built-ins that feed matching, a custom question and the sensitive affinity one. */
export const MENTEE_FORM: FormQuestion[] = [
  { kind: 'built_in', id: 'practice_areas', required: true },
  { kind: 'built_in', id: 'languages', required: false },
  { kind: 'built_in', id: 'affinity', required: false },
  {
    kind: 'custom',
    id: 'motivation',
    type: 'long_text',
    label: 'Why do you want a mentor?',
    help: '',
    required: true,
    options: [],
    scale: null,
    isSensitive: false,
  },
];

/** A mentor form: practice areas and years of practice. */
export const MENTOR_FORM: FormQuestion[] = [
  { kind: 'built_in', id: 'practice_areas', required: true },
  { kind: 'built_in', id: 'years_of_practice', required: true },
];

export interface ProgramFixture {
  programId: string;
  cohortId: string;
  organizationId: string;
}

/** A program with one cohort (enrolling and rolling unless told otherwise) and a form per role. */
export async function createProgramFixture(
  t: TestApp,
  organizationId: string,
  options: {
    program?: ProgramValues;
    cohort?: CohortValues;
    forms?: Partial<Record<ProgramRole, FormQuestion[] | null>>;
    state?: CohortState;
  } = {},
): Promise<ProgramFixture> {
  const db = t.runtime.database.db;
  const programId = randomUUID();
  const cohortId = randomUUID();
  await db.insert(programs).values({
    id: programId,
    organizationId,
    name: 'New Lawyer Mentoring',
    description: 'Pairs new lawyers with experienced ones for a year.',
    format: 'one_to_one',
    ...options.program,
  });
  await db.insert(cohorts).values({
    id: cohortId,
    organizationId,
    programId,
    name: '2027 spring intake',
    state: options.state ?? 'enrolling',
    isRolling: true,
    ...options.cohort,
  });
  const forms = { mentee: MENTEE_FORM, mentor: MENTOR_FORM, ...options.forms };
  for (const role of ['mentee', 'mentor'] as const) {
    const questions = forms[role];
    if (!questions) continue;
    await db.insert(applicationForms).values({
      id: randomUUID(),
      organizationId,
      programId,
      role,
      version: 1,
      questions,
    });
  }
  return { programId, cohortId, organizationId };
}

/** Another cohort of a program. */
export async function createCohort(
  t: TestApp,
  fixture: Pick<ProgramFixture, 'programId' | 'organizationId'>,
  values: CohortValues = {},
): Promise<string> {
  const id = randomUUID();
  await t.runtime.database.db.insert(cohorts).values({
    id,
    organizationId: fixture.organizationId,
    programId: fixture.programId,
    name: 'Another cohort',
    state: 'enrolling',
    ...values,
  });
  return id;
}
