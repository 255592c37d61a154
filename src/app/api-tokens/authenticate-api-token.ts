import { eq } from 'drizzle-orm';
import type { Clock } from '../../core/clock.ts';
import { AppError } from '../../core/errors.ts';
import { apiTokens, users } from '../../db/schema.ts';
import type { Actor, Queryable } from '../context.ts';
import { API_TOKEN_PREFIX, apiTokenStatus, hashApiToken } from './tokens.ts';

// last_used_at is for people ("used 3 days ago"); a write per request would be waste.
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The actor a bearer token stands for. A malformed, unknown, revoked or expired token is
 * UNAUTHENTICATED (one message for all, so a caller learns nothing about other people's tokens).
 */
export async function authenticateApiToken(
  services: { db: Queryable; clock: Clock },
  secret: string,
): Promise<Actor & { emailVerified: boolean }> {
  const refused = new AppError('UNAUTHENTICATED', 'The API token is invalid, expired or revoked');
  if (!secret.startsWith(API_TOKEN_PREFIX) || secret.length > 200) throw refused;
  const [row] = await services.db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, hashApiToken(secret)))
    .limit(1);
  const now = services.clock.now();
  if (!row || apiTokenStatus(row.token, now) !== 'active') throw refused;
  if (!row.token.lastUsedAt || now.getTime() - row.token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await services.db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.token.id));
  }
  return {
    userId: row.user.id,
    email: row.user.email,
    name: row.user.name,
    isPlatformAdmin: row.user.isPlatformAdmin,
    emailVerified: row.user.emailVerified,
    authenticatedBy: 'api-token',
  };
}
