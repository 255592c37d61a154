import { eq } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
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
    const scope = await requireMembership(tx, input.organizationId, { minimumRole: 'admin' });
    const member = await findMember(tx.db, scope, input.membershipId);
    if (!member) throw AppError.notFound('Member');

    if (member.role === 'admin' && input.role !== 'admin' && (await countAdmins(tx.db, scope)) <= 1) {
      throw new AppError(
        'INVALID_STATE',
        `${member.name} is the last admin of ${scope.organizationName}; make another member an admin first`,
      );
    }
    if (member.role !== input.role) {
      await tx.db
        .update(memberships)
        .set({ role: input.role, updatedAt: ctx.clock.now() })
        .where(eq(memberships.id, member.id));
    }
    const isSelf = member.id === scope.membershipId;
    return {
      // An admin who demotes themselves sees the result with their new, lower permissions.
      viewer: { membershipId: scope.membershipId, role: isSelf ? input.role : scope.role },
      adminCount: await countAdmins(tx.db, scope),
      member: { ...member, role: input.role },
    };
  });
}
