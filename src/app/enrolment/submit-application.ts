import { randomUUID } from 'node:crypto';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { SubmitApplicationRequest } from '../../contracts/enrolment.ts';
import { reconcileConsents } from '../../core/enrolment/consents.ts';
import { evaluateEligibility } from '../../core/enrolment/eligibility.ts';
import { isSensitiveQuestion, type FormQuestion } from '../../core/enrolment/form.ts';
import { AppError } from '../../core/errors.ts';
import { applications, cohorts } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import { requireProgram } from '../programs/program-access.ts';
import { applicationReceivedEmail, myApplicationsUrl } from './emails.ts';
import {
  isTakingApplications,
  latestForm,
  openCohort,
  recordApplicationEvent,
  rulesFor,
  selectApplicationRecords,
  today,
  validateAnswers,
  viewerOf,
  type ApplicationRecord,
  type CohortRow,
} from './records.ts';

export interface SubmitApplicationInput extends SubmitApplicationRequest {
  programId: string;
}

/** Why a cohort takes no applications now, for the INVALID_STATE message. */
function closedReason(cohort: CohortRow, now: Date): string {
  if (cohort.state !== 'enrolling') {
    return `${cohort.name} is ${cohort.state}; it takes applications only while enrolling`;
  }
  if (cohort.enrolmentOpensOn && today(now) < cohort.enrolmentOpensOn) {
    return `Applications to ${cohort.name} open on ${cohort.enrolmentOpensOn}`;
  }
  return `Applications to ${cohort.name} closed on ${cohort.enrolmentClosesOn}`;
}

/**
 * Submits the actor's application to a program's enrolling cohort: answers validated against the role's
 * current form, sensitive answers only with consent, the mentor eligibility rules evaluated and stored,
 * one live application per cohort, person and role (CONFLICT otherwise), an audit event and a
 * confirmation email.
 */
export async function submitApplication(
  ctx: AppContext,
  input: SubmitApplicationInput,
): Promise<ApplicationRecord> {
  return ctx.transaction(async (tx) => {
    const scope = await requireProgram(tx, input.programId);
    const actor = tx.actor!;
    const now = tx.clock.now();
    let cohort: CohortRow | null;
    if (input.cohortId) {
      [cohort = null] = await tx.db
        .select()
        .from(cohorts)
        .where(and(eq(cohorts.id, input.cohortId), eq(cohorts.programId, input.programId)));
      if (!cohort) throw AppError.notFound('Cohort');
      if (!isTakingApplications(cohort, now)) throw new AppError('INVALID_STATE', closedReason(cohort, now));
    } else {
      cohort = await openCohort(tx.db, input.programId, now);
      if (!cohort) {
        throw new AppError('INVALID_STATE', `${scope.program.name} is not taking applications now`);
      }
    }
    const form = await latestForm(tx.db, input.programId, input.role);
    if (!form) {
      throw new AppError('INVALID_STATE', `${scope.program.name} has no ${input.role} application form yet`);
    }
    if (input.role === 'mentee' && input.capacity != null) {
      throw AppError.validation([{ path: 'capacity', message: 'only mentors offer a capacity' }]);
    }
    const questions = form.questions as FormQuestion[];
    const rules = rulesFor(scope.program, input.role);
    const validated = validateAnswers(questions, rules, input.answers);
    const { answers, consents, issues } = reconcileConsents({
      answers: validated,
      consentedIds: input.consents,
      sensitiveIds: questions.filter(isSensitiveQuestion).map((question) => question.id),
      previous: {},
      now,
    });
    if (issues.length > 0) throw AppError.validation(issues);

    // One live application per cohort, person and role: serialise the check with its insert.
    await tx.db.execute(
      sql`select pg_advisory_xact_lock(hashtext(${`application:${cohort.id}:${actor.userId}:${input.role}`}))`,
    );
    const [live] = await tx.db
      .select({ id: applications.id })
      .from(applications)
      .where(
        and(
          eq(applications.cohortId, cohort.id),
          eq(applications.userId, actor.userId),
          eq(applications.role, input.role),
          ne(applications.status, 'withdrawn'),
        ),
      );
    if (live) {
      throw new AppError('CONFLICT', `You already applied to ${cohort.name} as a ${input.role}`, {
        applicationId: live.id,
      });
    }
    const id = randomUUID();
    await tx.db.insert(applications).values({
      id,
      organizationId: scope.organizationId,
      programId: input.programId,
      cohortId: cohort.id,
      userId: actor.userId,
      membershipId: scope.membershipId,
      role: input.role,
      formId: form.id,
      answers,
      consents: consents as Record<string, unknown>,
      status: 'submitted',
      eligibility: rules
        ? (evaluateEligibility(rules, answers, now) as unknown as Record<string, unknown>)
        : null,
      capacity: input.role === 'mentor' ? (input.capacity ?? null) : null,
      submittedAt: now,
      updatedAt: now,
    });
    await recordApplicationEvent(tx.db, {
      organizationId: scope.organizationId,
      applicationId: id,
      actorUserId: actor.userId,
      action: 'submitted',
      toStatus: 'submitted',
      at: now,
    });
    await tx.mailer.enqueue(
      applicationReceivedEmail({
        to: actor.email,
        name: actor.name,
        programName: scope.program.name,
        role: input.role,
        url: myApplicationsUrl(tx.config.publicUrl, scope.organizationId),
        applicationId: id,
      }),
    );
    const [row] = await selectApplicationRecords(tx.db).where(eq(applications.id, id));
    return { ...row, viewer: viewerOf(actor.userId, scope) };
  });
}
