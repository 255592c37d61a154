import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberships, organizations } from '../../db/schema.ts';
import type { Actor } from '../context.ts';
import { createOrganization } from './create-organization.ts';
import { openTestbed, START, type Testbed } from '../../../tests/support/testbed.ts';
import { getOrganization } from './get-organization.ts';
import { listMembers } from './list-members.ts';
import { listOrganizations } from './list-organizations.ts';
import { removeMember } from './remove-member.ts';
import { updateMemberRole } from './update-member-role.ts';
import { updateOrganization } from './update-organization.ts';

let bed: Testbed;
beforeAll(async () => {
  bed = await openTestbed();
});
afterAll(async () => bed.close());

const FIRM = {
  name: 'Hollis & Pratt LLP',
  kind: 'law_firm' as const,
  jurisdictions: ['US-OR', 'US-WA'],
  timeZone: 'America/Los_Angeles',
};

/** An organization created by `admin`, with the other people added directly in the given roles. */
async function organizationWith(admin: Actor, others: Array<[Actor, 'admin' | 'coordinator' | 'member']>) {
  const organization = await createOrganization(bed.as(admin), FIRM);
  for (const [actor, role] of others) {
    await bed.runtime.database.db
      .insert(memberships)
      .values({ id: randomUUID(), organizationId: organization.id, userId: actor.userId, role });
  }
  const listing = await listMembers(bed.as(admin), { organizationId: organization.id });
  const membershipOf = (actor: Actor) => listing.members.find((m) => m.userId === actor.userId)!.id;
  return { organization, membershipOf };
}

async function roleOf(organizationId: string, membershipId: string) {
  const [row] = await bed.runtime.database.db
    .select({ role: memberships.role, organizationId: memberships.organizationId })
    .from(memberships)
    .where(eq(memberships.id, membershipId));
  expect(row?.organizationId).toBe(organizationId);
  return row?.role;
}

describe('creating and reading organizations', () => {
  it('makes the creator its admin and lists it with the role', async () => {
    const ada = await bed.createUser('Ada Obi');
    const created = await createOrganization(bed.as(ada), {
      ...FIRM,
      jurisdictions: ['US-OR', 'US-WA', 'US-OR'],
    });
    expect(created).toMatchObject({ name: FIRM.name, role: 'admin', jurisdictions: ['US-OR', 'US-WA'] });
    expect(created.createdAt).toEqual(START);

    const listed = await listOrganizations(bed.as(ada));
    expect(listed.map((o) => [o.id, o.role])).toEqual([[created.id, 'admin']]);
    const listing = await listMembers(bed.as(ada), { organizationId: created.id });
    expect(listing.members).toMatchObject([{ userId: ada.userId, role: 'admin', email: ada.email }]);
  });

  it('lists only the organizations the actor belongs to', async () => {
    const ada = await bed.createUser('Ada Two');
    const ben = await bed.createUser('Ben Two');
    await createOrganization(bed.as(ada), { ...FIRM, name: 'Ada Firm' });
    const bens = await createOrganization(bed.as(ben), { ...FIRM, name: 'Ben Bar', kind: 'bar_association' });
    expect((await listOrganizations(bed.as(ben))).map((o) => o.name)).toEqual(['Ben Bar']);
    await expect(listOrganizations(bed.as(null))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(getOrganization(bed.as(ada), { organizationId: bens.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      getOrganization(bed.as(ada), { organizationId: 'no-such-organization' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('writes nothing when the admin membership cannot be created', async () => {
    // An actor whose user row does not exist makes the membership insert fail (foreign key).
    const ghost: Actor = {
      userId: randomUUID(),
      name: 'Ghost',
      email: 'ghost@example.test',
      isPlatformAdmin: false,
    };
    const name = `Rollback ${randomUUID()}`;
    await expect(createOrganization(bed.as(ghost), { ...FIRM, name })).rejects.toThrow();
    const rows = await bed.runtime.database.db
      .select()
      .from(organizations)
      .where(eq(organizations.name, name));
    expect(rows).toEqual([]);
  });

  it('lets admins, and only admins, change the settings', async () => {
    const admin = await bed.createUser('Cara Admin');
    const coordinator = await bed.createUser('Dev Coordinator');
    const stranger = await bed.createUser('Eve Stranger');
    const { organization } = await organizationWith(admin, [[coordinator, 'coordinator']]);
    const organizationId = organization.id;

    await expect(
      updateOrganization(bed.as(coordinator), { organizationId, changes: { name: 'Renamed' } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      updateOrganization(bed.as(stranger), { organizationId, changes: { name: 'Renamed' } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const updated = await updateOrganization(bed.as(admin), {
      organizationId,
      changes: { name: 'Hollis Pratt & Reyes LLP', jurisdictions: ['GB-ENG'], timeZone: 'Europe/London' },
    });
    expect(updated).toMatchObject({
      name: 'Hollis Pratt & Reyes LLP',
      kind: 'law_firm',
      jurisdictions: ['GB-ENG'],
      timeZone: 'Europe/London',
      role: 'admin',
    });
    expect(await getOrganization(bed.as(coordinator), { organizationId })).toMatchObject({
      name: 'Hollis Pratt & Reyes LLP',
      role: 'coordinator',
    });
  });
});

describe('member roles', () => {
  it('never demotes the last admin, but demotes one of two', async () => {
    const first = await bed.createUser('Fay First');
    const second = await bed.createUser('Gus Second');
    const { organization, membershipOf } = await organizationWith(first, [[second, 'member']]);
    const organizationId = organization.id;

    await expect(
      updateMemberRole(bed.as(first), {
        organizationId,
        membershipId: membershipOf(first),
        role: 'coordinator',
      }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringMatching(/last admin/) });
    expect(await roleOf(organizationId, membershipOf(first))).toBe('admin');

    const promoted = await updateMemberRole(bed.as(first), {
      organizationId,
      membershipId: membershipOf(second),
      role: 'admin',
    });
    expect(promoted).toMatchObject({ adminCount: 2, member: { role: 'admin' } });

    const demotedSelf = await updateMemberRole(bed.as(first), {
      organizationId,
      membershipId: membershipOf(first),
      role: 'member',
    });
    expect(demotedSelf.viewer.role).toBe('member');
    expect(demotedSelf.adminCount).toBe(1);
    await expect(
      updateMemberRole(bed.as(second), {
        organizationId,
        membershipId: membershipOf(second),
        role: 'member',
      }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE' });
    // The demoted admin has lost the right to change roles.
    await expect(
      updateMemberRole(bed.as(first), { organizationId, membershipId: membershipOf(first), role: 'admin' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('keeps one admin when two admins demote each other at the same time', async () => {
    const one = await bed.createUser('Hal One');
    const two = await bed.createUser('Ivy Two');
    const { organization, membershipOf } = await organizationWith(one, [[two, 'admin']]);
    const organizationId = organization.id;
    const results = await Promise.allSettled([
      updateMemberRole(bed.as(one), { organizationId, membershipId: membershipOf(two), role: 'member' }),
      updateMemberRole(bed.as(two), { organizationId, membershipId: membershipOf(one), role: 'member' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const roles = [
      await roleOf(organizationId, membershipOf(one)),
      await roleOf(organizationId, membershipOf(two)),
    ];
    expect(roles.filter((role) => role === 'admin')).toHaveLength(1);
  });

  it('lets only admins change roles, and only within their organization', async () => {
    const admin = await bed.createUser('Jo Admin');
    const coordinator = await bed.createUser('Kai Coordinator');
    const otherAdmin = await bed.createUser('Lee Elsewhere');
    const { organization, membershipOf } = await organizationWith(admin, [[coordinator, 'coordinator']]);
    const elsewhere = await createOrganization(bed.as(otherAdmin), { ...FIRM, name: 'Elsewhere' });
    const [elsewhereMembership] = (await listMembers(bed.as(otherAdmin), { organizationId: elsewhere.id }))
      .members;

    await expect(
      updateMemberRole(bed.as(coordinator), {
        organizationId: organization.id,
        membershipId: membershipOf(coordinator),
        role: 'admin',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Another organization's membership id, addressed through an organization the admin runs.
    await expect(
      updateMemberRole(bed.as(admin), {
        organizationId: organization.id,
        membershipId: elsewhereMembership.id,
        role: 'member',
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await roleOf(elsewhere.id, elsewhereMembership.id)).toBe('admin');
  });
});

describe('removing members', () => {
  it('lets a member leave, an admin remove anyone, and nobody remove the last admin', async () => {
    const admin = await bed.createUser('Mia Admin');
    const member = await bed.createUser('Ned Member');
    const leaver = await bed.createUser('Oli Leaver');
    const { organization, membershipOf } = await organizationWith(admin, [
      [member, 'member'],
      [leaver, 'member'],
    ]);
    const organizationId = organization.id;

    await expect(
      removeMember(bed.as(member), { organizationId, membershipId: membershipOf(leaver) }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await removeMember(bed.as(leaver), { organizationId, membershipId: membershipOf(leaver) });
    await expect(getOrganization(bed.as(leaver), { organizationId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });

    await expect(
      removeMember(bed.as(admin), { organizationId, membershipId: membershipOf(admin) }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringMatching(/last admin/) });
    await removeMember(bed.as(admin), { organizationId, membershipId: membershipOf(member) });
    const remaining = await listMembers(bed.as(admin), { organizationId });
    expect(remaining.members.map((m) => m.userId)).toEqual([admin.userId]);
  });

  it('cannot reach a membership of another organization', async () => {
    const admin = await bed.createUser('Pia Admin');
    const otherAdmin = await bed.createUser('Quinn Other');
    const otherMember = await bed.createUser('Ray Other');
    const { organization } = await organizationWith(admin, []);
    const other = await organizationWith(otherAdmin, [[otherMember, 'member']]);
    await expect(
      removeMember(bed.as(admin), {
        organizationId: organization.id,
        membershipId: other.membershipOf(otherMember),
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await roleOf(other.organization.id, other.membershipOf(otherMember))).toBe('member');
  });
});
