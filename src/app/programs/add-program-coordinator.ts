import { and, eq } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { memberships, programCoordinators } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import { selectProgramCoordinators, type ProgramCoordinatorRecord } from './list-program-coordinators.ts';
import { assertNotArchived, permissionsOf, requireVisibleProgram } from './records.ts';

export interface AddProgramCoordinatorInput {
  programId: string;
  membershipId: string;
}

/**
 * Makes a member coordinator of this program only (organization admins and coordinators decide).
 * Someone who already manages every program (an organization admin or coordinator) is a CONFLICT.
 */
export async function addProgramCoordinator(
  ctx: AppContext,
  input: AddProgramCoordinatorInput,
): Promise<ProgramCoordinatorRecord> {
  const { scope, cohorts } = await requireVisibleProgram(ctx, input.programId, { manage: true });
  const program = scope.program;
  if (!permissionsOf(scope, program, cohorts).manageCoordinators) {
    assertNotArchived(program);
    throw new AppError('FORBIDDEN', 'Only organization admins and coordinators appoint program coordinators');
  }
  const [member] = await ctx.db
    .select({ id: memberships.id, role: memberships.role })
    .from(memberships)
    .where(
      and(eq(memberships.id, input.membershipId), eq(memberships.organizationId, program.organizationId)),
    )
    .limit(1);
  if (!member) throw AppError.notFound('Member');
  if (member.role !== 'member') {
    throw new AppError(
      'CONFLICT',
      `This person is an organization ${member.role} and already manages every program`,
    );
  }
  const inserted = await ctx.db
    .insert(programCoordinators)
    .values({
      programId: program.id,
      organizationId: program.organizationId,
      membershipId: member.id,
      createdAt: ctx.clock.now(),
    })
    .onConflictDoNothing()
    .returning();
  if (inserted.length === 0) throw new AppError('CONFLICT', 'This member already coordinates the program');
  const coordinators = await selectProgramCoordinators(ctx.db, program.id);
  return coordinators.find((coordinator) => coordinator.membershipId === member.id)!;
}
