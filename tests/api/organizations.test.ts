import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrganization,
  expectError,
  expectField,
  invitationLink,
  LAW_FIRM as FIRM,
  signedIn as signedInAs,
} from '../support/api.ts';
import { createTestApp, TestClient, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const signedIn = (name: string) => signedInAs(t, name);

/** Invites `member` with `role` and accepts as them, through the API. */
async function join(
  admin: TestClient,
  organizationId: string,
  member: TestClient & { email: string },
  role: string,
) {
  const invited = await admin.post(`/api/v1/organizations/${organizationId}/invitations`, {
    email: member.email,
    role,
  });
  expect(invited.statusCode, invited.body).toBe(201);
  const { token } = await invitationLink(t, member.email);
  const accepted = await member.post(`/api/v1/invitations/${token}/accept`);
  expect(accepted.statusCode, accepted.body).toBe(200);
}

async function membershipIdOf(client: TestClient, organizationId: string, userId: string): Promise<string> {
  const response = await client.get(`/api/v1/organizations/${organizationId}/members`);
  const member = response.json().members.find((m: { userId: string }) => m.userId === userId);
  return member.id as string;
}

describe('POST /api/v1/organizations', () => {
  it('creates an organization whose creator is admin with every permission', async () => {
    const ada = await signedIn('Ada Obi');
    const response = await ada.post('/api/v1/organizations', FIRM);
    expect(response.statusCode).toBe(201);
    expect(response.json().organization).toMatchObject({
      ...FIRM,
      id: expect.any(String),
      role: 'admin',
      can: {
        edit: true,
        invite: true,
        inviteRoles: ['admin', 'coordinator', 'member'],
        changeRoles: true,
        removeMembers: true,
        createPrograms: true,
      },
    });
  });

  it('needs a session (401) and the CSRF token (403)', async () => {
    const anonymous = new TestClient(t.app);
    expectError(await anonymous.post('/api/v1/organizations', FIRM), 401, 'UNAUTHENTICATED');
    const ada = await signedIn('Ada Csrf');
    const response = await ada.request({
      method: 'POST',
      url: '/api/v1/organizations',
      payload: FIRM,
      csrf: false,
    });
    expectError(response, 403, 'FORBIDDEN');
    expect(response.json().error.message).toMatch(/CSRF/);
    expect((await ada.get('/api/v1/organizations')).json().organizations).toEqual([]);
  });

  it('answers malformed JSON with a 400 naming the problem, never a 500', async () => {
    const ada = await signedIn('Ada Malformed');
    const response = await ada.request({
      method: 'POST',
      url: '/api/v1/organizations',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": "Hollis", "kind": ',
    });
    expectField(response, 'body');
    expect(response.json().error.message).toMatch(/Malformed JSON/);
  });

  it('names the field that is unknown, missing or wrong', async () => {
    const ada = await signedIn('Ada Fields');
    expectField(await ada.post('/api/v1/organizations', { ...FIRM, colour: 'navy' }), 'colour');
    expectField(
      await ada.post('/api/v1/organizations', { ...FIRM, jurisdictions: ['US-OR', 'Oregon'] }),
      'jurisdictions.1',
    );
    expectField(
      await ada.post('/api/v1/organizations', { ...FIRM, timeZone: 'Mars/Olympus_Mons' }),
      'timeZone',
    );
    expectField(await ada.post('/api/v1/organizations', { ...FIRM, kind: 'brewery' }), 'kind');
    const { name: _name, ...nameless } = FIRM;
    expectField(await ada.post('/api/v1/organizations', nameless), 'name');
    expect((await ada.get('/api/v1/organizations')).json().organizations).toEqual([]);
  });
});

describe('GET /api/v1/organizations', () => {
  it("lists the user's organizations with their role in each, and nobody else's", async () => {
    const ada = await signedIn('Ada List');
    const ben = await signedIn('Ben List');
    const firm = await createOrganization(ada, { name: 'Ada Firm' });
    const bar = await createOrganization(ben, { name: 'Ben Bar', kind: 'bar_association' });
    await join(ben, bar.id, ada, 'member');

    const response = await ada.get('/api/v1/organizations');
    expect(response.statusCode).toBe(200);
    expect(response.json().organizations.map((o: { id: string; role: string }) => [o.id, o.role])).toEqual([
      [firm.id, 'admin'],
      [bar.id, 'member'],
    ]);
    expect(response.json().organizations[1].can).toMatchObject({
      edit: false,
      invite: false,
      inviteRoles: [],
    });
    expect(
      (await ben.get('/api/v1/organizations')).json().organizations.map((o: { id: string }) => o.id),
    ).toEqual([bar.id]);
  });

  it('needs a session (401) and rejects unknown query parameters (400)', async () => {
    expectError(await new TestClient(t.app).get('/api/v1/organizations'), 401, 'UNAUTHENTICATED');
    const ada = await signedIn('Ada Query');
    expectField(await ada.get('/api/v1/organizations?page=2'), 'querystring.page');
  });
});

describe('GET and PATCH /api/v1/organizations/:organizationId', () => {
  it('shows the organization to its members with their permissions', async () => {
    const admin = await signedIn('Cara Admin');
    const member = await signedIn('Dev Member');
    const organization = await createOrganization(admin);
    await join(admin, organization.id, member, 'member');
    const response = await member.get(`/api/v1/organizations/${organization.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json().organization).toMatchObject({
      id: organization.id,
      name: FIRM.name,
      role: 'member',
      can: {
        edit: false,
        invite: false,
        inviteRoles: [],
        changeRoles: false,
        removeMembers: false,
        createPrograms: false,
      },
    });
  });

  it('tells a coordinator which roles they may invite with: never admin', async () => {
    const admin = await signedIn('Cleo Admin');
    const coordinator = await signedIn('Cole Coordinator');
    const organization = await createOrganization(admin);
    await join(admin, organization.id, coordinator, 'coordinator');
    const response = await coordinator.get(`/api/v1/organizations/${organization.id}`);
    expect(response.json().organization.can).toEqual({
      edit: false,
      invite: true,
      inviteRoles: ['coordinator', 'member'],
      changeRoles: false,
      removeMembers: false,
      createPrograms: true,
    });
    // The server refuses what the form does not offer.
    const refused = await coordinator.post(`/api/v1/organizations/${organization.id}/invitations`, {
      email: 'partner@example.test',
      role: 'admin',
    });
    expectError(refused, 403, 'FORBIDDEN');
  });

  it('answers 401 without a session, 400 for a bad id, 404 for an unknown one', async () => {
    const admin = await signedIn('Cara Get');
    const organization = await createOrganization(admin);
    expectError(
      await new TestClient(t.app).get(`/api/v1/organizations/${organization.id}`),
      401,
      'UNAUTHENTICATED',
    );
    expectField(await admin.get(`/api/v1/organizations/${'x'.repeat(65)}`), 'params.organizationId');
    expectError(await admin.get(`/api/v1/organizations/${randomUUID()}`), 404, 'NOT_FOUND');
  });

  it('lets admins change settings; coordinators and members get 403', async () => {
    const admin = await signedIn('Eve Admin');
    const coordinator = await signedIn('Fay Coordinator');
    const member = await signedIn('Gus Member');
    const organization = await createOrganization(admin);
    await join(admin, organization.id, coordinator, 'coordinator');
    await join(admin, organization.id, member, 'member');
    const url = `/api/v1/organizations/${organization.id}`;

    expectError(await coordinator.patch(url, { name: 'Taken Over' }), 403, 'FORBIDDEN');
    expectError(await member.patch(url, { name: 'Taken Over' }), 403, 'FORBIDDEN');
    const response = await admin.patch(url, {
      name: 'Hollis Pratt & Reyes LLP',
      jurisdictions: ['US-OR', 'GB-ENG'],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().organization).toMatchObject({
      name: 'Hollis Pratt & Reyes LLP',
      kind: 'law_firm',
      jurisdictions: ['US-OR', 'GB-ENG'],
      timeZone: 'America/Los_Angeles',
    });
    expect((await member.get(url)).json().organization.name).toBe('Hollis Pratt & Reyes LLP');
  });

  it('validates the patch (400 naming the field), and needs a session (401) and CSRF (403)', async () => {
    const admin = await signedIn('Hal Admin');
    const organization = await createOrganization(admin);
    const url = `/api/v1/organizations/${organization.id}`;
    expectField(await admin.patch(url, { jurisdictions: ['us-or'] }), 'jurisdictions.0');
    expectField(await admin.patch(url, { name: 'X' }), 'name');
    expectField(await admin.patch(url, { slug: 'hollis' }), 'slug');
    expectError(await new TestClient(t.app).patch(url, { name: 'Anonymous' }), 401, 'UNAUTHENTICATED');
    expectError(
      await admin.request({ method: 'PATCH', url, payload: { name: 'No Csrf' }, csrf: false }),
      403,
      'FORBIDDEN',
    );
    expect((await admin.get(url)).json().organization.name).toBe(FIRM.name);
  });
});

describe('members', () => {
  it('lists members with what the viewer may do to each', async () => {
    const admin = await signedIn('Ivy Admin');
    const member = await signedIn('Jo Member');
    const organization = await createOrganization(admin);
    await join(admin, organization.id, member, 'member');
    const url = `/api/v1/organizations/${organization.id}/members`;

    const asAdmin = (await admin.get(url)).json().members;
    expect(asAdmin).toHaveLength(2);
    const byUser = (list: Array<{ userId: string }>, userId: string) => list.find((m) => m.userId === userId);
    // The only admin can be neither demoted nor removed, so it is not offered.
    expect(byUser(asAdmin, admin.userId)).toMatchObject({
      role: 'admin',
      can: { changeRole: false, remove: false },
    });
    expect(byUser(asAdmin, member.userId)).toMatchObject({
      role: 'member',
      email: member.email,
      name: 'Jo Member',
      can: { changeRole: true, remove: true },
    });
    const asMember = (await member.get(url)).json().members;
    expect(byUser(asMember, admin.userId)!).toMatchObject({ can: { changeRole: false, remove: false } });
    expect(byUser(asMember, member.userId)!).toMatchObject({ can: { changeRole: false, remove: true } });
  });

  it('GET members answers 401, 400 and 404', async () => {
    const admin = await signedIn('Kai Admin');
    const organization = await createOrganization(admin);
    const url = `/api/v1/organizations/${organization.id}/members`;
    expectError(await new TestClient(t.app).get(url), 401, 'UNAUTHENTICATED');
    expectField(await admin.get(`${url}?role=admin`), 'querystring.role');
    expectError(await admin.get(`/api/v1/organizations/${randomUUID()}/members`), 404, 'NOT_FOUND');
  });

  it('PATCH changes a role (admins), never demotes the last admin', async () => {
    const admin = await signedIn('Lee Admin');
    const member = await signedIn('Mia Member');
    const organization = await createOrganization(admin);
    await join(admin, organization.id, member, 'member');
    const adminMembership = await membershipIdOf(admin, organization.id, admin.userId);
    const memberMembership = await membershipIdOf(admin, organization.id, member.userId);
    const base = `/api/v1/organizations/${organization.id}/members`;

    const lastAdmin = await admin.patch(`${base}/${adminMembership}`, { role: 'member' });
    expectError(lastAdmin, 409, 'INVALID_STATE');
    expect(lastAdmin.json().error.message).toMatch(/last admin/);
    expectError(await member.patch(`${base}/${memberMembership}`, { role: 'admin' }), 403, 'FORBIDDEN');

    const promoted = await admin.patch(`${base}/${memberMembership}`, { role: 'coordinator' });
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json().member).toMatchObject({ userId: member.userId, role: 'coordinator' });
    expect((await member.get(`/api/v1/organizations/${organization.id}`)).json().organization.role).toBe(
      'coordinator',
    );
  });

  it('PATCH answers 401, 403 without CSRF, 400 naming the field, 404 for an unknown member', async () => {
    const admin = await signedIn('Ned Admin');
    const organization = await createOrganization(admin);
    const adminMembership = await membershipIdOf(admin, organization.id, admin.userId);
    const url = `/api/v1/organizations/${organization.id}/members/${adminMembership}`;
    expectError(await new TestClient(t.app).patch(url, { role: 'member' }), 401, 'UNAUTHENTICATED');
    expectError(
      await admin.request({ method: 'PATCH', url, payload: { role: 'member' }, csrf: false }),
      403,
      'FORBIDDEN',
    );
    expectField(await admin.patch(url, { role: 'partner' }), 'role');
    expectField(await admin.patch(url, { role: 'member', title: 'Partner' }), 'title');
    expectField(await admin.patch(url, {}), 'role');
    expectError(
      await admin.patch(`/api/v1/organizations/${organization.id}/members/${randomUUID()}`, {
        role: 'member',
      }),
      404,
      'NOT_FOUND',
    );
  });

  it('DELETE lets a member leave and an admin remove others, never the last admin', async () => {
    const admin = await signedIn('Oli Admin');
    const leaver = await signedIn('Pia Leaver');
    const removed = await signedIn('Quinn Removed');
    const organization = await createOrganization(admin);
    await join(admin, organization.id, leaver, 'member');
    await join(admin, organization.id, removed, 'member');
    const base = `/api/v1/organizations/${organization.id}/members`;
    const adminMembership = await membershipIdOf(admin, organization.id, admin.userId);
    const leaverMembership = await membershipIdOf(admin, organization.id, leaver.userId);
    const removedMembership = await membershipIdOf(admin, organization.id, removed.userId);

    expectError(await leaver.delete(`${base}/${removedMembership}`), 403, 'FORBIDDEN');
    const left = await leaver.delete(`${base}/${leaverMembership}`);
    expect(left.statusCode).toBe(200);
    expect(left.json()).toEqual({ ok: true });
    expectError(await leaver.get(`/api/v1/organizations/${organization.id}`), 404, 'NOT_FOUND');

    expectError(await admin.delete(`${base}/${adminMembership}`), 409, 'INVALID_STATE');
    expect((await admin.delete(`${base}/${removedMembership}`)).statusCode).toBe(200);
    expect((await admin.get(base)).json().members.map((m: { userId: string }) => m.userId)).toEqual([
      admin.userId,
    ]);
  });

  it('DELETE answers 401, 403 without CSRF, 400 for a bad id, 404 for an unknown member', async () => {
    const admin = await signedIn('Ray Admin');
    const organization = await createOrganization(admin);
    const adminMembership = await membershipIdOf(admin, organization.id, admin.userId);
    const url = `/api/v1/organizations/${organization.id}/members/${adminMembership}`;
    expectError(await new TestClient(t.app).delete(url), 401, 'UNAUTHENTICATED');
    expectError(await admin.request({ method: 'DELETE', url, csrf: false }), 403, 'FORBIDDEN');
    expectField(
      await admin.delete(`/api/v1/organizations/${organization.id}/members/${'m'.repeat(65)}`),
      'params.membershipId',
    );
    expectError(
      await admin.delete(`/api/v1/organizations/${organization.id}/members/${randomUUID()}`),
      404,
      'NOT_FOUND',
    );
  });
});

// Another organization reads as missing on every organization route: tests/api/cross-organization.test.ts.
