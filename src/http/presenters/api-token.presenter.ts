/** The only way API token records leave the server: never the hash, never the token itself. */
import { apiTokenStatus, type ApiTokenRow } from '../../app/api-tokens/tokens.ts';
import type { ApiToken } from '../../contracts/api-tokens.ts';

/** A token as its owner sees it at `now`. */
export function presentApiToken(token: ApiTokenRow, now: Date): ApiToken {
  const status = apiTokenStatus(token, now);
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt?.toISOString() ?? null,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
    status,
    can: { revoke: status === 'active' },
  };
}
