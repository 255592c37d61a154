import { z } from 'zod';
import { IdSchema } from './common.ts';

export const Me = z.object({
  id: IdSchema,
  name: z.string(),
  email: z.string(),
  emailVerified: z.boolean(),
  isPlatformAdmin: z.boolean(),
});
export const MeResponse = z.object({ user: Me });
export const CsrfTokenResponse = z.object({
  token: z.string().describe('Send as the x-csrf-token header on writes'),
});

export const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.object({ kind: z.enum(['pglite', 'postgres']), isReachable: z.boolean() }),
  version: z.string(),
});
