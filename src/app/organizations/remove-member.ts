import { eq } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { memberships } from '../../db/schema.ts';
import { requireMembership } from '../access.ts';
import type { AppContext } from '../context.ts';
import { countAdmins, findMember, lockOrganization } from './records.ts';

export interface RemoveMemberInput {
  organizationId: string;
  membershipId: string;
}

/** Removes a member: admins may remove anyone, anyone may leave; never the last admin. */
export async function removeMember(ctx: AppContext, input: RemoveMemberInput): Promise<void> {
  await ctx.transaction(async (tx) => {
    await lockOrganization(tx.db, input.organizationId);
    const scope = await requireMembership(tx, input.organizationId);
    const member = await findMember(tx.db, scope, input.membershipId);
    if (!member) throw AppError.notFound('Member');

    const isSelf = member.id === scope.membershipId;
    if (!isSelf && scope.role !== 'admin') {
      throw new AppError('FORBIDDEN', `Only admins of ${scope.organizationName} may remove other members`);
    }
    if (member.role === 'admin' && (await countAdmins(tx.db, scope)) <= 1) {
      throw new AppError(
        'INVALID_STATE',
        isSelf
          ? `You are the last admin of ${scope.organizationName}; make another member an admin before leaving`
          : `${member.name} is the last admin of ${scope.organizationName} and cannot be removed`,
      );
    }
    await tx.db.delete(memberships).where(eq(memberships.id, member.id));
  });
}
