import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { DuplicateProgramRequest } from '../../contracts/programs.ts';
import { AppError } from '../../core/errors.ts';
import { canCreateProgram } from '../../core/policies/programs.ts';
import { PROGRAM_ROLES } from '../../core/programs/vocabulary.ts';
import { applicationForms, cohorts, programs } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import { FIRST_COHORT_NAME } from './create-program.ts';
import type { ProgramRow } from './program-access.ts';
import { ROLLING_COHORT_NAME } from './program-values.ts';
import { requireVisibleProgram } from './records.ts';

export interface DuplicateProgramInput {
  programId: string;
  options: DuplicateProgramRequest;
}

/** Longest name a program may have (the contract's limit). */
const MAX_NAME = 120;

/**
 * Copies a program as the template for its next run (organization admins and coordinators): settings,
 * objectives, expectations, eligibility rules, matching defaults and the latest application form of
 * each role. No people (applications, coordinators, relationships) and no cohorts: the copy starts
 * with one draft cohort. Its name is "<name> (copy)" unless given.
 */
export async function duplicateProgram(ctx: AppContext, input: DuplicateProgramInput): Promise<ProgramRow> {
  const { scope } = await requireVisibleProgram(ctx, input.programId, { manage: true });
  if (!canCreateProgram(scope.role)) {
    throw new AppError('FORBIDDEN', 'Only organization admins and coordinators duplicate programs');
  }
  const source = scope.program;
  const name = input.options.name?.trim() ?? `${source.name} (copy)`.slice(0, MAX_NAME);
  const actor = ctx.actor!;
  const now = ctx.clock.now();
  return ctx.transaction(async (tx) => {
    const {
      id: _id,
      openLinkTokenHash: _link,
      archivedAt: _archived,
      createdAt: _created,
      updatedAt: _updated,
      createdByUserId: _creator,
      duplicatedFromProgramId: _from,
      ...settings
    } = source;
    const [copy] = await tx.db
      .insert(programs)
      .values({
        ...settings,
        id: randomUUID(),
        name,
        objectives: settings.objectives.map((objective) => ({ ...objective })),
        duplicatedFromProgramId: source.id,
        createdByUserId: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    for (const role of PROGRAM_ROLES) {
      const [latest] = await tx.db
        .select()
        .from(applicationForms)
        .where(and(eq(applicationForms.programId, source.id), eq(applicationForms.role, role)))
        .orderBy(desc(applicationForms.version))
        .limit(1);
      if (!latest) continue;
      await tx.db.insert(applicationForms).values({
        id: randomUUID(),
        organizationId: copy.organizationId,
        programId: copy.id,
        role,
        version: 1,
        questions: latest.questions,
        createdByUserId: actor.userId,
        createdAt: now,
      });
    }
    await tx.db.insert(cohorts).values({
      id: randomUUID(),
      organizationId: copy.organizationId,
      programId: copy.id,
      name: copy.isEvergreen ? ROLLING_COHORT_NAME : FIRST_COHORT_NAME,
      state: 'draft',
      isRolling: copy.isEvergreen,
      startsOn: copy.startsOn,
      endsOn: copy.isEvergreen ? null : copy.endsOn,
      createdAt: now,
      updatedAt: now,
    });
    return copy;
  });
}
