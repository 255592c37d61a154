import { z } from 'zod';
import { IdParam, IdSchema, Timestamp } from './common.ts';

/** Most active (unrevoked, unexpired) tokens one person may hold. */
export const MAX_ACTIVE_API_TOKENS = 20;

export const CreateApiTokenRequest = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(80)
      .describe('What the token is for, e.g. "CLI on my laptop" or "nightly roster sync"'),
    expiresInDays: z
      .number()
      .int()
      .min(1)
      .max(366)
      .nullable()
      .default(90)
      .describe('Days until the token stops working; null for a token that does not expire'),
  })
  .strict();
export type CreateApiTokenRequest = z.infer<typeof CreateApiTokenRequest>;

export const ApiToken = z.object({
  id: IdSchema,
  name: z.string(),
  prefix: z.string().describe('The first characters of the token, to tell tokens apart'),
  createdAt: Timestamp,
  expiresAt: Timestamp.nullable(),
  lastUsedAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
  status: z.enum(['active', 'expired', 'revoked']),
  can: z.object({ revoke: z.boolean() }),
});
export type ApiToken = z.infer<typeof ApiToken>;

export const ApiTokenListResponse = z.object({ tokens: z.array(ApiToken) });
export const CreateApiTokenResponse = z.object({
  token: ApiToken,
  secret: z
    .string()
    .describe('The token itself: send it as `Authorization: Bearer <secret>`. Shown only this once.'),
});
export const ApiTokenParams = z.object({ tokenId: IdParam });
export const RevokeApiTokenResponse = z.object({ token: ApiToken });
