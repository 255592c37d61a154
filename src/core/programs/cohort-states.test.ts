import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import {
  acceptsApplications,
  assertCohortTransition,
  availableCohortTransitions,
  COHORT_TRANSITIONS,
  currentCohortIndex,
  type CohortTransitionFacts,
} from './cohort-states.ts';
import { COHORT_STATES, type CohortState } from './vocabulary.ts';

const READY: CohortTransitionFacts = {
  isProgramArchived: false,
  startsOn: '2027-03-01',
  enrolmentClosesOn: null,
  today: '2027-01-10',
  applicationCount: 0,
  relationshipCount: 3,
  publishedRunCount: 0,
};

function refusal(from: CohortState, to: CohortState, facts: Partial<CohortTransitionFacts> = {}): AppError {
  try {
    assertCohortTransition(from, to, { ...READY, ...facts });
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`${from} → ${to} was allowed`);
}

const LEGAL: Array<[CohortState, CohortState]> = [
  ['draft', 'enrolling'],
  ['enrolling', 'matching'],
  ['enrolling', 'draft'],
  ['matching', 'running'],
  ['matching', 'enrolling'],
  ['running', 'closed'],
];
const isLegal = (from: CohortState, to: CohortState) => LEGAL.some(([a, b]) => a === from && b === to);
const ILLEGAL = COHORT_STATES.flatMap((from) =>
  COHORT_STATES.filter((to) => !isLegal(from, to)).map((to) => [from, to] as [CohortState, CohortState]),
);

describe('cohort state machine', () => {
  it('allows exactly the documented moves', () => {
    const table = COHORT_STATES.flatMap((from) => COHORT_TRANSITIONS[from].map((to) => [from, to]));
    expect(table.sort()).toEqual([...LEGAL].sort());
  });

  it.each(LEGAL)('%s → %s passes when its guards hold', (from, to) => {
    expect(() => assertCohortTransition(from, to, READY)).not.toThrow();
  });

  it.each(ILLEGAL)(
    '%s → %s is refused with INVALID_STATE naming the state and what is allowed',
    (from, to) => {
      const error = refusal(from, to);
      expect(error.code).toBe('INVALID_STATE');
      expect(error.message).toContain(from);
      for (const allowed of COHORT_TRANSITIONS[from]) expect(error.message).toContain(allowed);
      if (from === 'closed') expect(error.message).toContain('closed is final');
      expect(error.details).toMatchObject({ state: from, to, allowed: COHORT_TRANSITIONS[from] });
    },
  );

  it('needs a start date and published matches to run', () => {
    expect(refusal('matching', 'running', { startsOn: null }).message).toMatch(/needs a start date/);
    expect(refusal('matching', 'running', { relationshipCount: 0 }).message).toMatch(/Publish matches/);
  });

  it('goes back to draft only while nobody applied', () => {
    expect(refusal('enrolling', 'draft', { applicationCount: 2 }).message).toMatch(/2 people have applied/);
  });

  it('reopens enrolment only while nothing was published', () => {
    expect(refusal('matching', 'enrolling', { publishedRunCount: 1 }).message).toMatch(/incremental/);
  });

  it('does not open enrolment whose window already closed', () => {
    expect(refusal('draft', 'enrolling', { enrolmentClosesOn: '2027-01-09' }).message).toMatch(/2027-01-09/);
    expect(() =>
      assertCohortTransition('draft', 'enrolling', { ...READY, enrolmentClosesOn: '2027-01-10' }),
    ).not.toThrow();
  });

  it('refuses every move in an archived program', () => {
    for (const [from, to] of LEGAL)
      expect(refusal(from, to, { isProgramArchived: true }).message).toMatch(/archived/);
  });

  it('lists the available moves with what blocks them', () => {
    expect(availableCohortTransitions('matching', { ...READY, startsOn: null })).toEqual([
      { to: 'running', blockedBy: expect.stringMatching(/start date/) },
      { to: 'enrolling', blockedBy: null },
    ]);
    expect(availableCohortTransitions('closed', READY)).toEqual([]);
  });

  it('takes applications while enrolling, and all year in a rolling cohort', () => {
    expect(acceptsApplications({ state: 'enrolling', isRolling: false })).toBe(true);
    expect(acceptsApplications({ state: 'running', isRolling: false })).toBe(false);
    expect(acceptsApplications({ state: 'running', isRolling: true })).toBe(true);
    expect(acceptsApplications({ state: 'draft', isRolling: true })).toBe(false);
  });

  it('picks the live cohort, else the newest draft, else the newest closed one', () => {
    expect(currentCohortIndex(['draft', 'running', 'closed'])).toBe(1);
    expect(currentCohortIndex(['closed', 'draft'])).toBe(1);
    expect(currentCohortIndex(['closed', 'closed'])).toBe(0);
    expect(currentCohortIndex([])).toBe(-1);
  });
});
