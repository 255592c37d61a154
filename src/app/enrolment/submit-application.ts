import { randomUUID } from 'node:crypto';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { SubmitApplicationRequest } from '../../contracts/enrolment.ts';
import { reconcileConsents } from '../../core/enrolment/consents.ts';
import { evaluateEligibility } from '../../core/enrolment/eligibility.ts';
import { canApplyUnder, submissionOutcome } from '../../core/enrolment/enrolment-mode.ts';
import { isSensitiveQuestion, type FormQuestion } from '../../core/enrolment/form.ts';
import { AppError } from '../../core/errors.ts';
import { applications, cohorts, programInvitations } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import { requireProgram } from '../programs/program-access.ts';
import { applicationDecisionEmail, applicationReceivedEmail, myApplicationsUrl } from './emails.ts';
import {
  findProgramInvitation,
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
 * Submits the actor's application to a program's enrolling cohort: the enrolment mode lets the actor
 * apply (invitation only: FORBIDDEN unless invited to the cohort for the role), answers validated against
 * the role's current form, sensitive answers only with consent, the mentor eligibility rules evaluated
 * and stored, one live application per cohort, person and role (CONFLICT otherwise), an audit event and
 * a confirmation email. An open-link program approves on submission (mentees; mentors whose every
 * eligibility rule passes), recorded and emailed like a coordinator's decision but by the system.
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
    const invitation = await findProgramInvitation(tx.db, {
      cohortId: cohort.id,
      email: actor.email,
      role: input.role,
    });
    const permission = canApplyUnder(scope.program.enrolmentMode, {
      isInvited: invitation !== null,
      role: input.role,
      programName: scope.program.name,
      cohortName: cohort.name,
    });
    if (!permission.allowed) {
      throw new AppError('FORBIDDEN', permission.reason, {
        enrolmentMode: scope.program.enrolmentMode,
      });
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
    const eligibility = rules ? evaluateEligibility(rules, answers, now) : null;
    const outcome = submissionOutcome(scope.program.enrolmentMode, input.role, eligibility);
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
      status: outcome.status,
      eligibility: eligibility as unknown as Record<string, unknown> | null,
      capacity: input.role === 'mentor' ? (input.capacity ?? null) : null,
      // An approval on submission is the system's decision: no deciding user, the rule as its record.
      ...(outcome.status === 'approved' ? { decidedByUserId: null, decidedAt: now } : {}),
      submittedAt: now,
      updatedAt: now,
    });
    await recordApplicationEvent(tx.db, {
      organizationId: scope.organizationId,
      applicationId: id,
      actorUserId: actor.userId,
      action: 'submitted',
      toStatus: 'submitted',
      message: outcome.status === 'submitted' ? outcome.reason : null,
      at: now,
    });
    const url = myApplicationsUrl(tx.config.publicUrl, scope.organizationId);
    if (outcome.status === 'approved') {
      await recordApplicationEvent(tx.db, {
        organizationId: scope.organizationId,
        applicationId: id,
        actorUserId: null,
        action: 'approved',
        fromStatus: 'submitted',
        toStatus: 'approved',
        message: outcome.reason,
        // Right after the submission, so that the trail (ordered by time) reads submitted → approved.
        at: new Date(now.getTime() + 1),
      });
      await tx.mailer.enqueue(
        applicationDecisionEmail({
          to: actor.email,
          name: actor.name,
          programName: scope.program.name,
          decision: 'approve',
          message: '',
          url,
          applicationId: id,
          isAutomatic: true,
        }),
      );
    } else {
      await tx.mailer.enqueue(
        applicationReceivedEmail({
          to: actor.email,
          name: actor.name,
          programName: scope.program.name,
          role: input.role,
          url,
          applicationId: id,
          note: outcome.reason,
        }),
      );
    }
    // The coordinators' invitation to this cohort (ADR 018) now has its application.
    if (invitation) {
      await tx.db
        .update(programInvitations)
        .set({ applicationId: id, updatedAt: now })
        .where(eq(programInvitations.id, invitation.id));
    }
    const [row] = await selectApplicationRecords(tx.db).where(eq(applications.id, id));
    return { ...row, viewer: viewerOf(actor.userId, scope) };
  });
}
