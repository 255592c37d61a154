import { z } from 'zod';
import { sendPasswordReset } from '../../app/auth/auth.ts';
import { CallbackPath } from '../../contracts/auth.ts';
import { defineJob } from '../definition.ts';

/**
 * The work of a password-reset request (POST /api/auth/request-password-reset queues it for every
 * email, known or not): better-auth looks the email up and, if it has an account, emails a link.
 */
export const sendPasswordResetJob = defineJob({
  id: 'send-password-reset',
  payload: z.object({ email: z.string().email(), redirectTo: CallbackPath.optional() }).strict(),
  retry: (config) => ({
    maxAttempts: config.email.maxAttempts,
    delaySeconds: config.email.retryDelaySeconds,
    backoff: true,
  }),
  async handle(request, _run, { auth }) {
    await sendPasswordReset(auth, request);
  },
});
