/**
 * The scoping helper for program-scoped resources, built on the organization one in ../access.ts:
 * a program of an organization the actor does not belong to reads as NOT_FOUND, exactly like a
 * missing one. Who may manage a program: the organization's admins and coordinators, and members made
 * coordinator of this program only.
 */
import { and, eq } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { hasRoleAtLeast } from '../../core/roles.ts';
import { programCoordinators, programs } from '../../db/schema.ts';
import { requireActor, requireMembership, type OrganizationScope } from '../access.ts';
import type { AppContext } from '../context.ts';

export type ProgramRow = typeof programs.$inferSelect;

/** The actor's standing in one program. */
export interface ProgramScope extends OrganizationScope {
  program: ProgramRow;
  /** Made coordinator of this program only (beside organization admins and coordinators). */
  isProgramCoordinator: boolean;
  /** May change the program, review applications, run and publish matches. */
  canManage: boolean;
}

export interface RequireProgramOptions {
  /** Throw FORBIDDEN unless the actor may manage the program. */
  manage?: boolean;
}

/**
 * Resolves `programId` for the actor: NOT_FOUND when the program does not exist or belongs to an
 * organization the actor is not a member of; FORBIDDEN when `manage` is asked and the actor may not.
 */
export async function requireProgram(
  ctx: AppContext,
  programId: string,
  options: RequireProgramOptions = {},
): Promise<ProgramScope> {
  requireActor(ctx);
  const [program] = await ctx.db.select().from(programs).where(eq(programs.id, programId)).limit(1);
  if (!program) throw AppError.notFound('Program');
  let scope: OrganizationScope;
  try {
    scope = await requireMembership(ctx, program.organizationId);
  } catch (error) {
    // Not a member of the program's organization: the program does not exist as far as they know.
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw AppError.notFound('Program');
    throw error;
  }
  const [assignment] = await ctx.db
    .select({ membershipId: programCoordinators.membershipId })
    .from(programCoordinators)
    .where(
      and(
        eq(programCoordinators.programId, program.id),
        eq(programCoordinators.membershipId, scope.membershipId),
      ),
    )
    .limit(1);
  const isProgramCoordinator = assignment !== undefined;
  const canManage = hasRoleAtLeast(scope.role, 'coordinator') || isProgramCoordinator;
  if (options.manage && !canManage) {
    throw new AppError('FORBIDDEN', `Only coordinators of ${program.name} may do this`);
  }
  return { ...scope, program, isProgramCoordinator, canManage };
}
