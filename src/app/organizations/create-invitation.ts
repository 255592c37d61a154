import { randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { assertCan } from '../../core/policies/index.ts';
import { canInvite, canReplaceInvitation } from '../../core/policies/organizations.ts';
import type { MemberRole } from '../../core/roles.ts';
import { invitations, memberships, users } from '../../db/schema.ts';
import { inOrganization, requireActor, requireMembership, type OrganizationScope } from '../access.ts';
import type { AppContext, AuthenticatedContext } from '../context.ts';
import { enqueueInvitationEmail, requireInvitationSender } from './invitation-emails.ts';
import { invitationExpiry, invitationUrl, newInvitationToken } from './invitation-tokens.ts';
import { lockOrganization, type InvitationView } from './records.ts';

export interface CreateInvitationInput {
  organizationId: string;
  email: string;
  role: MemberRole;
}

export interface CreatedInvitation extends InvitationView {
  /** The emailed link. It holds the token, so it goes to the invitee only, never into an API response. */
  url: string;
}

/**
 * Invites an email address to an organization (coordinators and admins; only admins invite admins;
 * only from a confirmed address, within the invitation email limits) and emails the link. A pending
 * invitation to the same address is replaced.
 */
export async function createInvitation(
  ctx: AppContext,
  input: CreateInvitationInput,
): Promise<CreatedInvitation> {
  requireActor(ctx);
  return ctx.transaction(async (tx) => {
    await lockOrganization(tx.db, input.organizationId);
    const scope = await requireMembership(tx, input.organizationId);
    assertCan(canInvite(scope, input.role));
    await requireInvitationSender(tx, scope);
    return issueInvitation(tx, scope, input);
  });
}

/** What `issueInvitation` needs beyond the address and role. */
export interface IssueInvitationInput extends Omit<CreateInvitationInput, 'organizationId'> {
  /** The program the invitation brings the person into, named in the email. */
  program?: { name: string; role: string };
}

/**
 * The invitation itself, for callers that hold the organization lock inside their transaction and have
 * checked the actor's rights and `requireInvitationSender`: createInvitation above, and the program roster
 * import and program invitations (src/app/roster), where a program's coordinator invites people into it.
 * A pending invitation to the same address is replaced (only by someone who may replace it).
 */
export async function issueInvitation(
  tx: AuthenticatedContext,
  scope: OrganizationScope,
  input: IssueInvitationInput,
): Promise<CreatedInvitation> {
  const actor = tx.actor;
  const email = input.email.trim().toLowerCase();

  const [existingMember] = await tx.db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(inOrganization(scope, memberships.organizationId, sql`lower(${users.email}) = ${email}`))
    .limit(1);
  if (existingMember) {
    throw new AppError('CONFLICT', `${email} is already a member of ${scope.organizationName}`, {
      issues: [{ path: 'email', message: 'is already a member' }],
    });
  }

  const unused = and(
    inOrganization(scope, invitations.organizationId, sql`lower(${invitations.email}) = ${email}`),
    isNull(invitations.acceptedAt),
    isNull(invitations.revokedAt),
  );
  const replaced = await tx.db.select({ role: invitations.role }).from(invitations).where(unused);
  for (const invitation of replaced) assertCan(canReplaceInvitation(scope, { ...invitation, email }));
  // One open invitation per address: the newest link is the one that works.
  if (replaced.length > 0) await tx.db.delete(invitations).where(unused);

  const now = tx.clock.now();
  const expiresAt = invitationExpiry(now);
  const { token, tokenHash } = newInvitationToken();
  const id = randomUUID();
  await tx.db.insert(invitations).values({
    id,
    organizationId: scope.organizationId,
    email,
    role: input.role,
    tokenHash,
    invitedByUserId: actor.userId,
    expiresAt,
    createdAt: now,
  });
  const url = invitationUrl(tx.config, token);
  // Inside the transaction: if the email cannot be recorded, no invitation exists that nobody was told of.
  await enqueueInvitationEmail(tx, {
    scope,
    invitationId: id,
    to: email,
    role: input.role,
    url,
    expiresAt,
    ...(input.program ? { program: input.program } : {}),
  });
  return {
    viewerRole: scope.role,
    invitation: {
      id,
      organizationId: scope.organizationId,
      email,
      role: input.role,
      status: 'pending',
      invitedBy: actor.name,
      expiresAt,
      createdAt: now,
    },
    url,
  };
}
