import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { invitations, memberships, users } from '../../db/schema.ts';
import { requireActor } from '../access.ts';
import type { AppContext } from '../context.ts';
import { convertProgramInvitations } from '../roster/records.ts';
import { hashInvitationToken } from './invitation-tokens.ts';
import {
  invitationStatus,
  loadOrganization,
  lockOrganization,
  type OrganizationWithRole,
} from './records.ts';

export interface AcceptInvitationInput {
  token: string;
}

/**
 * Joins the signed-in user to the invitation's organization. The user's email must be the invited one;
 * following the emailed link proves the address, so it is marked verified.
 */
export async function acceptInvitation(
  ctx: AppContext,
  input: AcceptInvitationInput,
): Promise<OrganizationWithRole> {
  requireActor(ctx);
  const actor = ctx.actor;
  const tokenHash = hashInvitationToken(input.token);
  return ctx.transaction(async (tx) => {
    const byToken = eq(invitations.tokenHash, tokenHash);
    const [found] = await tx.db
      .select({ organizationId: invitations.organizationId })
      .from(invitations)
      .where(byToken);
    if (!found)
      throw new AppError('NOT_FOUND', 'This invitation link is not valid; it may have been replaced');
    // Every invitation write holds the organization lock, so after taking it the row cannot change
    // under us (and the lock order, organization before invitation, is the same everywhere).
    await lockOrganization(tx.db, found.organizationId);
    const [invitation] = await tx.db.select().from(invitations).where(byToken);
    if (!invitation)
      throw new AppError('NOT_FOUND', 'This invitation link is not valid; it may have been replaced');

    const now = ctx.clock.now();
    const status = invitationStatus(invitation, now);
    if (status === 'accepted') throw new AppError('INVALID_STATE', 'This invitation has already been used');
    if (status === 'revoked') {
      throw new AppError('INVALID_STATE', 'This invitation was revoked; ask the organization for a new one');
    }
    if (status === 'expired') {
      throw new AppError(
        'INVALID_STATE',
        `This invitation expired on ${invitation.expiresAt.toUTCString()}; ask the organization for a new one`,
      );
    }
    if (invitation.email.toLowerCase() !== actor.email.toLowerCase()) {
      throw new AppError(
        'FORBIDDEN',
        `This invitation is for ${invitation.email}, but you are signed in as ${actor.email}. Sign in with ${invitation.email} to accept it.`,
      );
    }

    const [existing] = await tx.db
      .select({ id: memberships.id, role: memberships.role })
      .from(memberships)
      .where(
        and(eq(memberships.organizationId, invitation.organizationId), eq(memberships.userId, actor.userId)),
      );
    // Someone who already belongs keeps their role: an invitation never demotes (or silently promotes).
    const membershipId = existing?.id ?? randomUUID();
    if (!existing) {
      await tx.db.insert(memberships).values({
        id: membershipId,
        organizationId: invitation.organizationId,
        userId: actor.userId,
        role: invitation.role,
        createdAt: now,
        updatedAt: now,
      });
    }
    await tx.db
      .update(invitations)
      .set({ acceptedAt: now, acceptedByUserId: actor.userId })
      .where(eq(invitations.id, invitation.id));
    await tx.db.update(users).set({ emailVerified: true, updatedAt: now }).where(eq(users.id, actor.userId));
    // A roster import or program invitation waiting for this person becomes their application now.
    await convertProgramInvitations(
      tx.db,
      {
        organizationId: invitation.organizationId,
        userId: actor.userId,
        email: invitation.email,
        membershipId,
      },
      now,
    );
    return loadOrganization(tx.db, invitation.organizationId, existing?.role ?? invitation.role);
  });
}
