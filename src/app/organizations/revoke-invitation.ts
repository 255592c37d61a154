import { eq } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { invitations } from '../../db/schema.ts';
import { requireMembership } from '../access.ts';
import type { AppContext } from '../context.ts';
import {
  canManageInvitation,
  findInvitation,
  isInvitationOpen,
  lockOrganization,
  type InvitationView,
} from './records.ts';

export interface RevokeInvitationInput {
  organizationId: string;
  invitationId: string;
}

/** Revokes an unused invitation so its link stops working (whoever could have sent it). */
export async function revokeInvitation(
  ctx: AppContext,
  input: RevokeInvitationInput,
): Promise<InvitationView> {
  return ctx.db.transaction(async (tx) => {
    await lockOrganization(tx, input.organizationId);
    const scope = await requireMembership(ctx, input.organizationId, {
      minimumRole: 'coordinator',
      executor: tx,
    });
    const now = ctx.clock.now();
    const invitation = await findInvitation(tx, scope, input.invitationId, now);
    if (!invitation) throw AppError.notFound('Invitation');
    if (!canManageInvitation(scope.role, invitation.role)) {
      throw new AppError(
        'FORBIDDEN',
        `Only admins of ${scope.organizationName} may revoke admin invitations`,
      );
    }
    if (!isInvitationOpen(invitation.status)) {
      throw new AppError('INVALID_STATE', `This invitation was already ${invitation.status}`);
    }
    await tx.update(invitations).set({ revokedAt: now }).where(eq(invitations.id, invitation.id));
    return { viewerRole: scope.role, invitation: { ...invitation, status: 'revoked' } };
  });
}
