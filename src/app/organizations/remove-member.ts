import { eq } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { assertCan } from '../../core/policies/index.ts';
import { canRemoveMember } from '../../core/policies/organizations.ts';
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
    assertCan(canRemoveMember(scope, member, { adminCount: await countAdmins(tx.db, scope) }));
    await tx.db.delete(memberships).where(eq(memberships.id, member.id));
  });
}
