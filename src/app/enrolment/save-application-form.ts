import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { SaveApplicationFormRequest } from '../../contracts/enrolment.ts';
import { validateFormForProgram } from '../../core/enrolment/form.ts';
import { AppError } from '../../core/errors.ts';
import type { ProgramRole } from '../../core/programs/vocabulary.ts';
import { applicationForms } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import { requireProgram } from '../programs/program-access.ts';
import { latestForm, type ApplicationFormRow } from './records.ts';

export interface SaveApplicationFormInput extends SaveApplicationFormRequest {
  programId: string;
  role: ProgramRole;
}

/**
 * Saves a program's form for a role as a new version (coordinators). Earlier versions stay: answers
 * already given keep the version they answered. The program's settings may demand questions: under an
 * inside/outside rule, the built-in `employer` question, required (VALIDATION_FAILED naming it).
 */
export async function saveApplicationForm(
  ctx: AppContext,
  input: SaveApplicationFormInput,
): Promise<ApplicationFormRow> {
  return ctx.transaction(async (tx) => {
    const scope = await requireProgram(tx, input.programId, { manage: true });
    const issues = validateFormForProgram(input.questions, scope.program);
    if (issues.length > 0) throw AppError.validation(issues);
    // Two saves at once must not both take the next version number.
    await tx.db.execute(
      sql`select pg_advisory_xact_lock(hashtext(${`forms:${input.programId}:${input.role}`}))`,
    );
    const previous = await latestForm(tx.db, input.programId, input.role);
    const [form] = await tx.db
      .insert(applicationForms)
      .values({
        id: randomUUID(),
        organizationId: scope.organizationId,
        programId: input.programId,
        role: input.role,
        version: (previous?.version ?? 0) + 1,
        questions: input.questions,
        createdByUserId: tx.actor!.userId,
        createdAt: tx.clock.now(),
      })
      .returning();
    return form;
  });
}
