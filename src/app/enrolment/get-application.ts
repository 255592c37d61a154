import { asc, eq } from 'drizzle-orm';
import type { FormQuestion } from '../../core/enrolment/form.ts';
import type { ApplicationStatus } from '../../core/programs/vocabulary.ts';
import { applicationEvents, applicationForms, users } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import { loadApplication, type ApplicationRecord } from './records.ts';

export interface ApplicationEventRecord {
  id: string;
  action: string;
  fromStatus: ApplicationStatus | null;
  toStatus: ApplicationStatus | null;
  message: string | null;
  actor: { userId: string; name: string } | null;
  createdAt: Date;
}

export interface ApplicationDetail {
  record: ApplicationRecord;
  questions: FormQuestion[];
  events: ApplicationEventRecord[];
}

/**
 * One application with the form version it answered and its audit trail: for its applicant and the
 * program's coordinators only (another member gets FORBIDDEN, another organization NOT_FOUND).
 */
export async function getApplication(
  ctx: AppContext,
  input: { applicationId: string },
): Promise<ApplicationDetail> {
  const { record } = await loadApplication(ctx, input.applicationId);
  const [form] = await ctx.db
    .select({ questions: applicationForms.questions })
    .from(applicationForms)
    .where(eq(applicationForms.id, record.application.formId));
  const events = await ctx.db
    .select({
      id: applicationEvents.id,
      action: applicationEvents.action,
      fromStatus: applicationEvents.fromStatus,
      toStatus: applicationEvents.toStatus,
      message: applicationEvents.message,
      actorUserId: applicationEvents.actorUserId,
      actorName: users.name,
      createdAt: applicationEvents.createdAt,
    })
    .from(applicationEvents)
    .leftJoin(users, eq(users.id, applicationEvents.actorUserId))
    .where(eq(applicationEvents.applicationId, record.application.id))
    .orderBy(asc(applicationEvents.createdAt), asc(applicationEvents.id));
  return {
    record,
    questions: form.questions as FormQuestion[],
    events: events.map(({ actorUserId, actorName, ...event }) => ({
      ...event,
      actor: actorUserId && actorName !== null ? { userId: actorUserId, name: actorName } : null,
    })),
  };
}
