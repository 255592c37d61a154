import { createHash, randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { fixedClock } from '../../src/core/clock.ts';
import { emails, invitations, users } from '../../src/db/schema.ts';
import {
  confirmEmail,
  createOrganization as createOrganizationAs,
  expectError,
  expectField,
  invitationLink,
  signedIn as signedInAs,
} from '../support/api.ts';
import { createTestApp, TestClient, uniqueEmail, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  // A fixed clock (starting now, so sessions stay valid) lets a test move past an invitation's expiry.
  t = await createTestApp({ clock: new Date() });
});
afterAll(async () => t.close());

const DAY = 24 * 60 * 60 * 1000;
const clock = () => t.runtime.clock as ReturnType<typeof fixedClock>;
const db = () => t.runtime.database.db;

const signedIn = (name: string, email?: string, options?: { confirmEmail?: boolean }) =>
  signedInAs(t, name, email, options);

async function createOrganization(client: TestClient, name = 'Lane County Legal Aid') {
  const organization = await createOrganizationAs(client, {
    name,
    kind: 'legal_aid',
    jurisdictions: ['US-OR'],
  });
  return organization.id;
}

async function invite(client: TestClient, organizationId: string, email: string, role = 'member') {
  const response = await client.post(`/api/v1/organizations/${organizationId}/invitations`, { email, role });
  expect(response.statusCode, response.body).toBe(201);
  // The clock is fixed: move it on so that invitations have distinct times, as they would in real use.
  clock().advance(1000);
  return {
    ...(response.json().invitation as { id: string; expiresAt: string }),
    ...(await invitationLink(t, email.toLowerCase())),
  };
}

/** An organization with an admin and, joined through invitations, a coordinator and a member. */
async function staffedOrganization() {
  const admin = await signedIn('Ana Admin');
  const coordinator = await signedIn('Cy Coordinator');
  const member = await signedIn('Mo Member');
  const organizationId = await createOrganization(admin);
  for (const [client, role] of [
    [coordinator, 'coordinator'],
    [member, 'member'],
  ] as const) {
    const { token } = await invite(admin, organizationId, client.email, role);
    expect((await client.post(`/api/v1/invitations/${token}/accept`)).statusCode).toBe(200);
  }
  return { organizationId, admin, coordinator, member };
}

describe('the invitation journey', () => {
  it('emails a link that a second user opens, previews without signing in, and accepts', async () => {
    const admin = await signedIn('Rosa Reyes');
    const organizationId = await createOrganization(admin, 'Reyes & Daughters');
    const inviteeEmail = uniqueEmail('new.associate');
    const created = await admin.post(`/api/v1/organizations/${organizationId}/invitations`, {
      email: inviteeEmail.toUpperCase(),
      role: 'coordinator',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().invitation).toMatchObject({
      email: inviteeEmail,
      role: 'coordinator',
      status: 'pending',
      invitedBy: 'Rosa Reyes',
      can: { revoke: true, resend: true },
    });
    // The API never hands out the token; only the email carries it.
    const { url, token } = await invitationLink(t, inviteeEmail);
    expect(created.body).not.toContain(token);
    expect(url).toBe(`${t.config.publicUrl}/invitations/${token}`);
    const [stored] = await db()
      .select()
      .from(invitations)
      .where(eq(invitations.organizationId, organizationId));
    expect(stored.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(token);

    const preview = await new TestClient(t.app).get(`/api/v1/invitations/${token}`);
    expect(preview.statusCode).toBe(200);
    expect(preview.json().invitation).toMatchObject({
      organizationName: 'Reyes & Daughters',
      role: 'coordinator',
      email: inviteeEmail,
      status: 'pending',
    });

    // The invitee has not confirmed their address: accepting through the emailed link does that.
    const invitee = await signedIn('Sol Associate', inviteeEmail, { confirmEmail: false });
    expect((await invitee.get('/api/v1/me')).json().user.emailVerified).toBe(false);
    const accepted = await invitee.post(`/api/v1/invitations/${token}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().organization).toMatchObject({
      id: organizationId,
      name: 'Reyes & Daughters',
      role: 'coordinator',
      can: { invite: true, inviteRoles: ['coordinator', 'member'], edit: false },
    });
    // Following the emailed link proved the address.
    expect((await invitee.get('/api/v1/me')).json().user.emailVerified).toBe(true);

    for (const client of [admin, invitee]) {
      const members = (await client.get(`/api/v1/organizations/${organizationId}/members`)).json().members;
      expect(members.map((m: { name: string; role: string }) => [m.name, m.role])).toEqual([
        ['Rosa Reyes', 'admin'],
        ['Sol Associate', 'coordinator'],
      ]);
    }
    expect((await new TestClient(t.app).get(`/api/v1/invitations/${token}`)).json().invitation.status).toBe(
      'accepted',
    );
    expectError(await invitee.post(`/api/v1/invitations/${token}/accept`), 409, 'INVALID_STATE');
  });
});

describe('GET /api/v1/organizations/:organizationId/invitations', () => {
  it('lists invitations for coordinators and admins, filtered by status; members get 403', async () => {
    const { organizationId, admin, coordinator, member } = await staffedOrganization();
    await invite(admin, organizationId, 'future.partner@example.test', 'admin');
    const url = `/api/v1/organizations/${organizationId}/invitations`;

    const pending = await coordinator.get(`${url}?status=pending`);
    expect(pending.statusCode).toBe(200);
    // A coordinator sees the admin invitation but may not revoke or resend it.
    expect(pending.json().invitations).toMatchObject([
      { email: 'future.partner@example.test', role: 'admin', can: { revoke: false, resend: false } },
    ]);
    const all = (await admin.get(url)).json().invitations;
    expect(all.map((i: { status: string }) => i.status)).toEqual(['pending', 'accepted', 'accepted']);
    expect(all[0].can).toEqual({ revoke: true, resend: true });
    expect(all[1].can).toEqual({ revoke: false, resend: false });
    expectError(await member.get(url), 403, 'FORBIDDEN');
  });

  it('answers 401 without a session and 400 for an unknown status', async () => {
    const admin = await signedIn('Bo Admin');
    const organizationId = await createOrganization(admin);
    const url = `/api/v1/organizations/${organizationId}/invitations`;
    expectError(await new TestClient(t.app).get(url), 401, 'UNAUTHENTICATED');
    expectField(await admin.get(`${url}?status=lost`), 'querystring.status');
  });
});

describe('POST /api/v1/organizations/:organizationId/invitations', () => {
  it('lets coordinators invite, but only admins invite admins; members get 403', async () => {
    const { organizationId, coordinator, member } = await staffedOrganization();
    const url = `/api/v1/organizations/${organizationId}/invitations`;
    const refused = await coordinator.post(url, { email: 'boss@example.test', role: 'admin' });
    expectError(refused, 403, 'FORBIDDEN');
    expect(refused.json().error.message).toMatch(/only admins/i);
    expectError(await member.post(url, { email: 'friend@example.test' }), 403, 'FORBIDDEN');
    const created = await coordinator.post(url, { email: 'clerk@example.test' });
    expect(created.statusCode).toBe(201);
    expect(created.json().invitation).toMatchObject({ role: 'member', invitedBy: 'Cy Coordinator' });
  });

  it('refuses to invite someone who is already a member (409)', async () => {
    const { organizationId, admin, member } = await staffedOrganization();
    const response = await admin.post(`/api/v1/organizations/${organizationId}/invitations`, {
      email: member.email.toUpperCase(),
    });
    expectError(response, 409, 'CONFLICT');
    expect(response.json().error.message).toContain(member.email);
  });

  it('replaces the pending invitation when the same address is invited again', async () => {
    const admin = await signedIn('Di Admin');
    const organizationId = await createOrganization(admin);
    const first = await invite(admin, organizationId, 'again@example.test', 'member');
    const second = await invite(admin, organizationId, 'again@example.test', 'coordinator');
    expectError(await new TestClient(t.app).get(`/api/v1/invitations/${first.token}`), 404, 'NOT_FOUND');
    const listed = (await admin.get(`/api/v1/organizations/${organizationId}/invitations`)).json()
      .invitations;
    expect(listed.map((i: { id: string; role: string }) => [i.id, i.role])).toEqual([
      [second.id, 'coordinator'],
    ]);
  });

  it('answers 401, 403 without CSRF, and 400 naming the field', async () => {
    const admin = await signedIn('Ed Admin');
    const organizationId = await createOrganization(admin);
    const url = `/api/v1/organizations/${organizationId}/invitations`;
    expectError(await new TestClient(t.app).post(url, { email: 'a@example.test' }), 401, 'UNAUTHENTICATED');
    expectError(
      await admin.request({ method: 'POST', url, payload: { email: 'a@example.test' }, csrf: false }),
      403,
      'FORBIDDEN',
    );
    expectField(await admin.post(url, { email: 'not-an-email' }), 'email');
    expectField(await admin.post(url, { email: 'a@example.test', role: 'owner' }), 'role');
    expectField(await admin.post(url, { email: 'a@example.test', message: 'Welcome!' }), 'message');
    expect((await admin.get(url)).json().invitations).toEqual([]);
    expect(await db().select().from(emails).where(eq(emails.to, 'a@example.test'))).toEqual([]);
  });
});

describe('revoking and resending', () => {
  it('revokes: the link stops working and cannot be revoked twice', async () => {
    const { organizationId, coordinator, member } = await staffedOrganization();
    const invitee = await signedIn('Flo Revoked');
    const invitation = await invite(coordinator, organizationId, invitee.email);
    const url = `/api/v1/organizations/${organizationId}/invitations/${invitation.id}/revoke`;

    expectError(await member.post(url), 403, 'FORBIDDEN');
    const revoked = await coordinator.post(url);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().invitation).toMatchObject({
      status: 'revoked',
      can: { revoke: false, resend: false },
    });
    expect(
      (await new TestClient(t.app).get(`/api/v1/invitations/${invitation.token}`)).json().invitation.status,
    ).toBe('revoked');
    const refused = await invitee.post(`/api/v1/invitations/${invitation.token}/accept`);
    expectError(refused, 409, 'INVALID_STATE');
    expect(refused.json().error.message).toMatch(/revoked/);
    expectError(await coordinator.post(url), 409, 'INVALID_STATE');
  });

  it('resends with a new link and expiry; the old link stops working', async () => {
    const admin = await signedIn('Gil Admin');
    const organizationId = await createOrganization(admin);
    const invitee = await signedIn('Hana Resent');
    const invitation = await invite(admin, organizationId, invitee.email);
    const response = await admin.post(
      `/api/v1/organizations/${organizationId}/invitations/${invitation.id}/resend`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.json().invitation).toMatchObject({ id: invitation.id, status: 'pending' });
    const fresh = await invitationLink(t, invitee.email);
    expect(fresh.token).not.toBe(invitation.token);
    expectError(await invitee.post(`/api/v1/invitations/${invitation.token}/accept`), 404, 'NOT_FOUND');
    expect((await invitee.post(`/api/v1/invitations/${fresh.token}/accept`)).statusCode).toBe(200);
  });

  it.each(['revoke', 'resend'])(
    '%s answers 401, 403 without CSRF, 400 naming the field, 404',
    async (action) => {
      const { organizationId, admin, member } = await staffedOrganization();
      const invitation = await invite(admin, organizationId, uniqueEmail('pending'));
      const url = `/api/v1/organizations/${organizationId}/invitations/${invitation.id}/${action}`;
      expectError(await new TestClient(t.app).post(url), 401, 'UNAUTHENTICATED');
      expectError(await admin.request({ method: 'POST', url, csrf: false }), 403, 'FORBIDDEN');
      expectError(await member.post(url), 403, 'FORBIDDEN');
      expectField(await admin.post(url, { reason: 'typo' }), 'reason');
      expectField(
        await admin.post(`/api/v1/organizations/${organizationId}/invitations/${'i'.repeat(65)}/${action}`),
        'params.invitationId',
      );
      expectError(
        await admin.post(`/api/v1/organizations/${organizationId}/invitations/${randomUUID()}/${action}`),
        404,
        'NOT_FOUND',
      );
      // None of the refused requests touched the invitation.
      expect(
        (await new TestClient(t.app).get(`/api/v1/invitations/${invitation.token}`)).json().invitation.status,
      ).toBe('pending');
    },
  );
});

describe('GET /api/v1/invitations/:token and POST .../accept', () => {
  it('previews without a session; 400 for a malformed token, 404 for an unknown one', async () => {
    const anonymous = new TestClient(t.app);
    expectField(await anonymous.get('/api/v1/invitations/short'), 'params.token');
    expectField(await anonymous.get(`/api/v1/invitations/${'t'.repeat(43)}?email=x`), 'querystring.email');
    const unknown = await anonymous.get(`/api/v1/invitations/${'t'.repeat(43)}`);
    expectError(unknown, 404, 'NOT_FOUND');
    expect(unknown.json().error.message).toMatch(/not valid/);
  });

  it('refuses a user signed in with another email (403), saying which address is needed', async () => {
    const admin = await signedIn('Ike Admin');
    const organizationId = await createOrganization(admin);
    const invitation = await invite(admin, organizationId, 'intended@example.test');
    const other = await signedIn('Jan Other');
    const response = await other.post(`/api/v1/invitations/${invitation.token}/accept`);
    expectError(response, 403, 'FORBIDDEN');
    expect(response.json().error.message).toContain('intended@example.test');
    expect(response.json().error.message).toContain(other.email);
    expect((await other.get('/api/v1/organizations')).json().organizations).toEqual([]);
  });

  it('answers 401 without a session, 403 without CSRF, 400 for a malformed token, 404 for an unknown one', async () => {
    const admin = await signedIn('Kit Admin');
    const organizationId = await createOrganization(admin);
    const invitee = await signedIn('Lou Invitee');
    const invitation = await invite(admin, organizationId, invitee.email);
    const url = `/api/v1/invitations/${invitation.token}/accept`;
    expectError(await new TestClient(t.app).post(url), 401, 'UNAUTHENTICATED');
    expectError(await invitee.request({ method: 'POST', url, csrf: false }), 403, 'FORBIDDEN');
    expectField(await invitee.post('/api/v1/invitations/short/accept'), 'params.token');
    expectField(await invitee.post(url, { role: 'admin' }), 'role');
    expectError(await invitee.post(`/api/v1/invitations/${'u'.repeat(43)}/accept`), 404, 'NOT_FOUND');
    expect((await invitee.get('/api/v1/organizations')).json().organizations).toEqual([]);
  });

  it('refuses an invitation after its 7 days (409), until it is resent', async () => {
    const admin = await signedIn('Max Admin');
    const organizationId = await createOrganization(admin);
    const invitee = await signedIn('Nia Late');
    const invitation = await invite(admin, organizationId, invitee.email);

    const expiresAt = new Date(invitation.expiresAt).getTime();
    clock().advance(expiresAt - 1 - clock().now().getTime());
    expect((await invitee.get(`/api/v1/invitations/${invitation.token}`)).json().invitation.status).toBe(
      'pending',
    );
    clock().advance(1);
    expect((await invitee.get(`/api/v1/invitations/${invitation.token}`)).json().invitation.status).toBe(
      'expired',
    );
    const listed = (
      await admin.get(`/api/v1/organizations/${organizationId}/invitations?status=expired`)
    ).json();
    expect(listed.invitations).toMatchObject([{ id: invitation.id, can: { resend: true } }]);
    const refused = await invitee.post(`/api/v1/invitations/${invitation.token}/accept`);
    expectError(refused, 409, 'INVALID_STATE');
    expect(refused.json().error.message).toMatch(/expired/);

    const resent = await admin.post(
      `/api/v1/organizations/${organizationId}/invitations/${invitation.id}/resend`,
    );
    expect(new Date(resent.json().invitation.expiresAt).getTime()).toBe(clock().now().getTime() + 7 * DAY);
    const { token } = await invitationLink(t, invitee.email);
    expect((await invitee.post(`/api/v1/invitations/${token}/accept`)).json().organization.role).toBe(
      'member',
    );
  });
});

describe('only a confirmed email address sends invitations', () => {
  it('refuses to invite (403, saying to confirm the address) until the inviter confirms it', async () => {
    const admin = await signedIn('Uma Unconfirmed', undefined, { confirmEmail: false });
    const organizationId = await createOrganization(admin);
    const url = `/api/v1/organizations/${organizationId}/invitations`;
    const target = uniqueEmail('not.yet');

    const refused = await admin.post(url, { email: target });
    expectError(refused, 403, 'FORBIDDEN');
    expect(refused.json().error.message).toMatch(/^Confirm your email address before sending invitations/);
    expect(await db().select().from(emails).where(eq(emails.to, target))).toEqual([]);
    expect((await admin.get(url)).json().invitations).toEqual([]);

    await confirmEmail(t, admin.email);
    expect((await admin.post(url, { email: target })).statusCode).toBe(201);
  });

  it('refuses to resend from an address that is no longer confirmed', async () => {
    const admin = await signedIn('Val Admin');
    const organizationId = await createOrganization(admin);
    const invitation = await invite(admin, organizationId, uniqueEmail('resend.me'));
    await db().update(users).set({ emailVerified: false }).where(eq(users.id, admin.userId));
    const refused = await admin.post(
      `/api/v1/organizations/${organizationId}/invitations/${invitation.id}/resend`,
    );
    expectError(refused, 403, 'FORBIDDEN');
    expect(refused.json().error.message).toMatch(/Confirm your email address/);
    // The old link still works: nothing was changed.
    expect(
      (await new TestClient(t.app).get(`/api/v1/invitations/${invitation.token}`)).json().invitation.status,
    ).toBe('pending');
  });
});

describe('invitation email limits', () => {
  // Small limits so that a test reaches them: 3 per inviter per hour, 5 per organization per day.
  let limited: TestApp;
  beforeAll(async () => {
    limited = await createTestApp({
      env: {
        INVITATION_EMAILS_PER_INVITER_PER_HOUR: '3',
        INVITATION_EMAILS_PER_ORGANIZATION_PER_DAY: '5',
      },
    });
  });
  afterAll(async () => limited.close());

  const invitationsUrl = (organizationId: string) => `/api/v1/organizations/${organizationId}/invitations`;
  const emailsTo = (to: string) => limited.runtime.database.db.select().from(emails).where(eq(emails.to, to));
  /** Moves the invitation emails matching `filter` `hours` into the past, as if sent that long ago. */
  const age = (filter: ReturnType<typeof sql>, hours: number) =>
    limited.runtime.database.db
      .update(emails)
      .set({ createdAt: sql`${emails.createdAt} - (${hours} * interval '1 hour')` })
      .where(and(eq(emails.template, 'invitation'), filter));

  it('limits each inviter per hour and each organization per day (429 with Retry-After), counting resends', async () => {
    const admin = await signedInAs(limited, 'Wren Admin');
    const coordinator = await signedInAs(limited, 'Xan Coordinator');
    const organization = await createOrganizationAs(admin, { name: 'Busy Bar Association' });
    const url = invitationsUrl(organization.id);

    // The coordinator's invitation is the admin's first email.
    expect((await admin.post(url, { email: coordinator.email, role: 'coordinator' })).statusCode).toBe(201);
    const { token } = await invitationLink(limited, coordinator.email);
    expect((await coordinator.post(`/api/v1/invitations/${token}/accept`)).statusCode).toBe(200);
    const second = await admin.post(url, { email: uniqueEmail('second') });
    expect(second.statusCode).toBe(201);
    expect((await admin.post(url, { email: uniqueEmail('third') })).statusCode).toBe(201);

    // A fourth email within the hour, new or resent, is refused and sends nothing.
    const fourth = uniqueEmail('fourth');
    const refused = await admin.post(url, { email: fourth });
    expectError(refused, 429, 'RATE_LIMITED');
    expect(refused.json().error.message).toMatch(/^You have sent 3 invitation emails in the last hour/);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(3000);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(refused.json().error.details.retryAfterSeconds).toBe(retryAfter);
    expect(await emailsTo(fourth)).toEqual([]);
    const resend = await admin.post(`${url}/${second.json().invitation.id}/resend`);
    expectError(resend, 429, 'RATE_LIMITED');

    // Another inviter of the same organization has their own hourly allowance ...
    expect((await coordinator.post(url, { email: uniqueEmail('fifth') })).statusCode).toBe(201);
    expect((await coordinator.post(url, { email: uniqueEmail('sixth') })).statusCode).toBe(201);
    // ... but the organization has now sent its 5 for the day.
    const overDay = await coordinator.post(url, { email: uniqueEmail('seventh') });
    expectError(overDay, 429, 'RATE_LIMITED');
    expect(overDay.json().error.message).toMatch(
      /^Busy Bar Association has sent 5 invitation emails in the last 24 hours/,
    );
    expect(Number(overDay.headers['retry-after'])).toBeGreaterThan(23 * 3600);
    expect(Number(overDay.headers['retry-after'])).toBeLessThanOrEqual(24 * 3600);

    // Another organization is not held back by this one's count.
    const other = await signedInAs(limited, 'Yael Other');
    const otherOrganization = await createOrganizationAs(other, {
      name: 'Quiet Law School',
      kind: 'law_school',
    });
    expect(
      (await other.post(invitationsUrl(otherOrganization.id), { email: uniqueEmail('q') })).statusCode,
    ).toBe(201);

    // The counts are the emails on record: two hours later the admin's hour is over, the day is not ...
    await age(sql`${emails.metadata}->>'organizationId' = ${organization.id}`, 2);
    expectError(await admin.post(url, { email: fourth }), 429, 'RATE_LIMITED');
    // ... and a day later both are.
    await age(sql`${emails.metadata}->>'organizationId' = ${organization.id}`, 23);
    expect((await admin.post(url, { email: fourth })).statusCode).toBe(201);
    expect(await emailsTo(fourth)).toHaveLength(1);
  });
});
