import { programFormRequirements, type FormRequirement } from '../../core/enrolment/form.ts';
import type { AppContext } from '../context.ts';
import { requireProgram } from '../programs/program-access.ts';
import { latestForm, type ApplicationFormRow } from './records.ts';

export interface ApplicationForms {
  mentor: ApplicationFormRow | null;
  mentee: ApplicationFormRow | null;
  canEdit: boolean;
  /** Built-in questions the program's settings make required on both forms (ADR 015). */
  requirements: FormRequirement[];
}

/** The current form of each role of a program, and what its settings demand, for the form builder. */
export async function getApplicationForms(
  ctx: AppContext,
  input: { programId: string },
): Promise<ApplicationForms> {
  const scope = await requireProgram(ctx, input.programId, { manage: true });
  return {
    mentor: await latestForm(ctx.db, input.programId, 'mentor'),
    mentee: await latestForm(ctx.db, input.programId, 'mentee'),
    canEdit: scope.canManage,
    requirements: programFormRequirements(scope.program),
  };
}
