/**
 * The life of an application: submitted → approved / rejected / waitlisted / changes_requested;
 * changes_requested → submitted when the applicant updates it; waitlisted → approved / rejected; anything
 * live → withdrawn by the applicant. `approved` is the matching pool.
 */
import { AppError } from '../errors.ts';
import type { ApplicationStatus } from '../programs/vocabulary.ts';

/** What a coordinator decides about an application. */
export const APPLICATION_DECISIONS = ['approve', 'reject', 'waitlist', 'request_changes'] as const;
export type ApplicationDecision = (typeof APPLICATION_DECISIONS)[number];

export type ApplicationAction = ApplicationDecision | 'update' | 'withdraw';

const TARGET: Record<ApplicationAction, ApplicationStatus | null> = {
  approve: 'approved',
  reject: 'rejected',
  waitlist: 'waitlisted',
  request_changes: 'changes_requested',
  update: 'submitted',
  withdraw: 'withdrawn',
};

const ALLOWED: Record<ApplicationAction, readonly ApplicationStatus[]> = {
  approve: ['submitted', 'waitlisted'],
  reject: ['submitted', 'waitlisted', 'changes_requested'],
  waitlist: ['submitted'],
  request_changes: ['submitted'],
  update: ['submitted', 'changes_requested'],
  withdraw: ['submitted', 'approved', 'waitlisted', 'changes_requested'],
};

/** Statuses that hold the one live application per cohort, person and role. */
export const LIVE_STATUSES: readonly ApplicationStatus[] = [
  'submitted',
  'approved',
  'waitlisted',
  'changes_requested',
  'rejected',
];

/** Whether `action` is allowed on an application in `status`. */
export function canTransition(status: ApplicationStatus, action: ApplicationAction): boolean {
  return ALLOWED[action].includes(status);
}

const VERB: Record<ApplicationAction, string> = {
  approve: 'approved',
  reject: 'rejected',
  waitlist: 'waitlisted',
  request_changes: 'sent back for changes',
  update: 'changed',
  withdraw: 'withdrawn',
};

/** The status `action` leads to from `status`, or INVALID_STATE naming the state and what it allows. */
export function nextApplicationStatus(
  status: ApplicationStatus,
  action: ApplicationAction,
): ApplicationStatus {
  if (!canTransition(status, action)) {
    const allowed = ALLOWED[action].map((state) => state.replace('_', ' ')).join(', ');
    throw new AppError(
      'INVALID_STATE',
      `An application that is ${status.replace('_', ' ')} cannot be ${VERB[action]} (only one that is ${allowed})`,
      { status, action, allowedFrom: [...ALLOWED[action]] },
    );
  }
  return TARGET[action]!;
}

/** The decisions a coordinator may still make on an application in `status`. */
export function availableDecisions(status: ApplicationStatus): ApplicationDecision[] {
  return APPLICATION_DECISIONS.filter((decision) => canTransition(status, decision));
}
