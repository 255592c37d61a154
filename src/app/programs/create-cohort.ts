import { randomUUID } from 'node:crypto';
import type { CohortInput } from '../../contracts/programs.ts';
import { AppError } from '../../core/errors.ts';
import { cohortDateIssues } from '../../core/programs/settings.ts';
import { cohorts } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import { assertNotArchived, requireVisibleProgram, type CohortRow } from './records.ts';

export interface CreateCohortInput {
  programId: string;
  cohort: CohortInput;
}

/** Adds a draft cohort (an intake) to a program; an evergreen program keeps its one rolling cohort. */
export async function createCohort(ctx: AppContext, input: CreateCohortInput): Promise<CohortRow> {
  const { scope } = await requireVisibleProgram(ctx, input.programId, { manage: true });
  const program = scope.program;
  assertNotArchived(program);
  if (program.isEvergreen) {
    throw new AppError(
      'INVALID_STATE',
      `${program.name} is evergreen: it has one rolling cohort and takes no others`,
    );
  }
  const issues = cohortDateIssues(input.cohort);
  if (issues.length > 0) throw AppError.validation(issues);
  const now = ctx.clock.now();
  const [cohort] = await ctx.db
    .insert(cohorts)
    .values({
      id: randomUUID(),
      organizationId: program.organizationId,
      programId: program.id,
      ...input.cohort,
      name: input.cohort.name.trim(),
      state: 'draft',
      isRolling: false,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return cohort;
}
