import { eq } from 'drizzle-orm';
import type { UpdateProgramRequest } from '../../contracts/programs.ts';
import { AppError } from '../../core/errors.ts';
import { assertValidProgramSettings } from '../../core/programs/settings.ts';
import { cohorts, programs } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import type { ProgramRow } from './program-access.ts';
import { objectiveValues } from './program-values.ts';
import { assertNotArchived, requireVisibleProgram, settingsOf } from './records.ts';

export interface UpdateProgramInput {
  programId: string;
  changes: UpdateProgramRequest;
}

/**
 * Changes a program's settings (its coordinators); fields left out stay as they are. The result must
 * hold together as a whole (core validation). Evergreen can be switched only while every cohort is a
 * draft, and only with one cohort, which becomes (or stops being) the rolling one.
 */
export async function updateProgram(ctx: AppContext, input: UpdateProgramInput): Promise<ProgramRow> {
  const { scope, cohorts: cohortRows } = await requireVisibleProgram(ctx, input.programId, { manage: true });
  const program = scope.program;
  assertNotArchived(program);
  const { objectives, jurisdictions, name, ...rest } = input.changes;
  const changes = {
    ...Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)),
    ...(name !== undefined ? { name: name.trim() } : {}),
    ...(jurisdictions !== undefined ? { jurisdictions: [...new Set(jurisdictions)] } : {}),
    ...(objectives !== undefined ? { objectives: objectiveValues(objectives) } : {}),
  } as Partial<ProgramRow>;
  const merged = { ...program, ...changes };
  // A group program that stops being one drops its group settings rather than failing on them.
  if (changes.format !== undefined && changes.format !== 'group' && input.changes.groupSize === undefined) {
    merged.groupSize = null;
    changes.groupSize = null;
    if (input.changes.allowsCoMentors === undefined) merged.allowsCoMentors = changes.allowsCoMentors = false;
  }
  if (changes.isEvergreen === true && input.changes.endsOn === undefined)
    merged.endsOn = changes.endsOn = null;
  assertValidProgramSettings(settingsOf(merged));

  const switchesEvergreen = changes.isEvergreen !== undefined && changes.isEvergreen !== program.isEvergreen;
  if (switchesEvergreen) {
    if (cohortRows.some((cohort) => cohort.state !== 'draft')) {
      throw new AppError(
        'INVALID_STATE',
        'A program becomes (or stops being) evergreen only while every cohort is a draft',
      );
    }
    if (merged.isEvergreen && cohortRows.length > 1) {
      throw new AppError(
        'INVALID_STATE',
        `An evergreen program has one rolling cohort; this one has ${cohortRows.length}`,
      );
    }
  }
  if (Object.keys(changes).length === 0) return program;
  const now = ctx.clock.now();
  return ctx.transaction(async (tx) => {
    const [updated] = await tx.db
      .update(programs)
      .set({ ...changes, updatedAt: now })
      .where(eq(programs.id, program.id))
      .returning();
    if (switchesEvergreen) {
      await tx.db
        .update(cohorts)
        .set({
          isRolling: updated.isEvergreen,
          ...(updated.isEvergreen ? { endsOn: null } : {}),
          updatedAt: now,
        })
        .where(eq(cohorts.programId, program.id));
    }
    return updated;
  });
}
