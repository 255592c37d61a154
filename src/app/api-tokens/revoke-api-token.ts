import { and, eq } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { apiTokens } from '../../db/schema.ts';
import { requireActor } from '../access.ts';
import type { AppContext } from '../context.ts';
import { requireSessionForTokens } from './require-session.ts';
import type { ApiTokenRow } from './tokens.ts';

/** Revokes one of the signed-in user's tokens; someone else's token reads as NOT_FOUND. Idempotent. */
export async function revokeApiToken(ctx: AppContext, input: { tokenId: string }): Promise<ApiTokenRow> {
  requireActor(ctx);
  requireSessionForTokens(ctx);
  const mine = and(eq(apiTokens.id, input.tokenId), eq(apiTokens.userId, ctx.actor.userId));
  const [token] = await ctx.db.select().from(apiTokens).where(mine).limit(1);
  if (!token) throw AppError.notFound('API token');
  if (token.revokedAt) return token;
  const [revoked] = await ctx.db
    .update(apiTokens)
    .set({ revokedAt: ctx.clock.now() })
    .where(mine)
    .returning();
  return revoked;
}
