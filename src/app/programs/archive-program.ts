import { eq } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { cohorts, programs } from '../../db/schema.ts';
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
  return ctx.transaction(async (tx) => {
    const { scope } = await requireVisibleProgram(tx, input.programId, { manage: true });
    // Locked, as transitionCohort locks it before moving a cohort: no cohort opens while this checks.
    const [program] = await tx.db
      .select()
      .from(programs)
      .where(eq(programs.id, scope.program.id))
      .for('update');
    const before = await loadProgramView(tx.db, scope, program);
    if (!before.can.archive && program.archivedAt === null) {
      throw new AppError('FORBIDDEN', 'Only organization admins and coordinators archive programs');
    }
    assertNotArchived(program);
    const programCohorts = await tx.db.select().from(cohorts).where(eq(cohorts.programId, program.id));
    const live = programCohorts.find((cohort) => ['enrolling', 'matching', 'running'].includes(cohort.state));
    if (live) {
      throw new AppError(
        'INVALID_STATE',
        `The cohort ${live.name} is ${live.state}; close it before archiving the program`,
      );
    }
    const now = tx.clock.now();
    const [archived] = await tx.db
      .update(programs)
      .set({ archivedAt: now, updatedAt: now })
      .where(eq(programs.id, program.id))
      .returning();
    return loadProgramView(tx.db, scope, archived);
  });
}
