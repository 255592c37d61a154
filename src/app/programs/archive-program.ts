import { eq } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { programs } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import { assertNotArchived, loadProgramView, requireVisibleProgram, type ProgramView } from './records.ts';

export interface ArchiveProgramInput {
  programId: string;
}

/**
 * Archives a program (organization admins and coordinators): it leaves the list, stops changing and
 * can still be duplicated. Refused while a cohort is enrolling, matching or running (close it first).
 */
export async function archiveProgram(ctx: AppContext, input: ArchiveProgramInput): Promise<ProgramView> {
  const { scope, cohorts } = await requireVisibleProgram(ctx, input.programId, { manage: true });
  const before = await loadProgramView(ctx.db, scope, scope.program);
  if (!before.can.archive && scope.program.archivedAt === null) {
    throw new AppError('FORBIDDEN', 'Only organization admins and coordinators archive programs');
  }
  assertNotArchived(scope.program);
  const live = cohorts.find((cohort) => ['enrolling', 'matching', 'running'].includes(cohort.state));
  if (live) {
    throw new AppError(
      'INVALID_STATE',
      `The cohort ${live.name} is ${live.state}; close it before archiving the program`,
    );
  }
  const now = ctx.clock.now();
  const [archived] = await ctx.db
    .update(programs)
    .set({ archivedAt: now, updatedAt: now })
    .where(eq(programs.id, scope.program.id))
    .returning();
  return loadProgramView(ctx.db, scope, archived);
}
