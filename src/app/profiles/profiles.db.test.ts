import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberProfiles, memberships, organizations } from '../../db/schema.ts';
import type { Runtime } from '../../runtime.ts';
import { openTestbed, type Testbed } from '../../../tests/support/testbed.ts';
import type { Actor } from '../context.ts';
import { getProfile } from './get-profile.ts';
import { updateProfile } from './update-profile.ts';
import type { UpdateProfileRequest } from '../../contracts/profiles.ts';

let testbed: Testbed;
let runtime: Runtime;
const NOW = new Date('2026-03-02T17:30:00.000Z');

beforeAll(async () => {
  testbed = await openTestbed(NOW);
  runtime = testbed.runtime;
});
afterAll(async () => testbed.close());

const createUser = (name: string): Promise<Actor> => testbed.createUser(name);

async function createOrganization(name: string): Promise<string> {
  const id = randomUUID();
  await runtime.database.db
    .insert(organizations)
    .values({ id, name, kind: 'law_firm', jurisdictions: ['US-OR'], timeZone: 'America/Los_Angeles' });
  return id;
}

async function join(organizationId: string, actor: Actor, role: 'admin' | 'coordinator' | 'member') {
  const id = randomUUID();
  await runtime.database.db.insert(memberships).values({ id, organizationId, userId: actor.userId, role });
  return id;
}

const profile = (overrides: Partial<UpdateProfileRequest> = {}): UpdateProfileRequest => ({
  mentoringRole: 'mentor',
  headline: 'Partner, employment litigation',
  bio: 'Tried cases in Oregon for twenty years.',
  practiceAreas: ['employment', 'litigation'],
  jurisdictionsOfAdmission: ['US-OR', 'US-WA'],
  admissionYear: 2001,
  languages: ['en', 'es'],
  office: 'Portland',
  timeZone: 'America/Los_Angeles',
  ...overrides,
});

describe('member profiles (use cases on a real database)', () => {
  it('keeps one profile per membership: the same person differs between organizations', async () => {
    const person = await createUser('Eleanor Ward');
    const firm = await createOrganization('Ward LLP');
    const bar = await createOrganization('Coast Bar Association');
    const atFirm = await join(firm, person, 'member');
    const atBar = await join(bar, person, 'member');
    const ctx = runtime.context(person);

    await updateProfile(ctx, { organizationId: firm, membershipId: atFirm, profile: profile() });
    await updateProfile(ctx, {
      organizationId: bar,
      membershipId: atBar,
      profile: profile({ mentoringRole: 'mentee', headline: 'Section member', practiceAreas: ['tax'] }),
    });

    const firmView = await getProfile(ctx, { organizationId: firm, membershipId: atFirm });
    const barView = await getProfile(ctx, { organizationId: bar, membershipId: atBar });
    expect(firmView.profile).toMatchObject({
      mentoringRole: 'mentor',
      practiceAreas: ['employment', 'litigation'],
    });
    expect(barView.profile).toMatchObject({ mentoringRole: 'mentee', practiceAreas: ['tax'] });
    expect(firmView.profile.updatedAt).toEqual(NOW);
    // A membership read through the wrong organization is not found, not forbidden.
    await expect(getProfile(ctx, { organizationId: bar, membershipId: atFirm })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('replaces the whole profile on update and stores arrays without duplicates', async () => {
    const person = await createUser('Jordan Ellis');
    const firm = await createOrganization('Ellis Firm');
    const membershipId = await join(firm, person, 'member');
    const ctx = runtime.context(person);
    await updateProfile(ctx, { organizationId: firm, membershipId, profile: profile() });
    await updateProfile(ctx, {
      organizationId: firm,
      membershipId,
      profile: profile({
        mentoringRole: 'mentee',
        bio: '',
        practiceAreas: ['immigration', 'immigration', 'family'],
        admissionYear: null,
        timeZone: null,
      }),
    });
    const [row] = await runtime.database.db
      .select()
      .from(memberProfiles)
      .where(eq(memberProfiles.membershipId, membershipId));
    expect(row).toMatchObject({
      organizationId: firm,
      mentoringRole: 'mentee',
      bio: '',
      practiceAreas: ['immigration', 'family'],
      admissionYear: null,
      timeZone: null,
    });
  });

  it('lets an organization admin edit a member, but not a coordinator', async () => {
    const admin = await createUser('Dana Admin');
    const coordinator = await createUser('Priya Coordinator');
    const member = await createUser('Sam Member');
    const firm = await createOrganization('Admin Firm');
    await join(firm, admin, 'admin');
    await join(firm, coordinator, 'coordinator');
    const membershipId = await join(firm, member, 'member');

    const view = await updateProfile(runtime.context(admin), {
      organizationId: firm,
      membershipId,
      profile: profile({ headline: 'Set by the admin' }),
    });
    expect(view.profile.headline).toBe('Set by the admin');
    await expect(
      updateProfile(runtime.context(coordinator), { organizationId: firm, membershipId, profile: profile() }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const stored = await getProfile(runtime.context(member), { organizationId: firm, membershipId });
    expect(stored.profile.headline).toBe('Set by the admin');
  });

  it('rejects unknown practice areas and future admission years, writing nothing', async () => {
    const person = await createUser('Typo Person');
    const firm = await createOrganization('Typo Firm');
    const membershipId = await join(firm, person, 'member');
    const ctx = runtime.context(person);
    await expect(
      updateProfile(ctx, {
        organizationId: firm,
        membershipId,
        profile: profile({ practiceAreas: ['employment', 'employmnet'] }),
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { issues: [expect.objectContaining({ path: 'practiceAreas.1' })] },
    });
    await expect(
      updateProfile(ctx, { organizationId: firm, membershipId, profile: profile({ admissionYear: 2027 }) }),
    ).rejects.toMatchObject({ details: { issues: [expect.objectContaining({ path: 'admissionYear' })] } });
    const view = await getProfile(ctx, { organizationId: firm, membershipId });
    expect(view.profile.updatedAt).toBeNull();
    expect(view.profile.mentoringRole).toBe('none');
  });

  it('deletes the profile with the membership', async () => {
    const person = await createUser('Leaving Person');
    const firm = await createOrganization('Leaving Firm');
    const membershipId = await join(firm, person, 'member');
    await updateProfile(runtime.context(person), { organizationId: firm, membershipId, profile: profile() });
    await runtime.database.db.delete(memberships).where(eq(memberships.id, membershipId));
    const rows = await runtime.database.db
      .select()
      .from(memberProfiles)
      .where(eq(memberProfiles.membershipId, membershipId));
    expect(rows).toEqual([]);
  });

  it('refuses, in the database itself, a profile that names a membership of another organization', async () => {
    const person = await createUser('Crossed Person');
    const firm = await createOrganization('Crossed Firm');
    const bar = await createOrganization('Crossed Bar');
    const membershipId = await join(firm, person, 'member');
    const insert = runtime.database.db
      .insert(memberProfiles)
      .values({ membershipId, organizationId: bar, mentoringRole: 'mentee' });
    // The composite foreign key (organization_id, membership_id) → memberships (organization_id, id).
    await expect(insert).rejects.toSatisfy((error: unknown) =>
      /member_profiles_membership_fk/.test(describeError(error)),
    );
    const stored = await runtime.database.db
      .select()
      .from(memberProfiles)
      .where(eq(memberProfiles.membershipId, membershipId));
    expect(stored).toEqual([]);
    // The same row with the membership's own organization is accepted.
    await runtime.database.db
      .insert(memberProfiles)
      .values({ membershipId, organizationId: firm, mentoringRole: 'mentee' });
  });
});

/** The message of an error and of its causes (drizzle wraps the driver's error). */
function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let current = error; current instanceof Error; current = current.cause) {
    const { constraint } = current as { constraint?: string };
    parts.push(current.message, constraint ?? '');
  }
  return parts.join(' | ');
}
