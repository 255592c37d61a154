import { and, eq } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { programCoordinators } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import { assertNotArchived, permissionsOf, requireVisibleProgram } from './records.ts';

export interface RemoveProgramCoordinatorInput {
  programId: string;
  membershipId: string;
}

/** Takes a member's coordinator role in this program away (they stay a member of the organization). */
export async function removeProgramCoordinator(
  ctx: AppContext,
  input: RemoveProgramCoordinatorInput,
): Promise<void> {
  const { scope, cohorts } = await requireVisibleProgram(ctx, input.programId, { manage: true });
  if (!permissionsOf(scope, scope.program, cohorts).manageCoordinators) {
    assertNotArchived(scope.program);
    throw new AppError('FORBIDDEN', 'Only organization admins and coordinators remove program coordinators');
  }
  const removed = await ctx.db
    .delete(programCoordinators)
    .where(
      and(
        eq(programCoordinators.programId, scope.program.id),
        eq(programCoordinators.membershipId, input.membershipId),
      ),
    )
    .returning();
  if (removed.length === 0) throw AppError.notFound('Program coordinator');
}
