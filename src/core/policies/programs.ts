/**
 * Who may do what with a program. Organization admins and coordinators manage every program of their
 * organization; a member made coordinator of one program manages that program only; members see a
 * program once a cohort is enrolling or later (so that they can apply), never a draft.
 */
import { hasRoleAtLeast, type MemberRole } from '../roles.ts';
import { acceptsApplications, MEMBER_VISIBLE_COHORT_STATES } from '../programs/cohort-states.ts';
import type { CohortState, EnrolmentMode } from '../programs/vocabulary.ts';

/** The viewer's standing: their organization role, and whether they coordinate this program. */
export interface ProgramViewer {
  role: MemberRole;
  isProgramCoordinator: boolean;
}

/** What the policies need to know about the program. */
export interface ProgramSubject {
  isArchived: boolean;
  cohorts: ReadonlyArray<{ id?: string; state: CohortState; isRolling: boolean }>;
  /** invitation_only: only people invited to a cohort may apply to it (ADR 015). */
  enrolmentMode?: EnrolmentMode;
  /** The cohorts the viewer was invited to (roster import or invitation email). */
  invitedCohortIds?: ReadonlySet<string>;
}

/** What the viewer may do with one program (presenters send these as `can`). */
export interface ProgramPermissions {
  view: boolean;
  edit: boolean;
  duplicate: boolean;
  archive: boolean;
  manageCoordinators: boolean;
  transition: boolean;
  apply: boolean;
}

/** Organization admins and coordinators: they manage every program, and create new ones. */
export function canCreateProgram(role: MemberRole): boolean {
  return hasRoleAtLeast(role, 'coordinator');
}

/** Whether the viewer manages this program (organization-wide or as its own coordinator). */
export function canManageProgram(viewer: ProgramViewer): boolean {
  return hasRoleAtLeast(viewer.role, 'coordinator') || viewer.isProgramCoordinator;
}

/** Managers see every program; others only programs with a cohort past draft. */
export function canViewProgram(viewer: ProgramViewer, program: ProgramSubject): boolean {
  if (canManageProgram(viewer)) return true;
  if (program.isArchived) return false;
  return program.cohorts.some((cohort) => MEMBER_VISIBLE_COHORT_STATES.includes(cohort.state));
}

/** Every permission of the viewer on the program. */
export function programPermissions(viewer: ProgramViewer, program: ProgramSubject): ProgramPermissions {
  const manages = canManageProgram(viewer);
  const organizationWide = canCreateProgram(viewer.role);
  const live = !program.isArchived;
  return {
    view: canViewProgram(viewer, program),
    edit: manages && live,
    // A copy is a new program of the organization: only those who may create programs.
    duplicate: organizationWide,
    archive: organizationWide && live,
    // A program's own coordinator runs it but does not appoint others.
    manageCoordinators: organizationWide && live,
    transition: manages && live,
    // Participants apply; the people running the program do not.
    // Invitation-only programs are open only to the people invited, and only in the cohorts they were invited to.
    apply:
      !manages &&
      live &&
      program.cohorts.some(
        (cohort) =>
          acceptsApplications(cohort) &&
          (program.enrolmentMode !== 'invitation_only' ||
            (cohort.id !== undefined && (program.invitedCohortIds?.has(cohort.id) ?? false))),
      ),
  };
}
