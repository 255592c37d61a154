import { and, eq, inArray } from 'drizzle-orm';
import type { ApplicationDecision } from '../../core/enrolment/application-status.ts';
import { nextApplicationStatus } from '../../core/enrolment/application-status.ts';
import { AppError } from '../../core/errors.ts';
import { applications } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import { requireProgram } from '../programs/program-access.ts';
import { applicationDecisionEmail, myApplicationsUrl } from './emails.ts';
import {
  loadApplication,
  recordApplicationEvent,
  selectApplicationRecords,
  viewerOf,
  type ApplicationRecord,
} from './records.ts';

const EVENT: Record<ApplicationDecision, string> = {
  approve: 'approved',
  reject: 'rejected',
  waitlist: 'waitlisted',
  request_changes: 'changes_requested',
};

export interface DecisionInput {
  decision: ApplicationDecision;
  message: string;
}

/**
 * Applies one decision to applications of one program, all or nothing (call inside a transaction): each
 * must allow it, or INVALID_STATE names the applicant and the state; each is an audit event and an
 * email to the applicant.
 */
async function applyDecision(
  tx: AppContext,
  records: ApplicationRecord[],
  input: DecisionInput,
): Promise<void> {
  const now = tx.clock.now();
  const actorUserId = tx.actor!.userId;
  for (const record of records) {
    const application = record.application;
    let toStatus;
    try {
      toStatus = nextApplicationStatus(application.status, input.decision);
    } catch (error) {
      if (error instanceof AppError) {
        throw new AppError('INVALID_STATE', `${record.applicant.name}: ${error.message}`, {
          ...error.details,
          applicationId: application.id,
        });
      }
      throw error;
    }
    await tx.db
      .update(applications)
      .set({
        status: toStatus,
        decisionMessage: input.message || null,
        decidedByUserId: actorUserId,
        decidedAt: now,
        updatedAt: now,
      })
      .where(eq(applications.id, application.id));
    await recordApplicationEvent(tx.db, {
      organizationId: application.organizationId,
      applicationId: application.id,
      actorUserId,
      action: EVENT[input.decision],
      fromStatus: application.status,
      toStatus,
      message: input.message || null,
      at: now,
    });
    await tx.mailer.enqueue(
      applicationDecisionEmail({
        to: record.applicant.email,
        name: record.applicant.name,
        programName: record.program.name,
        decision: input.decision,
        message: input.message,
        url: myApplicationsUrl(tx.config.publicUrl, application.organizationId),
        applicationId: application.id,
      }),
    );
  }
}

/** A coordinator approves, rejects (with a message), waitlists or sends back one application. */
export async function decideApplication(
  ctx: AppContext,
  input: DecisionInput & { applicationId: string },
): Promise<ApplicationRecord> {
  return ctx.transaction(async (tx) => {
    const { record } = await loadApplication(tx, input.applicationId, { manage: true, lock: true });
    await applyDecision(tx, [record], input);
    const [row] = await selectApplicationRecords(tx.db).where(eq(applications.id, record.application.id));
    return { ...row, viewer: record.viewer };
  });
}

/**
 * The same decision on many applications of a program, in one transaction: if any one cannot take it
 * (another program's, or a state that does not allow it), none changes and no email leaves.
 */
export async function decideApplications(
  ctx: AppContext,
  input: DecisionInput & { programId: string; applicationIds: string[] },
): Promise<ApplicationRecord[]> {
  return ctx.transaction(async (tx) => {
    const scope = await requireProgram(tx, input.programId, { manage: true });
    const ids = [...new Set(input.applicationIds)];
    const where = and(
      eq(applications.organizationId, scope.organizationId),
      eq(applications.programId, input.programId),
      inArray(applications.id, ids),
    );
    const rows = await selectApplicationRecords(tx.db)
      .where(where)
      .orderBy(applications.id)
      .for('update', { of: applications });
    if (rows.length !== ids.length) {
      const found = new Set(rows.map((row) => row.application.id));
      const index = input.applicationIds.findIndex((id) => !found.has(id));
      throw AppError.validation([
        { path: `applicationIds.${index}`, message: 'no such application in this program' },
      ]);
    }
    const viewer = viewerOf(tx.actor!.userId, scope);
    const records = rows.map((row) => ({ ...row, viewer }));
    await applyDecision(tx, records, input);
    const updated = await selectApplicationRecords(tx.db).where(where).orderBy(applications.id);
    return updated.map((row) => ({ ...row, viewer }));
  });
}
