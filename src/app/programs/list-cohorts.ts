import type { AppContext } from '../context.ts';
import {
  cohortView,
  permissionsOf,
  requireVisibleProgram,
  selectCohortCounts,
  type CohortView,
} from './records.ts';

export interface ListCohortsInput {
  programId: string;
}

/** A program's cohorts, newest first, with the moves each may make (for those who may move them). */
export async function listCohorts(ctx: AppContext, input: ListCohortsInput): Promise<CohortView[]> {
  const { scope, cohorts } = await requireVisibleProgram(ctx, input.programId);
  const permissions = permissionsOf(scope, scope.program, cohorts);
  const counts = await selectCohortCounts(ctx.db, scope.program.id);
  return cohorts.map((cohort) => cohortView(ctx, scope.program, cohort, counts.get(cohort.id), permissions));
}
