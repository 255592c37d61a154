import type { JobDefinition } from '../definition.ts';
import { sendEmailJob } from './send-email.ts';

export { sendEmailJob };

/** Every job this application runs; a worker process works all of them. */
export const JOB_DEFINITIONS: ReadonlyArray<JobDefinition<unknown>> = [sendEmailJob];
