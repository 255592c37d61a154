import { and, eq } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { assertRequestTransition } from '../../core/self-match/index.ts';
import { matchRequests } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import { lockPeople } from '../relationships/person-locks.ts';
import { matchRequestWithdrawnEmail, requestsUrl } from './emails.ts';
import { loadMatchRequestView, requireMatchRequest, type MatchRequestView } from './match-request-views.ts';

/** The mentee withdraws one of their pending requests; the mentor is told. */
export async function withdrawMatchRequest(
  ctx: AppContext,
  input: { requestId: string },
): Promise<MatchRequestView> {
  const { view, scope } = await requireMatchRequest(ctx, input.requestId);
  const { program } = scope;
  if (ctx.actor!.userId !== view.mentee.userId) {
    throw new AppError('FORBIDDEN', 'Only the mentee who sent a request can withdraw it');
  }
  await ctx.transaction(async (tx) => {
    const now = tx.clock.now();
    await lockPeople(tx.db, [view.mentee.userId]);
    const [request] = await tx.db.select().from(matchRequests).where(eq(matchRequests.id, view.request.id));
    assertRequestTransition(request, 'withdraw', now);
    await tx.db
      .update(matchRequests)
      .set({ status: 'withdrawn', decidedAt: now })
      .where(and(eq(matchRequests.id, request.id), eq(matchRequests.status, 'pending')));
    await tx.mailer.enqueue(
      matchRequestWithdrawnEmail({
        mentor: view.mentor,
        menteeName: view.mentee.name,
        programName: program.name,
        url: requestsUrl(ctx.config.publicUrl, program.organizationId),
        requestId: request.id,
      }),
    );
  });
  return loadMatchRequestView(ctx.db, input.requestId);
}
