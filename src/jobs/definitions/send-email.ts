import { z } from 'zod';
import { IdSchema } from '../../contracts/common.ts';
import { defineJob } from '../definition.ts';

/** Delivers one recorded email (a row of `emails`) by SMTP, or to the development outbox. */
export const sendEmailJob = defineJob({
  id: 'send-email',
  payload: z.object({ emailId: IdSchema }).strict(),
  retry: (config) => ({
    maxAttempts: config.email.maxAttempts,
    delaySeconds: config.email.retryDelaySeconds,
    backoff: true,
  }),
  async handle({ emailId }, run, { mailer }) {
    await mailer.deliver(emailId, run);
  },
});
