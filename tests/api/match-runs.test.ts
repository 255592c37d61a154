/**
 * The matching workflow through the API: run → edit (with an override) → compare → publish →
 * relationships → emails → the run is immutable; incremental runs keep published relationships; group
 * programs fill circles up to the group size (a co-mentor's pairs make a circle of two mentors); publishing
 * re-checks seats self-match took since the draft;
 * a failure mid-publish leaves nothing half-written.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext } from '../../src/app/context.ts';
import { publishMatchRun } from '../../src/app/match-runs/publish-match-run.ts';
import {
  cohorts,
  emails,
  matchRunEvents,
  matchRunPairs,
  matchRuns,
  relationshipParticipants,
  relationships,
} from '../../src/db/schema.ts';
import {
  createOrganization,
  expectError,
  expectField,
  signedIn,
  type SignedInClient,
} from '../support/api.ts';
import { createTestApp, TestClient, type TestApp } from '../support/app.ts';
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
let mia: SignedInClient; // mentor
let ned: SignedInClient; // mentee
let ola: SignedInClient; // mentee
let outsider: SignedInClient; // admin of another organization
let organizationId: string;

interface RunBody {
  id: string;
  status: string;
  isIncremental: boolean;
  summary: { coverage: number; pairCount: number; circleCount: number | null; distribution: number[] };
  pairs: Array<{
    mentee: { applicationId: string; name: string };
    mentor: { applicationId: string; name: string };
    circle: number | null;
    score: number;
    reasons: unknown[];
    origin: string;
    brokenConstraints: Array<{ code: string }>;
    overrideReason: string | null;
  }>;
  unmatched: Array<{ mentee: { applicationId: string }; reason: string }>;
  events: Array<{ action: string }>;
  can: { edit: boolean; publish: boolean; discard: boolean };
}

const db = () => t.runtime.database.db;

beforeAll(async () => {
  t = await createTestApp();
  coordinator = await signedIn(t, 'Cora Coordinator');
  organizationId = (await createOrganization(coordinator, { name: 'Multnomah Bar Association' })).id;
  mia = await signedIn(t, 'Mia Mentor');
  ned = await signedIn(t, 'Ned Mentee');
  ola = await signedIn(t, 'Ola Mentee');
  for (const person of [mia, ned, ola]) await addMember(db(), organizationId, person.userId);
  outsider = await signedIn(t, 'Otto Outsider');
  await createOrganization(outsider, { name: 'Other Bar' });
}, 60_000);
afterAll(async () => t?.close());

/** A one-to-one program in matching with Mia and an ineligible mentor, and Ned and Ola as mentees. */
async function oneToOneProgram(): Promise<{
  fixture: ProgramFixture;
  cohort: CohortRecord;
  apps: { mia: string; ina: string; ned: string; ola: string };
}> {
  const fixture = await createProgramFixture(db(), organizationId, { defaultMentorCapacity: 2 });
  const cohort = await createCohortFixture(db(), fixture.program, 'matching');
  const ina = await signedIn(t, 'Ina Ineligible');
  // A mentor of their own per program: seats count across programs, so a shared one would fill up.
  const [miaUserId] = await insertUsers(db(), 1, 'Mia Mentor');
  await addMember(db(), organizationId, miaUserId);
  const apps = {
    mia: await createApplicationFixture(db(), {
      fixture,
      cohort,
      userId: miaUserId,
      role: 'mentor',
      answers: answersFor('mentor', 1),
    }),
    ina: await createApplicationFixture(db(), {
      fixture,
      cohort,
      userId: ina.userId,
      role: 'mentor',
      answers: answersFor('mentor', 2),
      eligibility: { status: 'ineligible', rules: [] },
    }),
    ned: await createApplicationFixture(db(), {
      fixture,
      cohort,
      userId: ned.userId,
      role: 'mentee',
      answers: answersFor('mentee', 1),
    }),
    ola: await createApplicationFixture(db(), {
      fixture,
      cohort,
      userId: ola.userId,
      role: 'mentee',
      answers: answersFor('mentee', 3),
    }),
  };
  return { fixture, cohort, apps };
}

async function run(
  client: TestClient,
  programId: string,
  body: Record<string, unknown> = {},
): Promise<RunBody> {
  const response = await client.post(`/api/v1/programs/${programId}/match-runs`, body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ run: RunBody }>().run;
}

describe('match runs: the guards', () => {
  it('needs a signed-in user on every route (401)', async () => {
    const anonymous = new TestClient(t.app);
    const id = 'any-id';
    expectError(await anonymous.get(`/api/v1/programs/${id}/match-runs`), 401, 'UNAUTHENTICATED');
    expectError(await anonymous.post(`/api/v1/programs/${id}/match-runs`, {}), 401, 'UNAUTHENTICATED');
    expectError(await anonymous.get(`/api/v1/match-runs/${id}`), 401, 'UNAUTHENTICATED');
    expectError(
      await anonymous.post(`/api/v1/match-runs/${id}/pairs`, {
        action: 'remove',
        menteeApplicationId: 'a',
        mentorApplicationId: 'b',
      }),
      401,
      'UNAUTHENTICATED',
    );
    expectError(await anonymous.get(`/api/v1/match-runs/${id}/compare/${id}`), 401, 'UNAUTHENTICATED');
    expectError(await anonymous.post(`/api/v1/match-runs/${id}/publish`, {}), 401, 'UNAUTHENTICATED');
    expectError(await anonymous.post(`/api/v1/match-runs/${id}/discard`, {}), 401, 'UNAUTHENTICATED');
    expectError(await anonymous.get(`/api/v1/programs/${id}/relationships`), 401, 'UNAUTHENTICATED');
    expectError(await anonymous.get('/api/v1/me/relationships'), 401, 'UNAUTHENTICATED');
  });

  it('names the field at fault (400)', async () => {
    const { fixture } = await oneToOneProgram();
    const programId = fixture.program.id;
    expectField(
      await coordinator.post(`/api/v1/programs/${programId}/match-runs`, { weights: { skills: 101 } }),
      'weights.skills',
    );
    expectField(
      await coordinator.post(`/api/v1/programs/${programId}/match-runs`, { minScore: 1001 }),
      'minScore',
    );
    expectField(
      await coordinator.post(`/api/v1/programs/${programId}/match-runs`, { objective: 'random' }),
      'objective',
    );
    expectField(
      await coordinator.post(`/api/v1/programs/${programId}/match-runs`, {
        pinned: [{ menteeApplicationId: 'nobody', mentorApplicationId: 'nobody' }],
      }),
      'pinned.0.menteeApplicationId',
    );
    const draft = await run(coordinator, programId);
    expectField(
      await coordinator.post(`/api/v1/match-runs/${draft.id}/pairs`, { action: 'merge' }),
      'action',
    );
    expectField(
      await coordinator.post(`/api/v1/match-runs/${draft.id}/pairs`, {
        action: 'add',
        menteeApplicationId: 'not-a-mentee',
        mentorApplicationId: draft.pairs[0].mentor.applicationId,
      }),
      'menteeApplicationId',
    );
    expectField(await coordinator.get('/api/v1/match-runs/not%20an%20id'), 'params.runId');
  });

  it('keeps drafts from mentors and mentees (403) and other organizations (404)', async () => {
    const { fixture } = await oneToOneProgram();
    const programId = fixture.program.id;
    const draft = await run(coordinator, programId);
    for (const member of [mia, ned]) {
      expectError(await member.post(`/api/v1/programs/${programId}/match-runs`, {}), 403, 'FORBIDDEN');
      expectError(await member.get(`/api/v1/programs/${programId}/match-runs`), 403, 'FORBIDDEN');
      expectError(await member.get(`/api/v1/match-runs/${draft.id}`), 403, 'FORBIDDEN');
      expectError(await member.post(`/api/v1/match-runs/${draft.id}/publish`, {}), 403, 'FORBIDDEN');
      expectError(await member.post(`/api/v1/match-runs/${draft.id}/discard`), 403, 'FORBIDDEN');
      expectError(await member.get(`/api/v1/match-runs/${draft.id}/compare/${draft.id}`), 403, 'FORBIDDEN');
    }
    const missing = await outsider.get(`/api/v1/match-runs/${draft.id}`);
    expectError(missing, 404, 'NOT_FOUND');
    expect(missing.json().error.message).toBe('Match run not found');
    expectError(await outsider.post(`/api/v1/programs/${programId}/match-runs`, {}), 404, 'NOT_FOUND');
    expectError(await outsider.post(`/api/v1/match-runs/${draft.id}/publish`, {}), 404, 'NOT_FOUND');
    expectError(await outsider.get(`/api/v1/programs/${programId}/relationships`), 404, 'NOT_FOUND');
  });

  it('refuses a run unless the cohort is matching or running (INVALID_STATE)', async () => {
    const fixture = await createProgramFixture(db(), organizationId);
    const cohort = await createCohortFixture(db(), fixture.program, 'enrolling');
    const response = await coordinator.post(`/api/v1/programs/${fixture.program.id}/match-runs`, {
      cohortId: cohort.id,
    });
    expectError(response, 409, 'INVALID_STATE');
    expect(response.json().error.message).toContain('enrolling');
  });
});

describe('match runs: run, edit, compare, publish', () => {
  it('runs, edits with an override, compares, publishes, emails both sides and freezes the run', async () => {
    const { fixture, cohort, apps } = await oneToOneProgram();
    const programId = fixture.program.id;

    const first = await run(coordinator, programId, { objective: 'coverage', weights: { skills: 5 } });
    expect(first.status).toBe('draft');
    expect(first.can).toEqual({ edit: true, publish: true, discard: true });
    // Ina is ineligible: both mentees go to Mia (capacity 2).
    expect(first.pairs.map((pair) => pair.mentor.applicationId).sort()).toEqual([apps.mia, apps.mia]);
    expect(first.summary.coverage).toBe(1);
    expect(first.pairs[0].reasons.length).toBeGreaterThan(0);
    expect(first.summary.distribution).toHaveLength(10);
    expect(first.events.map((event) => event.action)).toEqual(['created']);

    // Giving Ned to the ineligible mentor breaks a hard constraint: refused, then made with a reason.
    const edit = {
      action: 'replace',
      menteeApplicationId: apps.ned,
      mentorApplicationId: apps.mia,
      newMentorApplicationId: apps.ina,
    };
    const preview = await coordinator.post(`/api/v1/match-runs/${first.id}/pairs`, {
      ...edit,
      preview: true,
    });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().isApplied).toBe(false);
    expect(preview.json().checks[0].broken.map((b: { code: string }) => b.code)).toContain(
      'mentor-not-eligible',
    );
    const refused = await coordinator.post(`/api/v1/match-runs/${first.id}/pairs`, edit);
    expectError(refused, 409, 'CONFLICT');
    expect(refused.json().error.details.issues[0].path).toBe('overrideReason');
    expect(refused.json().error.details.checks[0].broken.length).toBeGreaterThan(0);
    const overridden = await coordinator.post(`/api/v1/match-runs/${first.id}/pairs`, {
      ...edit,
      overrideReason: 'Ina’s eligibility review is a formality; she mentored Ned informally for a year',
    });
    expect(overridden.statusCode, overridden.body).toBe(200);
    const edited = overridden.json<{ run: RunBody }>().run;
    const nedPair = edited.pairs.find((pair) => pair.mentee.applicationId === apps.ned)!;
    expect(nedPair).toMatchObject({
      origin: 'edited',
      mentor: { applicationId: apps.ina, name: 'Ina Ineligible' },
    });
    expect(nedPair.brokenConstraints.map((b) => b.code)).toContain('mentor-not-eligible');
    expect(nedPair.overrideReason).toContain('formality');
    expect(edited.events.map((event) => event.action)).toEqual(['created', 'override']);

    // A second run to compare with: the engine's own answer again.
    const second = await run(coordinator, programId, { objective: 'quality' });
    const compared = await coordinator.get(`/api/v1/match-runs/${first.id}/compare/${second.id}`);
    expect(compared.statusCode, compared.body).toBe(200);
    const comparison = compared.json();
    expect(comparison.onlyInFirst.map((p: { mentor: { name: string } }) => p.mentor.name)).toEqual([
      'Ina Ineligible',
    ]);
    expect(comparison.onlyInSecond).toHaveLength(1);
    expect(comparison.delta.coverage).toBe(0);
    expect(typeof comparison.delta.meanScore).toBe('number');

    // Publish the edited run.
    const published = await coordinator.post(`/api/v1/match-runs/${first.id}/publish`, {});
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ relationshipsCreated: 2, emailsSent: 4 });
    expect(published.json().run).toMatchObject({
      status: 'published',
      publishedBy: 'Cora Coordinator',
      can: { edit: false, publish: false, discard: false },
    });
    const [cohortAfter] = await db().select().from(cohorts).where(eq(cohorts.id, cohort.id));
    expect(cohortAfter.state).toBe('running');
    const made = await db().select().from(relationships).where(eq(relationships.matchRunId, first.id));
    expect(made).toHaveLength(2);

    // Both sides are emailed.
    const sent = await db().select().from(emails).where(eq(emails.template, 'match-published'));
    const toNed = sent.find((email) => email.to === ned.email);
    expect(toNed?.text).toContain('Ina Ineligible');
    expect(
      sent.some((email) => email.text.startsWith('Hello Mia Mentor') && email.text.includes('Ola Mentee')),
    ).toBe(true);

    // The published run is immutable; the other draft can no longer be published over it.
    expectError(
      await coordinator.post(`/api/v1/match-runs/${first.id}/pairs`, {
        action: 'remove',
        menteeApplicationId: apps.ola,
        mentorApplicationId: apps.mia,
      }),
      409,
      'INVALID_STATE',
    );
    expectError(await coordinator.post(`/api/v1/match-runs/${first.id}/publish`, {}), 409, 'INVALID_STATE');
    expectError(await coordinator.post(`/api/v1/match-runs/${first.id}/discard`, {}), 409, 'INVALID_STATE');
    expectError(await coordinator.post(`/api/v1/match-runs/${second.id}/publish`, {}), 409, 'INVALID_STATE');

    // Relationships: the coordinator sees the program's, Ned only his own.
    const all = await coordinator.get(`/api/v1/programs/${programId}/relationships`);
    expect(all.json().relationships).toHaveLength(2);
    const nedsInProgram = await ned.get(`/api/v1/programs/${programId}/relationships`);
    expect(nedsInProgram.statusCode, nedsInProgram.body).toBe(200);
    expect(nedsInProgram.json().relationships).toHaveLength(1);
    const mine = await ned.get('/api/v1/me/relationships');
    expect(mine.statusCode, mine.body).toBe(200);
    const nedRelationships = mine
      .json()
      .relationships.filter((r: { programId: string }) => r.programId === programId);
    expect(nedRelationships).toHaveLength(1);
    expect(nedRelationships[0]).toMatchObject({ myRole: 'mentee', programName: fixture.program.name });
    expect(nedRelationships[0].participants.map((p: { name: string }) => p.name).sort()).toEqual([
      'Ina Ineligible',
      'Ned Mentee',
    ]);
    // Ola's relationship is not Ned's to see.
    expect(JSON.stringify(mine.json())).not.toContain('Ola Mentee');

    // The list shows both runs, newest first.
    const listed = await coordinator.get(`/api/v1/programs/${programId}/match-runs`);
    expect(listed.json().runs.map((r: { id: string }) => r.id)).toEqual([second.id, first.id]);

    // Discard the stale draft.
    const discarded = await coordinator.post(`/api/v1/match-runs/${second.id}/discard`, {});
    expect(discarded.statusCode, discarded.body).toBe(200);
    expect(discarded.json().run.status).toBe('discarded');
  });

  it('an incremental run keeps published relationships and fills open seats only', async () => {
    const { fixture, cohort, apps } = await oneToOneProgram();
    const programId = fixture.program.id;
    const first = await run(coordinator, programId);
    expect((await coordinator.post(`/api/v1/match-runs/${first.id}/publish`, {})).statusCode).toBe(200);

    // A latecomer arrives, and a second mentor with a seat.
    const pat = await signedIn(t, 'Pat Latecomer');
    const max = await signedIn(t, 'Max Mentor');
    const patApp = await createApplicationFixture(db(), {
      fixture,
      cohort,
      userId: pat.userId,
      role: 'mentee',
      answers: answersFor('mentee', 5),
    });
    const maxApp = await createApplicationFixture(db(), {
      fixture,
      cohort,
      userId: max.userId,
      role: 'mentor',
      answers: answersFor('mentor', 5),
    });
    const incremental = await run(coordinator, programId);
    expect(incremental.isIncremental).toBe(true);
    const kept = incremental.pairs.filter((pair) => pair.origin === 'existing');
    expect(kept.map((pair) => pair.mentee.applicationId).sort()).toEqual([apps.ned, apps.ola].sort());
    const fresh = incremental.pairs.filter((pair) => pair.origin !== 'existing');
    // Mia is full (capacity 2): the latecomer goes to Max.
    expect(fresh.map((pair) => [pair.mentee.applicationId, pair.mentor.applicationId])).toEqual([
      [patApp, maxApp],
    ]);

    const published = await coordinator.post(`/api/v1/match-runs/${incremental.id}/publish`, {});
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ relationshipsCreated: 1, emailsSent: 2 });
    const all = await db().select().from(relationships).where(eq(relationships.cohortId, cohort.id));
    expect(all).toHaveLength(3);
  });

  it('fills group circles up to the group size, one relationship per circle', async () => {
    const fixture = await createProgramFixture(db(), organizationId, {
      format: 'group',
      groupSize: 3,
      allowsCoMentors: true,
      defaultMentorCapacity: 3,
    });
    const cohort = await createCohortFixture(db(), fixture.program, 'matching');
    const mentorUserIds = await insertUsers(db(), 2, 'Circle Mentor');
    for (let n = 0; n < 2; n++) {
      await createApplicationFixture(db(), {
        fixture,
        cohort,
        userId: mentorUserIds[n],
        role: 'mentor',
        answers: answersFor('mentor', n),
        capacity: 10,
      });
    }
    const menteeUserIds = await insertUsers(db(), 7, 'Circle Mentee');
    for (let n = 0; n < 7; n++) {
      await createApplicationFixture(db(), {
        fixture,
        cohort,
        userId: menteeUserIds[n],
        role: 'mentee',
        answers: answersFor('mentee', n),
      });
    }
    const draft = await run(coordinator, fixture.program.id, { objective: 'coverage' });
    expect(draft.summary.circleCount).toBe(2);
    expect(draft.pairs).toHaveLength(6);
    const sizes = new Map<number, number>();
    for (const pair of draft.pairs) sizes.set(pair.circle!, (sizes.get(pair.circle!) ?? 0) + 1);
    expect([...sizes.values()]).toEqual([3, 3]);
    expect(draft.unmatched).toHaveLength(1);
    expect(draft.unmatched[0].reason).toBe('feasible-mentors-full');

    const published = await coordinator.post(`/api/v1/match-runs/${draft.id}/publish`, {});
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().relationshipsCreated).toBe(2);
    const made = await db().select().from(relationships).where(eq(relationships.matchRunId, draft.id));
    for (const relationship of made) {
      const people = await db()
        .select()
        .from(relationshipParticipants)
        .where(eq(relationshipParticipants.relationshipId, relationship.id));
      expect(people.filter((p) => p.role === 'mentor')).toHaveLength(1);
      expect(people.filter((p) => p.role === 'mentee')).toHaveLength(3);
    }
  });

  it('publishes a circle with a co-mentor as one relationship with two mentors, seats checked for both', async () => {
    const fixture = await createProgramFixture(db(), organizationId, {
      format: 'group',
      groupSize: 2,
      allowsCoMentors: true,
      defaultMentorCapacity: 2,
    });
    const cohort = await createCohortFixture(db(), fixture.program, 'matching');
    const [leadUserId] = await insertUsers(db(), 1, 'Lead Mentor');
    const lead = await createApplicationFixture(db(), {
      fixture,
      cohort,
      userId: leadUserId,
      role: 'mentor',
      answers: answersFor('mentor', 1),
    });
    const menteeUserIds = await insertUsers(db(), 2, 'Co Circle Mentee');
    for (const [k, n] of [1, 3].entries()) {
      await createApplicationFixture(db(), {
        fixture,
        cohort,
        userId: menteeUserIds[k],
        role: 'mentee',
        answers: answersFor('mentee', n),
      });
    }
    const draft = await run(coordinator, fixture.program.id, { objective: 'coverage' });
    expect(draft.unmatched).toEqual([]);
    expect(draft.pairs.map((pair) => [pair.mentor.applicationId, pair.circle])).toEqual([
      [lead, 1],
      [lead, 1],
    ]);
    // Two co-mentors who lead no circle, stored as the placement stores them: a pair with each mentee,
    // sharing the circle's number. One has a single seat and cannot take the circle of two.
    const coMentorUserIds = await insertUsers(db(), 2, 'Co Mentor');
    const coMentorApp = async (n: number, capacity: number) =>
      createApplicationFixture(db(), {
        fixture,
        cohort,
        userId: coMentorUserIds[n],
        role: 'mentor',
        answers: answersFor('mentor', 2 + n),
        capacity,
      });
    const [roomy, cramped] = [await coMentorApp(0, 2), await coMentorApp(1, 1)];
    const placeCoMentor = async (mentorApplicationId: string) => {
      await db()
        .delete(matchRunPairs)
        .where(and(eq(matchRunPairs.runId, draft.id), eq(matchRunPairs.origin, 'co-mentor')));
      await db()
        .insert(matchRunPairs)
        .values(
          draft.pairs.map((pair) => ({
            id: randomUUID(),
            organizationId,
            runId: draft.id,
            menteeApplicationId: pair.mentee.applicationId,
            mentorApplicationId,
            circle: pair.circle,
            score: pair.score,
            reasons: [],
            origin: 'co-mentor',
          })),
        );
    };

    await placeCoMentor(cramped);
    const refused = await coordinator.post(`/api/v1/match-runs/${draft.id}/publish`, {});
    expectError(refused, 409, 'INVALID_STATE');
    expect(refused.json().error.message).toContain('Co Mentor 2 has 0 of 1 seats taken and this run adds 2');

    await placeCoMentor(roomy);
    const published = await coordinator.post(`/api/v1/match-runs/${draft.id}/publish`, {});
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ relationshipsCreated: 1, emailsSent: 4 });
    const [circle] = await db().select().from(relationships).where(eq(relationships.matchRunId, draft.id));
    const people = await db()
      .select()
      .from(relationshipParticipants)
      .where(eq(relationshipParticipants.relationshipId, circle.id));
    expect(
      people
        .filter((p) => p.role === 'mentor')
        .map((p) => p.applicationId)
        .sort(),
    ).toEqual([lead, roomy].sort());
    expect(people.filter((p) => p.role === 'mentee')).toHaveLength(2);
    // Both mentors of the circle have its two mentees in their seats.
    const listed = await coordinator.get(`/api/v1/programs/${fixture.program.id}/relationships`);
    const mentors = listed
      .json()
      .relationships[0].participants.filter((p: { role: string }) => p.role === 'mentor')
      .map((p: { name: string }) => p.name)
      .sort();
    expect(mentors).toEqual(['Co Mentor 1', 'Lead Mentor 1']);
  });

  it('publishing re-checks seats self-match took since the draft, and refuses naming the people', async () => {
    const fixture = await createProgramFixture(db(), organizationId, {
      defaultMentorCapacity: 2,
      matchingMode: 'both',
    });
    const programId = fixture.program.id;
    const cohort = await createCohortFixture(db(), fixture.program, 'matching');
    const [rhea, sam, una, pat, max] = [
      await signedIn(t, 'Rhea Mentor'),
      await signedIn(t, 'Sam Mentee'),
      await signedIn(t, 'Una Mentee'),
      await signedIn(t, 'Pat Mentee'),
      await signedIn(t, 'Max Mentor'),
    ];
    for (const person of [rhea, sam, una, pat, max]) await addMember(db(), organizationId, person.userId);
    const apply = (person: SignedInClient, role: 'mentor' | 'mentee', n: number, capacity?: number) =>
      createApplicationFixture(db(), {
        fixture,
        cohort,
        userId: person.userId,
        role,
        answers: answersFor(role, n),
        ...(capacity === undefined ? {} : { capacity }),
      });
    const apps = {
      rhea: await apply(rhea, 'mentor', 1),
      sam: await apply(sam, 'mentee', 1),
      una: await apply(una, 'mentee', 3),
    };
    const draft = await run(coordinator, programId);
    expect(draft.pairs.map((pair) => [pair.mentee.applicationId, pair.mentor.applicationId]).sort()).toEqual(
      [
        [apps.sam, apps.rhea],
        [apps.una, apps.rhea],
      ].sort(),
    );

    // After the draft, self-match: Pat (new) takes one of Rhea's two seats, and Sam finds Max.
    await apply(pat, 'mentee', 5);
    const maxApp = await apply(max, 'mentor', 5, 1);
    const selfMatch = async (mentee: SignedInClient, mentor: SignedInClient, mentorApplicationId: string) => {
      const asked = await mentee.post(`/api/v1/programs/${programId}/match-requests`, {
        mentorApplicationId,
      });
      expect(asked.statusCode, asked.body).toBe(201);
      const requestId = asked.json<{ request: { id: string } }>().request.id;
      const accepted = await mentor.post(`/api/v1/match-requests/${requestId}/accept`, {});
      expect(accepted.statusCode, accepted.body).toBe(200);
    };
    await selfMatch(pat, rhea, apps.rhea);
    await selfMatch(sam, max, maxApp);
    const relationshipsBefore = await db()
      .select()
      .from(relationships)
      .where(eq(relationships.cohortId, cohort.id));
    expect(relationshipsBefore).toHaveLength(2);

    // A new run leaves out the mentees self-match has placed since (Pat and Sam): only Una is matched,
    // to the one seat Rhea has left.
    const fresh = await run(coordinator, programId);
    expect(fresh.pairs.map((pair) => [pair.mentee.applicationId, pair.mentor.applicationId])).toEqual([
      [apps.una, apps.rhea],
    ]);
    const mailedBefore = await db().select().from(emails).where(eq(emails.template, 'match-published'));

    // Rhea would have 3 mentees with 2 seats, and Sam two mentors: refused, naming both, nothing written.
    const refused = await coordinator.post(`/api/v1/match-runs/${draft.id}/publish`, {});
    expectError(refused, 409, 'INVALID_STATE');
    const error = refused.json<{
      error: {
        message: string;
        details: {
          overCapacity: Array<{ name: string; capacity: number; seatsTaken: number; newMentees: number }>;
          alreadyMatched: Array<{ applicationId: string; name: string }>;
        };
      };
    }>().error;
    expect(error.message).toContain('Rhea Mentor has 1 of 2 seats taken and this run adds 2');
    expect(error.message).toContain('Sam Mentee already has a mentor');
    expect(error.message).toContain('incremental run');
    expect(error.details.overCapacity).toEqual([
      { applicationId: apps.rhea, name: 'Rhea Mentor', capacity: 2, seatsTaken: 1, newMentees: 2 },
    ]);
    expect(error.details.alreadyMatched).toEqual([{ applicationId: apps.sam, name: 'Sam Mentee' }]);
    const [runAfter] = await db().select().from(matchRuns).where(eq(matchRuns.id, draft.id));
    expect(runAfter.status).toBe('draft');
    expect(
      await db().select().from(relationships).where(eq(relationships.matchRunId, draft.id)),
    ).toHaveLength(0);
    const [cohortAfter] = await db().select().from(cohorts).where(eq(cohorts.id, cohort.id));
    expect(cohortAfter.state).toBe('matching');
    expect(await db().select().from(emails).where(eq(emails.template, 'match-published'))).toHaveLength(
      mailedBefore.length,
    );

    // Without Sam's pair the draft fits Rhea's remaining seat and publishes.
    const removed = await coordinator.post(`/api/v1/match-runs/${draft.id}/pairs`, {
      action: 'remove',
      menteeApplicationId: apps.sam,
      mentorApplicationId: apps.rhea,
    });
    expect(removed.statusCode, removed.body).toBe(200);
    const published = await coordinator.post(`/api/v1/match-runs/${draft.id}/publish`, {});
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ relationshipsCreated: 1 });
    const seats = await db()
      .select()
      .from(relationshipParticipants)
      .where(
        and(eq(relationshipParticipants.userId, rhea.userId), eq(relationshipParticipants.isActive, true)),
      );
    expect(seats).toHaveLength(2);
  });

  it('publishes a seat a coordinator overrode with a reason; the re-check counts it as allowed', async () => {
    const { fixture, cohort, apps } = await oneToOneProgram();
    const [patUserId] = await insertUsers(db(), 1, 'Pat Third');
    await createApplicationFixture(db(), {
      fixture,
      cohort,
      userId: patUserId,
      role: 'mentee',
      answers: answersFor('mentee', 5),
    });
    // Three mentees, one eligible mentor with two seats: one mentee is left over.
    const draft = await run(coordinator, fixture.program.id);
    expect(draft.unmatched).toHaveLength(1);
    const left = draft.unmatched[0].mentee.applicationId;
    const added = await coordinator.post(`/api/v1/match-runs/${draft.id}/pairs`, {
      action: 'add',
      menteeApplicationId: left,
      mentorApplicationId: apps.mia,
      overrideReason: 'Mia agreed to a third mentee this year',
    });
    expect(added.statusCode, added.body).toBe(200);
    const patPair = added
      .json<{ run: RunBody }>()
      .run.pairs.find((pair) => pair.mentee.applicationId === left)!;
    expect(patPair.brokenConstraints.map((b) => b.code)).toContain('mentor-no-open-seats');
    const published = await coordinator.post(`/api/v1/match-runs/${draft.id}/publish`, {});
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ relationshipsCreated: 3 });
  });

  it('a failure mid-publish leaves nothing half-written', async () => {
    const { fixture, cohort } = await oneToOneProgram();
    const draft = await run(coordinator, fixture.program.id);
    const mailedBefore = await db().select().from(emails).where(eq(emails.template, 'match-published'));
    let sent = 0;
    const runtime = t.runtime;
    const failing = createAppContext(
      {
        database: runtime.database.db,
        config: runtime.config,
        clock: runtime.clock,
        logger: runtime.logger,
        mailer: {
          enqueue: async (email, executor) => {
            sent += 1;
            if (sent === 3) throw new Error('SMTP queue unavailable (injected)');
            return runtime.mailer.enqueue(email, executor);
          },
        },
      },
      {
        userId: coordinator.userId,
        email: coordinator.email,
        name: 'Cora Coordinator',
        isPlatformAdmin: false,
      },
    );
    await expect(publishMatchRun(failing, { runId: draft.id })).rejects.toThrow('injected');
    expect(sent).toBe(3);
    const [after] = await db().select().from(matchRuns).where(eq(matchRuns.id, draft.id));
    expect(after.status).toBe('draft');
    expect(after.publishedAt).toBeNull();
    expect(
      await db().select().from(relationships).where(eq(relationships.matchRunId, draft.id)),
    ).toHaveLength(0);
    const [cohortAfter] = await db().select().from(cohorts).where(eq(cohorts.id, cohort.id));
    expect(cohortAfter.state).toBe('matching');
    const events = await db()
      .select()
      .from(matchRunEvents)
      .where(and(eq(matchRunEvents.runId, draft.id), eq(matchRunEvents.action, 'published')));
    expect(events).toHaveLength(0);
    const mailed = await db().select().from(emails).where(eq(emails.template, 'match-published'));
    expect(mailed).toHaveLength(mailedBefore.length);

    // The same run publishes cleanly afterwards.
    const published = await coordinator.post(`/api/v1/match-runs/${draft.id}/publish`, {});
    expect(published.statusCode, published.body).toBe(200);
  });
});
