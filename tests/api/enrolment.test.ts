/**
 * Enrolment through the API: forms, applying, the review queue, decisions (single and all-or-nothing
 * bulk) with their emails and audit trail, eligibility, rankings and the open sign-up link. Programs and
 * cohorts come from tests/support/enrolment-fixtures.ts (their use cases are another branch's).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberRole } from '../../src/core/roles.ts';
import { applications, emails } from '../../src/db/schema.ts';
import {
  createOrganization,
  expectError,
  expectField,
  invitationLink,
  signedIn,
  type SignedInClient,
} from '../support/api.ts';
import { createTestApp, TestClient, uniqueEmail, type TestApp } from '../support/app.ts';
import { createProgramFixture, type ProgramFixture } from '../support/enrolment-fixtures.ts';

const t: TestApp = await createTestApp();
afterAll(async () => t.close());

let admin: SignedInClient;
let organizationId: string;

async function join(name: string, role: MemberRole = 'member'): Promise<SignedInClient> {
  const client = await signedIn(t, name);
  const invited = await admin.post(`/api/v1/organizations/${organizationId}/invitations`, {
    email: client.email,
    role,
  });
  expect(invited.statusCode, invited.body).toBe(201);
  const { token } = await invitationLink(t, client.email);
  expect((await client.post(`/api/v1/invitations/${token}/accept`)).statusCode).toBe(200);
  return client;
}

const MENTEE_ANSWERS = { practice_areas: ['employment'], motivation: 'I want to become a trial lawyer' };
const MENTOR_ANSWERS = { practice_areas: ['employment'], years_of_practice: 12 };

async function apply(client: SignedInClient, program: ProgramFixture, body: Record<string, unknown> = {}) {
  return client.post(`/api/v1/programs/${program.programId}/applications`, {
    role: 'mentee',
    answers: MENTEE_ANSWERS,
    ...body,
  });
}

async function applied(client: SignedInClient, program: ProgramFixture, body: Record<string, unknown> = {}) {
  const response = await apply(client, program, body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ application: { id: string; status: string } }>().application;
}

function emailsTo(to: string, template: string) {
  return t.runtime.database.db
    .select()
    .from(emails)
    .where(and(eq(emails.to, to), eq(emails.template, template)));
}

let coordinator: SignedInClient;
let mentee: SignedInClient;
let otherMentee: SignedInClient;
let mentor: SignedInClient;
let program: ProgramFixture;

beforeAll(async () => {
  admin = await signedIn(t, 'Ada Admin');
  organizationId = (await createOrganization(admin)).id;
  coordinator = await join('Cora Coordinator', 'coordinator');
  mentee = await join('Mina Mentee');
  otherMentee = await join('Otto Mentee');
  mentor = await join('Mo Mentor');
  program = await createProgramFixture(t, organizationId, {
    program: { rankingsEnabled: true, maxRankings: 2 },
  });
}, 120_000);

describe('every enrolment route needs a signed-in person', () => {
  it.each([
    ['GET', '/api/v1/programs/p1/forms'],
    ['GET', '/api/v1/programs/p1/apply'],
    ['GET', '/api/v1/programs/p1/applications'],
    ['GET', '/api/v1/applications/a1'],
    ['GET', '/api/v1/applications/a1/rankings'],
    ['GET', '/api/v1/programs/p1/eligibility-rules'],
    ['GET', '/api/v1/me/applications'],
  ])('%s %s → 401', async (method, url) => {
    const response = await new TestClient(t.app).request({ method: method, url });
    expectError(response, 401, 'UNAUTHENTICATED');
  });
});

describe('application forms', () => {
  it('saves a new version each time and refuses a broken form naming the question (coordinators only)', async () => {
    const url = `/api/v1/programs/${program.programId}/forms/mentee`;
    const saved = await coordinator.request({
      method: 'PUT',
      url,
      payload: {
        questions: [
          { kind: 'built_in', id: 'practice_areas', required: true },
          { kind: 'custom', id: 'motivation', type: 'long_text', label: 'Why?', required: true },
        ],
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().form.version).toBe(2);
    const broken = await coordinator.request({
      method: 'PUT',
      url,
      payload: {
        questions: [{ kind: 'custom', id: 'track', type: 'single_choice', label: 'Track', options: [] }],
      },
    });
    expectField(broken, 'questions.0.options');
    expectError(await mentee.request({ method: 'PUT', url, payload: { questions: [] } }), 403, 'FORBIDDEN');
    expectError(await mentee.get(`/api/v1/programs/${program.programId}/forms`), 403, 'FORBIDDEN');
    const forms = await coordinator.get(`/api/v1/programs/${program.programId}/forms`);
    expect(forms.json()).toMatchObject({
      forms: { mentee: { version: 2 }, mentor: { version: 1 } },
      can: { edit: true },
    });
    // Put the fixture's form back as version 3 (with the affinity question), for the tests below.
    const restored = await coordinator.request({
      method: 'PUT',
      url,
      payload: { questions: (await import('../support/enrolment-fixtures.ts')).MENTEE_FORM },
    });
    expect(restored.json().form.version).toBe(3);
  });
});

describe('applying', () => {
  it('prefills built-in answers from the profile on the apply page', async () => {
    const membership = (await admin.get(`/api/v1/organizations/${organizationId}/members`))
      .json<{ members: Array<{ id: string; userId: string }> }>()
      .members.find((member) => member.userId === mentee.userId)!;
    const saved = await mentee.request({
      method: 'PUT',
      url: `/api/v1/organizations/${organizationId}/members/${membership.id}/profile`,
      payload: {
        mentoringRole: 'mentee',
        headline: 'Associate',
        practiceAreas: ['employment'],
        languages: ['en', 'es'],
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const context = await mentee.get(`/api/v1/programs/${program.programId}/apply`);
    expect(context.statusCode, context.body).toBe(200);
    expect(context.json()).toMatchObject({
      role: 'mentee',
      cohort: { id: program.cohortId },
      form: { role: 'mentee' },
      prefill: { practice_areas: ['employment'], languages: ['en', 'es'] },
      existing: null,
    });
  });

  it('refuses an answer of the wrong type, an unknown answer and a missing required one, naming each', async () => {
    expectField(
      await apply(mentee, program, { answers: { ...MENTEE_ANSWERS, motivation: 42 } }),
      'answers.motivation',
    );
    expectField(
      await apply(mentee, program, { answers: { ...MENTEE_ANSWERS, shoe_size: 9 } }),
      'answers.shoe_size',
    );
    expectField(
      await apply(mentee, program, { answers: { practice_areas: ['employment'] } }),
      'answers.motivation',
    );
    expectField(await apply(mentee, program, { role: 'boss' }), 'role');
  });

  it('refuses an affinity answer without consent, naming it', async () => {
    const response = await apply(mentee, program, {
      answers: { ...MENTEE_ANSWERS, affinity: [{ topic: 'first-generation-lawyer', answer: true }] },
    });
    expectField(response, 'answers.affinity');
  });

  it('submits with consent, records it, emails a confirmation, and refuses a second live application', async () => {
    const created = await apply(mentee, program, {
      answers: { ...MENTEE_ANSWERS, affinity: [{ topic: 'first-generation-lawyer', answer: true }] },
      consents: ['affinity'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const application = created.json().application;
    expect(application).toMatchObject({
      status: 'submitted',
      consents: { affinity: { givenAt: expect.any(String), statement: expect.any(String) } },
      eligibility: null,
      can: { update: true, withdraw: true, decide: [] },
    });
    expect(await emailsTo(mentee.email, 'application-received')).toHaveLength(1);
    expectError(await apply(mentee, program), 409, 'CONFLICT');

    // Withdrawing consent drops the answer.
    const updated = await mentee.patch(`/api/v1/applications/${application.id}`, {
      answers: { ...MENTEE_ANSWERS, affinity: [{ topic: 'first-generation-lawyer', answer: true }] },
      consents: [],
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json().application.answers.affinity).toBeUndefined();
    expect(updated.json().application.consents).toEqual({});
  });

  it('refuses a cohort that is not enrolling or whose window closed, naming the state', async () => {
    const closed = await createProgramFixture(t, organizationId, { state: 'matching' });
    const response = await apply(otherMentee, closed, { cohortId: closed.cohortId });
    expectError(response, 409, 'INVALID_STATE');
    expect(response.json().error.message).toMatch(/matching/);
    const late = await createProgramFixture(t, organizationId, {
      cohort: { isRolling: false, enrolmentClosesOn: '2020-01-31' },
    });
    const lateResponse = await apply(otherMentee, late, { cohortId: late.cohortId });
    expectError(lateResponse, 409, 'INVALID_STATE');
    expect(lateResponse.json().error.message).toMatch(/closed on 2020-01-31/);
  });
});

describe('who sees what', () => {
  let menteeApplicationId: string;
  beforeAll(async () => {
    const mine = await mentee.get('/api/v1/me/applications');
    menteeApplicationId = mine.json().applications[0].id;
  });

  it('a mentor never sees another applicant’s answers', async () => {
    expectError(await mentor.get(`/api/v1/applications/${menteeApplicationId}`), 403, 'FORBIDDEN');
    expectError(await mentor.get(`/api/v1/applications/${menteeApplicationId}/rankings`), 403, 'FORBIDDEN');
  });

  it('a mentee never sees who else applied', async () => {
    expectError(
      await otherMentee.get(`/api/v1/programs/${program.programId}/applications`),
      403,
      'FORBIDDEN',
    );
    expectError(await otherMentee.get(`/api/v1/applications/${menteeApplicationId}`), 403, 'FORBIDDEN');
    const mine = await otherMentee.get('/api/v1/me/applications');
    expect(mine.json().applications.map((a: { id: string }) => a.id)).not.toContain(menteeApplicationId);
  });

  it('the applicant and the coordinators see the application with its audit trail', async () => {
    const own = await mentee.get(`/api/v1/applications/${menteeApplicationId}`);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().events.map((e: { action: string }) => e.action)).toEqual(['submitted', 'updated']);
    const asCoordinator = await coordinator.get(`/api/v1/applications/${menteeApplicationId}`);
    expect(asCoordinator.json().application.can.decide).toEqual([
      'approve',
      'reject',
      'waitlist',
      'request_changes',
    ]);
  });

  it('a stranger to the organization gets 404', async () => {
    const stranger = await signedIn(t, 'Stan Stranger');
    expectError(await stranger.get(`/api/v1/applications/${menteeApplicationId}`), 404, 'NOT_FOUND');
    expectError(await stranger.get(`/api/v1/programs/${program.programId}/apply`), 404, 'NOT_FOUND');
  });
});

describe('the review queue and decisions', () => {
  it('filters, searches, pages in a stable order and counts per status', async () => {
    await applied(otherMentee, program);
    await applied(mentor, program, { role: 'mentor', answers: MENTOR_ANSWERS, capacity: 2 });
    const all = await coordinator.get(`/api/v1/programs/${program.programId}/applications?pageSize=2`);
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toMatchObject({
      total: 3,
      page: 1,
      pageSize: 2,
      counts: { submitted: 3, approved: 0 },
    });
    expect(all.json().applications).toHaveLength(2);
    const second = await coordinator.get(
      `/api/v1/programs/${program.programId}/applications?pageSize=2&page=2`,
    );
    const ids = [...all.json().applications, ...second.json().applications].map((a: { id: string }) => a.id);
    expect(new Set(ids).size).toBe(3);
    const search = await coordinator.get(`/api/v1/programs/${program.programId}/applications?q=otto`);
    expect(search.json().applications.map((a: { applicant: { name: string } }) => a.applicant.name)).toEqual([
      'Otto Mentee',
    ]);
    const mentors = await coordinator.get(`/api/v1/programs/${program.programId}/applications?role=mentor`);
    expect(mentors.json().total).toBe(1);
    expectField(
      await coordinator.get(`/api/v1/programs/${program.programId}/applications?status=lost`),
      'querystring.status',
    );
  });

  it('rejecting needs a message; a decision emails the applicant and is audited', async () => {
    const queue = await coordinator.get(`/api/v1/programs/${program.programId}/applications?q=mina`);
    const id = queue.json().applications[0].id;
    expectField(
      await coordinator.post(`/api/v1/applications/${id}/decision`, { decision: 'reject' }),
      'message',
    );
    expectError(
      await mentee.post(`/api/v1/applications/${id}/decision`, { decision: 'approve' }),
      403,
      'FORBIDDEN',
    );
    const sentBack = await coordinator.post(`/api/v1/applications/${id}/decision`, {
      decision: 'request_changes',
      message: 'Please say more about your goals',
    });
    expect(sentBack.statusCode, sentBack.body).toBe(200);
    expect(sentBack.json().application.status).toBe('changes_requested');
    const [email] = await emailsTo(mentee.email, 'application-decision');
    expect(email.text).toContain('Please say more about your goals');
    const updated = await mentee.patch(`/api/v1/applications/${id}`, {
      answers: MENTEE_ANSWERS,
      consents: [],
    });
    expect(updated.json().application.status).toBe('submitted');
    const detail = await coordinator.get(`/api/v1/applications/${id}`);
    expect(detail.json().events.at(-2)).toMatchObject({
      action: 'changes_requested',
      actor: { name: 'Cora Coordinator' },
      message: 'Please say more about your goals',
    });
  });

  it('bulk decisions are all or nothing', async () => {
    const queue = (await coordinator.get(`/api/v1/programs/${program.programId}/applications`)).json();
    const ids = queue.applications.map((a: { id: string }) => a.id);
    // Withdraw one: approving it with the others must fail and change nothing.
    const otto = queue.applications.find(
      (a: { applicant: { name: string } }) => a.applicant.name === 'Otto Mentee',
    );
    expect((await otherMentee.post(`/api/v1/applications/${otto.id}/withdraw`)).statusCode).toBe(200);
    const before = await emailsTo(mentee.email, 'application-decision');
    const failed = await coordinator.post(`/api/v1/programs/${program.programId}/applications/decisions`, {
      applicationIds: ids,
      decision: 'approve',
    });
    expectError(failed, 409, 'INVALID_STATE');
    expect(failed.json().error.message).toMatch(/Otto Mentee.*withdrawn/);
    const rows = await t.runtime.database.db
      .select()
      .from(applications)
      .where(eq(applications.programId, program.programId));
    expect(rows.filter((row) => row.status === 'approved')).toEqual([]);
    expect(await emailsTo(mentee.email, 'application-decision')).toHaveLength(before.length);

    const live = ids.filter((id: string) => id !== otto.id);
    expectError(
      await mentee.post(`/api/v1/programs/${program.programId}/applications/decisions`, {
        applicationIds: live,
        decision: 'approve',
      }),
      403,
      'FORBIDDEN',
    );
    const approved = await coordinator.post(`/api/v1/programs/${program.programId}/applications/decisions`, {
      applicationIds: live,
      decision: 'approve',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().applications.map((a: { status: string }) => a.status)).toEqual([
      'approved',
      'approved',
    ]);
    expect(await emailsTo(mentor.email, 'application-decision')).toHaveLength(1);
  });
});

describe('rankings', () => {
  it('an approved mentee ranks approved mentors of the cohort, up to the limit', async () => {
    const mine = (await mentee.get('/api/v1/me/applications')).json().applications[0];
    const url = `/api/v1/applications/${mine.id}/rankings`;
    const view = await mentee.get(url);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({ maxRankings: 2, can: { edit: true } });
    expect(view.json().candidates.map((c: { name: string }) => c.name)).toEqual(['Mo Mentor']);
    const mentorId = view.json().candidates[0].applicationId;
    expectField(
      await mentee.request({ method: 'PUT', url, payload: { rankedApplicationIds: [mine.id] } }),
      'rankedApplicationIds.0',
    );
    const ranked = await mentee.request({
      method: 'PUT',
      url,
      payload: { rankedApplicationIds: [mentorId] },
    });
    expect(ranked.statusCode, ranked.body).toBe(200);
    expect(ranked.json().rankings).toEqual([{ applicationId: mentorId, name: 'Mo Mentor', rank: 1 }]);
    expectError(
      await coordinator.request({ method: 'PUT', url, payload: { rankedApplicationIds: [] } }),
      403,
      'FORBIDDEN',
    );
    // Mentors do not rank in this program.
    const mentorUrl = `/api/v1/applications/${mentorId}/rankings`;
    expectError(
      await mentor.request({ method: 'PUT', url: mentorUrl, payload: { rankedApplicationIds: [] } }),
      409,
      'INVALID_STATE',
    );
  });
});

describe('mentor eligibility', () => {
  it('evaluates every rule and lets a coordinator settle one that needs review', async () => {
    const strict = await createProgramFixture(t, organizationId, {
      program: { name: 'Strict Program' },
    });
    const rulesUrl = `/api/v1/programs/${strict.programId}/eligibility-rules`;
    expectError(await mentor.request({ method: 'PUT', url: rulesUrl, payload: {} }), 403, 'FORBIDDEN');
    expectField(
      await coordinator.request({ method: 'PUT', url: rulesUrl, payload: { minimumYearsAdmitted: -1 } }),
      'minimumYearsAdmitted',
    );
    const saved = await coordinator.request({
      method: 'PUT',
      url: rulesUrl,
      payload: {
        minimumYearsAdmitted: 5,
        requireGoodStanding: true,
        noDiscipline: { withinYears: 10 },
        insurance: { minimumPerClaim: 500000, minimumAggregate: 1000000, exemptions: ['government'] },
        references: { count: 2, maxFromSameFirm: 1 },
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await mentor.get(rulesUrl)).json().can.edit).toBe(false);

    expectField(
      await mentor.post(`/api/v1/programs/${strict.programId}/applications`, {
        role: 'mentor',
        answers: MENTOR_ANSWERS,
      }),
      'answers.eligibility',
    );
    const response = await mentor.post(`/api/v1/programs/${strict.programId}/applications`, {
      role: 'mentor',
      answers: {
        ...MENTOR_ANSWERS,
        eligibility: {
          goodStanding: true,
          hasDiscipline: true,
          insurance: { exemption: 'government' },
          references: [
            { name: 'Rita Ref', email: 'rita@example.test', firm: 'Hollis & Pratt LLP' },
            { name: 'Rob Ref', email: 'rob@example.test', firm: 'Court of Appeals' },
          ],
        },
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    const application = response.json().application;
    expect(application.eligibility.status).toBe('pending');
    expect(
      Object.fromEntries(
        application.eligibility.rules.map((r: { id: string; outcome: string }) => [r.id, r.outcome]),
      ),
    ).toEqual({
      minimum_years_admitted: 'pass',
      good_standing: 'pass',
      no_discipline: 'needs_review',
      insurance: 'pass',
      references: 'pass',
    });
    const reviewUrl = `/api/v1/applications/${application.id}/eligibility/no_discipline`;
    expectError(await mentor.post(reviewUrl, { outcome: 'pass', note: 'mine' }), 403, 'FORBIDDEN');
    expectField(await coordinator.post(reviewUrl, { outcome: 'maybe', note: 'x' }), 'outcome');
    const reviewed = await coordinator.post(reviewUrl, {
      outcome: 'pass',
      note: 'Bar record shows a 2001 admonition only',
    });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect(reviewed.json().application.eligibility).toMatchObject({
      status: 'eligible',
      rules: expect.arrayContaining([
        expect.objectContaining({ id: 'no_discipline', outcome: 'pass', reviewedBy: 'Cora Coordinator' }),
      ]),
    });
    const filtered = await coordinator.get(
      `/api/v1/programs/${strict.programId}/applications?eligibility=eligible`,
    );
    expect(filtered.json().total).toBe(1);
  });
});

describe('the open sign-up link', () => {
  it('lets a coordinator make a link; anyone sees the program; a newcomer signs up and joins as a member', async () => {
    const closed = await coordinator.post(`/api/v1/programs/${program.programId}/open-link`);
    expectError(closed, 409, 'INVALID_STATE');
    const open = await createProgramFixture(t, organizationId, {
      program: { name: 'Open Circle', enrolmentMode: 'open_link' },
    });
    expectError(await mentee.post(`/api/v1/programs/${open.programId}/open-link`), 403, 'FORBIDDEN');
    const first = await coordinator.post(`/api/v1/programs/${open.programId}/open-link`);
    expect(first.statusCode, first.body).toBe(201);
    const created = await coordinator.post(`/api/v1/programs/${open.programId}/open-link`);
    const { token, url } = created.json();
    expect(url).toBe(`${t.config.publicUrl}/enrol/${token}`);
    // The first link was replaced.
    expectError(await new TestClient(t.app).get(`/api/v1/enrol/${first.json().token}`), 404, 'NOT_FOUND');

    const anonymous = await new TestClient(t.app).get(`/api/v1/enrol/${token}`);
    expect(anonymous.statusCode, anonymous.body).toBe(200);
    expect(anonymous.json()).toMatchObject({
      program: { name: 'Open Circle' },
      isMember: null,
      cohort: { id: open.cohortId },
    });
    expectField(await new TestClient(t.app).get('/api/v1/enrol/short'), 'params.token');
    expectError(await new TestClient(t.app).post(`/api/v1/enrol/${token}/join`), 401, 'UNAUTHENTICATED');

    const newcomer = await signedIn(t, 'Nell Newcomer', uniqueEmail('nell'));
    expect((await newcomer.get(`/api/v1/enrol/${token}`)).json().isMember).toBe(false);
    const joined = await newcomer.post(`/api/v1/enrol/${token}/join`);
    expect(joined.statusCode, joined.body).toBe(200);
    expect(joined.json()).toEqual({ organizationId, programId: open.programId });
    expect((await newcomer.post(`/api/v1/enrol/${token}/join`)).statusCode).toBe(200);
    const applyPage = await newcomer.get(`/api/v1/programs/${open.programId}/apply`);
    expect(applyPage.statusCode, applyPage.body).toBe(200);
    const members = await admin.get(`/api/v1/organizations/${organizationId}/members`);
    expect(members.json().members.find((m: { userId: string }) => m.userId === newcomer.userId).role).toBe(
      'member',
    );
  });
});
