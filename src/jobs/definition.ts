/**
 * A background job is a definition (STYLE.md point 8): an id, a zod schema for its payload and a
 * handler. The payload is validated when the job is queued and again when it runs, because a job can
 * sit in the database across a deploy that changed its shape.
 */
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Auth } from '../app/auth/auth.ts';
import type { MailerService } from '../app/email/mailer.ts';
import type { Config } from '../config.ts';
import type { Clock } from '../core/clock.ts';
import type { Database } from '../db/client.ts';

/** What a handler may use: the same services a use case gets, without an actor. */
export interface JobServices {
  db: Database;
  config: Config;
  clock: Clock;
  logger: Logger;
  mailer: MailerService;
  auth: Auth;
}

/** The run of one job: which attempt this is, so a handler can tell a retry from its last chance. */
export interface JobRun {
  jobId: string;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
  isFinalAttempt: boolean;
  logger: Logger;
}

/** How a failed job is retried; pg-boss doubles the delay (with jitter) after every failure when `backoff`. */
export interface RetryPolicy {
  maxAttempts: number;
  delaySeconds: number;
  backoff: boolean;
}

export interface JobDefinition<TPayload> {
  /** The pg-boss queue name; never rename one that may still have jobs in a database. */
  id: string;
  payload: z.ZodType<TPayload>;
  retry(config: Config): RetryPolicy;
  /**
   * A cron expression (UTC) for a job that runs on a schedule, with an empty payload; processes that
   * run workers register it with pg-boss, which queues one job per tick across every process.
   */
  schedule?: string;
  /** Throws to fail this attempt (it is retried until the policy runs out). */
  handle(payload: TPayload, run: JobRun, services: JobServices): Promise<void>;
}

/** Declares a job; the identity function exists so that TypeScript infers the payload type. */
export function defineJob<TPayload>(definition: JobDefinition<TPayload>): JobDefinition<TPayload> {
  return definition;
}
