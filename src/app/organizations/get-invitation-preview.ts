import { eq } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import type { MemberRole } from '../../core/roles.ts';
import { invitations, organizations } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import { hashInvitationToken } from './invitation-tokens.ts';
import { invitationStatus, type InvitationStatusValue } from './records.ts';

export interface GetInvitationPreviewInput {
  token: string;
}

/** What the holder of an invitation link sees before signing in and accepting it. */
export interface GetInvitationPreviewResult {
  organizationName: string;
  role: MemberRole;
  email: string;
  status: InvitationStatusValue;
  expiresAt: Date;
}

/**
 * The invitation behind a link, for anyone holding the link (no sign-in: the token is the credential).
 * Unknown or replaced tokens are NOT_FOUND.
 */
export async function getInvitationPreview(
  ctx: AppContext,
  input: GetInvitationPreviewInput,
): Promise<GetInvitationPreviewResult> {
  const [row] = await ctx.db
    .select({
      organizationName: organizations.name,
      role: invitations.role,
      email: invitations.email,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
    })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .where(eq(invitations.tokenHash, hashInvitationToken(input.token)))
    .limit(1);
  if (!row) throw new AppError('NOT_FOUND', 'This invitation link is not valid; it may have been replaced');
  return {
    organizationName: row.organizationName,
    role: row.role,
    email: row.email,
    status: invitationStatus(row, ctx.clock.now()),
    expiresAt: row.expiresAt,
  };
}
