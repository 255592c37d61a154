/**
 * The job queue: pg-boss 10 on the application's own database, embedded (PGlite) or PostgreSQL.
 * Jobs are rows in the `pgboss` schema, so queuing one can be part of a use case's transaction, and
 * several app processes sharing a PostgreSQL database share the work (each job runs once: pg-boss
 * fetches with FOR UPDATE SKIP LOCKED). See docs/decisions/004-email-and-jobs.md.
 */
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { DatabaseHandle, Executor } from '../db/client.ts';
import type { JobDefinition, JobServices } from './definition.ts';
import {
  databaseSqlRunner,
  executorSqlRunner,
  withDatabaseLock,
  type SqlResult,
  type SqlRunner,
} from './sql-adapter.ts';

export const JOB_SCHEMA = 'pgboss';
/** Jobs fetched per poll; pg-boss waits a poll interval between fetches even when it found work. */
const BATCH_SIZE = 10;
/** A job still running after this long is presumed dead (its process crashed) and retried. */
const EXPIRE_IN_SECONDS = 5 * 60;
/** How long `stop` waits for running jobs before failing them (they are then retried). */
const STOP_TIMEOUT_MS = 15_000;
// Any constant works; it only has to be the same in every Second Chair process (and differ from the
// migration lock in src/db/client.ts).
const INSTALL_LOCK_KEY = 7_406_315_222;

export type JobOutcome = 'completed' | 'retrying' | 'failed' | 'invalid';

export interface DrainOptions {
  /**
   * Make jobs waiting for a retry due now instead of after their backoff delay, so a test or a
   * maintenance command can run a job to its final outcome without waiting.
   */
  retryNow?: boolean;
  /** Stop after this many jobs (a guard against a job that keeps re-queuing itself). */
  maxJobs?: number;
}

export interface DrainResult {
  completed: number;
  retrying: number;
  failed: number;
  invalid: number;
}

export interface SendOptions {
  /** Insert the job in this transaction: it becomes visible to workers only if the transaction commits. */
  executor?: Executor;
}

export interface JobQueue {
  /** The underlying pg-boss instance, for inspection (tests, operations); use `send` to queue jobs. */
  readonly boss: PgBoss;
  /** Validates the payload and queues the job; returns the job id. */
  send<TPayload>(
    definition: JobDefinition<TPayload>,
    payload: TPayload,
    options?: SendOptions,
  ): Promise<string>;
  /** Starts workers for every definition in this process. */
  start(): Promise<void>;
  /** Runs every job that is due, in this process, until none is left; returns what happened. */
  drain(options?: DrainOptions): Promise<DrainResult>;
  /** Stops workers (waiting for running jobs) and pg-boss; the database stays open. */
  stop(): Promise<void>;
}

export interface CreateJobQueueOptions {
  database: DatabaseHandle;
  config: Config;
  logger: Logger;
  definitions: ReadonlyArray<JobDefinition<unknown>>;
  /** The services handlers receive; a function because the services themselves queue jobs. */
  services: () => JobServices;
  /**
   * Run pg-boss maintenance in this process: retry jobs whose worker died, archive and delete old
   * jobs. On for processes that run workers; a CLI command that only queues jobs leaves it off.
   */
  maintain: boolean;
}

/** Keeps track of SQL in flight so that `stop` can wait for it, and drops SQL issued after stop. */
function trackingRunner(inner: SqlRunner) {
  const inFlight = new Set<Promise<SqlResult>>();
  let isClosed = false;
  return {
    runner: {
      executeSql(text: string, values?: unknown[]): Promise<SqlResult> {
        // pg-boss completes a worker's batch without awaiting it; after stop the database may be
        // closing, and a stray bookkeeping query must not become an unhandled rejection.
        if (isClosed) return Promise.resolve({ rows: [] });
        const promise = inner.executeSql(text, values);
        inFlight.add(promise);
        void promise.then(
          () => inFlight.delete(promise),
          () => inFlight.delete(promise),
        );
        return promise;
      },
    } satisfies SqlRunner,
    async close() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      isClosed = true;
    },
  };
}

function errorOutput(error: unknown): { message: string; name: string } {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'Error', message: String(error) };
}

/** Installs (or upgrades) pg-boss's schema, creates a queue per definition, and returns the queue. */
export async function createJobQueue(options: CreateJobQueueOptions): Promise<JobQueue> {
  const { config, definitions } = options;
  const logger = options.logger.child({ component: 'jobs' });
  const tracked = trackingRunner(databaseSqlRunner(options.database));
  const boss = new PgBoss({
    db: tracked.runner,
    schema: JOB_SCHEMA,
    migrate: true,
    supervise: options.maintain,
    // The cron scheduler runs only where workers run, and only when some job is scheduled.
    schedule: options.maintain && definitions.some((definition) => definition.schedule !== undefined),
    pollingIntervalSeconds: config.jobs.pollIntervalSeconds,
    expireInSeconds: EXPIRE_IN_SECONDS,
  });
  // pg-boss reports worker and maintenance failures as events; an unhandled 'error' event would
  // crash the process.
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  // Installing (or upgrading) the schema and creating the queues, one process at a time.
  try {
    await withDatabaseLock(options.database, INSTALL_LOCK_KEY, async () => {
      await boss.start();
      for (const definition of definitions) {
        const retry = definition.retry(config);
        await boss.createQueue(definition.id, {
          name: definition.id,
          retryLimit: retry.maxAttempts - 1,
          retryDelay: retry.delaySeconds,
          retryBackoff: retry.backoff,
          expireInSeconds: EXPIRE_IN_SECONDS,
        });
      }
    });
  } catch (error) {
    // A started pg-boss keeps timers running; the caller closes the database next.
    await boss.stop({ graceful: false, close: false }).catch(() => undefined);
    await tracked.close();
    throw error;
  }

  let isStarted = false;

  async function runJob(
    definition: JobDefinition<unknown>,
    job: PgBoss.JobWithMetadata<unknown>,
  ): Promise<JobOutcome> {
    const attempt = job.retryCount + 1;
    const maxAttempts = job.retryLimit + 1;
    const jobLogger = logger.child({ job: definition.id, jobId: job.id, attempt });
    const parsed = definition.payload.safeParse(job.data);
    if (!parsed.success) {
      // A payload that does not validate never will: fail it once, without retries.
      const message = `Invalid payload: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'} ${i.message}`).join('; ')}`;
      jobLogger.error({ data: job.data }, message);
      await boss.fail(definition.id, job.id, { name: 'InvalidPayload', message });
      await boss.cancel(definition.id, job.id);
      return 'invalid';
    }
    const run = {
      jobId: job.id,
      attempt,
      maxAttempts,
      isFinalAttempt: attempt >= maxAttempts,
      logger: jobLogger,
    };
    try {
      await definition.handle(parsed.data, run, options.services());
      await boss.complete(definition.id, job.id);
      return 'completed';
    } catch (error) {
      await boss.fail(definition.id, job.id, errorOutput(error));
      if (run.isFinalAttempt) {
        jobLogger.error({ err: error }, `job ${definition.id} failed after ${attempt} attempts`);
        return 'failed';
      }
      jobLogger.warn({ err: error }, `job ${definition.id} failed; it will be retried`);
      return 'retrying';
    }
  }

  return {
    boss,
    async send(definition, payload, sendOptions = {}) {
      const parsed = definition.payload.safeParse(payload);
      if (!parsed.success) {
        // A bug in the caller, not bad user input: the payload is built by our own code.
        throw new Error(`Invalid payload for job ${definition.id}: ${parsed.error.message}`);
      }
      const retry = definition.retry(config);
      const id = await boss.send(definition.id, parsed.data as object, {
        retryLimit: retry.maxAttempts - 1,
        retryDelay: retry.delaySeconds,
        retryBackoff: retry.backoff,
        expireInSeconds: EXPIRE_IN_SECONDS,
        ...(sendOptions.executor ? { db: executorSqlRunner(sendOptions.executor) } : {}),
      });
      if (!id) throw new Error(`pg-boss did not queue job ${definition.id}`);
      return id;
    },
    async start() {
      if (isStarted) return;
      isStarted = true;
      for (const definition of definitions) {
        await boss.work<unknown>(
          definition.id,
          { batchSize: BATCH_SIZE, includeMetadata: true },
          async (jobs) => {
            // Each job is completed or failed on its own (a failed email must not fail its batch);
            // this callback never throws, so pg-boss's own batch completion finds nothing to do.
            for (const job of jobs) {
              try {
                await runJob(definition, job);
              } catch (error) {
                logger.error({ err: error, jobId: job.id }, 'could not record the outcome of a job');
              }
            }
          },
        );
      }
      for (const definition of definitions) {
        // Idempotent: every process (re)registers the same schedule; pg-boss queues one job per tick.
        if (definition.schedule !== undefined) await boss.schedule(definition.id, definition.schedule, {});
      }
      logger.info(
        { queues: definitions.map((d) => d.id), pollIntervalSeconds: config.jobs.pollIntervalSeconds },
        'job workers started',
      );
    },
    async drain(drainOptions = {}) {
      const result: DrainResult = { completed: 0, retrying: 0, failed: 0, invalid: 0 };
      const maxJobs = drainOptions.maxJobs ?? 1000;
      let processed = 0;
      for (;;) {
        if (drainOptions.retryNow) {
          await tracked.runner.executeSql(
            `UPDATE ${JOB_SCHEMA}.job SET start_after = now() - interval '1 second'
             WHERE name = ANY($1::text[]) AND state = 'retry'`,
            [definitions.map((d) => d.id)],
          );
        }
        let foundAny = false;
        for (const definition of definitions) {
          const jobs = await boss.fetch<unknown>(definition.id, {
            batchSize: BATCH_SIZE,
            includeMetadata: true,
          });
          for (const job of jobs) {
            foundAny = true;
            result[await runJob(definition, job)] += 1;
            processed += 1;
          }
        }
        if (!foundAny || processed >= maxJobs) return result;
      }
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, close: false, timeout: STOP_TIMEOUT_MS });
      await tracked.close();
      isStarted = false;
    },
  };
}
