/**
 * Organization isolation, generated from the route table: every /api/v1 route with an organization-scoped
 * path parameter is called by members of organization A (each role) with the ids of organization B's real
 * resources, and must answer exactly as for ids that do not exist: 404 NOT_FOUND with the same message.
 * Nothing of B may change.
 *
 * A new route is covered without anyone writing a test for it. A new path parameter fails this file until
 * it is added to ORGANIZATION_SCOPED (how to create organization B's resource) or to
 * NOT_ORGANIZATION_SCOPED (why it names no organization's resource); a new route that needs a request body
 * fails until its body is added to REQUEST_BODIES.
 */
import { randomUUID } from 'node:crypto';
import { eq, is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMBER_ROLES, type MemberRole } from '../../src/core/roles.ts';
import * as schema from '../../src/db/schema.ts';
import { createOrganization, invitationLink, signedIn, type SignedInClient } from '../support/api.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createProgramFixture, type ProgramFixture } from '../support/enrolment-fixtures.ts';
import { insertApplication, insertMember, insertSelfMatchProgram } from '../support/self-match-fixtures.ts';
import {
  addMember,
  createCohortFixture,
  createPoolFixture,
  createProgramFixture as createMatchProgramFixture,
} from '../support/match-fixtures.ts';
import { insertProgram } from '../support/roster-fixtures.ts';

const t: TestApp = await createTestApp();
afterAll(async () => t.close());

/** Organization B and its admin, in which the registry creates resources. */
interface OrganizationB {
  organizationId: string;
  admin: SignedInClient;
}

/** Invites a new person to `organizationId` with `role`, accepts as them, and returns them with their membership id. */
async function join(
  admin: SignedInClient,
  organizationId: string,
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
  const accepted = await client.post(`/api/v1/invitations/${token}/accept`);
  expect(accepted.statusCode, accepted.body).toBe(200);
  const members = await admin.get(`/api/v1/organizations/${organizationId}/members`);
  const membership = members
    .json<{ members: Array<{ id: string; userId: string }> }>()
    .members.find((member) => member.userId === client.userId);
  return { client, membershipId: membership!.id };
}

/** Path parameters naming a resource of an organization, and how to create one in organization B. */
const ORGANIZATION_SCOPED: Record<string, (b: OrganizationB) => Promise<string>> = {
  organizationId: async (b) => b.organizationId,
  membershipId: async (b) => {
    const { client, membershipId } = await join(b.admin, b.organizationId, 'Bea Member', 'member');
    const saved = await client.request({
      method: 'PUT',
      url: `/api/v1/organizations/${b.organizationId}/members/${membershipId}/profile`,
      payload: { mentoringRole: 'mentee', headline: 'Associate at B', practiceAreas: ['tax'] },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    return membershipId;
  },
  invitationId: async (b) => {
    const invited = await b.admin.post(`/api/v1/organizations/${b.organizationId}/invitations`, {
      email: 'pending.at.b@example.test',
      role: 'member',
    });
    expect(invited.statusCode, invited.body).toBe(201);
    return invited.json<{ invitation: { id: string } }>().invitation.id;
  },
  programId: async (b) => (await programOfB(b)).programId,
  cohortId: async (b) => (await programOfB(b)).cohortId,
  applicationId: async (b) => {
    const { programId } = await programOfB(b);
    const applied = await b.admin.post(`/api/v1/programs/${programId}/applications`, {
      role: 'mentee',
      answers: { practice_areas: ['employment'], motivation: 'Learn from B' },
    });
    expect(applied.statusCode, applied.body).toBe(201);
    return applied.json<{ application: { id: string } }>().application.id;
  },
  requestId: async (b) => {
    const db = t.runtime.database.db;
    const program = await insertSelfMatchProgram(db, b.organizationId);
    const mentor = await insertMember(db, b.organizationId, 'Bo Mentor');
    const mentee = await insertMember(db, b.organizationId, 'Bi Mentee');
    const mentorApplicationId = await insertApplication(db, program, {
      role: 'mentor',
      userId: mentor.userId,
    });
    const menteeApplicationId = await insertApplication(db, program, {
      role: 'mentee',
      userId: mentee.userId,
    });
    const id = randomUUID();
    await db.insert(schema.matchRequests).values({
      id,
      organizationId: b.organizationId,
      programId: program.programId,
      cohortId: program.cohortId,
      menteeApplicationId,
      mentorApplicationId,
      note: 'Please',
      expiresAt: new Date(Date.UTC(2099, 0, 1)),
    });
    return id;
  },
  runId: async (b) => (await matchRunOfB(b)).runId,
  otherRunId: async (b) => (await matchRunOfB(b)).runId,
  programInvitationId: async (b) => {
    const { programId } = await insertProgram(t.runtime.database.db, b.organizationId, 'Invitations of B');
    const invited = await b.admin.post(`/api/v1/programs/${programId}/invitations`, {
      emails: ['program.invitee.at.b@example.test'],
      role: 'mentee',
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const list = await b.admin.get(`/api/v1/programs/${programId}/invitations`);
    return list.json<{ invitations: Array<{ id: string }> }>().invitations[0].id;
  },
};

let programFixtureOfB: Promise<ProgramFixture> | undefined;
/** Organization B's program (enrolling, with forms), made once. */
function programOfB(b: OrganizationB): Promise<ProgramFixture> {
  programFixtureOfB ??= createProgramFixture(t, b.organizationId, {
    program: { rankingsEnabled: true, enrolmentMode: 'open_link' },
  });
  return programFixtureOfB;
}

/** Values for path parameters that are not ids (an enum), so that a request gets past validation. */
const SAMPLE_VALUES: Record<string, string> = { role: 'mentee', ruleId: 'good_standing' };

/** Organization B's program in the matching state, with approved applications, and a draft run of it. */
async function matchRunOfB(b: OrganizationB): Promise<{ programId: string; runId: string }> {
  if (!matchingOfB) {
    const db = t.runtime.database.db;
    const fixture = await createMatchProgramFixture(db, b.organizationId, { name: 'B Mentoring' });
    const cohort = await createCohortFixture(db, fixture.program, 'matching');
    await createPoolFixture(db, fixture, cohort, { mentees: 3, mentors: 2 });
    await addMember(db, b.organizationId, b.admin.userId);
    const created = await b.admin.post(`/api/v1/programs/${fixture.program.id}/match-runs`, {});
    expect(created.statusCode, created.body).toBe(201);
    matchingOfB = { programId: fixture.program.id, runId: created.json<{ run: { id: string } }>().run.id };
  }
  return matchingOfB;
}
let matchingOfB: { programId: string; runId: string } | undefined;

/** Path parameters that name no organization's resource, and why. */
const NOT_ORGANIZATION_SCOPED: Record<string, string> = {
  token:
    'an invitation link or a program’s open sign-up link: whoever holds it may use it, whichever organizations they are in',
  emailId: 'an email in the platform outbox, which only platform admins read',
  role: 'mentor or mentee: a word of the vocabulary, not a resource',
  ruleId: 'an eligibility rule id of the vocabulary; the application it belongs to is the scoped resource',
  tokenId:
    "a personal API token: it belongs to a person, not an organization; another person's token is a 404 (tests/api/api-tokens.test.ts)",
};

/** A valid body for each route that needs one, so that validation passes and the ids are what is tested. */
const REQUEST_BODIES: Record<string, unknown> = {
  'PATCH /api/v1/organizations/:organizationId': { name: 'Taken Over' },
  'PATCH /api/v1/organizations/:organizationId/members/:membershipId': { role: 'admin' },
  'POST /api/v1/organizations/:organizationId/invitations': { email: 'spy@example.test', role: 'admin' },
  'POST /api/v1/programs/:programId/match-runs': { objective: 'coverage' },
  'POST /api/v1/match-runs/:runId/pairs': {
    action: 'remove',
    menteeApplicationId: 'someone',
    mentorApplicationId: 'someone-else',
  },
  'POST /api/v1/programs/:programId/invitations': { emails: ['spy@example.test'], role: 'mentee' },
  'PUT /api/v1/organizations/:organizationId/members/:membershipId/profile': {
    mentoringRole: 'mentor',
    headline: 'Taken over',
  },
  'POST /api/v1/organizations/:organizationId/programs': { name: 'Spy program', format: 'one_to_one' },
  'PATCH /api/v1/programs/:programId': { name: 'Taken over' },
  'POST /api/v1/programs/:programId/duplicate': { name: 'Stolen copy' },
  'POST /api/v1/programs/:programId/cohorts': { name: 'Spy cohort' },
  'PATCH /api/v1/programs/:programId/cohorts/:cohortId': { name: 'Taken over' },
  'POST /api/v1/programs/:programId/cohorts/:cohortId/transition': { to: 'enrolling' },
  'POST /api/v1/programs/:programId/coordinators': { membershipId: 'a-member-of-somewhere' },
  'PUT /api/v1/programs/:programId/forms/:role': { questions: [] },
  'POST /api/v1/programs/:programId/applications': {
    role: 'mentee',
    answers: { practice_areas: ['tax'], motivation: 'Spy' },
  },
  'POST /api/v1/programs/:programId/applications/decisions': {
    applicationIds: ['00000000-0000-0000-0000-000000000000'],
    decision: 'approve',
  },
  'PUT /api/v1/programs/:programId/eligibility-rules': { requireGoodStanding: true },
  'PATCH /api/v1/applications/:applicationId': { answers: { practice_areas: ['tax'], motivation: 'Spy' } },
  'POST /api/v1/applications/:applicationId/decision': { decision: 'approve' },
  'POST /api/v1/applications/:applicationId/eligibility/:ruleId': { outcome: 'pass', note: 'Checked' },
  'PUT /api/v1/applications/:applicationId/rankings': { rankedApplicationIds: [] },
  'POST /api/v1/programs/:programId/match-requests': { mentorApplicationId: 'a-mentor', note: 'Hello' },
  'POST /api/v1/match-requests/:requestId/accept': { message: 'Yes' },
  'POST /api/v1/match-requests/:requestId/decline': { message: 'No' },
};

const ROUTES = t.app.routeTable.filter(
  (route) => route.url.startsWith('/api/v1/') && route.method !== 'HEAD' && route.method !== 'OPTIONS',
);
const parametersOf = (url: string) => [...url.matchAll(/:(\w+)/g)].map((match) => match[1]);
const isScoped = (parameter: string) => Object.hasOwn(ORGANIZATION_SCOPED, parameter);
const isKnown = (parameter: string) =>
  isScoped(parameter) || Object.hasOwn(NOT_ORGANIZATION_SCOPED, parameter);
const SCOPED_ROUTES = ROUTES.filter((route) =>
  parametersOf(route.url).some((parameter) => isScoped(parameter) || !isKnown(parameter)),
);

let b: OrganizationB;
let organizationAId: string;
/** Organization B's real resources, by parameter name. */
const idsOfB: Record<string, string> = {};
/** A member of organization A in each role. */
const membersOfA = new Map<MemberRole, SignedInClient>();

beforeAll(async () => {
  const adminA = await signedIn(t, 'Avery A Admin');
  organizationAId = (await createOrganization(adminA, { name: 'Organization A' })).id;
  membersOfA.set('admin', adminA);
  for (const role of MEMBER_ROLES.filter((role) => role !== 'admin')) {
    membersOfA.set(role, (await join(adminA, organizationAId, `A ${role}`, role)).client);
  }
  const adminB = await signedIn(t, 'Blair B Admin');
  b = { organizationId: (await createOrganization(adminB, { name: 'Organization B' })).id, admin: adminB };
  for (const [parameter, create] of Object.entries(ORGANIZATION_SCOPED)) idsOfB[parameter] = await create(b);
}, 120_000);

/** Every row of every table that belongs to organization B (any table with an organization_id column). */
async function rowsOfB(): Promise<Record<string, unknown[]>> {
  const db = t.runtime.database.db;
  const snapshot: Record<string, unknown[]> = {};
  for (const table of Object.values(schema)) {
    if (!is(table, PgTable)) continue;
    const config = getTableConfig(table);
    const column =
      table === schema.organizations
        ? schema.organizations.id
        : config.columns.find((candidate) => candidate.name === 'organization_id');
    if (!column) continue;
    const rows = await db.select().from(table).where(eq(column, b.organizationId));
    snapshot[config.name] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return snapshot;
}

function urlWith(template: string, ids: Record<string, string>): string {
  return template.replace(
    /:(\w+)/g,
    (_, parameter: string) => ids[parameter] ?? SAMPLE_VALUES[parameter] ?? randomUUID(),
  );
}

async function send(
  client: SignedInClient,
  route: { method: string; url: string },
  ids: Record<string, string>,
): Promise<LightMyRequestResponse> {
  const body = REQUEST_BODIES[`${route.method} ${route.url}`];
  return client.request({
    method: route.method,
    url: urlWith(route.url, ids),
    ...(body === undefined ? {} : { payload: body as Record<string, string> }),
  });
}

/** What a client can tell apart: status, error code and message. */
function outcome(response: LightMyRequestResponse) {
  const error = response.json<{ error?: { code: string; message: string } }>().error;
  return { status: response.statusCode, code: error?.code, message: error?.message };
}

describe('another organization reads as missing, on every organization-scoped route', () => {
  it('knows every path parameter of the API: scoped (with how to create one) or not (with why)', () => {
    const unknown = [...new Set(ROUTES.flatMap((route) => parametersOf(route.url)))].filter(
      (parameter) => !isKnown(parameter),
    );
    expect(
      unknown,
      'add each to ORGANIZATION_SCOPED (how to create organization B’s resource) or NOT_ORGANIZATION_SCOPED (why it names none) in tests/api/cross-organization.test.ts',
    ).toEqual([]);
    // Every registry entry is used, so none hides a typo.
    const used = new Set(ROUTES.flatMap((route) => parametersOf(route.url)));
    expect(Object.keys(ORGANIZATION_SCOPED).filter((parameter) => !used.has(parameter))).toEqual([]);
    expect(
      Object.keys(REQUEST_BODIES).filter((key) => !ROUTES.some((r) => `${r.method} ${r.url}` === key)),
    ).toEqual([]);
    expect(SCOPED_ROUTES.length).toBeGreaterThan(0);
  });

  for (const route of SCOPED_ROUTES) {
    const parameters = parametersOf(route.url);
    it(`${route.method} ${route.url}`, async () => {
      const unknown = parameters.filter((parameter) => !isKnown(parameter));
      expect(
        unknown,
        `:${unknown.join(', :')} has no registry entry: add it to ORGANIZATION_SCOPED (how to create organization B’s resource) or NOT_ORGANIZATION_SCOPED (why it names none) in tests/api/cross-organization.test.ts`,
      ).toEqual([]);
      const before = await rowsOfB();
      const randomIds = Object.fromEntries(
        parameters.map((parameter) => [parameter, SAMPLE_VALUES[parameter] ?? randomUUID()]),
      );
      const scopedIdsOfB = Object.fromEntries(
        parameters.filter(isScoped).map((parameter) => [parameter, idsOfB[parameter]]),
      );

      for (const [role, client] of membersOfA) {
        // Everything from B: B's organization, and B's resources in it.
        const missing = outcome(await send(client, route, randomIds));
        if (missing.status === 400) {
          expect.fail(
            `${route.method} ${route.url} answered 400 before the organization check; add a valid body for it to REQUEST_BODIES (${JSON.stringify(missing)})`,
          );
        }
        const crossed = outcome(await send(client, route, { ...randomIds, ...scopedIdsOfB }));
        expect(missing, `${role} of A, ids that do not exist`).toMatchObject({
          status: 404,
          code: 'NOT_FOUND',
        });
        expect(crossed, `${role} of A, organization B's ids`).toEqual(missing);

        // B's resources addressed through A, where A's members have their rights.
        if (!parameters.some((parameter) => parameter !== 'organizationId' && isScoped(parameter))) continue;
        const inA = { organizationId: organizationAId };
        const missingInA = outcome(await send(client, route, { ...randomIds, ...inA }));
        const crossedInA = outcome(await send(client, route, { ...randomIds, ...scopedIdsOfB, ...inA }));
        expect(crossedInA, `${role} of A, B's resources under A's organization`).toEqual(missingInA);
        if (role === 'admin') expect(crossedInA).toMatchObject({ status: 404, code: 'NOT_FOUND' });
      }

      expect(await rowsOfB(), 'organization B changed').toEqual(before);
    });
  }
});
