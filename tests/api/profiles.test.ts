import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberships } from '../../src/db/schema.ts';
import { createTestApp, TestClient, uniqueEmail, type TestApp } from '../support/app.ts';

let t: TestApp;

interface Person {
  client: TestClient;
  userId: string;
}

let admin: Person;
let member: Person;
let colleague: Person;
let firmId: string;
let memberMembershipId: string;
let colleagueMembershipId: string;

async function person(name: string): Promise<Person> {
  const client = new TestClient(t.app);
  const user = await client.signUp({ name, email: uniqueEmail(name.split(' ')[0].toLowerCase()) });
  return { client, userId: user.id };
}

async function createOrganization(owner: Person, name: string): Promise<string> {
  const response = await owner.client.post('/api/v1/organizations', {
    name,
    kind: 'law_firm',
    jurisdictions: ['US-OR'],
    timeZone: 'America/Los_Angeles',
  });
  expect(response.statusCode).toBe(201);
  return response.json<{ organization: { id: string } }>().organization.id;
}

async function addMember(organizationId: string, who: Person): Promise<string> {
  const id = randomUUID();
  await t.runtime.database.db
    .insert(memberships)
    .values({ id, organizationId, userId: who.userId, role: 'member' });
  return id;
}

const profileUrl = (organizationId: string, membershipId: string) =>
  `/api/v1/organizations/${organizationId}/members/${membershipId}/profile`;

const put = (who: Person, url: string, payload: unknown) =>
  who.client.request({ method: 'PUT', url, payload: payload as Record<string, unknown> });

const validProfile = {
  mentoringRole: 'mentee',
  headline: 'First-year associate, employment',
  bio: 'Clerked for a federal magistrate judge before joining the employment group.',
  practiceAreas: ['employment', 'litigation'],
  jurisdictionsOfAdmission: ['US-OR'],
  admissionYear: 2024,
  languages: ['en', 'es'],
  office: 'Portland',
  timeZone: 'America/Los_Angeles',
};

beforeAll(async () => {
  t = await createTestApp({ clock: new Date('2026-04-01T12:00:00Z') });
  admin = await person('Avery Admin');
  member = await person('Jordan Member');
  colleague = await person('Casey Colleague');
  firmId = await createOrganization(admin, 'Hale Profile LLP');
  memberMembershipId = await addMember(firmId, member);
  colleagueMembershipId = await addMember(firmId, colleague);
});
afterAll(async () => t.close());

describe('GET /api/v1/organizations/:organizationId/members/:membershipId/profile', () => {
  it('needs a session (401)', async () => {
    const anonymous = new TestClient(t.app);
    const response = await anonymous.get(profileUrl(firmId, memberMembershipId));
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('rejects unknown query parameters naming them (400)', async () => {
    const response = await member.client.get(`${profileUrl(firmId, memberMembershipId)}?expand=all`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.issues[0].path).toContain('expand');
  });

  // Another organization's members read as unknown ones: tests/api/cross-organization.test.ts.
  it('answers 404 for an unknown member', async () => {
    const unknown = await member.client.get(profileUrl(firmId, randomUUID()));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('NOT_FOUND');
  });

  it('shows an empty profile to any member until it is filled in', async () => {
    const response = await colleague.client.get(profileUrl(firmId, memberMembershipId));
    expect(response.statusCode).toBe(200);
    expect(response.json().profile).toEqual({
      membershipId: memberMembershipId,
      userId: member.userId,
      name: 'Jordan Member',
      mentoringRole: 'none',
      headline: '',
      bio: '',
      practiceAreas: [],
      jurisdictionsOfAdmission: [],
      admissionYear: null,
      languages: [],
      office: '',
      timeZone: null,
      updatedAt: null,
      can: { edit: false },
    });
  });
});

describe('PUT /api/v1/organizations/:organizationId/members/:membershipId/profile', () => {
  it('needs a session (401)', async () => {
    const anonymous = { client: new TestClient(t.app), userId: '' };
    const response = await put(anonymous, profileUrl(firmId, memberMembershipId), validProfile);
    expect(response.statusCode).toBe(401);
  });

  it('names the field that is wrong (400)', async () => {
    const url = profileUrl(firmId, memberMembershipId);
    const unknownField = await put(member, url, { ...validProfile, favouriteCourt: 'Ninth Circuit' });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().error.details.issues[0].path).toBe('favouriteCourt');

    const wrongType = await put(member, url, { ...validProfile, admissionYear: 'last year' });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.details.issues[0].path).toBe('admissionYear');

    const badJurisdiction = await put(member, url, { ...validProfile, jurisdictionsOfAdmission: ['Oregon'] });
    expect(badJurisdiction.statusCode).toBe(400);
    expect(badJurisdiction.json().error.details.issues[0].path).toBe('jurisdictionsOfAdmission.0');

    const unknownArea = await put(member, url, {
      ...validProfile,
      practiceAreas: ['employment', 'maritime'],
    });
    expect(unknownArea.statusCode).toBe(400);
    expect(unknownArea.json().error.details.issues[0].path).toBe('practiceAreas.1');

    const futureYear = await put(member, url, { ...validProfile, admissionYear: 2030 });
    expect(futureYear.statusCode).toBe(400);
    expect(futureYear.json().error.details.issues[0].path).toBe('admissionYear');

    const missingRole = await put(member, url, { headline: 'No role' });
    expect(missingRole.statusCode).toBe(400);
    expect(missingRole.json().error.details.issues[0].path).toBe('mentoringRole');

    // None of the rejected requests wrote anything.
    const after = await member.client.get(url);
    expect(after.json().profile.updatedAt).toBeNull();
  });

  it("refuses to let a member edit a colleague's profile (403)", async () => {
    const response = await put(member, profileUrl(firmId, colleagueMembershipId), validProfile);
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('FORBIDDEN');
    const colleagueView = await colleague.client.get(profileUrl(firmId, colleagueMembershipId));
    expect(colleagueView.json().profile.headline).toBe('');
  });

  it('lets members edit their own profile, which colleagues then see read-only', async () => {
    const url = profileUrl(firmId, memberMembershipId);
    const response = await put(member, url, {
      ...validProfile,
      practiceAreas: ['employment', 'litigation', 'employment'],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().profile).toMatchObject({
      ...validProfile,
      practiceAreas: ['employment', 'litigation'],
      updatedAt: '2026-04-01T12:00:00.000Z',
      can: { edit: true },
    });
    const seenByColleague = await colleague.client.get(url);
    expect(seenByColleague.json().profile).toMatchObject({
      headline: validProfile.headline,
      can: { edit: false },
    });
  });

  it("lets an organization admin edit a member's profile", async () => {
    const url = profileUrl(firmId, colleagueMembershipId);
    const response = await put(admin, url, { mentoringRole: 'mentor', headline: 'Senior associate' });
    expect(response.statusCode).toBe(200);
    // PUT replaces the profile: omitted fields take their defaults.
    expect(response.json().profile).toMatchObject({
      mentoringRole: 'mentor',
      headline: 'Senior associate',
      practiceAreas: [],
      admissionYear: null,
      can: { edit: true },
    });
    const seenByColleague = await colleague.client.get(url);
    expect(seenByColleague.json().profile).toMatchObject({ mentoringRole: 'mentor', can: { edit: true } });
  });
});
