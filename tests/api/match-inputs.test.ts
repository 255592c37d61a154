/**
 * What a match run reads besides answers and seats: the employer the inside/outside rule compares (the
 * built-in `employer` answer, normalised; a legacy custom answer; else the program's organization), and
 * the pairs who were together before in the program, which are never proposed again.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relationshipParticipants, relationships } from '../../src/db/schema.ts';
import { createOrganization, signedIn, type SignedInClient } from '../support/api.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import {
  addMember,
  answersFor,
  createApplicationFixture,
  createCohortFixture,
  createProgramFixture,
  insertUsers,
  type CohortRecord,
  type ProgramFixture,
} from '../support/match-fixtures.ts';

let t: TestApp;
let coordinator: SignedInClient;
let organizationId: string;
const db = () => t.runtime.database.db;

interface RunBody {
  pairs: Array<{ mentee: { applicationId: string }; mentor: { applicationId: string } }>;
  unmatched: Array<{ mentee: { applicationId: string }; reason: string; detail: string }>;
}

beforeAll(async () => {
  t = await createTestApp();
  coordinator = await signedIn(t, 'Cora Coordinator');
  organizationId = (await createOrganization(coordinator, { name: 'Cascadia Bar Association' })).id;
}, 60_000);
afterAll(async () => t?.close());

async function run(programId: string, body: Record<string, unknown> = {}): Promise<RunBody> {
  const response = await coordinator.post(`/api/v1/programs/${programId}/match-runs`, {
    objective: 'coverage',
    ...body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ run: RunBody }>().run;
}

async function person(name: string): Promise<string> {
  const [userId] = await insertUsers(db(), 1, name);
  await addMember(db(), organizationId, userId);
  return userId;
}

async function apply(
  fixture: ProgramFixture,
  cohort: CohortRecord,
  userId: string,
  role: 'mentor' | 'mentee',
  answers: Record<string, unknown> = {},
): Promise<string> {
  return createApplicationFixture(db(), {
    fixture,
    cohort,
    userId,
    role,
    answers: { ...answersFor(role, 1), ...answers },
  });
}

const pairsOf = (result: RunBody) =>
  result.pairs.map((pair) => [pair.mentee.applicationId, pair.mentor.applicationId]);

describe('the inside/outside rule compares employers', () => {
  it('"must be outside" pairs people of different firms and refuses the same firm however it is spelt', async () => {
    const fixture = await createProgramFixture(db(), organizationId, {
      insideOutsideRule: 'must_be_outside',
      defaultMentorCapacity: 2,
    });
    const cohort = await createCohortFixture(db(), fixture.program, 'matching');
    const mentor = await apply(fixture, cohort, await person('Mo Mentor'), 'mentor', {
      employer: 'Alder & Finch LLP',
    });
    const colleague = await apply(fixture, cohort, await person('Cal Colleague'), 'mentee', {
      employer: '  alder and FINCH ',
    });
    const outsider = await apply(fixture, cohort, await person('Ola Outsider'), 'mentee', {
      employer: 'Rose City Legal Aid',
    });
    const result = await run(fixture.program.id);
    expect(pairsOf(result)).toEqual([[outsider, mentor]]);
    expect(result.unmatched).toEqual([
      expect.objectContaining({
        mentee: expect.objectContaining({ applicationId: colleague }),
        reason: 'no-feasible-mentor',
        detail: expect.stringContaining('inside/outside mentoring rule'),
      }),
    ]);
  });

  it('"must be inside" pairs colleagues, read from a legacy custom answer when the form had no built-in one', async () => {
    const fixture = await createProgramFixture(db(), organizationId, {
      insideOutsideRule: 'must_be_inside',
      defaultMentorCapacity: 2,
    });
    const cohort = await createCohortFixture(db(), fixture.program, 'matching');
    const mentor = await apply(fixture, cohort, await person('Fay Firm'), 'mentor', { firm: 'Hale & Ward' });
    const colleague = await apply(fixture, cohort, await person('Hal Colleague'), 'mentee', {
      employer: 'Hale and Ward LLP',
    });
    await apply(fixture, cohort, await person('Rex Rival'), 'mentee', { employer: 'Alder & Finch LLP' });
    expect(pairsOf(await run(fixture.program.id))).toEqual([[colleague, mentor]]);
  });
});

describe('pairs from earlier cohorts are never repeated', () => {
  it('keeps last cohort’s pair apart, says why, and pairs them with someone else', async () => {
    const fixture = await createProgramFixture(db(), organizationId, { defaultMentorCapacity: 1 });
    const last = await createCohortFixture(db(), fixture.program, 'closed', '2026 intake');
    const menteeUser = await person('Pat Returning');
    const mentorUser = await person('Max Mentor');
    // Last cohort: Pat was Max's mentee (the relationship has ended).
    const oldMentee = await apply(fixture, last, menteeUser, 'mentee');
    const oldMentor = await apply(fixture, last, mentorUser, 'mentor');
    const relationshipId = randomUUID();
    await db()
      .insert(relationships)
      .values({
        id: relationshipId,
        organizationId,
        programId: fixture.program.id,
        cohortId: last.id,
        status: 'completed',
        startedAt: new Date('2026-01-15T00:00:00Z'),
        endedAt: new Date('2026-12-15T00:00:00Z'),
      });
    await db()
      .insert(relationshipParticipants)
      .values([
        {
          organizationId,
          relationshipId,
          applicationId: oldMentee,
          userId: menteeUser,
          role: 'mentee',
          isActive: false,
        },
        {
          organizationId,
          relationshipId,
          applicationId: oldMentor,
          userId: mentorUser,
          role: 'mentor',
          isActive: false,
        },
      ]);

    const cohort = await createCohortFixture(db(), fixture.program, 'matching', '2027 intake');
    const mentee = await apply(fixture, cohort, menteeUser, 'mentee');
    const mentor = await apply(fixture, cohort, mentorUser, 'mentor');
    const alone = await run(fixture.program.id);
    expect(alone.pairs).toEqual([]);
    expect(alone.unmatched).toEqual([
      {
        mentee: expect.objectContaining({ applicationId: mentee }),
        reason: 'no-feasible-mentor',
        detail: expect.stringContaining('1 mentor: paired with the mentee in an earlier cohort'),
      },
    ]);

    const otherMentor = await apply(fixture, cohort, await person('Nia New'), 'mentor');
    const newcomer = await apply(fixture, cohort, await person('Ned Newcomer'), 'mentee');
    const result = await run(fixture.program.id);
    expect(pairsOf(result).sort()).toEqual(
      [
        [mentee, otherMentor],
        [newcomer, mentor],
      ].sort(),
    );
  });
});
