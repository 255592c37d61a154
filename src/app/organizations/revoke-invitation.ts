import { eq } from 'drizzle-orm';
import { invitations } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import { requireManageableInvitation, type InvitationView } from './records.ts';

export interface RevokeInvitationInput {
  organizationId: string;
  invitationId: string;
}

/** Revokes an unused invitation so its link stops working (whoever could have sent it). */
export async function revokeInvitation(
  ctx: AppContext,
  input: RevokeInvitationInput,
): Promise<InvitationView> {
  return ctx.transaction(async (tx) => {
    const { scope, invitation, now } = await requireManageableInvitation(tx, input, 'revoke');
    await tx.db.update(invitations).set({ revokedAt: now }).where(eq(invitations.id, invitation.id));
    return { viewerRole: scope.role, invitation: { ...invitation, status: 'revoked' } };
  });
}
