import { describe, expect, it } from 'vitest';
import { programNextSteps, type CohortFacts, type ProgramFacts } from './next-steps.ts';

const cohort = (changes: Partial<CohortFacts> = {}): CohortFacts => ({
  id: 'c1',
  name: '2027 spring intake',
  state: 'draft',
  startsOn: '2027-03-01',
  applications: { mentor: {}, mentee: {} },
  draftRuns: 0,
  publishedRuns: 0,
  relationships: 0,
  ...changes,
});

const program = (changes: Partial<ProgramFacts> = {}): ProgramFacts => ({
  isArchived: false,
  isEvergreen: false,
  matchingMode: 'coordinator',
  hasObjectives: true,
  hasExpectations: true,
  forms: { mentor: 1, mentee: 1 },
  cohorts: [cohort()],
  ...changes,
});

const titles = (facts: ProgramFacts) => programNextSteps(facts).map((step) => step.title);

describe('next steps', () => {
  it('starts a new program with a cohort, the forms, objectives and expectations', () => {
    expect(
      titles(
        program({
          cohorts: [],
          forms: { mentor: 0, mentee: 0 },
          hasObjectives: false,
          hasExpectations: false,
        }),
      ),
    ).toEqual([
      'Add a cohort',
      'Build the mentee application form',
      'Build the mentor application form',
      'Set measurable objectives',
      'Write the expectations',
    ]);
  });

  it('opens enrolment once both forms exist, as a transition of the cohort', () => {
    expect(titles(program({ forms: { mentor: 1, mentee: 0 } }))).toEqual([
      'Build the mentee application form',
    ]);
    expect(programNextSteps(program())).toEqual([
      expect.objectContaining({
        title: 'Open enrolment',
        target: 'transition',
        cohortId: 'c1',
        transitionTo: 'enrolling',
      }),
    ]);
  });

  it('asks to invite while nobody applied, then to review, then to start matching', () => {
    expect(titles(program({ cohorts: [cohort({ state: 'enrolling' })] }))).toEqual([
      'Invite people to apply',
    ]);
    const applied = cohort({
      state: 'enrolling',
      applications: { mentor: { approved: 4 }, mentee: { submitted: 12, approved: 8 } },
    });
    expect(titles(program({ cohorts: [applied] }))).toEqual([
      'Review 12 submitted applications',
      'Close enrolment and start matching',
    ]);
    expect(titles(program({ cohorts: [applied], matchingMode: 'self_match' }))).toEqual([
      'Review 12 submitted applications',
    ]);
  });

  it('runs matching, publishes the draft run, then starts the cohort', () => {
    const matching = cohort({
      state: 'matching',
      applications: { mentor: { approved: 2 }, mentee: { approved: 3 } },
    });
    expect(titles(program({ cohorts: [matching] }))).toEqual(['Run matching']);
    expect(titles(program({ cohorts: [{ ...matching, draftRuns: 1 }] }))).toEqual(['Publish the draft run']);
    expect(titles(program({ cohorts: [{ ...matching, draftRuns: 2 }] }))).toEqual([
      'Compare and publish one of 2 draft runs',
    ]);
    expect(
      programNextSteps(program({ cohorts: [{ ...matching, publishedRuns: 1, relationships: 3 }] })),
    ).toEqual([expect.objectContaining({ title: 'Start the cohort', transitionTo: 'running' })]);
    expect(titles(program({ cohorts: [{ ...matching, startsOn: null, relationships: 3 }] }))).toEqual([
      'Set a start date',
    ]);
  });

  it('suggests the next intake when every cohort is closed, and nothing for an archived program', () => {
    expect(titles(program({ cohorts: [cohort({ state: 'closed' })] }))).toEqual(['Plan the next intake']);
    expect(titles(program({ isArchived: true, cohorts: [] }))).toEqual([]);
  });

  it('gives each cohort its own steps, keyed by cohort', () => {
    const steps = programNextSteps(
      program({
        cohorts: [
          cohort({ id: 'new', name: 'Autumn', state: 'draft' }),
          cohort({
            id: 'old',
            name: 'Spring',
            state: 'running',
            applications: { mentor: {}, mentee: { submitted: 1 } },
          }),
        ],
      }),
    );
    expect(steps.map((step) => step.key)).toEqual(['open-enrolment:new', 'review:old']);
    expect(steps[1].title).toBe('Review 1 submitted application');
  });
});
