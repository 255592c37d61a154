import { eq } from 'drizzle-orm';
import type { EligibilityRules } from '../../contracts/enrolment.ts';
import { programs } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import { requireProgram } from '../programs/program-access.ts';
import { eligibilityRulesOf } from './records.ts';

export interface EligibilityRulesView {
  rules: EligibilityRules;
  canEdit: boolean;
}

/** A program's mentor eligibility rules; every member may read them (applicants should know them). */
export async function getEligibilityRules(
  ctx: AppContext,
  input: { programId: string },
): Promise<EligibilityRulesView> {
  const scope = await requireProgram(ctx, input.programId);
  return { rules: eligibilityRulesOf(scope.program), canEdit: scope.canManage };
}

/**
 * Replaces a program's eligibility rules (coordinators). Applications already submitted keep the
 * evaluation they had; the new rules apply to applications submitted or changed from now on.
 */
export async function updateEligibilityRules(
  ctx: AppContext,
  input: { programId: string; rules: EligibilityRules },
): Promise<EligibilityRulesView> {
  return ctx.transaction(async (tx) => {
    const scope = await requireProgram(tx, input.programId, { manage: true });
    await tx.db
      .update(programs)
      .set({ eligibilityRules: input.rules, updatedAt: tx.clock.now() })
      .where(eq(programs.id, scope.program.id));
    return { rules: input.rules, canEdit: true };
  });
}
