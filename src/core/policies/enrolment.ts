/**
 * Who may see and do what with applications. Coordinators of the program see every application and
 * its answers; an applicant sees their own; nobody else sees an application, its answers, or that it
 * exists (a mentor never sees other applicants' answers; a mentee never learns who else applied).
 */
import { canTransition } from '../enrolment/application-status.ts';
import type { ApplicationStatus, ProgramRole } from '../programs/vocabulary.ts';

/** The viewer as far as a program is concerned. */
export interface EnrolmentViewer {
  userId: string;
  /** Organization admin or coordinator, or coordinator of this program. */
  canManageProgram: boolean;
}

export interface ApplicationFacts {
  userId: string;
  role: ProgramRole;
  status: ApplicationStatus;
}

/** Whether the viewer may see the application at all (and so its answers, consents and audit trail). */
export function canViewApplication(viewer: EnrolmentViewer, application: ApplicationFacts): boolean {
  return viewer.canManageProgram || viewer.userId === application.userId;
}

/** Whether the viewer may read the program's review queue (everyone who applied). */
export function canViewReviewQueue(viewer: EnrolmentViewer): boolean {
  return viewer.canManageProgram;
}

/** Whether the viewer may approve, reject, waitlist or send back, and review eligibility rules. */
export function canDecideApplication(viewer: EnrolmentViewer): boolean {
  return viewer.canManageProgram;
}

/** Whether the viewer may change the answers: the applicant, while submitted or sent back for changes. */
export function canUpdateApplication(viewer: EnrolmentViewer, application: ApplicationFacts): boolean {
  return viewer.userId === application.userId && canTransition(application.status, 'update');
}

/** Whether the viewer may withdraw: the applicant, while the application is live. */
export function canWithdrawApplication(viewer: EnrolmentViewer, application: ApplicationFacts): boolean {
  return viewer.userId === application.userId && canTransition(application.status, 'withdraw');
}

/**
 * Whether the viewer may rank from this application: its applicant, once approved, when the program
 * lets that side rank (mentees when rankings are on, mentors when mentors rank too).
 */
export function canRankFrom(
  viewer: EnrolmentViewer,
  application: ApplicationFacts,
  program: { rankingsEnabled: boolean; mentorsRank: boolean },
): boolean {
  if (viewer.userId !== application.userId || application.status !== 'approved') return false;
  if (!program.rankingsEnabled) return false;
  return application.role === 'mentee' || program.mentorsRank;
}

/** Whether the viewer may read the rankings made from this application (the applicant, or coordinators). */
export function canViewRankings(viewer: EnrolmentViewer, application: ApplicationFacts): boolean {
  return canViewApplication(viewer, application);
}

/** Whether the viewer may change forms, eligibility rules and the open sign-up link. */
export function canManageEnrolment(viewer: EnrolmentViewer): boolean {
  return viewer.canManageProgram;
}
