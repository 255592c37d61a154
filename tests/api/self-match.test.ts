/**
 * Self-match through the API: the directory and recommendations (public answers only), requests with
 * their limit, acceptance (first wins, capacity across programs), decline, withdraw, and the expiry job.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import type { MemberRole } from '../../src/core/roles.ts';
import { emails, matchRequests, relationshipParticipants, relationships } from '../../src/db/schema.ts';
import { expireMatchRequestsJob } from '../../src/jobs/definitions/index.ts';
import {
  createOrganization,
  expectError,
  expectField,
  invitationLink,
  signedIn,
  type SignedInClient,
} from '../support/api.ts';
import { createTestApp, TestClient, type TestApp } from '../support/app.ts';
import {
  insertActiveRelationship,
  insertApplication,
  insertMember,
  insertSelfMatchProgram,
  type SelfMatchProgram,
} from '../support/self-match-fixtures.ts';

/** Signs up `name` and makes them a member of the organization with `role` through the API. */
async function joinOrganization(
  t: TestApp,
  admin: SignedInClient,
  organizationId: string,
  name: string,
  role: MemberRole = 'member',
): Promise<SignedInClient & { membershipId: string }> {
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
  return Object.assign(client, { membershipId: membership!.id });
}

const DAY_MS = 86_400_000;
const clock = fixedClock(new Date());
const t: TestApp = await createTestApp({ clock });
afterAll(async () => t.close());
const db = () => t.runtime.database.db;

type Person = SignedInClient & { membershipId: string; applicationId?: string };
let admin: SignedInClient;
let organizationId: string;
let program: SelfMatchProgram;
const people: Record<'m1' | 'm2' | 'm3' | 'e1' | 'e2' | 'e3' | 'outsider', Person> = {} as never;

interface RequestBody {
  id: string;
  status: string;
  direction: string;
  can: { accept: boolean; decline: boolean; withdraw: boolean };
  mentee: { name: string };
  mentor: { name: string };
}

const directoryUrl = () => `/api/v1/programs/${program.programId}/mentor-directory`;
const recommendedUrl = () => `/api/v1/programs/${program.programId}/recommended-mentors`;
const createUrl = () => `/api/v1/programs/${program.programId}/match-requests`;

async function request(mentee: Person, mentor: Person, note = 'I would value your advice') {
  return mentee.post(createUrl(), { mentorApplicationId: mentor.applicationId, note });
}

async function emailsTo(person: { email: string }, template: string) {
  return db()
    .select()
    .from(emails)
    .where(and(eq(emails.to, person.email), eq(emails.template, template)));
}

beforeAll(async () => {
  admin = await signedIn(t, 'Avery Admin');
  organizationId = (await createOrganization(admin, { name: 'Oregon New Lawyers' })).id;
  program = await insertSelfMatchProgram(db(), organizationId, {
    maxPendingRequests: 2,
    defaultMentorCapacity: 2,
  });
  const names = {
    m1: 'Marta Mentor',
    m2: 'Miles Mentor',
    m3: 'Mina Mentor',
    e1: 'Eli Mentee',
    e2: 'Eva Mentee',
    e3: 'Ezra Mentee',
    outsider: 'Olga Outsider',
  } as const;
  for (const [key, name] of Object.entries(names)) {
    people[key as keyof typeof names] = await joinOrganization(t, admin, organizationId, name);
  }
  const capacities = { m1: 1, m2: 2, m3: 1 } as const;
  for (const key of ['m1', 'm2', 'm3'] as const) {
    people[key].applicationId = await insertApplication(db(), program, {
      role: 'mentor',
      userId: people[key].userId,
      capacity: capacities[key],
    });
  }
  for (const key of ['e1', 'e2', 'e3'] as const) {
    people[key].applicationId = await insertApplication(db(), program, {
      role: 'mentee',
      userId: people[key].userId,
    });
  }
  // Mina already mentors someone in another program: her one seat is taken everywhere.
  const other = await insertSelfMatchProgram(db(), organizationId, {
    name: 'Law firm program',
    cohortState: 'running',
  });
  const someone = await insertMember(db(), organizationId, 'Sam Elsewhere');
  await insertActiveRelationship(
    db(),
    other,
    {
      applicationId: await insertApplication(db(), other, { role: 'mentor', userId: people.m3.userId }),
      userId: people.m3.userId,
    },
    {
      applicationId: await insertApplication(db(), other, { role: 'mentee', userId: someone.userId }),
      userId: someone.userId,
    },
  );
}, 120_000);

describe('self-match', () => {
  it('needs a session on every route (401)', async () => {
    const anonymous = new TestClient(t.app);
    expectError(await anonymous.get(directoryUrl()), 401, 'UNAUTHENTICATED');
    expectError(await anonymous.get(recommendedUrl()), 401, 'UNAUTHENTICATED');
    expectError(await anonymous.post(createUrl(), { mentorApplicationId: 'x' }), 401, 'UNAUTHENTICATED');
    expectError(await anonymous.get('/api/v1/me/match-requests'), 401, 'UNAUTHENTICATED');
    expectError(await anonymous.get('/api/v1/match-requests/some-id'), 401, 'UNAUTHENTICATED');
    for (const action of ['accept', 'decline', 'withdraw']) {
      expectError(
        await anonymous.post(`/api/v1/match-requests/some-id/${action}`, {}),
        401,
        'UNAUTHENTICATED',
      );
    }
  });

  it('names the field of bad input (400)', async () => {
    const { e1 } = people;
    expectField(await e1.get(`${directoryUrl()}?practiceArea=Not%20An%20Id`), 'querystring.practiceArea');
    expectField(await e1.get(`${directoryUrl()}?hasCapacity=maybe`), 'querystring.hasCapacity');
    expectField(await e1.get(`${directoryUrl()}?pageSize=1000`), 'querystring.pageSize');
    expectField(await e1.get(`${recommendedUrl()}?limit=0`), 'querystring.limit');
    expectField(await e1.get('/api/v1/programs/not%20an%20id/mentor-directory'), 'params.programId');
    expectField(await e1.post(createUrl(), { note: 'hi' }), 'mentorApplicationId');
    expectField(await e1.post(createUrl(), { mentorApplicationId: 'x', note: 'n'.repeat(1001) }), 'note');
    expectField(await e1.post('/api/v1/match-requests/some-id/accept', { message: 42 }), 'message');
    expectField(await e1.post('/api/v1/match-requests/some-id/withdraw', { extra: true }), 'extra');
    expectField(await e1.get('/api/v1/match-requests/bad%20id'), 'params.requestId');
    expectField(await e1.get('/api/v1/me/match-requests?programId=bad%20id'), 'querystring.programId');
  });

  it('lets only approved mentees look for mentors (403)', async () => {
    const { outsider, m1 } = people;
    expectError(await outsider.get(directoryUrl()), 403, 'FORBIDDEN');
    expectError(await outsider.get(recommendedUrl()), 403, 'FORBIDDEN');
    expectError(await request(outsider, m1), 403, 'FORBIDDEN');
    // A mentor is not a mentee: they see no directory of their fellow applicants.
    expectError(await m1.get(directoryUrl()), 403, 'FORBIDDEN');
  });

  it('recommends open mentors with the engine’s score and reasons, and only public answers', async () => {
    const response = await people.e1.get(recommendedUrl());
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{
      mentors: Array<{
        name: string;
        score: number;
        remainingSeats: number;
        reasons: Array<{ reason: string }>;
        answers: object;
      }>;
      standing: { remainingRequests: number; maxPendingRequests: number };
    }>();
    // Mina's one seat is taken in another program, so she is not recommended.
    expect(body.mentors.map((mentor) => mentor.name).sort()).toEqual(['Marta Mentor', 'Miles Mentor']);
    expect(body.mentors[0].score).toBeGreaterThan(0);
    expect(body.mentors[0].reasons.length).toBeGreaterThan(0);
    expect(body.standing).toMatchObject({ remainingRequests: 2, maxPendingRequests: 2 });
    const text = response.body;
    expect(text).not.toContain('private_note');
    expect(text).not.toContain('affinity');
    expect(text).not.toContain('veteran');
    expect(text).not.toContain('Eva Mentee');
    expect(text).not.toContain('a private answer of a mentee');
  });

  it('filters the directory, counts seats across programs, and never shows mentees', async () => {
    const { e1 } = people;
    const names = async (query: string) => {
      const response = await e1.get(`${directoryUrl()}${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json<{ mentors: Array<{ name: string }> }>().mentors.map((mentor) => mentor.name);
    };
    expect(await names('')).toEqual(['Marta Mentor', 'Miles Mentor', 'Mina Mentor']);
    expect(await names('?hasCapacity=true')).toEqual(['Marta Mentor', 'Miles Mentor']);
    expect(await names('?practiceArea=employment&jurisdiction=US-OR&language=es')).toHaveLength(3);
    expect(await names('?practiceArea=tax')).toEqual([]);
    expect(await names('?language=fr')).toEqual([]);
    expect(await names('?format=video&availabilityDay=tue&timeZone=America%2FLos_Angeles')).toHaveLength(3);
    expect(await names('?availabilityDay=sun')).toEqual([]);
    expect(await names('?search=mina')).toEqual(['Mina Mentor']);
    const paged = await e1.get(`${directoryUrl()}?pageSize=2&page=2`);
    expect(paged.json()).toMatchObject({
      total: 3,
      page: 2,
      pageSize: 2,
      mentors: [{ name: 'Mina Mentor' }],
    });
    const mina = (await e1.get(`${directoryUrl()}?search=mina`)).json<{
      mentors: Array<{
        remainingSeats: number;
        capacity: number;
        can: { request: boolean };
        answers: object;
      }>;
    }>().mentors[0];
    expect(mina).toMatchObject({ remainingSeats: 0, capacity: 1, can: { request: false } });
    expect(Object.keys(mina.answers)).not.toContain('affinity');
    expect(Object.keys(mina.answers)).toContain('practice_areas');
    const all = await e1.get(directoryUrl());
    expect(all.body).not.toContain('Mentee');
  });

  let e1ToM1: string;
  let e1ToM2: string;
  let e2ToM1: string;

  it('sends requests with a note, up to the pending limit, never twice, never to a full mentor', async () => {
    const { e1, e2, m1, m2, m3 } = people;
    const first = await request(e1, m1, 'Employment litigation is where I want to be');
    expect(first.statusCode, first.body).toBe(201);
    const body = first.json<{ request: RequestBody & { note: string; expiresAt: string } }>().request;
    expect(body).toMatchObject({
      status: 'pending',
      direction: 'outgoing',
      can: { withdraw: true, accept: false },
    });
    expect(Date.parse(body.expiresAt) - clock.now().getTime()).toBe(14 * DAY_MS);
    e1ToM1 = body.id;
    const [received] = await emailsTo(m1, 'match-request-received');
    expect(received.text).toContain('Employment litigation is where I want to be');

    expectError(await request(e1, m1), 409, 'CONFLICT');
    const second = await request(e1, m2);
    expect(second.statusCode, second.body).toBe(201);
    e1ToM2 = second.json<{ request: RequestBody }>().request.id;
    const limited = await request(e1, m3);
    expectError(limited, 409, 'CAPACITY_REACHED');
    expect(limited.json().error.message).toContain('pending');

    const full = await request(e2, m3);
    expectError(full, 409, 'CAPACITY_REACHED');
    expect(full.json().error.message).toContain('no open seat');
    const e2First = await request(e2, m1);
    expect(e2First.statusCode, e2First.body).toBe(201);
    e2ToM1 = e2First.json<{ request: RequestBody }>().request.id;

    const standing = (await e1.get(directoryUrl())).json<{ standing: { remainingRequests: number } }>()
      .standing;
    expect(standing.remainingRequests).toBe(0);
  });

  it('shows a request only to its two people (403 for others)', async () => {
    const { e1, e2, m1, m2, outsider } = people;
    const asMentor = await m1.get(`/api/v1/match-requests/${e1ToM1}`);
    expect(asMentor.statusCode, asMentor.body).toBe(200);
    expect(asMentor.json().request).toMatchObject({
      direction: 'incoming',
      can: { accept: true, decline: true, withdraw: false },
    });
    expectError(await e2.get(`/api/v1/match-requests/${e1ToM1}`), 403, 'FORBIDDEN');
    expectError(await outsider.get(`/api/v1/match-requests/${e1ToM1}`), 403, 'FORBIDDEN');
    expectError(await m2.post(`/api/v1/match-requests/${e1ToM1}/accept`, { message: '' }), 403, 'FORBIDDEN');
    expectError(await e1.post(`/api/v1/match-requests/${e1ToM1}/accept`, { message: '' }), 403, 'FORBIDDEN');
    expectError(await m1.post(`/api/v1/match-requests/${e1ToM1}/withdraw`), 403, 'FORBIDDEN');
    expectError(await e2.post(`/api/v1/match-requests/${e1ToM1}/decline`, { message: '' }), 403, 'FORBIDDEN');
    const admin = await t.runtime.database.db
      .select()
      .from(matchRequests)
      .where(eq(matchRequests.id, e1ToM1));
    expect(admin[0].status).toBe('pending');
  });

  it('accepts: the relationship starts, the mentee’s other requests are withdrawn, both are emailed', async () => {
    const { e1, e2, m1, m2 } = people;
    const accepted = await m1.post(`/api/v1/match-requests/${e1ToM1}/accept`, { message: 'Happy to' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const { relationshipId, request: body } = accepted.json<{
      relationshipId: string;
      request: RequestBody;
    }>();
    expect(body).toMatchObject({
      status: 'accepted',
      can: { accept: false, decline: false, withdraw: false },
    });
    const [relationship] = await db()
      .select()
      .from(relationships)
      .where(eq(relationships.id, relationshipId));
    expect(relationship).toMatchObject({
      programId: program.programId,
      matchRequestId: e1ToM1,
      status: 'starting',
    });
    const seats = await db()
      .select()
      .from(relationshipParticipants)
      .where(eq(relationshipParticipants.relationshipId, relationshipId));
    expect(seats.map((seat) => [seat.role, seat.userId, seat.isActive]).sort()).toEqual(
      [
        ['mentee', e1.userId, true],
        ['mentor', m1.userId, true],
      ].sort(),
    );
    const other = (await e1.get(`/api/v1/match-requests/${e1ToM2}`)).json<{ request: RequestBody }>().request;
    expect(other.status).toBe('withdrawn');
    expect(await emailsTo(e1, 'match-request-accepted')).toHaveLength(1);
    expect(await emailsTo(m1, 'match-request-accepted')).toHaveLength(1);
    expect(await emailsTo(m2, 'match-request-withdrawn')).toHaveLength(1);

    // Marta's one seat is now taken: Eva's request cannot be accepted.
    const full = await m1.post(`/api/v1/match-requests/${e2ToM1}/accept`, { message: '' });
    expectError(full, 409, 'CAPACITY_REACHED');
    // The withdrawn request names its state.
    const stale = await m2.post(`/api/v1/match-requests/${e1ToM2}/accept`, { message: '' });
    expectError(stale, 409, 'INVALID_STATE');
    expect(stale.json().error.message).toContain('withdrawn');
    // Eli has a mentor: no more requests.
    expectError(await request(e1, m2), 409, 'INVALID_STATE');
    expect(e2).toBeDefined();
  });

  it('declines with a message, and lets the mentee withdraw', async () => {
    const { e2, m2 } = people;
    const sent = await request(e2, m2);
    expect(sent.statusCode, sent.body).toBe(201);
    const id = sent.json<{ request: RequestBody }>().request.id;
    const declined = await m2.post(`/api/v1/match-requests/${id}/decline`, { message: 'My docket is full' });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json().request).toMatchObject({
      status: 'declined',
      responseMessage: 'My docket is full',
    });
    const [email] = await emailsTo(e2, 'match-request-declined');
    expect(email.text).toContain('My docket is full');
    expectError(await m2.post(`/api/v1/match-requests/${id}/decline`, { message: '' }), 409, 'INVALID_STATE');

    const again = await request(e2, m2);
    expect(again.statusCode, again.body).toBe(201);
    const againId = again.json<{ request: RequestBody }>().request.id;
    const withdrawn = await e2.post(`/api/v1/match-requests/${againId}/withdraw`);
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json().request.status).toBe('withdrawn');
    expectError(await e2.post(`/api/v1/match-requests/${againId}/withdraw`), 409, 'INVALID_STATE');
  });

  it('lists incoming requests for mentors and outgoing ones for mentees', async () => {
    const { e1, m1 } = people;
    const mentor = (await m1.get('/api/v1/me/match-requests')).json<{
      incoming: RequestBody[];
      outgoing: RequestBody[];
    }>();
    expect(mentor.outgoing).toEqual([]);
    expect(mentor.incoming.map((r) => [r.mentee.name, r.status]).sort()).toEqual([
      ['Eli Mentee', 'accepted'],
      ['Eva Mentee', 'pending'],
    ]);
    const mentee = (
      await e1.get(
        `/api/v1/me/match-requests?organizationId=${organizationId}&programId=${program.programId}`,
      )
    ).json<{ incoming: RequestBody[]; outgoing: RequestBody[] }>();
    expect(mentee.incoming).toEqual([]);
    expect(mentee.outgoing.map((r) => r.status).sort()).toEqual(['accepted', 'withdrawn']);
    const elsewhere = (await e1.get('/api/v1/me/match-requests?programId=other')).json();
    expect(elsewhere).toEqual({ incoming: [], outgoing: [] });
  });

  it('is closed unless the program self-matches and the cohort is matching or running', async () => {
    const coordinatorOnly = await insertSelfMatchProgram(db(), organizationId, {
      matchingMode: 'coordinator',
    });
    await insertApplication(db(), coordinatorOnly, { role: 'mentee', userId: people.e3.userId });
    const closed = await people.e3.get(`/api/v1/programs/${coordinatorOnly.programId}/mentor-directory`);
    expectError(closed, 409, 'INVALID_STATE');
    expect(closed.json().error.message).toContain('coordinator');
  });

  it('expires requests past their expiry in the hourly job and emails the mentee', async () => {
    const { e3, m2 } = people;
    const sent = await request(e3, m2);
    expect(sent.statusCode, sent.body).toBe(201);
    const id = sent.json<{ request: RequestBody }>().request.id;
    clock.advance(13 * DAY_MS);
    await t.runtime.jobs.send(expireMatchRequestsJob, {});
    await t.runtime.jobs.drain();
    expect((await db().select().from(matchRequests).where(eq(matchRequests.id, id)))[0].status).toBe(
      'pending',
    );
    clock.advance(1 * DAY_MS + 1000);
    // Past the expiry, the request reads as expired at once, before the job marks it.
    expect((await m2.get(`/api/v1/match-requests/${id}`)).json().request).toMatchObject({
      status: 'expired',
      can: { accept: false },
    });
    expectError(await m2.post(`/api/v1/match-requests/${id}/accept`, { message: '' }), 409, 'INVALID_STATE');
    await t.runtime.jobs.send(expireMatchRequestsJob, {});
    await t.runtime.jobs.drain();
    const [row] = await db().select().from(matchRequests).where(eq(matchRequests.id, id));
    expect(row.status).toBe('expired');
    const [email] = await emailsTo(e3, 'match-request-expired');
    expect(email.subject).toContain('Miles Mentor');
    expect(expireMatchRequestsJob.schedule).toBe('7 * * * *');
  });
});
