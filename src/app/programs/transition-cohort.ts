import { eq } from 'drizzle-orm';
import { assertCohortTransition } from '../../core/programs/cohort-states.ts';
import type { CohortState } from '../../core/programs/vocabulary.ts';
import { cohorts, programs } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import {
  cohortView,
  emptyCohortCounts,
  permissionsOf,
  requireCohort,
  requireVisibleProgram,
  selectCohortCounts,
  transitionFacts,
  type CohortView,
} from './records.ts';

export interface TransitionCohortInput {
  programId: string;
  cohortId: string;
  to: CohortState;
}

/**
 * Moves a cohort to another state (the program's coordinators) if the state machine allows it
 * (src/core/programs/cohort-states.ts); INVALID_STATE names the current state and what is allowed.
 * The cohort row is locked, so two moves at once cannot both pass the guards.
 */
export async function transitionCohort(ctx: AppContext, input: TransitionCohortInput): Promise<CohortView> {
  const { scope, cohorts: cohortRows } = await requireVisibleProgram(ctx, input.programId, { manage: true });
  const program = scope.program;
  await requireCohort(ctx.db, program, input.cohortId);
  const now = ctx.clock.now();
  return ctx.transaction(async (tx) => {
    // The program row first (archiveProgram takes it too), then the cohort: a move and an archiving
    // cannot both pass their guards on what the other is changing.
    const [current] = await tx.db.select().from(programs).where(eq(programs.id, program.id)).for('update');
    const [cohort] = await tx.db.select().from(cohorts).where(eq(cohorts.id, input.cohortId)).for('update');
    const counts = await selectCohortCounts(tx.db, program.id);
    assertCohortTransition(
      cohort.state,
      input.to,
      transitionFacts(tx, current, cohort, counts.get(cohort.id) ?? emptyCohortCounts()),
    );
    const [moved] = await tx.db
      .update(cohorts)
      .set({ state: input.to, updatedAt: now })
      .where(eq(cohorts.id, cohort.id))
      .returning();
    const permissions = permissionsOf(
      scope,
      program,
      cohortRows.map((row) => (row.id === moved.id ? moved : row)),
    );
    return cohortView(tx, program, moved, counts.get(moved.id), permissions);
  });
}
