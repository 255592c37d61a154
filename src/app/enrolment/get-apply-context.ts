import { and, eq, ne } from 'drizzle-orm';
import { CONSENT_STATEMENT } from '../../core/enrolment/consents.ts';
import { prefillAnswers } from '../../core/enrolment/built-in-questions.ts';
import type { EligibilityRules } from '../../core/enrolment/eligibility.ts';
import { canApplyUnder, ENROLMENT_MODE_EXPLANATIONS } from '../../core/enrolment/enrolment-mode.ts';
import type { FormQuestion } from '../../core/enrolment/form.ts';
import type { EnrolmentMode, ProgramRole } from '../../core/programs/vocabulary.ts';
import { applications } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import { requireProgram, type ProgramRow } from '../programs/program-access.ts';
import { selectProfile } from '../profiles/profile-records.ts';
import {
  findProgramInvitation,
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
  enrolment: ApplyEnrolment;
}

/** The enrolment mode as the applicant meets it. */
export interface ApplyEnrolment {
  mode: EnrolmentMode;
  explanation: string;
  /** Whether the actor may apply to the open cohort in this role (false when no cohort is open). */
  canApply: boolean;
  /** Why not, naming the rule; null when they may. */
  reason: string | null;
  /** open_link: applications are approved on submission (mentors: when every eligibility rule passes). */
  approvesOnSubmit: boolean;
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
  const mode = scope.program.enrolmentMode;
  let reason: string | null = cohort ? null : `${scope.program.name} is not taking applications now`;
  if (cohort) {
    const invitation =
      mode === 'invitation_only'
        ? await findProgramInvitation(ctx.db, { cohortId: cohort.id, email: actor.email, role })
        : null;
    const permission = canApplyUnder(mode, {
      isInvited: invitation !== null,
      role,
      programName: scope.program.name,
      cohortName: cohort.name,
    });
    if (!permission.allowed) reason = permission.reason;
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
    enrolment: {
      mode,
      explanation: ENROLMENT_MODE_EXPLANATIONS[mode],
      canApply: reason === null,
      reason,
      approvesOnSubmit: mode === 'open_link',
    },
  };
}
