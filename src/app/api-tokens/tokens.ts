/**
 * Personal API tokens: what the CLI and integrations authenticate with (`Authorization: Bearer`).
 * Only the SHA-256 of a token is stored; the token itself is shown once, when it is made. A token acts
 * with exactly its owner's rights, never more.
 */
import { createHash, randomBytes } from 'node:crypto';
import { type apiTokens } from '../../db/schema.ts';

export type ApiTokenRow = typeof apiTokens.$inferSelect;

/** Every token starts with this, so that a leaked one is recognisable (e.g. by secret scanners). */
export const API_TOKEN_PREFIX = 'sct_';

/** A new random token and the hash that is stored. */
export function newApiToken(): { secret: string; tokenHash: string; prefix: string } {
  const secret = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { secret, tokenHash: hashApiToken(secret), prefix: secret.slice(0, API_TOKEN_PREFIX.length + 6) };
}

/** The stored form of a token. */
export function hashApiToken(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Whether a token still works at `now`. */
export function apiTokenStatus(token: ApiTokenRow, now: Date): 'active' | 'expired' | 'revoked' {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}
