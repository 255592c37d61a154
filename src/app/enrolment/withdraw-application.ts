import { eq } from 'drizzle-orm';
import { nextApplicationStatus } from '../../core/enrolment/application-status.ts';
import { AppError } from '../../core/errors.ts';
import { applications, rankings } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import {
  loadApplication,
  recordApplicationEvent,
  selectApplicationRecords,
  type ApplicationRecord,
} from './records.ts';

/** The applicant withdraws a live application; it leaves the pool and their rankings are dropped. */
export async function withdrawApplication(
  ctx: AppContext,
  input: { applicationId: string },
): Promise<ApplicationRecord> {
  return ctx.transaction(async (tx) => {
    const { record } = await loadApplication(tx, input.applicationId, { lock: true });
    const application = record.application;
    if (application.userId !== tx.actor!.userId) {
      throw new AppError('FORBIDDEN', 'Only the applicant may withdraw an application');
    }
    const toStatus = nextApplicationStatus(application.status, 'withdraw');
    const now = tx.clock.now();
    await tx.db
      .update(applications)
      .set({ status: toStatus, updatedAt: now })
      .where(eq(applications.id, application.id));
    await tx.db.delete(rankings).where(eq(rankings.applicationId, application.id));
    await recordApplicationEvent(tx.db, {
      organizationId: application.organizationId,
      applicationId: application.id,
      actorUserId: tx.actor!.userId,
      action: 'withdrawn',
      fromStatus: application.status,
      toStatus,
      at: now,
    });
    const [row] = await selectApplicationRecords(tx.db).where(eq(applications.id, application.id));
    return { ...row, viewer: record.viewer };
  });
}
