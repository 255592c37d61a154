import { eq } from 'drizzle-orm';
import type { UpdateCohortRequest } from '../../contracts/programs.ts';
import { AppError } from '../../core/errors.ts';
import { cohortDateIssues } from '../../core/programs/settings.ts';
import { cohorts } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import { assertNotArchived, requireCohort, requireVisibleProgram, type CohortRow } from './records.ts';

export interface UpdateCohortInput {
  programId: string;
  cohortId: string;
  changes: UpdateCohortRequest;
}

/** Renames a cohort or changes its dates (the program's coordinators); a closed cohort no longer changes. */
export async function updateCohort(ctx: AppContext, input: UpdateCohortInput): Promise<CohortRow> {
  const { scope } = await requireVisibleProgram(ctx, input.programId, { manage: true });
  assertNotArchived(scope.program);
  const cohort = await requireCohort(ctx.db, scope.program, input.cohortId);
  if (cohort.state === 'closed') {
    throw new AppError(
      'INVALID_STATE',
      `The cohort ${cohort.name} is closed; a closed cohort no longer changes`,
    );
  }
  const changes = Object.fromEntries(
    Object.entries(input.changes).filter(([, value]) => value !== undefined),
  ) as Partial<CohortRow>;
  if (typeof changes.name === 'string') changes.name = changes.name.trim();
  if (cohort.isRolling && changes.endsOn) {
    throw AppError.validation([
      { path: 'endsOn', message: 'the rolling cohort of an evergreen program has no end date' },
    ]);
  }
  const issues = cohortDateIssues({ ...cohort, ...changes });
  if (issues.length > 0) throw AppError.validation(issues);
  if (Object.keys(changes).length === 0) return cohort;
  const [updated] = await ctx.db
    .update(cohorts)
    .set({ ...changes, updatedAt: ctx.clock.now() })
    .where(eq(cohorts.id, cohort.id))
    .returning();
  return updated;
}
