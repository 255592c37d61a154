/**
 * The life of a cohort: draft → enrolling → matching → running → closed, with guarded moves
 * (docs/decisions/014-program-and-cohort-states.md). Pure: the use case gathers the facts, this decides.
 */
import { AppError } from '../errors.ts';
import type { CohortState } from './vocabulary.ts';

/**
 * The moves the machine allows, in the order the UI offers them. Two moves go back, both before anyone
 * is matched for good: enrolling → draft (fix the setup; only while nobody applied) and matching →
 * enrolling (reopen for latecomers; only while nothing was published). Closed is final.
 */
export const COHORT_TRANSITIONS: Readonly<Record<CohortState, readonly CohortState[]>> = {
  draft: ['enrolling'],
  enrolling: ['matching', 'draft'],
  matching: ['running', 'enrolling'],
  running: ['closed'],
  closed: [],
};

/** What the guards need to know about a cohort and its program. */
export interface CohortTransitionFacts {
  isProgramArchived: boolean;
  /** The cohort's start date (ISO), or null. */
  startsOn: string | null;
  /** The last day of enrolment (ISO), or null. */
  enrolmentClosesOn: string | null;
  /** Today in the organization's calendar (ISO). */
  today: string;
  /** Applications in the cohort that are not withdrawn. */
  applicationCount: number;
  /** Relationships created from the cohort (published runs, accepted requests). */
  relationshipCount: number;
  /** Match runs of the cohort that were published. */
  publishedRunCount: number;
}

/** A state the cohort may move to now, or why not yet. */
export interface AvailableTransition {
  to: CohortState;
  /** Why the move is refused right now; null when it is allowed. */
  blockedBy: string | null;
}

const LABELS: Record<CohortState, string> = {
  draft: 'draft',
  enrolling: 'enrolling',
  matching: 'matching',
  running: 'running',
  closed: 'closed',
};

function listed(states: readonly CohortState[]): string {
  if (states.length === 0) return 'nothing (closed is final)';
  if (states.length === 1) return states[0];
  return `${states.slice(0, -1).join(', ')} or ${states.at(-1)}`;
}

/** The states `from` may move to, ignoring guards. */
export function allowedCohortTransitions(from: CohortState): readonly CohortState[] {
  return COHORT_TRANSITIONS[from];
}

/** Why the move from `from` to `to` is refused given `facts`, or null when the guards pass. */
export function cohortTransitionBlocker(
  from: CohortState,
  to: CohortState,
  facts: CohortTransitionFacts,
): string | null {
  if (facts.isProgramArchived) return 'The program is archived; its cohorts no longer change';
  if (from === 'enrolling' && to === 'draft' && facts.applicationCount > 0) {
    return `${facts.applicationCount} ${facts.applicationCount === 1 ? 'person has' : 'people have'} applied; a cohort with applications cannot go back to draft`;
  }
  if (
    from === 'draft' &&
    to === 'enrolling' &&
    facts.enrolmentClosesOn &&
    facts.enrolmentClosesOn < facts.today
  ) {
    return `Enrolment was set to close on ${facts.enrolmentClosesOn}; move that date before opening enrolment`;
  }
  if (from === 'matching' && to === 'enrolling' && facts.publishedRunCount > 0) {
    return 'Matches were already published; add latecomers with an incremental match run instead';
  }
  if (to === 'running') {
    if (!facts.startsOn) return 'A cohort needs a start date to run; set one first';
    if (facts.relationshipCount === 0) return 'Publish matches before the cohort starts running';
  }
  return null;
}

/** Every move the machine allows from `from`, each with what blocks it now (if anything). */
export function availableCohortTransitions(
  from: CohortState,
  facts: CohortTransitionFacts,
): AvailableTransition[] {
  return COHORT_TRANSITIONS[from].map((to) => ({ to, blockedBy: cohortTransitionBlocker(from, to, facts) }));
}

/**
 * Throws INVALID_STATE unless the cohort may move from `from` to `to`: the message names the current
 * state and what it may move to, or the guard that refuses the move.
 */
export function assertCohortTransition(
  from: CohortState,
  to: CohortState,
  facts: CohortTransitionFacts,
): void {
  const allowed = COHORT_TRANSITIONS[from];
  if (!allowed.includes(to)) {
    const why =
      from === to
        ? `The cohort is already ${LABELS[from]}`
        : `The cohort is ${LABELS[from]} and cannot move to ${LABELS[to]}`;
    throw new AppError('INVALID_STATE', `${why}; from ${LABELS[from]} it can move to ${listed(allowed)}`, {
      state: from,
      to,
      allowed: [...allowed],
    });
  }
  const blocker = cohortTransitionBlocker(from, to, facts);
  if (blocker) {
    throw new AppError('INVALID_STATE', `The cohort is ${LABELS[from]}: ${blocker}`, {
      state: from,
      to,
      allowed: [...allowed],
    });
  }
}

/** States in which a cohort is visible to members (they can apply, or see the program they are in). */
export const MEMBER_VISIBLE_COHORT_STATES: readonly CohortState[] = [
  'enrolling',
  'matching',
  'running',
  'closed',
];

/** Whether a program with cohorts in `states` is open to applications. */
export function isEnrolling(states: readonly CohortState[]): boolean {
  return states.includes('enrolling');
}

/**
 * The cohort a program is "at" for lists: the first enrolling, matching or running one (newest first
 * is the caller's order), else the newest draft, else the newest closed one.
 */
export function currentCohortIndex(states: readonly CohortState[]): number {
  for (const wanted of [['enrolling', 'matching', 'running'], ['draft'], ['closed']] as CohortState[][]) {
    const index = states.findIndex((state) => wanted.includes(state));
    if (index >= 0) return index;
  }
  return -1;
}

/**
 * Whether a cohort takes applications: while enrolling, and for the rolling cohort of an evergreen
 * program also while matching and running (people join all year).
 */
export function acceptsApplications(cohort: { state: CohortState; isRolling: boolean }): boolean {
  if (cohort.state === 'enrolling') return true;
  return cohort.isRolling && (cohort.state === 'matching' || cohort.state === 'running');
}
