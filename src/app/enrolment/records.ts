/**
 * What the enrolment use cases share: the application record they return (with its program, cohort and
 * applicant), loading an application for a viewer under the enrolment policies, the latest form of a
 * role, answer validation against a form version, eligibility rules as stored, and the audit trail.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { answersSchemaFor, EligibilityRules as EligibilityRulesSchema } from '../../contracts/enrolment.ts';
import type { EligibilityResult, EligibilityRules } from '../../core/enrolment/eligibility.ts';
import { hasEligibilityRules } from '../../core/enrolment/eligibility.ts';
import type { FormQuestion } from '../../core/enrolment/form.ts';
import { AppError, type FieldIssue } from '../../core/errors.ts';
import { canViewApplication, type EnrolmentViewer } from '../../core/policies/enrolment.ts';
import type { ApplicationStatus, ProgramRole } from '../../core/programs/vocabulary.ts';
import {
  applicationEvents,
  applicationForms,
  applications,
  cohorts,
  programInvitations,
  programs,
  users,
} from '../../db/schema.ts';
import { requireActor } from '../access.ts';
import type { AppContext, Queryable } from '../context.ts';
import { requireProgram, type ProgramRow, type ProgramScope } from '../programs/program-access.ts';

export type ApplicationRow = typeof applications.$inferSelect;
export type ApplicationFormRow = typeof applicationForms.$inferSelect;
export type CohortRow = typeof cohorts.$inferSelect;

/** An application with what presenters show beside it, and who is looking. */
export interface ApplicationRecord {
  application: ApplicationRow;
  program: Pick<ProgramRow, 'id' | 'name' | 'rankingsEnabled' | 'mentorsRank'>;
  cohortName: string;
  applicant: { userId: string; name: string; email: string };
  formVersion: number;
  viewer: EnrolmentViewer;
}

/** The viewer of a program scope, as the enrolment policies know it. */
export function viewerOf(userId: string, scope: ProgramScope): EnrolmentViewer {
  return { userId, canManageProgram: scope.canManage };
}

/** Applications joined with what a record needs; filter and order it further. */
export function selectApplicationRecords(db: Queryable) {
  return db
    .select({
      application: applications,
      program: {
        id: programs.id,
        name: programs.name,
        rankingsEnabled: programs.rankingsEnabled,
        mentorsRank: programs.mentorsRank,
      },
      cohortName: cohorts.name,
      applicant: { userId: users.id, name: users.name, email: users.email },
      formVersion: applicationForms.version,
    })
    .from(applications)
    .innerJoin(programs, eq(programs.id, applications.programId))
    .innerJoin(cohorts, eq(cohorts.id, applications.cohortId))
    .innerJoin(users, eq(users.id, applications.userId))
    .innerJoin(applicationForms, eq(applicationForms.id, applications.formId));
}

export interface LoadedApplication {
  record: ApplicationRecord;
  scope: ProgramScope;
}

/**
 * The application `applicationId` as the actor may see it: NOT_FOUND when it does not exist or its
 * program's organization is not the actor's; FORBIDDEN when the actor is a member who is neither its
 * applicant nor a coordinator of the program (`manage`: only coordinators). `lock` locks the row.
 */
export async function loadApplication(
  ctx: AppContext,
  applicationId: string,
  options: { manage?: boolean; lock?: boolean } = {},
): Promise<LoadedApplication> {
  requireActor(ctx);
  const [found] = await ctx.db
    .select({ programId: applications.programId })
    .from(applications)
    .where(eq(applications.id, applicationId))
    .limit(1);
  if (!found) throw AppError.notFound('Application');
  let scope: ProgramScope;
  try {
    scope = await requireProgram(ctx, found.programId, { manage: options.manage });
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw AppError.notFound('Application');
    throw error;
  }
  const query = selectApplicationRecords(ctx.db)
    .where(and(eq(applications.id, applicationId), eq(applications.organizationId, scope.organizationId)))
    .limit(1);
  const [row] = options.lock ? await query.for('update', { of: applications }) : await query;
  if (!row) throw AppError.notFound('Application');
  const viewer = viewerOf(ctx.actor.userId, scope);
  if (!canViewApplication(viewer, row.application)) {
    throw new AppError(
      'FORBIDDEN',
      'Only the applicant and the program’s coordinators may see an application',
    );
  }
  return { record: { ...row, viewer }, scope };
}

/** The newest form version of a program for a role, or null when none was saved. */
export async function latestForm(
  db: Queryable,
  programId: string,
  role: ProgramRole,
): Promise<ApplicationFormRow | null> {
  const [form] = await db
    .select()
    .from(applicationForms)
    .where(and(eq(applicationForms.programId, programId), eq(applicationForms.role, role)))
    .orderBy(desc(applicationForms.version))
    .limit(1);
  return form ?? null;
}

/** A program's stored eligibility rules (validated when saved; anything unreadable counts as none). */
export function eligibilityRulesOf(program: Pick<ProgramRow, 'eligibilityRules'>): EligibilityRules {
  const parsed = EligibilityRulesSchema.safeParse(program.eligibilityRules);
  return parsed.success ? parsed.data : {};
}

/** The rules a mentor application of this program answers, or null (mentees; programs without rules). */
export function rulesFor(
  program: Pick<ProgramRow, 'eligibilityRules'>,
  role: ProgramRole,
): EligibilityRules | null {
  if (role !== 'mentor') return null;
  const rules = eligibilityRulesOf(program);
  return hasEligibilityRules(rules) ? rules : null;
}

/** Zod issues as field issues under `prefix` (an unknown key names the key). */
export function fieldIssues(error: z.ZodError, prefix: string): FieldIssue[] {
  return error.issues.map((issue) => {
    const parts = [prefix, ...issue.path.map(String)];
    if (issue.code === 'unrecognized_keys' && issue.keys.length > 0) parts.push(issue.keys[0]);
    const message =
      issue.code === 'unrecognized_keys'
        ? `the form asks no question ${issue.keys.join(', ')}`
        : issue.message;
    return { path: parts.join('.'), message };
  });
}

/** The answers, validated against a form version (and the eligibility questions), or VALIDATION_FAILED. */
export function validateAnswers(
  questions: readonly FormQuestion[],
  rules: EligibilityRules | null,
  answers: Record<string, unknown>,
): Record<string, unknown> {
  const parsed = answersSchemaFor(questions, rules).safeParse(answers);
  if (!parsed.success) throw AppError.validation(fieldIssues(parsed.error, 'answers'));
  return parsed.data;
}

/** The eligibility result as stored, or null. */
export function storedEligibility(
  application: Pick<ApplicationRow, 'eligibility'>,
): EligibilityResult | null {
  return (application.eligibility as EligibilityResult | null) ?? null;
}

/** Records one entry of an application's audit trail. */
export async function recordApplicationEvent(
  db: Queryable,
  event: {
    organizationId: string;
    applicationId: string;
    actorUserId: string | null;
    action: string;
    fromStatus?: ApplicationStatus | null;
    toStatus?: ApplicationStatus | null;
    message?: string | null;
    at: Date;
  },
): Promise<void> {
  await db.insert(applicationEvents).values({
    id: randomUUID(),
    organizationId: event.organizationId,
    applicationId: event.applicationId,
    actorUserId: event.actorUserId,
    action: event.action,
    fromStatus: event.fromStatus ?? null,
    toStatus: event.toStatus ?? null,
    message: event.message ?? null,
    createdAt: event.at,
  });
}

/** The cohort's dates as `YYYY-MM-DD` of `now` (UTC). */
export function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Whether a cohort takes applications on `now`: enrolling, and inside its enrolment window. */
export function isTakingApplications(cohort: CohortRow, now: Date): boolean {
  if (cohort.state !== 'enrolling') return false;
  if (cohort.isRolling) return true;
  const day = today(now);
  if (cohort.enrolmentOpensOn && day < cohort.enrolmentOpensOn) return false;
  if (cohort.enrolmentClosesOn && day > cohort.enrolmentClosesOn) return false;
  return true;
}

/** The program's cohort open for applications now (the one closing first), or null. */
export async function openCohort(db: Queryable, programId: string, now: Date): Promise<CohortRow | null> {
  const rows = await db
    .select()
    .from(cohorts)
    .where(and(eq(cohorts.programId, programId), eq(cohorts.state, 'enrolling')));
  const open = rows.filter((cohort) => isTakingApplications(cohort, now));
  open.sort(
    (a, b) =>
      (a.enrolmentClosesOn ?? '9999').localeCompare(b.enrolmentClosesOn ?? '9999') ||
      a.createdAt.getTime() - b.createdAt.getTime(),
  );
  return open[0] ?? null;
}

/**
 * The coordinators' invitation of this person (by email, case-insensitively) to a cohort for a role — a
 * roster import or an invitation email (ADR 018), pending or already turned into an application — or
 * null. Invitation-only programs admit exactly these people.
 */
export async function findProgramInvitation(
  db: Queryable,
  where: { cohortId: string; email: string; role: ProgramRole },
): Promise<{ id: string; applicationId: string | null } | null> {
  const [row] = await db
    .select({ id: programInvitations.id, applicationId: programInvitations.applicationId })
    .from(programInvitations)
    .where(
      and(
        eq(programInvitations.cohortId, where.cohortId),
        eq(programInvitations.role, where.role),
        sql`lower(${programInvitations.email}) = ${where.email.toLowerCase()}`,
      ),
    )
    .limit(1);
  return row ?? null;
}
