/**
 * What a program's enrolment mode changes (ADR 015): who may apply (invitation only: the people the
 * coordinators invited, nobody else, and the program is not shown to others as open), and what
 * submitting does (open link: approved at once, mentors only when every eligibility rule passes, recorded
 * and emailed like a decision). Also the form rule that an inside/outside program asks the employer.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberRole } from '../../src/core/roles.ts';
import { emails, programInvitations } from '../../src/db/schema.ts';
import {
  createOrganization,
  expectError,
  expectField,
  invitationLink,
  signedIn,
  type SignedInClient,
} from '../support/api.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createProgramFixture, type ProgramFixture } from '../support/enrolment-fixtures.ts';

const t: TestApp = await createTestApp();
afterAll(async () => t.close());

let admin: SignedInClient;
let coordinator: SignedInClient;
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

function apply(client: SignedInClient, program: ProgramFixture, role: 'mentee' | 'mentor', answers = {}) {
  return client.post(`/api/v1/programs/${program.programId}/applications`, {
    role,
    answers: { ...(role === 'mentee' ? MENTEE_ANSWERS : MENTOR_ANSWERS), ...answers },
  });
}

function emailsTo(to: string, template: string) {
  return t.runtime.database.db
    .select()
    .from(emails)
    .where(and(eq(emails.to, to), eq(emails.template, template)));
}

async function detail(client: SignedInClient, applicationId: string) {
  const response = await client.get(`/api/v1/applications/${applicationId}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{
    application: { status: string; decidedAt: string | null };
    events: Array<{ action: string; toStatus: string | null; actor: unknown; message: string | null }>;
  }>();
}

async function listedAsOpen(client: SignedInClient, programId: string): Promise<boolean> {
  const response = await client.get(`/api/v1/organizations/${organizationId}/programs`);
  expect(response.statusCode, response.body).toBe(200);
  const found = response
    .json<{ programs: Array<{ id: string; can: { apply: boolean } }> }>()
    .programs.find((program) => program.id === programId);
  return found?.can.apply ?? false;
}

beforeAll(async () => {
  admin = await signedIn(t, 'Ada Admin');
  organizationId = (await createOrganization(admin)).id;
  coordinator = await join('Cora Coordinator', 'coordinator');
}, 120_000);

describe('approval required', () => {
  it('lets any member apply and keeps every application for review', async () => {
    const program = await createProgramFixture(t, organizationId, {
      program: { enrolmentMode: 'approval_required' },
    });
    const member = await join('Amy Applicant');
    const context = await member.get(`/api/v1/programs/${program.programId}/apply?role=mentee`);
    expect(context.json().enrolment).toMatchObject({
      mode: 'approval_required',
      canApply: true,
      reason: null,
      approvesOnSubmit: false,
    });
    const applied = await apply(member, program, 'mentee');
    expect(applied.statusCode, applied.body).toBe(201);
    expect(applied.json().application.status).toBe('submitted');
    expect(await emailsTo(member.email, 'application-received')).toHaveLength(1);
    expect(await emailsTo(member.email, 'application-decision')).toHaveLength(0);
  });
});

describe('invitation only', () => {
  it('refuses people nobody invited, naming the rule, and does not show them the program as open', async () => {
    const program = await createProgramFixture(t, organizationId, {
      program: { name: 'Associates Circle', enrolmentMode: 'invitation_only' },
    });
    const stranger = await join('Sam Stranger');
    expect(await listedAsOpen(stranger, program.programId)).toBe(false);
    const context = await stranger.get(`/api/v1/programs/${program.programId}/apply?role=mentee`);
    expect(context.json().enrolment).toMatchObject({
      mode: 'invitation_only',
      canApply: false,
      reason:
        'Associates Circle enrols by invitation only: only people its coordinators invited to 2027 spring intake as a mentee may apply',
    });
    const refused = await apply(stranger, program, 'mentee');
    expectError(refused, 403, 'FORBIDDEN');
    expect(refused.json().error.message).toContain('enrols by invitation only');
  });

  it('lets an invited member apply in the role they were invited as, and links the invitation', async () => {
    const program = await createProgramFixture(t, organizationId, {
      program: { name: 'Partners Circle', enrolmentMode: 'invitation_only' },
    });
    const invitee = await join('Ivy Invitee');
    const invited = await coordinator.post(`/api/v1/programs/${program.programId}/invitations`, {
      emails: [invitee.email.toUpperCase()],
      role: 'mentee',
    });
    expect(invited.statusCode, invited.body).toBe(201);
    expect(await listedAsOpen(invitee, program.programId)).toBe(true);
    expectError(await apply(invitee, program, 'mentor'), 403, 'FORBIDDEN');
    const applied = await apply(invitee, program, 'mentee');
    expect(applied.statusCode, applied.body).toBe(201);
    expect(applied.json().application.status).toBe('submitted');
    const [invitation] = await t.runtime.database.db
      .select()
      .from(programInvitations)
      .where(eq(programInvitations.programId, program.programId));
    expect(invitation.applicationId).toBe(applied.json().application.id);
  });
});

describe('open link', () => {
  it('approves a mentee on submission, recorded as the rule’s decision and emailed', async () => {
    const program = await createProgramFixture(t, organizationId, {
      program: { name: 'Open Circle', enrolmentMode: 'open_link' },
    });
    const mentee = await join('Olive Open');
    const context = await mentee.get(`/api/v1/programs/${program.programId}/apply?role=mentee`);
    expect(context.json().enrolment).toMatchObject({ canApply: true, approvesOnSubmit: true });
    const applied = await apply(mentee, program, 'mentee');
    expect(applied.statusCode, applied.body).toBe(201);
    expect(applied.json().application.status).toBe('approved');
    const { application, events } = await detail(coordinator, applied.json().application.id);
    expect(application.decidedAt).not.toBeNull();
    expect(events).toEqual([
      expect.objectContaining({ action: 'submitted', toStatus: 'submitted' }),
      expect.objectContaining({
        action: 'approved',
        toStatus: 'approved',
        actor: null,
        message: 'Approved on submission: this program enrols mentees by open link',
      }),
    ]);
    const [decision] = await emailsTo(mentee.email, 'application-decision');
    expect(decision.subject).toBe('Open Circle: You are in');
    expect(decision.text).toContain('approved when you submitted it');
    expect(await emailsTo(mentee.email, 'application-received')).toHaveLength(0);
  });

  it('approves a mentor only when every eligibility rule passes; otherwise keeps it for review with the reasons', async () => {
    const program = await createProgramFixture(t, organizationId, {
      program: {
        name: 'Open Bar Mentoring',
        enrolmentMode: 'open_link',
        eligibilityRules: { minimumYearsAdmitted: 5 },
      },
    });
    const senior = await join('Sid Senior');
    const approved = await apply(senior, program, 'mentor', { years_of_practice: 12, eligibility: {} });
    expect(approved.statusCode, approved.body).toBe(201);
    expect(approved.json().application.status).toBe('approved');
    expect((await detail(coordinator, approved.json().application.id)).events.at(-1)).toMatchObject({
      action: 'approved',
      actor: null,
      message: 'Approved on submission: open-link enrolment, and every mentor eligibility rule passed',
    });

    const junior = await join('Jo Junior');
    const waiting = await apply(junior, program, 'mentor', { years_of_practice: 2, eligibility: {} });
    expect(waiting.statusCode, waiting.body).toBe(201);
    expect(waiting.json().application.status).toBe('submitted');
    const { events } = await detail(coordinator, waiting.json().application.id);
    expect(events).toEqual([
      expect.objectContaining({
        action: 'submitted',
        message: expect.stringMatching(
          /^Waiting for a coordinator: not every mentor eligibility rule passed\. .*fails/,
        ),
      }),
    ]);
    const [received] = await emailsTo(junior.email, 'application-received');
    expect(received.text).toContain('not every mentor eligibility rule passed');
    expect(await emailsTo(junior.email, 'application-decision')).toHaveLength(0);
  });
});

describe('forms of a program with an inside/outside rule', () => {
  it('must ask the employer question, required, on every form; the error names it', async () => {
    const program = await createProgramFixture(t, organizationId, {
      program: { insideOutsideRule: 'must_be_outside' },
    });
    const url = `/api/v1/programs/${program.programId}/forms/mentor`;
    const put = (questions: unknown[]) => coordinator.request({ method: 'PUT', url, payload: { questions } });
    const areas = { kind: 'built_in', id: 'practice_areas', required: true };
    const missing = await put([areas]);
    expectField(missing, 'questions');
    expect(missing.json().error.details.issues[0].message).toContain('built-in question employer');
    expectField(
      await put([areas, { kind: 'built_in', id: 'employer', required: false }]),
      'questions.1.required',
    );
    const saved = await put([areas, { kind: 'built_in', id: 'employer', required: true }]);
    expect(saved.statusCode, saved.body).toBe(200);

    const either = await createProgramFixture(t, organizationId);
    const free = await coordinator.request({
      method: 'PUT',
      url: `/api/v1/programs/${either.programId}/forms/mentor`,
      payload: { questions: [areas] },
    });
    expect(free.statusCode, free.body).toBe(200);
  });
});
