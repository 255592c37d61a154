/**
 * Policies: what an actor may do, decided in one place as pure functions of the viewer (their role and
 * membership) and the target. Use cases call `assertCan(decision)` before they act; presenters build
 * their `can` flags from `isAllowed(decision)` on the same functions, so the buttons a user sees and
 * the requests the server accepts cannot drift apart. One file per area (organizations.ts, ...).
 */
import { AppError } from '../errors.ts';

/**
 * Why a decision refuses: FORBIDDEN when the viewer may never do this (their role is too low),
 * INVALID_STATE when the target is in a state that allows it to nobody (the last admin, a used
 * invitation).
 */
export type DenialCode = 'FORBIDDEN' | 'INVALID_STATE';

/** The answer of a policy: allowed, or refused with a reason a person can read and act on. */
export type Decision = { allowed: true } | { allowed: false; code: DenialCode; reason: string };

/** The decision that allows. */
export const ALLOW: Decision = Object.freeze({ allowed: true });

/** A refusal because the viewer may not do this (FORBIDDEN). */
export function deny(reason: string): Decision {
  return { allowed: false, code: 'FORBIDDEN', reason };
}

/** A refusal because of the target's state (INVALID_STATE), whoever asks. */
export function denyInState(reason: string): Decision {
  return { allowed: false, code: 'INVALID_STATE', reason };
}

/** Whether `decision` allows; what presenters put in `can`. */
export function isAllowed(decision: Decision): boolean {
  return decision.allowed;
}

/** Throws AppError(FORBIDDEN or INVALID_STATE, reason) unless `decision` allows. */
export function assertCan(decision: Decision): void {
  if (!decision.allowed) throw new AppError(decision.code, decision.reason);
}

/** The first refusal among `decisions`, or ALLOW when every one allows. */
export function allOf(...decisions: Decision[]): Decision {
  return decisions.find((decision) => !decision.allowed) ?? ALLOW;
}
