/**
 * The composition root: opens the database, applies migrations, and builds the services every entry
 * point (HTTP server, CLI, tests) shares. Nothing else wires dependencies together.
 */
import pino, { type Logger } from 'pino';
import { createAuth, resolveAuthSecret, type Auth } from './app/auth/auth.ts';
import type { Actor, AppContext } from './app/context.ts';
import { createMailer, type MailerService } from './app/email/mailer.ts';
import type { Config } from './config.ts';
import type { Clock } from './core/clock.ts';
import { migrateDatabase, openDatabase, type DatabaseHandle, type OpenDatabaseOptions } from './db/client.ts';

export interface Runtime {
  config: Config;
  database: DatabaseHandle;
  auth: Auth;
  mailer: MailerService;
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
  /** Skip background workers (CLI commands that only read or write data). */
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
    const mailer = createMailer({ db: database.db, config, logger });
    const secret = await resolveAuthSecret(database.db, config);
    const auth = createAuth({ db: database.db, config, mailer, secret });
    if (options.startWorkers !== false) await mailer.start();
    return {
      config,
      database,
      auth,
      mailer,
      logger,
      clock,
      context: (actor) => ({ db: database.db, config, clock, mailer, logger, actor }),
      async close() {
        await mailer.stop();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
