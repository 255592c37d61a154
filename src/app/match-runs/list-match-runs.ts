import { desc, eq } from 'drizzle-orm';
import { matchRuns } from '../../db/schema.ts';
import { inOrganization } from '../access.ts';
import type { AppContext } from '../context.ts';
import { requireProgram } from '../programs/program-access.ts';
import { viewMatchRuns, type MatchRunView } from './records.ts';

/** A program's match runs, newest first (program managers only). */
export async function listMatchRuns(ctx: AppContext, input: { programId: string }): Promise<MatchRunView[]> {
  const scope = await requireProgram(ctx, input.programId, { manage: true });
  const runs = await ctx.db
    .select()
    .from(matchRuns)
    .where(inOrganization(scope, matchRuns.organizationId, eq(matchRuns.programId, scope.program.id)))
    .orderBy(desc(matchRuns.createdAt), desc(matchRuns.id))
    .limit(200);
  return viewMatchRuns(ctx.db, runs, scope.canManage);
}
