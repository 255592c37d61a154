import type { JobDefinition } from '../definition.ts';
import { expireMatchRequestsJob } from './expire-match-requests.ts';
import { sendEmailJob } from './send-email.ts';
import { sendPasswordResetJob } from './send-password-reset.ts';

export { expireMatchRequestsJob, sendEmailJob, sendPasswordResetJob };

/** Every job this application runs; a worker process works all of them. */
export const JOB_DEFINITIONS: ReadonlyArray<JobDefinition<unknown>> = [
  sendEmailJob,
  sendPasswordResetJob,
  expireMatchRequestsJob,
];
