import { assertCan } from '../../core/policies/index.ts';
import { canListInvitations } from '../../core/policies/organizations.ts';
import { requireMembership } from '../access.ts';
import type { AppContext } from '../context.ts';
import type { MemberRole } from '../../core/roles.ts';
import { selectInvitations, type InvitationRecord, type InvitationStatusValue } from './records.ts';

export interface ListInvitationsInput {
  organizationId: string;
  /** Only invitations with this status; all when absent. */
  status?: InvitationStatusValue | undefined;
}

export interface InvitationListing {
  viewerRole: MemberRole;
  invitations: InvitationRecord[];
}

/** An organization's invitations, newest first (coordinators and admins). */
export async function listInvitations(
  ctx: AppContext,
  input: ListInvitationsInput,
): Promise<InvitationListing> {
  const scope = await requireMembership(ctx, input.organizationId);
  assertCan(canListInvitations(scope));
  const all = await selectInvitations(ctx.db, scope, ctx.clock.now());
  // Status depends on the clock (pending turns expired), so it is filtered here rather than in SQL.
  const invitations = input.status ? all.filter((invitation) => invitation.status === input.status) : all;
  return { viewerRole: scope.role, invitations };
}
