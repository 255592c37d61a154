/**
 * What a program's enrolment mode means for one person applying (ADR 015): who may apply, and whether
 * the application waits for a coordinator or is approved on submission.
 *
 * - approval_required: any member of the organization may apply; every application waits for review.
 * - invitation_only: only people the coordinators invited to the cohort, for that role, may apply; their
 *   applications wait for review like any other.
 * - open_link: anyone who reached the program (the sign-up link makes them a member) may apply; mentees
 *   are approved at once, mentors at once only when every eligibility rule passes.
 */
import type { EnrolmentMode, ProgramRole } from '../programs/vocabulary.ts';
import type { EligibilityResult } from './eligibility.ts';

/** One line per mode, as coordinators read it on the settings page and in guided setup. */
export const ENROLMENT_MODE_EXPLANATIONS: Readonly<Record<EnrolmentMode, string>> = {
  approval_required:
    'Any member of your organization may apply; a coordinator approves, rejects or waitlists each application.',
  invitation_only:
    'Only people you invite or import into a cohort may apply (for the role they were invited as); you still review each application.',
  open_link:
    'Anyone with the sign-up link may join and apply; mentees are approved at once, mentors at once when every eligibility rule passes.',
};

/** Whether `mode` lets this person apply; the refusal names the rule. */
export function canApplyUnder(
  mode: EnrolmentMode,
  person: { isInvited: boolean; role: ProgramRole; programName: string; cohortName: string },
): { allowed: true } | { allowed: false; reason: string } {
  if (mode !== 'invitation_only' || person.isInvited) return { allowed: true };
  return {
    allowed: false,
    reason: `${person.programName} enrols by invitation only: only people its coordinators invited to ${person.cohortName} as a ${person.role} may apply`,
  };
}

/** What happens to a new application on submission. */
export type SubmissionOutcome =
  { status: 'submitted'; reason: string | null } | { status: 'approved'; reason: string };

/**
 * What submitting does under `mode`: approved on submission (open link: mentees always, mentors whose
 * eligibility is eligible or who face no rules), or submitted for review, with the reason when an open
 * link could not approve (the rules that did not pass).
 */
export function submissionOutcome(
  mode: EnrolmentMode,
  role: ProgramRole,
  eligibility: EligibilityResult | null,
): SubmissionOutcome {
  if (mode !== 'open_link') return { status: 'submitted', reason: null };
  if (role === 'mentee') {
    return { status: 'approved', reason: 'Approved on submission: this program enrols mentees by open link' };
  }
  if (eligibility === null || eligibility.status === 'eligible') {
    return {
      status: 'approved',
      reason:
        eligibility === null
          ? 'Approved on submission: open-link enrolment, and the program sets no mentor eligibility rules'
          : 'Approved on submission: open-link enrolment, and every mentor eligibility rule passed',
    };
  }
  const open = eligibility.rules
    .filter((rule) => rule.outcome !== 'pass')
    .map((rule) => `${rule.label}: ${rule.outcome === 'fail' ? 'fails' : 'needs review'} (${rule.reason})`);
  return {
    status: 'submitted',
    reason: `Waiting for a coordinator: not every mentor eligibility rule passed. ${open.join('; ')}`,
  };
}
