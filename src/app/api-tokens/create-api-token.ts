import { randomUUID } from 'node:crypto';
import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { MAX_ACTIVE_API_TOKENS, type CreateApiTokenRequest } from '../../contracts/api-tokens.ts';
import { AppError } from '../../core/errors.ts';
import { apiTokens } from '../../db/schema.ts';
import { requireActor } from '../access.ts';
import type { AppContext } from '../context.ts';
import { requireSessionForTokens } from './require-session.ts';
import { newApiToken, type ApiTokenRow } from './tokens.ts';

export interface CreatedApiToken {
  token: ApiTokenRow;
  /** The token itself; returned once and never stored. */
  secret: string;
}

/** Makes a personal API token for the signed-in user (from a browser session, not from another token). */
export async function createApiToken(
  ctx: AppContext,
  input: CreateApiTokenRequest,
): Promise<CreatedApiToken> {
  requireActor(ctx);
  requireSessionForTokens(ctx);
  const actor = ctx.actor;
  const now = ctx.clock.now();
  return ctx.transaction(async (tx) => {
    // Serialise token creation per user so two requests cannot both pass the limit.
    await tx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${`api-tokens:${actor.userId}`}))`);
    const [{ count }] = await tx.db
      .select({ count: sql<number>`count(*)::int` })
      .from(apiTokens)
      .where(
        and(
          eq(apiTokens.userId, actor.userId),
          isNull(apiTokens.revokedAt),
          or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
        ),
      );
    if (count >= MAX_ACTIVE_API_TOKENS) {
      throw new AppError(
        'CAPACITY_REACHED',
        `You already have ${MAX_ACTIVE_API_TOKENS} active API tokens; revoke one you no longer use first`,
      );
    }
    const { secret, tokenHash, prefix } = newApiToken();
    const [token] = await tx.db
      .insert(apiTokens)
      .values({
        id: randomUUID(),
        userId: actor.userId,
        name: input.name,
        tokenHash,
        prefix,
        expiresAt:
          input.expiresInDays === null ? null : new Date(now.getTime() + input.expiresInDays * 86_400_000),
        createdAt: now,
      })
      .returning();
    return { token, secret };
  });
}
