import { z } from 'zod';

/** Who to make a platform admin (`secondchair create-admin`). */
export const CreatePlatformAdminRequest = z
  .object({
    email: z.string().trim().toLowerCase().email('must be an email address').max(254),
    name: z.string().trim().min(1, 'is required').max(120),
    password: z
      .string()
      .min(10, 'must be at least 10 characters')
      .max(128, 'must be at most 128 characters')
      .optional()
      .describe('Password of a new account; an existing account keeps its own'),
  })
  .strict();
export type CreatePlatformAdminRequest = z.infer<typeof CreatePlatformAdminRequest>;
