import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { matchRunEvents, matchRuns } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import { requireDraft, requireMatchRun, viewMatchRuns, type MatchRunView } from './records.ts';

/** Discards a draft run: it stays as an audit record, but can no longer be edited or published. */
export async function discardMatchRun(ctx: AppContext, input: { runId: string }): Promise<MatchRunView> {
  return ctx.transaction(async (tx) => {
    const { run, scope } = await requireMatchRun(tx, input.runId, { forUpdate: true });
    requireDraft(run);
    const [discarded] = await tx.db
      .update(matchRuns)
      .set({ status: 'discarded' })
      .where(eq(matchRuns.id, run.id))
      .returning();
    await tx.db.insert(matchRunEvents).values({
      id: randomUUID(),
      organizationId: run.organizationId,
      runId: run.id,
      actorUserId: tx.actor?.userId ?? null,
      action: 'discarded',
      details: {},
      createdAt: tx.clock.now(),
    });
    const [view] = await viewMatchRuns(tx.db, [discarded], scope.canManage);
    return view;
  });
}
