import { eq } from 'drizzle-orm';
import type { ReviewEligibilityRuleRequest } from '../../contracts/enrolment.ts';
import { reviewRule } from '../../core/enrolment/eligibility.ts';
import { AppError } from '../../core/errors.ts';
import { applications } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import {
  loadApplication,
  recordApplicationEvent,
  selectApplicationRecords,
  storedEligibility,
  type ApplicationRecord,
} from './records.ts';

/**
 * A coordinator settles one eligibility rule of a mentor application as pass or fail, with a note (a
 * rule that needs review, or a correction); the status is computed again and the review is audited.
 */
export async function reviewEligibilityRule(
  ctx: AppContext,
  input: ReviewEligibilityRuleRequest & { applicationId: string; ruleId: string },
): Promise<ApplicationRecord> {
  return ctx.transaction(async (tx) => {
    const { record } = await loadApplication(tx, input.applicationId, { manage: true, lock: true });
    const application = record.application;
    const current = storedEligibility(application);
    const now = tx.clock.now();
    const reviewed = current
      ? reviewRule(current, input.ruleId, {
          outcome: input.outcome,
          note: input.note,
          reviewedBy: tx.actor!.name,
          at: now,
        })
      : null;
    if (!reviewed) throw AppError.notFound('Eligibility rule');
    await tx.db
      .update(applications)
      .set({ eligibility: reviewed as unknown as Record<string, unknown>, updatedAt: now })
      .where(eq(applications.id, application.id));
    await recordApplicationEvent(tx.db, {
      organizationId: application.organizationId,
      applicationId: application.id,
      actorUserId: tx.actor!.userId,
      action: 'eligibility_reviewed',
      message: `${input.ruleId}: ${input.outcome} — ${input.note}`,
      at: now,
    });
    const [row] = await selectApplicationRecords(tx.db).where(eq(applications.id, application.id));
    return { ...row, viewer: record.viewer };
  });
}
