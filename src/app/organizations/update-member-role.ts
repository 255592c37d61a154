import { eq } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { assertCan } from '../../core/policies/index.ts';
import { canChangeMemberRole, canChangeRoles } from '../../core/policies/organizations.ts';
import type { MemberRole } from '../../core/roles.ts';
import { memberships } from '../../db/schema.ts';
import { requireMembership } from '../access.ts';
import type { AppContext } from '../context.ts';
import { countAdmins, findMember, lockOrganization, type MemberRecord, type Viewer } from './records.ts';

export interface UpdateMemberRoleInput {
  organizationId: string;
  membershipId: string;
  role: MemberRole;
}

export interface UpdatedMember {
  viewer: Viewer;
  adminCount: number;
  member: MemberRecord;
}

/** Changes a member's role (admins only); the last admin cannot be demoted. */
export async function updateMemberRole(
  ctx: AppContext,
  input: UpdateMemberRoleInput,
): Promise<UpdatedMember> {
  return ctx.transaction(async (tx) => {
    await lockOrganization(tx.db, input.organizationId);
    const scope = await requireMembership(tx, input.organizationId);
    // Refused before the lookup: a member learns nothing about which membership ids exist.
    assertCan(canChangeRoles(scope));
    const member = await findMember(tx.db, scope, input.membershipId);
    if (!member) throw AppError.notFound('Member');
    const adminCount = await countAdmins(tx.db, scope);
    assertCan(canChangeMemberRole(scope, member, { adminCount }, input.role));
    if (member.role !== input.role) {
      await tx.db
        .update(memberships)
        .set({ role: input.role, updatedAt: ctx.clock.now() })
        .where(eq(memberships.id, member.id));
    }
    const isSelf = member.id === scope.membershipId;
    return {
      // An admin who demotes themselves sees the result with their new, lower permissions.
      viewer: {
        membershipId: scope.membershipId,
        role: isSelf ? input.role : scope.role,
        organizationName: scope.organizationName,
      },
      adminCount: await countAdmins(tx.db, scope),
      member: { ...member, role: input.role },
    };
  });
}
