/**
 * What a coordinator should do next in a program, from its state and counts: the program overview shows
 * this list with a button per step. Pure: the use case counts, this orders.
 */
import type { ApplicationStatus, CohortState, MatchingMode, ProgramRole } from './vocabulary.ts';

/** Where a step's button leads (the web app maps each to a page or an action). */
export const NEXT_STEP_TARGETS = [
  'cohorts',
  'forms',
  'applications',
  'match-runs',
  'settings',
  'transition',
  'duplicate',
] as const;
export type NextStepTarget = (typeof NEXT_STEP_TARGETS)[number];

export interface NextStep {
  /** Stable key, e.g. `build-form:mentee` or `open-enrolment:<cohortId>`. */
  key: string;
  title: string;
  detail: string;
  target: NextStepTarget;
  cohortId: string | null;
  /** For `transition` steps: the state to move the cohort to. */
  transitionTo: CohortState | null;
}

/** Counts of one cohort, read from applications, match runs and relationships. */
export interface CohortFacts {
  id: string;
  name: string;
  state: CohortState;
  startsOn: string | null;
  applications: Record<ProgramRole, Partial<Record<ApplicationStatus, number>>>;
  draftRuns: number;
  publishedRuns: number;
  relationships: number;
}

export interface ProgramFacts {
  isArchived: boolean;
  isEvergreen: boolean;
  matchingMode: MatchingMode;
  hasObjectives: boolean;
  hasExpectations: boolean;
  /** Form versions per role (0 = no form yet). */
  forms: Record<ProgramRole, number>;
  /** Newest first. */
  cohorts: CohortFacts[];
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function step(
  key: string,
  title: string,
  detail: string,
  target: NextStepTarget,
  cohortId: string | null = null,
  transitionTo: CohortState | null = null,
): NextStep {
  return { key, title, detail, target, cohortId, transitionTo };
}

function stepsForCohort(program: ProgramFacts, cohort: CohortFacts): NextStep[] {
  const steps: NextStep[] = [];
  const of = (role: ProgramRole, status: ApplicationStatus) => cohort.applications[role][status] ?? 0;
  const submitted = of('mentor', 'submitted') + of('mentee', 'submitted');
  const approvedMentees = of('mentee', 'approved');
  const approvedMentors = of('mentor', 'approved');
  const coordinatorMatches = program.matchingMode !== 'self_match';
  const formsReady = program.forms.mentor > 0 && program.forms.mentee > 0;
  const review = () =>
    submitted > 0
      ? [
          step(
            `review:${cohort.id}`,
            `Review ${count(submitted, 'submitted application')}`,
            `${cohort.name}: approve, waitlist, reject or ask for changes.`,
            'applications',
            cohort.id,
          ),
        ]
      : [];

  switch (cohort.state) {
    case 'draft':
      if (formsReady) {
        steps.push(
          step(
            `open-enrolment:${cohort.id}`,
            'Open enrolment',
            `${cohort.name} is a draft: open it so that members can apply.`,
            'transition',
            cohort.id,
            'enrolling',
          ),
        );
      }
      break;
    case 'enrolling': {
      steps.push(...review());
      const applied = Object.values(cohort.applications).reduce(
        (sum, byStatus) => sum + Object.values(byStatus).reduce((a, b) => a + (b ?? 0), 0),
        0,
      );
      if (applied === 0) {
        steps.push(
          step(
            `invite:${cohort.id}`,
            'Invite people to apply',
            `${cohort.name} is open but nobody has applied yet: share the application link or import a roster.`,
            'applications',
            cohort.id,
          ),
        );
      }
      if (approvedMentees > 0 && approvedMentors > 0 && coordinatorMatches && !program.isEvergreen) {
        steps.push(
          step(
            `start-matching:${cohort.id}`,
            'Close enrolment and start matching',
            `${count(approvedMentees, 'mentee')} and ${count(approvedMentors, 'mentor')} approved in ${cohort.name}.`,
            'transition',
            cohort.id,
            'matching',
          ),
        );
      }
      break;
    }
    case 'matching':
      steps.push(...review());
      if (cohort.draftRuns > 0) {
        steps.push(
          step(
            `publish:${cohort.id}`,
            cohort.draftRuns === 1
              ? 'Publish the draft run'
              : `Compare and publish one of ${cohort.draftRuns} draft runs`,
            `Check the pairs of ${cohort.name}, edit them if needed, and publish to create the relationships.`,
            'match-runs',
            cohort.id,
          ),
        );
      } else if (cohort.relationships === 0 && coordinatorMatches) {
        steps.push(
          step(
            `run-matching:${cohort.id}`,
            'Run matching',
            `${count(approvedMentees, 'approved mentee')} and ${count(approvedMentors, 'approved mentor')} in ${cohort.name} are waiting for a match.`,
            'match-runs',
            cohort.id,
          ),
        );
      }
      if (cohort.relationships > 0) {
        steps.push(
          cohort.startsOn
            ? step(
                `start:${cohort.id}`,
                'Start the cohort',
                `${count(cohort.relationships, 'relationship')} published in ${cohort.name}: move it to running.`,
                'transition',
                cohort.id,
                'running',
              )
            : step(
                `set-start:${cohort.id}`,
                'Set a start date',
                `${cohort.name} needs a start date before it can run.`,
                'cohorts',
                cohort.id,
              ),
        );
      }
      break;
    case 'running':
      steps.push(...review());
      break;
    case 'closed':
      break;
  }
  return steps;
}

/** The ordered list of what the coordinator should do next; empty when nothing is waiting. */
export function programNextSteps(program: ProgramFacts): NextStep[] {
  if (program.isArchived) return [];
  const steps: NextStep[] = [];
  const live = program.cohorts.filter((cohort) => cohort.state !== 'closed');
  if (program.cohorts.length === 0) {
    steps.push(
      step(
        'add-cohort',
        'Add a cohort',
        'A cohort is one intake, with its own dates and enrolment window.',
        'cohorts',
      ),
    );
  }
  for (const role of ['mentee', 'mentor'] as const) {
    if (program.forms[role] === 0) {
      steps.push(
        step(
          `build-form:${role}`,
          `Build the ${role} application form`,
          `Pick the questions ${role}s answer when they apply; the answers feed matching.`,
          'forms',
        ),
      );
    }
  }
  for (const cohort of live) steps.push(...stepsForCohort(program, cohort));
  if (program.cohorts.length > 0 && live.length === 0 && !program.isEvergreen) {
    steps.push(
      step(
        'next-intake',
        'Plan the next intake',
        'Every cohort is closed: add a cohort, or duplicate the program for next year.',
        'cohorts',
      ),
    );
  }
  if (!program.hasObjectives) {
    steps.push(
      step(
        'objectives',
        'Set measurable objectives',
        'For example: 90% of mentees meet at least 6 times.',
        'settings',
      ),
    );
  }
  if (!program.hasExpectations) {
    steps.push(
      step(
        'expectations',
        'Write the expectations',
        'What mentors and mentees commit to, and the confidentiality statement they accept.',
        'settings',
      ),
    );
  }
  return steps;
}
