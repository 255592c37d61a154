import { programNextSteps } from '../../core/programs/next-steps.ts';
import type { ProgramRole } from '../../core/programs/vocabulary.ts';
import type { AppContext } from '../context.ts';
import {
  cohortView,
  loadProgramView,
  requireVisibleProgram,
  selectCohortCounts,
  selectFormCounts,
  type CohortView,
  type ProgramView,
} from './records.ts';
import type { NextStep } from '../../core/programs/next-steps.ts';

export interface GetProgramOverviewInput {
  programId: string;
}

export interface ProgramOverview {
  view: ProgramView;
  cohorts: CohortView[];
  forms: Record<ProgramRole, number>;
  /** What the coordinator should do next; empty for people who do not run the program. */
  nextSteps: NextStep[];
}

/**
 * A program at a glance: its cohorts with counts (applications by role and status, match runs,
 * relationships), its forms, and the ordered next steps for the people who run it.
 */
export async function getProgramOverview(
  ctx: AppContext,
  input: GetProgramOverviewInput,
): Promise<ProgramOverview> {
  const { scope, cohorts } = await requireVisibleProgram(ctx, input.programId);
  const program = scope.program;
  const [view, counts, forms] = await Promise.all([
    loadProgramView(ctx.db, scope, program, ctx.actor?.email),
    selectCohortCounts(ctx.db, program.id),
    selectFormCounts(ctx.db, program.id),
  ]);
  const cohortViews = cohorts.map((cohort) =>
    cohortView(ctx, program, cohort, counts.get(cohort.id), view.can),
  );
  const { mentorResponsibilities, menteeResponsibilities, confidentialityStatement } = program.expectations;
  const nextSteps = scope.canManage
    ? programNextSteps({
        isArchived: program.archivedAt !== null,
        isEvergreen: program.isEvergreen,
        matchingMode: program.matchingMode,
        hasObjectives: program.objectives.length > 0,
        hasExpectations: [mentorResponsibilities, menteeResponsibilities, confidentialityStatement].some(
          (text) => text.trim() !== '',
        ),
        forms,
        cohorts: cohortViews.map(({ cohort, counts: value }) => ({
          id: cohort.id,
          name: cohort.name,
          state: cohort.state,
          startsOn: cohort.startsOn,
          ...value,
        })),
      })
    : [];
  return { view, cohorts: cohortViews, forms, nextSteps };
}
