import { eq } from 'drizzle-orm';
import { invitations } from '../../db/schema.ts';
import { requireActor } from '../access.ts';
import type { AppContext } from '../context.ts';
import { enqueueInvitationEmail, requireInvitationSender } from './invitation-emails.ts';
import { invitationExpiry, invitationUrl, newInvitationToken } from './invitation-tokens.ts';
import type { CreatedInvitation } from './create-invitation.ts';
import { requireManageableInvitation } from './records.ts';

export interface ResendInvitationInput {
  organizationId: string;
  invitationId: string;
}

/**
 * Emails an unused (pending or expired) invitation again with a new link and a new expiry; the old
 * link stops working. Resent emails count against the same limits as new invitations.
 */
export async function resendInvitation(
  ctx: AppContext,
  input: ResendInvitationInput,
): Promise<CreatedInvitation> {
  requireActor(ctx);
  return ctx.transaction(async (tx) => {
    const { scope, invitation, now } = await requireManageableInvitation(tx, input, 'resend');
    await requireInvitationSender(tx, scope);
    const expiresAt = invitationExpiry(now);
    const { token, tokenHash } = newInvitationToken();
    await tx.db.update(invitations).set({ tokenHash, expiresAt }).where(eq(invitations.id, invitation.id));
    const url = invitationUrl(ctx.config, token);
    await enqueueInvitationEmail(tx, {
      scope,
      invitationId: invitation.id,
      to: invitation.email,
      role: invitation.role,
      url,
      expiresAt,
    });
    return {
      viewerRole: scope.role,
      invitation: { ...invitation, status: 'pending', expiresAt },
      url,
    };
  });
}
