import { z } from 'zod';
import { createAppContext } from '../../app/context.ts';
import { EXPIRY_BATCH_SIZE, expireMatchRequests } from '../../app/self-match/expire-match-requests.ts';
import { defineJob } from '../definition.ts';

/**
 * Marks self-match requests past their expiry as expired and emails each mentee. Scheduled every hour
 * (pg-boss cron); until the job catches a request up, the use cases already treat it as expired.
 */
export const expireMatchRequestsJob = defineJob({
  id: 'expire-match-requests',
  payload: z.object({}).passthrough(),
  schedule: '7 * * * *',
  retry: () => ({ maxAttempts: 3, delaySeconds: 60, backoff: true }),
  async handle(_payload, run, services) {
    const ctx = createAppContext(
      {
        database: services.db,
        config: services.config,
        clock: services.clock,
        logger: services.logger,
        mailer: services.mailer,
      },
      null,
    );
    let total = 0;
    for (;;) {
      const expired = await expireMatchRequests(ctx);
      total += expired;
      if (expired < EXPIRY_BATCH_SIZE) break;
    }
    if (total > 0) run.logger.info({ expired: total }, 'expired self-match requests');
  },
});
