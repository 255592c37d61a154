import { and, eq, ne } from 'drizzle-orm';
import { CONSENT_STATEMENT } from '../../core/enrolment/consents.ts';
import { prefillAnswers } from '../../core/enrolment/built-in-questions.ts';
import type { EligibilityRules } from '../../core/enrolment/eligibility.ts';
import type { FormQuestion } from '../../core/enrolment/form.ts';
import type { ProgramRole } from '../../core/programs/vocabulary.ts';
import { applications } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import { requireProgram, type ProgramRow } from '../programs/program-access.ts';
import { selectProfile } from '../profiles/profile-records.ts';
import {
  latestForm,
  openCohort,
  rulesFor,
  selectApplicationRecords,
  viewerOf,
  type ApplicationFormRow,
  type ApplicationRecord,
  type CohortRow,
} from './records.ts';

export interface ApplyContext {
  program: ProgramRow;
  cohort: CohortRow | null;
  role: ProgramRole;
  form: ApplicationFormRow | null;
  prefill: Record<string, unknown>;
  eligibilityRules: EligibilityRules | null;
  consentStatement: string;
  existing: ApplicationRecord | null;
}

/**
 * What the apply page needs: the program, the cohort open now, the role's current form, the built-in
 * answers prefilled from the member's profile, the mentor eligibility rules, and the member's live
 * application if they already applied. The role defaults to the profile's mentoring role.
 */
export async function getApplyContext(
  ctx: AppContext,
  input: { programId: string; role?: ProgramRole },
): Promise<ApplyContext> {
  const scope = await requireProgram(ctx, input.programId);
  const actor = ctx.actor!;
  const now = ctx.clock.now();
  const profile = await selectProfile(ctx.db, scope, scope.membershipId);
  const role: ProgramRole = input.role ?? (profile.mentoringRole === 'mentor' ? 'mentor' : 'mentee');
  const cohort = await openCohort(ctx.db, input.programId, now);
  const form = await latestForm(ctx.db, input.programId, role);
  const questionIds = ((form?.questions ?? []) as FormQuestion[]).map((question) => question.id);
  const prefill = prefillAnswers(profile, questionIds, now) as Record<string, unknown>;
  let existing: ApplicationRecord | null = null;
  if (cohort) {
    const [row] = await selectApplicationRecords(ctx.db)
      .where(
        and(
          eq(applications.cohortId, cohort.id),
          eq(applications.userId, actor.userId),
          eq(applications.role, role),
          ne(applications.status, 'withdrawn'),
        ),
      )
      .limit(1);
    if (row) existing = { ...row, viewer: viewerOf(actor.userId, scope) };
  }
  return {
    program: scope.program,
    cohort,
    role,
    form,
    prefill,
    eligibilityRules: rulesFor(scope.program, role),
    consentStatement: CONSENT_STATEMENT,
    existing,
  };
}
