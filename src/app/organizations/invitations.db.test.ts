import { createHash, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emails, invitations, memberships, users } from '../../db/schema.ts';
import { createAppContext, type Actor, type AppContext, type ContextServices } from '../context.ts';
import { acceptInvitation } from './accept-invitation.ts';
import { createInvitation } from './create-invitation.ts';
import { createOrganization } from './create-organization.ts';
import { openTestbed, type Testbed } from '../../../tests/support/testbed.ts';
import { getInvitationPreview } from './get-invitation-preview.ts';
import { INVITATION_LIFETIME_MS } from './invitation-tokens.ts';
import { listInvitations } from './list-invitations.ts';
import { listOrganizations } from './list-organizations.ts';
import { resendInvitation } from './resend-invitation.ts';
import { revokeInvitation } from './revoke-invitation.ts';

let bed: Testbed;
beforeAll(async () => {
  bed = await openTestbed();
});
afterAll(async () => bed.close());

const db = () => bed.runtime.database.db;
const tokenOf = (url: string) => url.split('/invitations/')[1];

/** An organization run by a new admin, with a coordinator and a member (the staff's addresses confirmed). */
async function organization(name = 'Multnomah Bar Association') {
  const admin = await bed.createUser('Ana Admin', undefined, { isEmailVerified: true });
  const coordinator = await bed.createUser('Cy Coordinator', undefined, { isEmailVerified: true });
  const member = await bed.createUser('Mo Member');
  const created = await createOrganization(bed.as(admin), {
    name,
    kind: 'bar_association',
    jurisdictions: ['US-OR'],
    timeZone: 'America/Los_Angeles',
  });
  for (const [actor, role] of [
    [coordinator, 'coordinator'],
    [member, 'member'],
  ] as const) {
    await db()
      .insert(memberships)
      .values({ id: randomUUID(), organizationId: created.id, userId: actor.userId, role });
  }
  return { organizationId: created.id, admin, coordinator, member };
}

async function invitationRows(organizationId: string, email: string) {
  return db()
    .select()
    .from(invitations)
    .where(and(eq(invitations.organizationId, organizationId), eq(invitations.email, email)));
}

/** A mailer that records the email and then fails to write a second row, like a broken outbox. */
function failingMailer(): ContextServices['mailer'] {
  return {
    async enqueue(email, executor) {
      await bed.runtime.mailer.enqueue(email, executor);
      await executor.insert(emails).values({
        id: randomUUID(),
        to: null as unknown as string, // violates NOT NULL
        subject: email.subject,
        text: email.text,
        template: email.template,
        transport: 'outbox',
      });
      return { id: 'never' };
    },
  };
}
/** A context acting as `actor` whose emails go through `mailer`. */
const withMailer = (actor: Actor, mailer: ContextServices['mailer']): AppContext =>
  createAppContext(
    { database: db(), config: bed.runtime.config, clock: bed.clock, logger: bed.runtime.logger, mailer },
    actor,
  );

describe('creating invitations', () => {
  it('emails a 7-day link and stores only the SHA-256 of its token', async () => {
    const { organizationId, admin } = await organization();
    const email = 'new.associate@example.test';
    const sentAt = bed.clock.now();
    const created = await createInvitation(bed.as(admin), { organizationId, email, role: 'member' });

    const token = tokenOf(created.url);
    expect(created.url).toBe(`http://localhost:3000/invitations/${token}`);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(created.invitation).toMatchObject({ status: 'pending', invitedBy: 'Ana Admin', email });
    expect(created.invitation.expiresAt.getTime()).toBe(sentAt.getTime() + 7 * 24 * 3600 * 1000);

    const [row] = await invitationRows(organizationId, email);
    expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token);

    const sent = await db().select().from(emails).where(eq(emails.to, email));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      template: 'invitation',
      subject: 'Invitation to join the organization named “Multnomah Bar Association” on Second Chair',
      // What the invitation limits count it by.
      metadata: {
        organizationId,
        invitedByUserId: admin.userId,
        invitationId: created.invitation.id,
      },
    });
    expect(sent[0].text).toContain(created.url);
  });

  it('lets coordinators invite members and coordinators, and only admins invite admins', async () => {
    const { organizationId, coordinator, member, admin } = await organization();
    await expect(
      createInvitation(bed.as(coordinator), { organizationId, email: 'a1@example.test', role: 'admin' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/only admins/i) });
    await expect(
      createInvitation(bed.as(member), { organizationId, email: 'a2@example.test', role: 'member' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await createInvitation(bed.as(coordinator), {
      organizationId,
      email: 'c1@example.test',
      role: 'coordinator',
    });
    await createInvitation(bed.as(admin), { organizationId, email: 'a3@example.test', role: 'admin' });
    expect(await invitationRows(organizationId, 'a1@example.test')).toEqual([]);
    expect(await invitationRows(organizationId, 'a2@example.test')).toEqual([]);
  });

  it('refuses an address that already belongs to a member, whatever its case', async () => {
    const { organizationId, admin, member } = await organization();
    await expect(
      createInvitation(bed.as(admin), { organizationId, email: member.email.toUpperCase(), role: 'member' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('replaces a pending invitation to the same address: only the newest link works', async () => {
    const { organizationId, admin } = await organization();
    const email = 'twice@example.test';
    const first = await createInvitation(bed.as(admin), { organizationId, email, role: 'member' });
    const second = await createInvitation(bed.as(admin), { organizationId, email, role: 'coordinator' });
    const rows = await invitationRows(organizationId, email);
    expect(rows.map((r) => r.id)).toEqual([second.invitation.id]);
    await expect(getInvitationPreview(bed.as(null), { token: tokenOf(first.url) })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await getInvitationPreview(bed.as(null), { token: tokenOf(second.url) })).toMatchObject({
      role: 'coordinator',
      status: 'pending',
    });
  });

  it('writes no invitation when the email cannot be recorded, and keeps the earlier one', async () => {
    const { organizationId, admin } = await organization();
    const email = 'rollback@example.test';
    const earlier = await createInvitation(bed.as(admin), { organizationId, email, role: 'member' });

    await expect(
      createInvitation(withMailer(admin, failingMailer()), {
        organizationId,
        email,
        role: 'coordinator',
      }),
    ).rejects.toThrow();
    const rows = await invitationRows(organizationId, email);
    expect(rows.map((r) => [r.id, r.role])).toEqual([[earlier.invitation.id, 'member']]);
    expect(await db().select().from(emails).where(eq(emails.to, email))).toHaveLength(1);
    expect(await getInvitationPreview(bed.as(null), { token: tokenOf(earlier.url) })).toMatchObject({
      status: 'pending',
    });

    const fresh = 'rollback.fresh@example.test';
    await expect(
      createInvitation(withMailer(admin, failingMailer()), {
        organizationId,
        email: fresh,
        role: 'member',
      }),
    ).rejects.toThrow();
    expect(await invitationRows(organizationId, fresh)).toEqual([]);
    expect(await db().select().from(emails).where(eq(emails.to, fresh))).toEqual([]);
  });
});

describe('expiry, resending and revoking', () => {
  it('expires after 7 days by the clock, and a resend issues a new link with a new expiry', async () => {
    const { organizationId, admin } = await organization();
    const invitee = await bed.createUser('Tess Late', 'tess.late@example.test');
    const created = await createInvitation(bed.as(admin), {
      organizationId,
      email: invitee.email,
      role: 'member',
    });
    const token = tokenOf(created.url);

    bed.clock.advance(INVITATION_LIFETIME_MS - 1);
    expect((await getInvitationPreview(bed.as(null), { token })).status).toBe('pending');
    bed.clock.advance(1);
    expect((await getInvitationPreview(bed.as(null), { token })).status).toBe('expired');
    expect(
      (await listInvitations(bed.as(admin), { organizationId, status: 'expired' })).invitations,
    ).toHaveLength(1);
    await expect(acceptInvitation(bed.as(invitee), { token })).rejects.toMatchObject({
      code: 'INVALID_STATE',
      message: expect.stringMatching(/expired/),
    });

    const resent = await resendInvitation(bed.as(admin), {
      organizationId,
      invitationId: created.invitation.id,
    });
    expect(resent.invitation.status).toBe('pending');
    expect(resent.invitation.expiresAt.getTime()).toBe(bed.clock.now().getTime() + INVITATION_LIFETIME_MS);
    expect(tokenOf(resent.url)).not.toBe(token);
    await expect(getInvitationPreview(bed.as(null), { token })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await db().select().from(emails).where(eq(emails.to, invitee.email))).toHaveLength(2);

    const joined = await acceptInvitation(bed.as(invitee), { token: tokenOf(resent.url) });
    expect(joined).toMatchObject({ id: organizationId, role: 'member' });
  });

  it('keeps the old link when the resent email cannot be recorded', async () => {
    const { organizationId, admin } = await organization();
    const created = await createInvitation(bed.as(admin), {
      organizationId,
      email: 'keep@example.test',
      role: 'member',
    });
    await expect(
      resendInvitation(withMailer(admin, failingMailer()), {
        organizationId,
        invitationId: created.invitation.id,
      }),
    ).rejects.toThrow();
    expect(await getInvitationPreview(bed.as(null), { token: tokenOf(created.url) })).toMatchObject({
      status: 'pending',
      expiresAt: created.invitation.expiresAt,
    });
  });

  it('revokes: the link stops working; coordinators cannot touch admin invitations', async () => {
    const { organizationId, admin, coordinator } = await organization();
    const invitee = await bed.createUser('Uma Revoked', 'uma.revoked@example.test');
    const forAdmin = await createInvitation(bed.as(admin), {
      organizationId,
      email: 'boss@example.test',
      role: 'admin',
    });
    await expect(
      revokeInvitation(bed.as(coordinator), { organizationId, invitationId: forAdmin.invitation.id }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      resendInvitation(bed.as(coordinator), { organizationId, invitationId: forAdmin.invitation.id }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      createInvitation(bed.as(coordinator), { organizationId, email: 'boss@example.test', role: 'member' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const created = await createInvitation(bed.as(coordinator), {
      organizationId,
      email: invitee.email,
      role: 'member',
    });
    const revoked = await revokeInvitation(bed.as(coordinator), {
      organizationId,
      invitationId: created.invitation.id,
    });
    expect(revoked.invitation.status).toBe('revoked');
    const token = tokenOf(created.url);
    expect((await getInvitationPreview(bed.as(null), { token })).status).toBe('revoked');
    await expect(acceptInvitation(bed.as(invitee), { token })).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
    await expect(
      revokeInvitation(bed.as(admin), { organizationId, invitationId: created.invitation.id }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(
      resendInvitation(bed.as(admin), { organizationId, invitationId: created.invitation.id }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it("cannot reach another organization's invitations", async () => {
    const ours = await organization('Ours');
    const theirs = await organization('Theirs');
    const created = await createInvitation(bed.as(theirs.admin), {
      organizationId: theirs.organizationId,
      email: 'theirs@example.test',
      role: 'member',
    });
    const target = { organizationId: ours.organizationId, invitationId: created.invitation.id };
    await expect(revokeInvitation(bed.as(ours.admin), target)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(resendInvitation(bed.as(ours.admin), target)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      listInvitations(bed.as(ours.admin), { organizationId: theirs.organizationId }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      listInvitations(bed.as(ours.member), { organizationId: ours.organizationId }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(
      (await listInvitations(bed.as(ours.admin), { organizationId: ours.organizationId })).invitations,
    ).toEqual([]);
  });
});

describe('who may send invitation emails, and how many', () => {
  it('refuses an unconfirmed address (FORBIDDEN) and writes nothing', async () => {
    const { organizationId, admin } = await organization();
    await db().update(users).set({ emailVerified: false }).where(eq(users.id, admin.userId));
    await expect(
      createInvitation(bed.as(admin), { organizationId, email: 'held@example.test', role: 'member' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/Confirm your email/) });
    expect(await invitationRows(organizationId, 'held@example.test')).toEqual([]);
  });

  it('counts resends against the inviter per hour, from the emails on record', async () => {
    const { organizationId, admin } = await organization();
    const limit = bed.runtime.config.invitationEmailLimits.perInviterPerHour;
    const created = await createInvitation(bed.as(admin), {
      organizationId,
      email: 'often@example.test',
      role: 'member',
    });
    const input = { organizationId, invitationId: created.invitation.id };
    for (let sent = 1; sent < limit; sent += 1) await resendInvitation(bed.as(admin), input);
    await expect(resendInvitation(bed.as(admin), input)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      details: { retryAfterSeconds: expect.any(Number) },
    });
    const sent = await db().select().from(emails).where(eq(emails.to, 'often@example.test'));
    expect(sent).toHaveLength(limit);
  });
});

describe('accepting invitations', () => {
  it('joins with the invited role, verifies the email, and works only once', async () => {
    const { organizationId, admin } = await organization();
    const invitee = await bed.createUser('Vic Invitee', 'Vic.Invitee@Example.test');
    const created = await createInvitation(bed.as(admin), {
      organizationId,
      email: 'vic.invitee@example.test',
      role: 'coordinator',
    });
    const token = tokenOf(created.url);

    const joined = await acceptInvitation(bed.as(invitee), { token });
    expect(joined).toMatchObject({ id: organizationId, role: 'coordinator' });
    expect((await listOrganizations(bed.as(invitee))).map((o) => o.id)).toEqual([organizationId]);
    const [user] = await db().select().from(users).where(eq(users.id, invitee.userId));
    expect(user.emailVerified).toBe(true);
    const [row] = await invitationRows(organizationId, 'vic.invitee@example.test');
    expect(row).toMatchObject({ acceptedByUserId: invitee.userId, acceptedAt: bed.clock.now() });
    expect((await getInvitationPreview(bed.as(null), { token })).status).toBe('accepted');

    await expect(acceptInvitation(bed.as(invitee), { token })).rejects.toMatchObject({
      code: 'INVALID_STATE',
      message: expect.stringMatching(/already been used/),
    });
  });

  it('refuses someone signed in with another email, saying which one is needed', async () => {
    const { organizationId, admin } = await organization();
    const intruder = await bed.createUser('Wes Wrong', 'wes.wrong@example.test');
    const created = await createInvitation(bed.as(admin), {
      organizationId,
      email: 'right@example.test',
      role: 'member',
    });
    await expect(acceptInvitation(bed.as(intruder), { token: tokenOf(created.url) })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/right@example\.test.*wes\.wrong@example\.test/),
    });
    await expect(acceptInvitation(bed.as(null), { token: tokenOf(created.url) })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect(await listOrganizations(bed.as(intruder))).toEqual([]);
    const [user] = await db().select().from(users).where(eq(users.id, intruder.userId));
    expect(user.emailVerified).toBe(false);
  });

  it('only marks the invitation accepted when the user is already a member', async () => {
    const { organizationId, admin } = await organization();
    const invitee = await bed.createUser('Xan Already', 'xan.already@example.test');
    const created = await createInvitation(bed.as(admin), {
      organizationId,
      email: invitee.email,
      role: 'admin',
    });
    // The person joined another way (e.g. the CLI) while the invitation was pending.
    await db()
      .insert(memberships)
      .values({ id: randomUUID(), organizationId, userId: invitee.userId, role: 'member' });

    const joined = await acceptInvitation(bed.as(invitee), { token: tokenOf(created.url) });
    expect(joined.role).toBe('member');
    const rows = await db()
      .select()
      .from(memberships)
      .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, invitee.userId)));
    expect(rows.map((r) => r.role)).toEqual(['member']);
    expect((await getInvitationPreview(bed.as(null), { token: tokenOf(created.url) })).status).toBe(
      'accepted',
    );
  });

  it('answers an unknown link with NOT_FOUND', async () => {
    await expect(getInvitationPreview(bed.as(null), { token: 'x'.repeat(43) })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
