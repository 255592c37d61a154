/**
 * The composition root: opens the database, applies migrations, and builds the services every entry
 * point (HTTP server, CLI, tests) shares. Nothing else wires dependencies together.
 */
import pino, { type Logger } from 'pino';
import { createAuth, resolveAuthSecret, type Auth } from './app/auth/auth.ts';
import { createAppContext, type Actor, type AppContext } from './app/context.ts';
import { createMailer, type MailerService } from './app/email/mailer.ts';
import type { Config } from './config.ts';
import type { Clock } from './core/clock.ts';
import { migrateDatabase, openDatabase, type DatabaseHandle, type OpenDatabaseOptions } from './db/client.ts';
import { JOB_DEFINITIONS, sendEmailJob, sendPasswordResetJob } from './jobs/definitions/index.ts';
import { createJobQueue, type JobQueue } from './jobs/queue.ts';

export interface Runtime {
  config: Config;
  database: DatabaseHandle;
  auth: Auth;
  mailer: MailerService;
  /** Background jobs (pg-boss). With `startWorkers: false` jobs are queued but only run by `jobs.drain()`. */
  jobs: JobQueue;
  logger: Logger;
  clock: Clock;
  /** A use-case context acting as `actor` (null: anonymous). */
  context(actor: Actor | null): AppContext;
  close(): Promise<void>;
}

export interface CreateRuntimeOptions {
  config: Config;
  logger?: Logger;
  clock?: Clock;
  /** An already opened database (tests); otherwise one is opened from the config. */
  database?: DatabaseHandle;
  /** Extra options for opening the database (tests load a migrated template). */
  databaseOptions?: Partial<OpenDatabaseOptions>;
  /**
   * Skip background workers (CLI commands that only read or write data, and tests). Jobs such as
   * email delivery are still queued, and run when a process with workers (the server) picks them up.
   */
  startWorkers?: boolean;
}

export const systemClock: Clock = { now: () => new Date() };

/** Opens and migrates the database and builds the shared services. */
export async function createRuntime(options: CreateRuntimeOptions): Promise<Runtime> {
  const { config } = options;
  const logger = options.logger ?? pino({ level: config.logLevel });
  const clock = options.clock ?? systemClock;
  const database =
    options.database ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: config.databasePoolSize,
      ...options.databaseOptions,
    }));
  try {
    await migrateDatabase(database);
    // Set below; job handlers read it when they run, after createRuntime returned.
    let auth: Auth | undefined;
    const startWorkers = options.startWorkers !== false;
    const jobs = await createJobQueue({
      database,
      config,
      logger,
      definitions: JOB_DEFINITIONS,
      // Read when a job runs, by which time `mailer` exists.
      services: () => {
        if (!auth) throw new Error('A job ran before the runtime was built');
        return { db: database.db, config, clock, logger, mailer, auth };
      },
      maintain: startWorkers,
    });
    const mailer = createMailer({
      db: database.db,
      config,
      logger,
      clock,
      queueDelivery: async (emailId, executor) => {
        await jobs.send(sendEmailJob, { emailId }, { executor });
      },
    });
    try {
      const secret = await resolveAuthSecret(database.db, config);
      const builtAuth = createAuth({
        db: database.db,
        config,
        clock,
        mailer,
        secret,
        deferPasswordResetRequest: async (request) => {
          await jobs.send(sendPasswordResetJob, request);
        },
      });
      auth = builtAuth;
      if (startWorkers) {
        await mailer.start();
        await jobs.start();
      }
      return {
        config,
        database,
        auth: builtAuth,
        mailer,
        jobs,
        logger,
        clock,
        context: (actor) => createAppContext({ database: database.db, config, clock, logger, mailer }, actor),
        async close() {
          // Workers first: a delivery in progress still needs the transport and the database.
          await jobs.stop();
          await mailer.stop();
          await database.close();
        },
      };
    } catch (error) {
      await jobs.stop();
      await mailer.stop();
      throw error;
    }
  } catch (error) {
    await database.close();
    throw error;
  }
}
