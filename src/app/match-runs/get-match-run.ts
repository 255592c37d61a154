import type { AppContext } from '../context.ts';
import { requireMatchRun, viewMatchRunDetail, type MatchRunDetailView } from './records.ts';

/** One match run with its pairs, unmatched mentees and audit trail (program managers only). */
export async function getMatchRun(ctx: AppContext, input: { runId: string }): Promise<MatchRunDetailView> {
  const { run, scope } = await requireMatchRun(ctx, input.runId);
  return viewMatchRunDetail(ctx.db, run, scope.canManage);
}
