/**
 * Programs, cohorts and program coordinators through the API: 401, 400 naming the field, another
 * organization's program as 404, 403 for too low a role, and the coordinator's happy paths.
 */
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberRole } from '../../src/core/roles.ts';
import { applicationForms, applications, relationships } from '../../src/db/schema.ts';
import {
  createOrganization,
  expectError,
  expectField,
  invitationLink,
  signedIn,
  type SignedInClient,
} from '../support/api.ts';
import { createTestApp, TestClient, type TestApp } from '../support/app.ts';

let t: TestApp;
let admin: SignedInClient;
let coordinator: SignedInClient;
let member: SignedInClient;
let programCoordinator: SignedInClient;
let memberMembershipId: string;
let programCoordinatorMembershipId: string;
let coordinatorMembershipId: string;
let organizationId: string;
let outsider: SignedInClient;
let outsiderProgramId: string;

interface ProgramBody {
  id: string;
  name: string;
  organizationId: string;
  currentCohort: { id: string; name: string; state: string } | null;
  counts: { cohorts: number; applications: number; relationships: number };
  can: Record<string, boolean>;
  [key: string]: unknown;
}
interface CohortBody {
  id: string;
  name: string;
  state: string;
  isRolling: boolean;
  transitions: Array<{ to: string; blockedBy: string | null }>;
  can: Record<string, boolean>;
  [key: string]: unknown;
}

async function join(
  name: string,
  role: MemberRole,
): Promise<{ client: SignedInClient; membershipId: string }> {
  const client = await signedIn(t, name);
  const invited = await admin.post(`/api/v1/organizations/${organizationId}/invitations`, {
    email: client.email,
    role,
  });
  expect(invited.statusCode, invited.body).toBe(201);
  const { token } = await invitationLink(t, client.email);
  expect((await client.post(`/api/v1/invitations/${token}/accept`)).statusCode).toBe(200);
  const members = await admin.get(`/api/v1/organizations/${organizationId}/members`);
  const membership = members
    .json<{ members: Array<{ id: string; userId: string }> }>()
    .members.find((m) => m.userId === client.userId)!;
  return { client, membershipId: membership.id };
}

const SPRING = {
  name: 'New Lawyer Mentoring',
  description: 'Pairs lawyers in their first three years with seasoned practitioners.',
  format: 'one_to_one',
  jurisdictions: ['US-OR'],
  startsOn: '2027-02-01',
  endsOn: '2027-12-15',
  meetingCadence: 'monthly',
  meetingLengthMinutes: 90,
  minimumMeetings: 6,
  relationshipMonths: 10,
  objectives: [
    { label: '90% of mentees meet 6+ times', metric: 'mentees_meeting_at_least', target: 90, threshold: 6 },
  ],
  expectations: {
    mentorResponsibilities: 'Meet monthly.',
    menteeResponsibilities: 'Set the agenda.',
    confidentialityStatement: 'What is said stays between you.',
  },
  cohort: { name: '2027 spring intake', startsOn: '2027-03-01' },
};

async function createProgram(
  client: TestClient,
  overrides: Record<string, unknown> = {},
): Promise<ProgramBody> {
  const response = await client.post(`/api/v1/organizations/${organizationId}/programs`, {
    ...SPRING,
    ...overrides,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ program: ProgramBody }>().program;
}

async function cohortsOf(client: TestClient, programId: string): Promise<CohortBody[]> {
  const response = await client.get(`/api/v1/programs/${programId}/cohorts`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ cohorts: CohortBody[] }>().cohorts;
}

async function transition(client: TestClient, programId: string, cohortId: string, to: string) {
  return client.post(`/api/v1/programs/${programId}/cohorts/${cohortId}/transition`, { to });
}

/** Opens enrolment of the program's first cohort. */
async function openEnrolment(programId: string): Promise<CohortBody> {
  const [cohort] = await cohortsOf(admin, programId);
  const response = await transition(admin, programId, cohort.id, 'enrolling');
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ cohort: CohortBody }>().cohort;
}

/** A form version and an application to `cohortId`, written as the enrolment slice would. */
async function insertApplication(
  programId: string,
  cohortId: string,
  userId: string,
  role: 'mentor' | 'mentee',
) {
  const db = t.runtime.database.db;
  const formId = randomUUID();
  await db.insert(applicationForms).values({
    id: formId,
    organizationId,
    programId,
    role,
    version: Math.floor(Math.random() * 1_000_000) + 1,
    questions: [{ id: 'goals', kind: 'long_text', label: 'Your goals' }],
  });
  await db.insert(applications).values({
    id: randomUUID(),
    organizationId,
    programId,
    cohortId,
    userId,
    role,
    formId,
  });
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signedIn(t, 'Avery Admin');
  organizationId = (await createOrganization(admin)).id;
  ({ client: coordinator, membershipId: coordinatorMembershipId } = await join(
    'Casey Coordinator',
    'coordinator',
  ));
  ({ client: member, membershipId: memberMembershipId } = await join('Morgan Member', 'member'));
  ({ client: programCoordinator, membershipId: programCoordinatorMembershipId } = await join(
    'Pat ProgramCoordinator',
    'member',
  ));
  outsider = await signedIn(t, 'Olive Outsider');
  const otherOrganizationId = (await createOrganization(outsider, { name: 'Elsewhere LLP' })).id;
  const created = await outsider.post(`/api/v1/organizations/${otherOrganizationId}/programs`, {
    name: 'Their program',
    format: 'one_to_one',
  });
  expect(created.statusCode, created.body).toBe(201);
  outsiderProgramId = created.json<{ program: ProgramBody }>().program.id;
}, 60_000);
afterAll(async () => t?.close());

describe('programs API: the guards', () => {
  it('needs a session on every route (401)', async () => {
    const anonymous = new TestClient(t.app);
    const id = randomUUID();
    // One after the other: the client fetches its CSRF token on its first write.
    const calls: Array<() => Promise<LightMyRequestResponse>> = [
      () => anonymous.get(`/api/v1/organizations/${organizationId}/programs`),
      () => anonymous.post(`/api/v1/organizations/${organizationId}/programs`, SPRING),
      () => anonymous.get(`/api/v1/programs/${id}`),
      () => anonymous.patch(`/api/v1/programs/${id}`, { name: 'x y' }),
      () => anonymous.post(`/api/v1/programs/${id}/duplicate`, {}),
      () => anonymous.post(`/api/v1/programs/${id}/archive`),
      () => anonymous.get(`/api/v1/programs/${id}/overview`),
      () => anonymous.get(`/api/v1/programs/${id}/cohorts`),
      () => anonymous.post(`/api/v1/programs/${id}/cohorts`, { name: 'x' }),
      () => anonymous.patch(`/api/v1/programs/${id}/cohorts/${id}`, { name: 'x' }),
      () => anonymous.post(`/api/v1/programs/${id}/cohorts/${id}/transition`, { to: 'enrolling' }),
      () => anonymous.get(`/api/v1/programs/${id}/coordinators`),
      () => anonymous.post(`/api/v1/programs/${id}/coordinators`, { membershipId: id }),
      () => anonymous.delete(`/api/v1/programs/${id}/coordinators/${id}`),
    ];
    for (const call of calls) expectError(await call(), 401, 'UNAUTHENTICATED');
  });

  it('names the field at fault (400), from the contract and from the settings rules', async () => {
    const create = (body: Record<string, unknown>) =>
      admin.post(`/api/v1/organizations/${organizationId}/programs`, body);
    expectField(await create({ name: 'No format' }), 'format');
    expectField(await create({ ...SPRING, format: 'group' }), 'groupSize');
    expectField(await create({ ...SPRING, format: 'group', groupSize: 1 }), 'groupSize');
    expectField(await create({ ...SPRING, allowsCoMentors: true }), 'allowsCoMentors');
    expectField(await create({ ...SPRING, endsOn: '2027-01-01' }), 'endsOn');
    expectField(await create({ ...SPRING, isEvergreen: true, cohort: undefined }), 'endsOn');
    expectField(await create({ ...SPRING, startsOn: '2027-02-30' }), 'startsOn');
    expectField(await create({ ...SPRING, meetingLengthMinutes: 5 }), 'meetingLengthMinutes');
    expectField(await create({ ...SPRING, defaultMentorCapacity: 0 }), 'defaultMentorCapacity');
    expectField(
      await create({ ...SPRING, objectives: [{ label: 'Happy', metric: 'happiness', target: 1 }] }),
      'objectives.0.metric',
    );
    expectField(
      await create({
        ...SPRING,
        objectives: [{ label: 'Meet', metric: 'mentees_meeting_at_least', target: 90 }],
      }),
      'objectives.0.threshold',
    );
    expectField(
      await create({
        ...SPRING,
        cohort: { name: 'Late', startsOn: '2027-03-01', enrolmentClosesOn: '2027-04-01' },
      }),
      'cohort.enrolmentClosesOn',
    );
    expectField(await create({ ...SPRING, colour: 'blue' }), 'colour');
    expectField(
      await admin.get(`/api/v1/organizations/${organizationId}/programs?pageSize=0`),
      'querystring.pageSize',
    );
    expectField(
      await admin.get(`/api/v1/organizations/${organizationId}/programs?state=asleep`),
      'querystring.state',
    );

    const program = await createProgram(admin);
    const [cohort] = await cohortsOf(admin, program.id);
    expectField(await admin.patch(`/api/v1/programs/${program.id}`, { endsOn: '2026-01-01' }), 'endsOn');
    expectField(await admin.patch(`/api/v1/programs/${program.id}`, { groupSize: 4 }), 'groupSize');
    expectField(await admin.get('/api/v1/programs/not%20an%20id'), 'params.programId');
    expectField(await admin.post(`/api/v1/programs/${program.id}/duplicate`, { name: 'x' }), 'name');
    expectField(await admin.post(`/api/v1/programs/${program.id}/cohorts`, { name: '' }), 'name');
    expectField(
      await admin.post(`/api/v1/programs/${program.id}/cohorts`, {
        name: 'Backwards',
        startsOn: '2027-05-01',
        endsOn: '2027-04-01',
      }),
      'endsOn',
    );
    expectField(
      await admin.patch(`/api/v1/programs/${program.id}/cohorts/${cohort.id}`, { enrolmentOpensOn: 'soon' }),
      'enrolmentOpensOn',
    );
    expectField(await transition(admin, program.id, cohort.id, 'asleep'), 'to');
    expectField(await admin.post(`/api/v1/programs/${program.id}/coordinators`, {}), 'membershipId');
    expectField(await admin.post(`/api/v1/programs/${program.id}/archive`, { force: true }), 'force');
  });

  it("reads another organization's program as missing (404), on every program route", async () => {
    const missing = randomUUID();
    for (const id of [outsiderProgramId, missing]) {
      const calls = [
        admin.get(`/api/v1/programs/${id}`),
        admin.patch(`/api/v1/programs/${id}`, { name: 'Taken over' }),
        admin.post(`/api/v1/programs/${id}/duplicate`, {}),
        admin.post(`/api/v1/programs/${id}/archive`),
        admin.get(`/api/v1/programs/${id}/overview`),
        admin.get(`/api/v1/programs/${id}/cohorts`),
        admin.post(`/api/v1/programs/${id}/cohorts`, { name: 'Spy' }),
        admin.get(`/api/v1/programs/${id}/coordinators`),
        admin.post(`/api/v1/programs/${id}/coordinators`, { membershipId: memberMembershipId }),
        admin.delete(`/api/v1/programs/${id}/coordinators/${memberMembershipId}`),
      ];
      for (const response of await Promise.all(calls)) {
        expectError(response, 404, 'NOT_FOUND');
        expect(response.json().error.message).toBe('Program not found');
      }
    }
    const [theirCohort] = await cohortsOf(outsider, outsiderProgramId);
    const ours = await createProgram(admin);
    expectError(
      await admin.patch(`/api/v1/programs/${ours.id}/cohorts/${theirCohort.id}`, { name: 'x' }),
      404,
      'NOT_FOUND',
    );
    expectError(await transition(admin, ours.id, theirCohort.id, 'enrolling'), 404, 'NOT_FOUND');
    expectError(await admin.get(`/api/v1/organizations/${randomUUID()}/programs`), 404, 'NOT_FOUND');
    expect((await cohortsOf(outsider, outsiderProgramId))[0]).toMatchObject({
      name: theirCohort.name,
      state: 'draft',
    });
  });

  it('refuses too low a role (403): members create and change nothing; they never see drafts', async () => {
    expectError(
      await member.post(`/api/v1/organizations/${organizationId}/programs`, SPRING),
      403,
      'FORBIDDEN',
    );
    const draft = await createProgram(admin, { name: 'Still a draft' });
    expectError(await member.get(`/api/v1/programs/${draft.id}`), 404, 'NOT_FOUND');

    const open = await createProgram(admin, { name: 'Open to members' });
    const cohort = await openEnrolment(open.id);
    const seen = await member.get(`/api/v1/programs/${open.id}`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json().program.can).toEqual({
      edit: false,
      duplicate: false,
      archive: false,
      manageCoordinators: false,
      transition: false,
      apply: true,
    });
    expectError(await member.patch(`/api/v1/programs/${open.id}`, { name: 'Mine now' }), 403, 'FORBIDDEN');
    expectError(await member.post(`/api/v1/programs/${open.id}/duplicate`, {}), 403, 'FORBIDDEN');
    expectError(await member.post(`/api/v1/programs/${open.id}/archive`), 403, 'FORBIDDEN');
    expectError(await member.post(`/api/v1/programs/${open.id}/cohorts`, { name: 'Mine' }), 403, 'FORBIDDEN');
    expectError(
      await member.patch(`/api/v1/programs/${open.id}/cohorts/${cohort.id}`, { name: 'Mine' }),
      403,
      'FORBIDDEN',
    );
    expectError(await transition(member, open.id, cohort.id, 'matching'), 403, 'FORBIDDEN');
    expectError(await member.get(`/api/v1/programs/${open.id}/coordinators`), 403, 'FORBIDDEN');
    expectError(
      await member.post(`/api/v1/programs/${open.id}/coordinators`, { membershipId: memberMembershipId }),
      403,
      'FORBIDDEN',
    );
    const overview = await member.get(`/api/v1/programs/${open.id}/overview`);
    expect(overview.statusCode).toBe(200);
    expect(overview.json().nextSteps).toEqual([]);
    expect(overview.json().cohorts[0].transitions).toEqual([]);
  });

  it('lets a program coordinator run their program only, without copying, archiving it or appointing others', async () => {
    const theirs = await createProgram(admin, { name: 'Pat’s program' });
    const other = await createProgram(admin, { name: 'Someone else’s program' });
    await openEnrolment(other.id);
    const added = await admin.post(`/api/v1/programs/${theirs.id}/coordinators`, {
      membershipId: programCoordinatorMembershipId,
    });
    expect(added.statusCode, added.body).toBe(201);

    const own = await programCoordinator.get(`/api/v1/programs/${theirs.id}`);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().program.can).toMatchObject({
      edit: true,
      transition: true,
      duplicate: false,
      archive: false,
      manageCoordinators: false,
    });
    const renamed = await programCoordinator.patch(`/api/v1/programs/${theirs.id}`, {
      description: 'Run by Pat',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const [cohort] = await cohortsOf(programCoordinator, theirs.id);
    expect((await transition(programCoordinator, theirs.id, cohort.id, 'enrolling')).statusCode).toBe(200);
    expectError(
      await programCoordinator.post(`/api/v1/programs/${theirs.id}/duplicate`, {}),
      403,
      'FORBIDDEN',
    );
    expectError(await programCoordinator.post(`/api/v1/programs/${theirs.id}/archive`), 403, 'FORBIDDEN');
    expectError(
      await programCoordinator.post(`/api/v1/programs/${theirs.id}/coordinators`, {
        membershipId: memberMembershipId,
      }),
      403,
      'FORBIDDEN',
    );

    // Program Y: visible (enrolling) but not theirs to change.
    expectError(
      await programCoordinator.patch(`/api/v1/programs/${other.id}`, { name: 'Taken over' }),
      403,
      'FORBIDDEN',
    );
    const [otherCohort] = await cohortsOf(programCoordinator, other.id);
    expectError(await transition(programCoordinator, other.id, otherCohort.id, 'matching'), 403, 'FORBIDDEN');
    expectError(
      await programCoordinator.post(`/api/v1/organizations/${organizationId}/programs`, SPRING),
      403,
      'FORBIDDEN',
    );
  });
});

describe('programs API: what a coordinator does', () => {
  it('creates a program with its first cohort, and an evergreen one with its rolling cohort', async () => {
    const program = await createProgram(coordinator);
    expect(program).toMatchObject({
      name: 'New Lawyer Mentoring',
      format: 'one_to_one',
      meetingLengthMinutes: 90,
      objectives: [
        {
          label: '90% of mentees meet 6+ times',
          metric: 'mentees_meeting_at_least',
          target: 90,
          threshold: 6,
          unit: 'percent',
        },
      ],
      currentCohort: { name: '2027 spring intake', state: 'draft' },
      counts: { cohorts: 1, applications: 0, relationships: 0 },
      can: {
        edit: true,
        duplicate: true,
        archive: true,
        manageCoordinators: true,
        transition: true,
        apply: false,
      },
    });
    expect((program.objectives as Array<{ id: string }>)[0].id).toEqual(expect.any(String));

    const evergreen = await createProgram(coordinator, {
      name: 'Ask a Mentor',
      isEvergreen: true,
      endsOn: null,
      cohort: undefined,
      format: 'flash',
      matchingMode: 'self_match',
    });
    const [rolling] = await cohortsOf(coordinator, evergreen.id);
    expect(rolling).toMatchObject({ name: 'Rolling cohort', isRolling: true, state: 'draft' });
    expectError(
      await coordinator.post(`/api/v1/programs/${evergreen.id}/cohorts`, { name: 'Second' }),
      409,
      'INVALID_STATE',
    );
    const circles = await createProgram(coordinator, {
      name: 'Circles',
      format: 'group',
      groupSize: 5,
      allowsCoMentors: true,
    });
    expect(circles).toMatchObject({ groupSize: 5, allowsCoMentors: true });
  });

  it('finds programs by state, format and words, paged; members see only those open to them', async () => {
    const list = async (client: TestClient, query = '') => {
      const response = await client.get(`/api/v1/organizations/${organizationId}/programs${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json<{
        programs: ProgramBody[];
        total: number;
        page: number;
        pageSize: number;
        canCreate: boolean;
      }>();
    };
    const unique = `Findable ${randomUUID().slice(0, 8)}`;
    const first = await createProgram(admin, { name: `${unique} one`, format: 'peer' });
    const second = await createProgram(admin, { name: `${unique} two` });
    await openEnrolment(second.id);

    const all = await list(admin, `?search=${encodeURIComponent(unique)}`);
    expect(all.programs.map((p) => p.id)).toEqual([second.id, first.id]);
    expect(all.canCreate).toBe(true);
    expect(
      (await list(admin, `?search=${encodeURIComponent(unique)}&format=peer`)).programs.map((p) => p.id),
    ).toEqual([first.id]);
    expect(
      (await list(admin, `?search=${encodeURIComponent(unique)}&state=enrolling`)).programs.map((p) => p.id),
    ).toEqual([second.id]);
    const paged = await list(admin, `?search=${encodeURIComponent(unique)}&pageSize=1&page=2`);
    expect(paged).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(paged.programs.map((p) => p.id)).toEqual([first.id]);

    const seen = await list(member, `?search=${encodeURIComponent(unique)}`);
    expect(seen.programs.map((p) => p.id)).toEqual([second.id]);
    expect(seen.canCreate).toBe(false);
    expect(seen.programs[0].currentCohort).toMatchObject({ state: 'enrolling' });
  });

  it('updates settings, keeping the rest, and refuses settings that do not hold together', async () => {
    const program = await createProgram(admin);
    const response = await admin.patch(`/api/v1/programs/${program.id}`, {
      name: 'New Lawyer Mentoring 2027',
      format: 'group',
      groupSize: 4,
      objectives: [{ label: 'Completed', metric: 'completion_rate', target: 80 }],
    });
    expect(response.statusCode, response.body).toBe(200);
    const updated = response.json<{ program: ProgramBody }>().program;
    expect(updated).toMatchObject({
      name: 'New Lawyer Mentoring 2027',
      format: 'group',
      groupSize: 4,
      meetingLengthMinutes: 90,
      objectives: [{ metric: 'completion_rate', target: 80, threshold: null }],
    });
    expect(new Date(updated.updatedAt as string).getTime()).toBeGreaterThanOrEqual(
      new Date(program.updatedAt as string).getTime(),
    );
    const back = await admin.patch(`/api/v1/programs/${program.id}`, { format: 'one_to_one' });
    expect(back.json().program).toMatchObject({ format: 'one_to_one', groupSize: null });
  });

  it('moves a cohort through its states, refusing moves out of order with the state and what is allowed', async () => {
    const program = await createProgram(admin);
    const [cohort] = await cohortsOf(admin, program.id);
    expect(cohort.transitions).toEqual([{ to: 'enrolling', blockedBy: null }]);

    const skipped = await transition(admin, program.id, cohort.id, 'running');
    expectError(skipped, 409, 'INVALID_STATE');
    expect(skipped.json().error.message).toBe(
      'The cohort is draft and cannot move to running; from draft it can move to enrolling',
    );

    const enrolling = await transition(admin, program.id, cohort.id, 'enrolling');
    expect(enrolling.statusCode, enrolling.body).toBe(200);
    expect(enrolling.json().cohort).toMatchObject({
      state: 'enrolling',
      transitions: [
        { to: 'matching', blockedBy: null },
        { to: 'draft', blockedBy: null },
      ],
    });
    await insertApplication(program.id, cohort.id, member.userId, 'mentee');
    const backToDraft = await transition(admin, program.id, cohort.id, 'draft');
    expectError(backToDraft, 409, 'INVALID_STATE');
    expect(backToDraft.json().error.message).toMatch(/1 person has applied/);

    expect((await transition(admin, program.id, cohort.id, 'matching')).statusCode).toBe(200);
    const notYet = await transition(admin, program.id, cohort.id, 'running');
    expectError(notYet, 409, 'INVALID_STATE');
    expect(notYet.json().error.message).toMatch(/Publish matches/);

    await t.runtime.database.db.insert(relationships).values({
      id: randomUUID(),
      organizationId,
      programId: program.id,
      cohortId: cohort.id,
      startedAt: new Date(),
    });
    const noDate = await admin.patch(`/api/v1/programs/${program.id}/cohorts/${cohort.id}`, {
      startsOn: null,
    });
    expect(noDate.statusCode, noDate.body).toBe(200);
    expect(noDate.json().cohort.transitions[0]).toEqual({
      to: 'running',
      blockedBy: expect.stringMatching(/start date/),
    });
    expect((await transition(admin, program.id, cohort.id, 'running')).json().error.message).toMatch(
      /needs a start date/,
    );
    await admin.patch(`/api/v1/programs/${program.id}/cohorts/${cohort.id}`, { startsOn: '2027-03-01' });
    expect((await transition(admin, program.id, cohort.id, 'running')).statusCode).toBe(200);
    expect((await transition(admin, program.id, cohort.id, 'closed')).statusCode).toBe(200);
    const closed = await transition(admin, program.id, cohort.id, 'enrolling');
    expect(closed.json().error.message).toBe(
      'The cohort is closed and cannot move to enrolling; from closed it can move to nothing (closed is final)',
    );
    expectError(
      await admin.patch(`/api/v1/programs/${program.id}/cohorts/${cohort.id}`, { name: 'Reopened' }),
      409,
      'INVALID_STATE',
    );
  });

  it('adds, renames and lists cohorts, newest first', async () => {
    const program = await createProgram(admin);
    const created = await admin.post(`/api/v1/programs/${program.id}/cohorts`, {
      name: '2027 autumn intake',
      startsOn: '2027-09-01',
      enrolmentOpensOn: '2027-06-01',
      enrolmentClosesOn: '2027-08-15',
    });
    expect(created.statusCode, created.body).toBe(201);
    const autumn = created.json<{ cohort: CohortBody }>().cohort;
    expect(autumn).toMatchObject({
      state: 'draft',
      enrolmentClosesOn: '2027-08-15',
      can: { edit: true, transition: true },
    });
    const renamed = await admin.patch(`/api/v1/programs/${program.id}/cohorts/${autumn.id}`, {
      name: '2027 fall intake',
    });
    expect(renamed.json().cohort.name).toBe('2027 fall intake');
    expect((await cohortsOf(admin, program.id)).map((c) => c.name)).toEqual([
      '2027 fall intake',
      '2027 spring intake',
    ]);
  });

  it('tells the coordinator what to do next on the overview', async () => {
    const program = await createProgram(admin, { objectives: [], expectations: undefined });
    const overview = await admin.get(`/api/v1/programs/${program.id}/overview`);
    expect(overview.statusCode, overview.body).toBe(200);
    const body = overview.json();
    expect(body.nextSteps.map((step: { title: string }) => step.title)).toEqual([
      'Build the mentee application form',
      'Build the mentor application form',
      'Set measurable objectives',
      'Write the expectations',
    ]);
    expect(body.forms).toEqual({ mentor: 0, mentee: 0 });
    expect(body.cohorts[0].counts.applications.mentee.submitted).toBe(0);

    const [cohort] = await cohortsOf(admin, program.id);
    await insertApplication(program.id, cohort.id, admin.userId, 'mentor');
    await insertApplication(program.id, cohort.id, member.userId, 'mentee');
    const ready = (await admin.get(`/api/v1/programs/${program.id}/overview`)).json();
    expect(ready.forms).toEqual({ mentor: 1, mentee: 1 });
    expect(ready.nextSteps[0]).toMatchObject({
      title: 'Open enrolment',
      target: 'transition',
      cohortId: cohort.id,
      transitionTo: 'enrolling',
    });
    await transition(admin, program.id, cohort.id, 'enrolling');
    const enrolling = (await admin.get(`/api/v1/programs/${program.id}/overview`)).json();
    expect(enrolling.nextSteps[0]).toMatchObject({
      title: 'Review 2 submitted applications',
      target: 'applications',
    });
    expect(enrolling.cohorts[0].counts.applications.mentee.submitted).toBe(1);
    expect(enrolling.program.counts.applications).toBe(2);
  });

  it('duplicates a program as next year’s template: settings and latest forms, no people, one draft cohort', async () => {
    const source = await createProgram(admin, { name: 'Template source' });
    const [cohort] = await cohortsOf(admin, source.id);
    await insertApplication(source.id, cohort.id, member.userId, 'mentee');
    await admin.post(`/api/v1/programs/${source.id}/coordinators`, { membershipId: memberMembershipId });

    const copied = await admin.post(`/api/v1/programs/${source.id}/duplicate`, {});
    expect(copied.statusCode, copied.body).toBe(201);
    const copy = copied.json<{ program: ProgramBody }>().program;
    expect(copy).toMatchObject({
      name: 'Template source (copy)',
      duplicatedFromProgramId: source.id,
      meetingLengthMinutes: 90,
      objectives: source.objectives,
      expectations: source.expectations,
      counts: { cohorts: 1, applications: 0, relationships: 0 },
      currentCohort: { name: 'First cohort', state: 'draft' },
    });
    expect(copy.id).not.toBe(source.id);
    const overview = (await admin.get(`/api/v1/programs/${copy.id}/overview`)).json();
    expect(overview.forms).toEqual({ mentor: 0, mentee: 1 });
    expect((await admin.get(`/api/v1/programs/${copy.id}/coordinators`)).json().coordinators).toEqual([]);

    const named = await coordinator.post(`/api/v1/programs/${source.id}/duplicate`, {
      name: 'Mentoring 2028',
    });
    expect(named.json().program.name).toBe('Mentoring 2028');
  });

  it('archives a program once no cohort is live; an archived program no longer changes', async () => {
    const program = await createProgram(admin, { name: 'To archive' });
    const [cohort] = await cohortsOf(admin, program.id);
    await transition(admin, program.id, cohort.id, 'enrolling');
    const refused = await admin.post(`/api/v1/programs/${program.id}/archive`);
    expectError(refused, 409, 'INVALID_STATE');
    expect(refused.json().error.message).toMatch(/2027 spring intake is enrolling/);
    await transition(admin, program.id, cohort.id, 'draft');

    const archived = await admin.post(`/api/v1/programs/${program.id}/archive`);
    expect(archived.statusCode, archived.body).toBe(200);
    expect(archived.json().program).toMatchObject({
      archivedAt: expect.any(String),
      can: { edit: false, archive: false, duplicate: true },
    });
    expectError(
      await admin.patch(`/api/v1/programs/${program.id}`, { name: 'Revived' }),
      409,
      'INVALID_STATE',
    );
    expectError(await transition(admin, program.id, cohort.id, 'enrolling'), 409, 'INVALID_STATE');
    expectError(await admin.post(`/api/v1/programs/${program.id}/archive`), 409, 'INVALID_STATE');
    const listed = await admin.get(`/api/v1/organizations/${organizationId}/programs?search=To%20archive`);
    expect(listed.json().programs.map((p: ProgramBody) => p.id)).not.toContain(program.id);
    const inArchive = await admin.get(
      `/api/v1/organizations/${organizationId}/programs?search=To%20archive&archived=true`,
    );
    expect(inArchive.json().programs.map((p: ProgramBody) => p.id)).toContain(program.id);
  });

  it('appoints and removes program coordinators', async () => {
    const program = await createProgram(admin);
    const added = await coordinator.post(`/api/v1/programs/${program.id}/coordinators`, {
      membershipId: memberMembershipId,
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().coordinator).toMatchObject({
      membershipId: memberMembershipId,
      name: 'Morgan Member',
      can: { remove: true },
    });
    expectError(
      await admin.post(`/api/v1/programs/${program.id}/coordinators`, { membershipId: memberMembershipId }),
      409,
      'CONFLICT',
    );
    expectError(
      await admin.post(`/api/v1/programs/${program.id}/coordinators`, {
        membershipId: coordinatorMembershipId,
      }),
      409,
      'CONFLICT',
    );
    expectError(
      await admin.post(`/api/v1/programs/${program.id}/coordinators`, { membershipId: randomUUID() }),
      404,
      'NOT_FOUND',
    );

    // The member now runs this draft program (and sees it), and sees it listed.
    expect((await member.get(`/api/v1/programs/${program.id}`)).json().program.can.edit).toBe(true);
    const listing = await admin.get(`/api/v1/programs/${program.id}/coordinators`);
    expect(listing.json().coordinators.map((c: { membershipId: string }) => c.membershipId)).toEqual([
      memberMembershipId,
    ]);

    const removed = await admin.delete(`/api/v1/programs/${program.id}/coordinators/${memberMembershipId}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expectError(await member.get(`/api/v1/programs/${program.id}`), 404, 'NOT_FOUND');
    expectError(
      await admin.delete(`/api/v1/programs/${program.id}/coordinators/${memberMembershipId}`),
      404,
      'NOT_FOUND',
    );
  });
});
