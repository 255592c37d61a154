import { assertCan } from '../../core/policies/index.ts';
import { canListMembers } from '../../core/policies/organizations.ts';
import { requireMembership } from '../access.ts';
import type { AppContext } from '../context.ts';
import { selectMembers, type MemberListing } from './records.ts';

export interface ListMembersInput {
  organizationId: string;
}

/** Everyone in an organization with their roles; every member may see the list. */
export async function listMembers(ctx: AppContext, input: ListMembersInput): Promise<MemberListing> {
  const scope = await requireMembership(ctx, input.organizationId);
  assertCan(canListMembers(scope));
  const members = await selectMembers(ctx.db, scope);
  return {
    viewer: { membershipId: scope.membershipId, role: scope.role, organizationName: scope.organizationName },
    adminCount: members.filter((member) => member.role === 'admin').length,
    members,
  };
}
