import { randomUUID } from 'node:crypto';
import type { CreateProgramRequest } from '../../contracts/programs.ts';
import { AppError } from '../../core/errors.ts';
import { canCreateProgram } from '../../core/policies/programs.ts';
import { assertValidProgramSettings, cohortDateIssues } from '../../core/programs/settings.ts';
import { cohorts, programs } from '../../db/schema.ts';
import { requireMembership } from '../access.ts';
import type { AppContext } from '../context.ts';
import { programValues, ROLLING_COHORT_NAME } from './program-values.ts';
import type { ProgramRow } from './program-access.ts';

export interface CreateProgramInput {
  organizationId: string;
  program: CreateProgramRequest;
}

/** The name of the first cohort when the request gives none. */
export const FIRST_COHORT_NAME = 'First cohort';

/**
 * Creates a program (organization admins and coordinators) with its first cohort: the rolling cohort
 * of an evergreen program, otherwise the cohort the request names (or "First cohort"), as a draft.
 */
export async function createProgram(ctx: AppContext, input: CreateProgramInput): Promise<ProgramRow> {
  const scope = await requireMembership(ctx, input.organizationId);
  if (!canCreateProgram(scope.role)) {
    throw new AppError(
      'FORBIDDEN',
      `Only admins and coordinators of ${scope.organizationName} create programs`,
    );
  }
  const { cohort: cohortInput, ...settings } = input.program;
  const values = programValues(settings);
  assertValidProgramSettings({ ...values, name: settings.name });
  if (cohortInput && settings.isEvergreen) {
    throw AppError.validation([
      { path: 'cohort', message: 'an evergreen program has one rolling cohort; leave the cohort out' },
    ]);
  }
  const cohortIssues = cohortInput ? cohortDateIssues(cohortInput) : [];
  if (cohortIssues.length > 0) {
    throw AppError.validation(cohortIssues.map((issue) => ({ ...issue, path: `cohort.${issue.path}` })));
  }
  const actor = ctx.actor!;
  const now = ctx.clock.now();
  return ctx.transaction(async (tx) => {
    const [program] = await tx.db
      .insert(programs)
      .values({
        id: randomUUID(),
        organizationId: scope.organizationId,
        ...values,
        createdByUserId: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx.db.insert(cohorts).values({
      id: randomUUID(),
      organizationId: scope.organizationId,
      programId: program.id,
      name: program.isEvergreen ? ROLLING_COHORT_NAME : (cohortInput?.name ?? FIRST_COHORT_NAME),
      state: 'draft',
      isRolling: program.isEvergreen,
      startsOn: cohortInput?.startsOn ?? program.startsOn,
      endsOn: cohortInput?.endsOn ?? (program.isEvergreen ? null : program.endsOn),
      enrolmentOpensOn: cohortInput?.enrolmentOpensOn ?? null,
      enrolmentClosesOn: cohortInput?.enrolmentClosesOn ?? null,
      createdAt: now,
      updatedAt: now,
    });
    return program;
  });
}
