import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import { matchRequests } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import { matchRequestExpiredEmail, requestsUrl } from './emails.ts';
import { listMatchRequestViewsByIds } from './match-request-views.ts';

/** Requests expired per transaction; the job repeats until none is left. */
export const EXPIRY_BATCH_SIZE = 200;

/**
 * Marks pending requests past their expiry as expired and emails each mentee (one batch, in one
 * transaction); returns how many it expired. Rows another transaction holds (an acceptance deciding
 * them) are skipped, and the conditional update never overwrites a decision.
 */
export async function expireMatchRequests(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  return ctx.transaction(async (tx) => {
    const due = await tx.db
      .select({ id: matchRequests.id })
      .from(matchRequests)
      .where(and(eq(matchRequests.status, 'pending'), lte(matchRequests.expiresAt, now)))
      .orderBy(asc(matchRequests.expiresAt), asc(matchRequests.id))
      .limit(EXPIRY_BATCH_SIZE)
      .for('update', { skipLocked: true });
    if (due.length === 0) return 0;
    const expired = await tx.db
      .update(matchRequests)
      .set({ status: 'expired', decidedAt: now })
      .where(
        and(
          inArray(
            matchRequests.id,
            due.map((row) => row.id),
          ),
          eq(matchRequests.status, 'pending'),
        ),
      )
      .returning({ id: matchRequests.id });
    for (const view of await listMatchRequestViewsByIds(
      tx.db,
      expired.map((row) => row.id),
    )) {
      await tx.mailer.enqueue(
        matchRequestExpiredEmail({
          mentee: view.mentee,
          mentorName: view.mentor.name,
          programName: view.programName,
          url: requestsUrl(ctx.config.publicUrl, view.request.organizationId),
          requestId: view.request.id,
        }),
      );
    }
    return expired.length;
  });
}
