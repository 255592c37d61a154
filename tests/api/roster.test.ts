/**
 * Roster import and program invitations through the API: who may, what a bad file answers (row and
 * column named, nothing written), idempotence, the invitation turning into an application, a huge body,
 * and a failure injected mid-import leaving nothing behind.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applicationEvents,
  applications,
  cohorts,
  emails,
  invitations,
  programInvitations,
} from '../../src/db/schema.ts';
import {
  createOrganization,
  expectError,
  expectField,
  invitationLink,
  signedIn,
  type SignedInClient,
} from '../support/api.ts';
import { createTestApp, TestClient, uniqueEmail, type TestApp } from '../support/app.ts';
import { insertProgram, joinOrganization } from '../support/roster-fixtures.ts';

let t: TestApp;
let admin: SignedInClient;
let member: SignedInClient;
let organizationId: string;
let programId: string;
let cohortId: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signedIn(t, 'Rosa Coordinator');
  organizationId = (await createOrganization(admin)).id;
  member = await joinOrganization(t, admin, organizationId, 'Milo Member');
  ({ programId, cohortId } = await insertProgram(t.runtime.database.db, organizationId));
}, 60_000);
afterAll(async () => t.close());

const db = () => t.runtime.database.db;

function upload(
  client: TestClient,
  csv: string | Buffer,
  query: Record<string, string> = {},
  id = programId,
) {
  const search = new URLSearchParams(query).toString();
  return client.request({
    method: 'POST',
    url: `/api/v1/programs/${id}/roster-imports${search ? `?${search}` : ''}`,
    headers: { 'content-type': 'text/csv' },
    payload: csv,
  });
}

const HEADER = 'email,name,role,practice_areas,years_of_practice,languages,capacity\n';

async function countIn(cohort: string) {
  const [apps] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(applications)
    .where(eq(applications.cohortId, cohort));
  const [pending] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(programInvitations)
    .where(eq(programInvitations.cohortId, cohort));
  return { applications: apps.n, programInvitations: pending.n };
}

describe('POST /api/v1/programs/:programId/roster-imports', () => {
  it('needs a signed-in user (401)', async () => {
    const response = await upload(new TestClient(t.app), `${HEADER}a@b.co,A,mentor,,,,\n`);
    expectError(response, 401, 'UNAUTHENTICATED');
  });

  it('refuses a member who does not coordinate the program (403)', async () => {
    expectError(await upload(member, `${HEADER}a@b.co,A,mentor,,,,\n`), 403, 'FORBIDDEN');
  });

  it("reads another organization's program as missing (404)", async () => {
    const outsider = await signedIn(t, 'Otto Outsider');
    await createOrganization(outsider, { name: 'Other Firm' });
    expectError(await upload(outsider, `${HEADER}a@b.co,A,mentor,,,,\n`), 404, 'NOT_FOUND');
    expectError(
      await upload(admin, `${HEADER}a@b.co,A,mentor,,,,\n`, {}, 'no-such-program'),
      404,
      'NOT_FOUND',
    );
    expectError(await upload(admin, HEADER, { cohortId: 'no-such-cohort' }), 404, 'NOT_FOUND');
  });

  it('names row and column of every problem; a dry run lists them all, an import writes nothing (400)', async () => {
    const csv =
      HEADER +
      'good@example.test,Gina Good,mentee,employment,2,en,\n' +
      'not-an-email,Bad Email,mentee,,,,\n' +
      'role@example.test,Bad Role,partner,,,,\n' +
      'area@example.test,Bad Area,mentee,underwater-basket-weaving,,,\n' +
      'years@example.test,Bad Years,mentee,,lots,,\n' +
      'lang@example.test,Bad Language,mentee,,,english!!,\n' +
      'formula@example.test,"=HYPERLINK(""http://evil.test"",""click"")",mentor,,,,\n' +
      'GOOD@example.test,Gina Again,mentee,,,,\n';
    const preview = await upload(admin, csv, { dryRun: 'true' });
    expect(preview.statusCode, preview.body).toBe(200);
    const body = preview.json();
    expect(body.isCommitted).toBe(false);
    expect(body.issues.map((i: { row: number; column: string }) => `${i.row}:${i.column}`)).toEqual([
      '3:email',
      '4:role',
      '5:practice_areas',
      '6:years_of_practice',
      '7:languages',
      '8:name',
      '9:email',
    ]);
    expect(body.issues[5].message).toMatch(/formula/);
    expect(body.issues[6].message).toMatch(/already on row 2/);

    const committed = await upload(admin, csv);
    expectField(committed, 'rows[3].email');
    expect(committed.json().error.details.issues.map((i: { path: string }) => i.path)).toContain(
      'rows[8].name',
    );
    expect(await countIn(cohortId)).toEqual({ applications: 0, programInvitations: 0 });
  });

  it('refuses a file with required columns missing, naming them, and reports unknown columns', async () => {
    const response = await upload(admin, 'email,full_name,favourite_colour\na@b.co,A,blue\n', {
      dryRun: 'true',
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.issues).toEqual(
      expect.arrayContaining([
        { row: 1, column: 'name', message: 'required column is missing' },
        { row: 1, column: 'role', message: 'required column is missing' },
      ]),
    );
    expect(body.unknownColumns).toEqual(['full_name', 'favourite_colour']);
    expectField(await upload(admin, 'email,full_name\na@b.co,A\n'), 'header.role');
  });

  it('refuses a file that is not UTF-8, saying how to fix it', async () => {
    const latin1 = Buffer.from('email,name,role\nzoe@example.test,Zo\xe9,mentee\n', 'latin1');
    const response = await upload(admin, latin1);
    expectField(response, 'file');
    expect(response.json().error.message).toMatch(/CSV UTF-8/);
  });

  it('refuses a body without a CSV content type (400 naming it)', async () => {
    const response = await admin.post(`/api/v1/programs/${programId}/roster-imports`, { email: 'x' });
    expectField(response, 'content-type');
  });

  it('refuses a 50 MB body cleanly (413), writing nothing', async () => {
    const huge = Buffer.alloc(50 * 1024 * 1024, 'a');
    const response = await upload(admin, huge);
    expectError(response, 413, 'PAYLOAD_TOO_LARGE');
    expect(response.json().error.message).toMatch(/10 MB/);
    expect(await countIn(cohortId)).toEqual({ applications: 0, programInvitations: 0 });
  });

  it('imports members as approved applications and invites everyone else, once: the same file twice changes nothing', async () => {
    const newcomer = uniqueEmail('nora.newcomer');
    const csv =
      '\uFEFF' +
      HEADER +
      `${member.email.toUpperCase()},Milo Member,mentee,employment;tax,1,en;es,\n` +
      `${newcomer},Nora Newcomer,mentor,criminal-defense,12,en,2\n`;
    const preview = await upload(admin, csv, { dryRun: 'true', cohortId });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().rows.map((r: { action: string }) => r.action)).toEqual([
      'create_application',
      'invite',
    ]);
    expect(await countIn(cohortId)).toEqual({ applications: 0, programInvitations: 0 });

    const first = await upload(admin, csv, { cohortId });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().counts).toMatchObject({ create_application: 1, invite: 1 });
    const [application] = await db()
      .select()
      .from(applications)
      .where(eq(applications.userId, member.userId));
    expect(application).toMatchObject({
      status: 'approved',
      role: 'mentee',
      answers: { practice_areas: ['employment', 'tax'], years_of_practice: 1, languages: ['en', 'es'] },
    });
    const events = await db()
      .select()
      .from(applicationEvents)
      .where(eq(applicationEvents.applicationId, application.id));
    expect(events.map((event) => event.action)).toEqual(['imported']);
    const [invitationEmail] = await db().select().from(emails).where(eq(emails.to, newcomer));
    expect(invitationEmail.text).toContain('New Lawyer Mentoring 2027');

    const second = await upload(admin, csv, { cohortId });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().counts).toMatchObject({ unchanged: 2, create_application: 0, invite: 0 });
    expect(await countIn(cohortId)).toEqual({ applications: 1, programInvitations: 1 });
    const sent = await db().select().from(emails).where(eq(emails.to, newcomer));
    expect(sent).toHaveLength(1);

    // Accepting the organization invitation turns the program invitation into an application.
    const nora = await signedIn(t, 'Nora Newcomer', newcomer);
    const { token } = await invitationLink(t, newcomer);
    const accepted = await nora.post(`/api/v1/invitations/${token}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    const [noraApplication] = await db()
      .select()
      .from(applications)
      .where(eq(applications.userId, nora.userId));
    expect(noraApplication).toMatchObject({
      cohortId,
      role: 'mentor',
      status: 'approved',
      capacity: 2,
      answers: { practice_areas: ['criminal-defense'], years_of_practice: 12, languages: ['en'] },
    });
    const [converted] = await db()
      .select()
      .from(programInvitations)
      .where(sql`lower(${programInvitations.email}) = ${newcomer}`);
    expect(converted.applicationId).toBe(noraApplication.id);

    // Changed answers update the application; the rest stays.
    const third = await upload(
      admin,
      HEADER + `${member.email},Milo Member,mentee,employment;tax,2,en;es,\n`,
      { cohortId, status: 'submitted' },
    );
    expect(third.json().rows[0].action).toBe('update_application');
    expect(await countIn(cohortId)).toEqual({ applications: 2, programInvitations: 1 });
  });

  it('writes nothing when a failure is injected mid-import (one transaction)', async () => {
    const { cohortId: other } = await insertProgram(db(), organizationId, 'Failure Program').then(
      async (p) => {
        programIdForFailure = p.programId;
        return p;
      },
    );
    // The database refuses the application of the last row, after invitations and emails were written.
    await db().execute(
      sql.raw(`CREATE OR REPLACE FUNCTION roster_test_fail() RETURNS trigger AS $$
        BEGIN IF NEW.answers->>'location' = 'FAIL HERE' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END;
        $$ LANGUAGE plpgsql`),
    );
    await db().execute(
      sql.raw(
        'CREATE TRIGGER roster_test_fail BEFORE INSERT ON applications FOR EACH ROW EXECUTE FUNCTION roster_test_fail()',
      ),
    );
    try {
      const emailsBefore = await db()
        .select({ n: sql<number>`count(*)::int` })
        .from(emails);
      const invitationsBefore = await db()
        .select({ n: sql<number>`count(*)::int` })
        .from(invitations);
      const lines = [
        'email,name,role,location',
        `${uniqueEmail('first.invitee')},First Invitee,mentee,Portland`,
        `${uniqueEmail('second.invitee')},Second Invitee,mentor,Seattle`,
        `${member.email},Milo Member,mentee,FAIL HERE`,
      ];
      const response = await upload(admin, `${lines.join('\n')}\n`, {}, programIdForFailure);
      expect(response.statusCode).toBe(500);
      expect(await countIn(other)).toEqual({ applications: 0, programInvitations: 0 });
      expect(
        await db()
          .select({ n: sql<number>`count(*)::int` })
          .from(emails),
      ).toEqual(emailsBefore);
      expect(
        await db()
          .select({ n: sql<number>`count(*)::int` })
          .from(invitations),
      ).toEqual(invitationsBefore);
    } finally {
      await db().execute(sql.raw('DROP TRIGGER roster_test_fail ON applications'));
    }
  });
});

let programIdForFailure: string;

describe('program invitations', () => {
  const path = () => `/api/v1/programs/${programId}/invitations`;

  it('needs a signed-in coordinator (401, 403) and a valid body (400)', async () => {
    expectError(await new TestClient(t.app).get(path()), 401, 'UNAUTHENTICATED');
    expectError(await member.get(path()), 403, 'FORBIDDEN');
    expectError(await member.post(path(), { emails: ['x@example.test'], role: 'mentee' }), 403, 'FORBIDDEN');
    expectField(await admin.post(path(), { emails: ['not an email'], role: 'mentee' }), 'emails.0');
    expectField(await admin.post(path(), { emails: ['x@example.test'], role: 'boss' }), 'role');
  });

  it("reads another organization's program as missing (404)", async () => {
    const outsider = await signedIn(t, 'Olga Outsider');
    await createOrganization(outsider, { name: 'Elsewhere LLP' });
    expectError(await outsider.get(path()), 404, 'NOT_FOUND');
    expectError(
      await outsider.post(path(), { emails: ['x@example.test'], role: 'mentee' }),
      404,
      'NOT_FOUND',
    );
  });

  it('emails members the program link and non-members an invitation naming the program; lists and revokes', async () => {
    const colleague = await joinOrganization(t, admin, organizationId, 'Cleo Colleague');
    const stranger = uniqueEmail('sam.stranger');
    const response = await admin.post(path(), { emails: [colleague.email, stranger], role: 'mentee' });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().outcomes).toEqual([
      { email: colleague.email, outcome: 'invited' },
      { email: stranger, outcome: 'invited' },
    ]);
    const [programEmail] = await db()
      .select()
      .from(emails)
      .where(and(eq(emails.to, colleague.email), eq(emails.template, 'program-invitation')));
    expect(programEmail.text).toContain(`/programs/${programId}`);
    const { url } = await invitationLink(t, stranger);
    expect(url).toContain('/invitations/');

    const again = await admin.post(path(), { emails: [stranger], role: 'mentee' });
    expect(again.json().outcomes).toEqual([{ email: stranger, outcome: 'already_invited' }]);

    const list = await admin.get(path());
    expect(list.statusCode, list.body).toBe(200);
    const listed = list.json().invitations as Array<{
      id: string;
      email: string;
      status: string;
      can: { revoke: boolean };
    }>;
    const strangers = listed.find((entry) => entry.email === stranger)!;
    expect(strangers).toMatchObject({ status: 'pending', can: { revoke: true } });

    expectError(
      await member.request({ method: 'DELETE', url: `${path()}/${strangers.id}` }),
      403,
      'FORBIDDEN',
    );
    const revoked = await admin.request({ method: 'DELETE', url: `${path()}/${strangers.id}` });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expectError(
      await admin.request({ method: 'DELETE', url: `${path()}/${strangers.id}` }),
      404,
      'NOT_FOUND',
    );
    const [orgInvitation] = await db().select().from(invitations).where(eq(invitations.email, stranger));
    expect(orgInvitation.revokedAt).not.toBeNull();
  });
});

describe('the cohort of an import, named in every refusal', () => {
  it('lists the cohorts open to imports when the one asked for is unknown, and names a closed one', async () => {
    const other = await insertProgram(db(), organizationId, 'Cohort errors program');
    const unknown = await upload(admin, HEADER, { cohortId: 'no-such-cohort' }, other.programId);
    expectError(unknown, 404, 'NOT_FOUND');
    expect(unknown.json().error.message).toBe(
      `Cohort errors program has no cohort no-such-cohort; its cohorts open to imports: Spring intake (${other.cohortId})`,
    );
    await db().update(cohorts).set({ state: 'closed' }).where(eq(cohorts.id, other.cohortId));
    const closed = await upload(admin, HEADER, { cohortId: other.cohortId }, other.programId);
    expectError(closed, 409, 'INVALID_STATE');
    expect(closed.json().error.message).toBe(
      `The cohort Spring intake (${other.cohortId}) of Cohort errors program is closed; it takes nobody new`,
    );
    expect((await upload(admin, HEADER, { cohortId: 'gone' }, other.programId)).json().error.message).toBe(
      'Cohort errors program has no cohort gone; it has no cohort open to imports',
    );
  });
});
