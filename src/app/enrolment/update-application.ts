import { eq } from 'drizzle-orm';
import type { UpdateApplicationRequest } from '../../contracts/enrolment.ts';
import { nextApplicationStatus } from '../../core/enrolment/application-status.ts';
import { reconcileConsents } from '../../core/enrolment/consents.ts';
import { evaluateEligibility } from '../../core/enrolment/eligibility.ts';
import { isSensitiveQuestion, type FormQuestion } from '../../core/enrolment/form.ts';
import type { AnswerConsent } from '../../core/enrolment/matching-profile.ts';
import { AppError } from '../../core/errors.ts';
import { applicationForms, applications } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import {
  loadApplication,
  recordApplicationEvent,
  rulesFor,
  selectApplicationRecords,
  storedEligibility,
  validateAnswers,
  type ApplicationRecord,
} from './records.ts';

export interface UpdateApplicationInput extends UpdateApplicationRequest {
  applicationId: string;
}

/**
 * The applicant changes their answers while the application is submitted or sent back for changes
 * (which returns it to submitted). The answers are checked against the form version the application
 * answered; withdrawing consent to a sensitive answer drops that answer; eligibility is evaluated again.
 */
export async function updateApplication(
  ctx: AppContext,
  input: UpdateApplicationInput,
): Promise<ApplicationRecord> {
  return ctx.transaction(async (tx) => {
    const { record, scope } = await loadApplication(tx, input.applicationId, { lock: true });
    const application = record.application;
    if (application.userId !== tx.actor!.userId) {
      throw new AppError('FORBIDDEN', 'Only the applicant may change an application');
    }
    const toStatus = nextApplicationStatus(application.status, 'update');
    if (application.role === 'mentee' && input.capacity != null) {
      throw AppError.validation([{ path: 'capacity', message: 'only mentors offer a capacity' }]);
    }
    const now = tx.clock.now();
    const [form] = await tx.db
      .select()
      .from(applicationForms)
      .where(eq(applicationForms.id, application.formId));
    const questions = form.questions as FormQuestion[];
    const rules = rulesFor(scope.program, application.role);
    const validated = validateAnswers(questions, rules, input.answers);
    const { answers, consents, issues } = reconcileConsents({
      answers: validated,
      consentedIds: input.consents,
      sensitiveIds: questions.filter(isSensitiveQuestion).map((question) => question.id),
      previous: application.consents as Record<string, AnswerConsent | undefined>,
      now,
    });
    if (issues.length > 0) throw AppError.validation(issues);
    const withdrawnConsents = Object.keys(application.consents).filter((id) => !consents[id]);
    await tx.db
      .update(applications)
      .set({
        answers,
        consents: consents,
        status: toStatus,
        eligibility: rules
          ? (evaluateEligibility(rules, answers, now, storedEligibility(application)) as unknown as Record<
              string,
              unknown
            >)
          : null,
        capacity: application.role === 'mentor' ? (input.capacity ?? application.capacity) : null,
        updatedAt: now,
      })
      .where(eq(applications.id, application.id));
    await recordApplicationEvent(tx.db, {
      organizationId: application.organizationId,
      applicationId: application.id,
      actorUserId: tx.actor!.userId,
      action: 'updated',
      fromStatus: application.status,
      toStatus,
      message: withdrawnConsents.length > 0 ? `Consent withdrawn for: ${withdrawnConsents.join(', ')}` : null,
      at: now,
    });
    const [row] = await selectApplicationRecords(tx.db).where(eq(applications.id, application.id));
    return { ...row, viewer: record.viewer };
  });
}
