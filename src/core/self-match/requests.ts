/**
 * The rules of self-match requests (issue 7 §3), pure: when self-match is open, how many requests a
 * mentee may have pending, when a request expires, what state a request is really in at an instant, and
 * which transitions exist. The use cases in src/app/self-match apply them under the locks of ADR 017.
 */
import { AppError } from '../errors.ts';
import type { CohortState, MatchingMode, MatchRequestStatus } from '../programs/vocabulary.ts';

const DAY_MS = 86_400_000;

/** The matching modes in which mentees may request mentors themselves. */
export const SELF_MATCH_MODES: readonly MatchingMode[] = ['self_match', 'both'];
/** The cohort states in which requests may be sent and answered. */
export const SELF_MATCH_COHORT_STATES: readonly CohortState[] = ['matching', 'running'];

/** Whether a program in `matchingMode` lets mentees of a cohort in `cohortState` request mentors. */
export function isSelfMatchOpen(matchingMode: MatchingMode, cohortState: CohortState): boolean {
  return SELF_MATCH_MODES.includes(matchingMode) && SELF_MATCH_COHORT_STATES.includes(cohortState);
}

/** Throws INVALID_STATE naming what is wrong unless self-match is open. */
export function assertSelfMatchOpen(
  program: { name: string; matchingMode: MatchingMode },
  cohort: { name: string; state: CohortState },
): void {
  if (!SELF_MATCH_MODES.includes(program.matchingMode)) {
    throw new AppError(
      'INVALID_STATE',
      `${program.name} matches by coordinator only (matching mode "${program.matchingMode}"); self-match needs "self_match" or "both"`,
      { matchingMode: program.matchingMode, allowed: SELF_MATCH_MODES },
    );
  }
  if (!SELF_MATCH_COHORT_STATES.includes(cohort.state)) {
    throw new AppError(
      'INVALID_STATE',
      `The cohort ${cohort.name} is ${cohort.state}; requests can be sent and answered only while it is matching or running`,
      { state: cohort.state, allowed: SELF_MATCH_COHORT_STATES },
    );
  }
}

/** When a request sent at `now` expires, `expiryDays` days later. */
export function requestExpiresAt(now: Date, expiryDays: number): Date {
  if (!Number.isInteger(expiryDays) || expiryDays < 1) {
    throw new AppError('INVALID_STATE', `Requests must expire after at least one day (got ${expiryDays})`);
  }
  return new Date(now.getTime() + expiryDays * DAY_MS);
}

/** A request as the rules need it. */
export interface RequestState {
  status: MatchRequestStatus;
  expiresAt: Date;
}

/**
 * The status a request really has at `now`: a pending request past its expiry is expired even before
 * the expiry job has marked it so (the job only catches the rows up and emails the mentee).
 */
export function effectiveRequestStatus(request: RequestState, now: Date): MatchRequestStatus {
  if (request.status === 'pending' && request.expiresAt.getTime() <= now.getTime()) return 'expired';
  return request.status;
}

/** Whether a pending request has passed its expiry at `now` (what the expiry job looks for). */
export function isDueForExpiry(request: RequestState, now: Date): boolean {
  return request.status === 'pending' && request.expiresAt.getTime() <= now.getTime();
}

/** Throws CAPACITY_REACHED when a mentee with `pendingCount` pending requests may not send another. */
export function assertPendingLimit(pendingCount: number, maxPending: number): void {
  if (pendingCount >= maxPending) {
    throw new AppError(
      'CAPACITY_REACHED',
      `You already have ${pendingCount} pending request${pendingCount === 1 ? '' : 's'}, the most this program allows (${maxPending}); withdraw one or wait for an answer`,
      { pending: pendingCount, limit: maxPending },
    );
  }
}

/** Requests a mentee may still send. */
export function remainingRequests(pendingCount: number, maxPending: number): number {
  return Math.max(0, maxPending - pendingCount);
}

/** Seats a mentor still has: capacity minus active mentor seats in every program they serve. */
export function remainingSeats(capacity: number, activeSeats: number): number {
  return Math.max(0, capacity - activeSeats);
}

/** Throws CAPACITY_REACHED when a mentor has no seat left. */
export function assertMentorHasSeat(capacity: number, activeSeats: number): void {
  if (activeSeats >= capacity) {
    throw new AppError(
      'CAPACITY_REACHED',
      `This mentor has no open seat: ${activeSeats} of ${capacity} taken across their programs`,
      { capacity, activeSeats },
    );
  }
}

/** What can happen to a request. */
export type RequestAction = 'accept' | 'decline' | 'withdraw' | 'expire';

/** The status each action leads to. */
export const ACTION_RESULT: Readonly<Record<RequestAction, MatchRequestStatus>> = {
  accept: 'accepted',
  decline: 'declined',
  withdraw: 'withdrawn',
  expire: 'expired',
};

const ACTION_VERBS: Readonly<Record<RequestAction, string>> = {
  accept: 'accepted',
  decline: 'declined',
  withdraw: 'withdrawn',
  expire: 'expired',
};

/**
 * Throws INVALID_STATE, naming the request's state, unless `action` may happen to a request in that
 * state at `now`: every action needs a pending request that has not expired yet (expire needs one
 * that has).
 */
export function assertRequestTransition(request: RequestState, action: RequestAction, now: Date): void {
  const status = effectiveRequestStatus(request, now);
  const ok = action === 'expire' ? isDueForExpiry(request, now) : status === 'pending';
  if (!ok) {
    throw new AppError(
      'INVALID_STATE',
      `This request is ${status}; only a pending request can be ${ACTION_VERBS[action]}`,
      { state: status, allowed: ['pending'] },
    );
  }
}
