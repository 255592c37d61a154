import type { ListMyMatchRequestsQuery } from '../../contracts/self-match.ts';
import { requireActor } from '../access.ts';
import type { AppContext } from '../context.ts';
import { listMatchRequestViewsOf, type MatchRequestView } from './match-request-views.ts';

/** The actor's requests: incoming (addressed to them as mentor) and outgoing (sent as mentee). */
export async function listMyMatchRequests(
  ctx: AppContext,
  input: ListMyMatchRequestsQuery,
): Promise<{ incoming: MatchRequestView[]; outgoing: MatchRequestView[] }> {
  requireActor(ctx);
  const userId = ctx.actor.userId;
  const views = await listMatchRequestViewsOf(ctx.db, userId, input);
  return {
    incoming: views.filter((view) => view.mentor.userId === userId),
    outgoing: views.filter((view) => view.mentee.userId === userId),
  };
}
