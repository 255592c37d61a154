import { desc, eq } from 'drizzle-orm';
import { apiTokens } from '../../db/schema.ts';
import { requireActor } from '../access.ts';
import type { AppContext } from '../context.ts';
import type { ApiTokenRow } from './tokens.ts';

/** The signed-in user's API tokens, newest first (never the tokens themselves). */
export async function listApiTokens(ctx: AppContext): Promise<ApiTokenRow[]> {
  requireActor(ctx);
  return ctx.db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.userId, ctx.actor.userId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}
