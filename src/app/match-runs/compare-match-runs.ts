import { eq } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { compareRuns, type RunComparison, type ScoredPair } from '../../core/matching-runs/draft.ts';
import { matchRunPairs } from '../../db/schema.ts';
import type { AppContext, Queryable } from '../context.ts';
import {
  applicantsOf,
  requireMatchRun,
  viewMatchRuns,
  type MatchRunRow,
  type MatchRunView,
  type NamedApplicant,
  type StoredRunSummary,
} from './records.ts';

export interface MatchRunComparison extends RunComparison {
  first: MatchRunView;
  second: MatchRunView;
  applicants: Map<string, NamedApplicant>;
}

async function scoredPairs(db: Queryable, run: MatchRunRow): Promise<ScoredPair[]> {
  const rows = await db
    .select({
      menteeId: matchRunPairs.menteeApplicationId,
      mentorId: matchRunPairs.mentorApplicationId,
      score: matchRunPairs.score,
    })
    .from(matchRunPairs)
    .where(eq(matchRunPairs.runId, run.id));
  return rows;
}

/** Two runs of one program side by side: the pairs that differ, and the score and coverage deltas. */
export async function compareMatchRuns(
  ctx: AppContext,
  input: { runId: string; otherRunId: string },
): Promise<MatchRunComparison> {
  const { run: first, scope } = await requireMatchRun(ctx, input.runId);
  const { run: second } = await requireMatchRun(ctx, input.otherRunId);
  if (first.programId !== second.programId) {
    throw AppError.validation([{ path: 'otherRunId', message: 'is a run of another program' }]);
  }
  const comparison = compareRuns(
    { pairs: await scoredPairs(ctx.db, first), summary: first.summary as unknown as StoredRunSummary },
    { pairs: await scoredPairs(ctx.db, second), summary: second.summary as unknown as StoredRunSummary },
  );
  const [firstView, secondView] = await viewMatchRuns(ctx.db, [first, second], scope.canManage);
  const applicants = await applicantsOf(ctx.db, first.organizationId, first.cohortId);
  if (second.cohortId !== first.cohortId) {
    for (const [id, applicant] of await applicantsOf(ctx.db, second.organizationId, second.cohortId))
      applicants.set(id, applicant);
  }
  return { ...comparison, first: firstView, second: secondView, applicants };
}
