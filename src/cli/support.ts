/**
 * What the data commands (migrate, seed, create-admin, db) share: the configuration with command-line
 * overrides, a quiet logger on stderr, and plain output on stdout.
 */
import path from 'node:path';
import pino, { type Logger } from 'pino';
import { EnvSchema, loadConfig, type Config } from '../config.ts';
import { AppError } from '../core/errors.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { redactUrl } from '../db/redact-url.ts';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../app/demo/demo-data.ts';

/** Options every data command accepts to pick a database without editing the environment. */
export interface DatabaseOptions {
  databaseUrl?: string;
  dataDir?: string;
}

/** The configuration, with `--database-url` / `--data-dir` taking precedence over the environment. */
export function loadCliConfig(options: DatabaseOptions = {}): Config {
  const config = loadConfig();
  let { databaseUrl, dataDir } = config;
  if (options.databaseUrl !== undefined) {
    const parsed = EnvSchema.shape.DATABASE_URL.safeParse(options.databaseUrl);
    if (!parsed.success) {
      throw AppError.validation([
        { path: '--database-url', message: parsed.error.issues[0]?.message ?? 'is invalid' },
      ]);
    }
    databaseUrl = parsed.data;
  }
  if (options.dataDir !== undefined) {
    dataDir = path.resolve(options.dataDir);
    // An explicit directory means the embedded database, even when DATABASE_URL is set.
    if (options.databaseUrl === undefined) databaseUrl = undefined;
  }
  return { ...config, databaseUrl, dataDir };
}

/** Logs for one-shot commands: warnings and errors only, on stderr, so stdout stays readable. */
export function cliLogger(config: Config): Logger {
  const quiet = config.logLevel === 'info' || config.logLevel === 'debug' || config.logLevel === 'trace';
  return pino(
    { level: quiet && !config.debug ? 'warn' : config.logLevel },
    pino.destination({ dest: 2, sync: true }),
  );
}

/** Writes lines to stdout. */
export function say(...lines: string[]): void {
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Where the data lives, for messages. */
export function describeDatabase(config: Config): string {
  return config.databaseUrl
    ? `PostgreSQL at ${redactUrl(config.databaseUrl)}`
    : `the embedded database in ${config.dataDir}`;
}

/** The demo logins as printed by `start` and `seed --demo`. */
export function demoLoginLines(): string[] {
  const width = Math.max(...DEMO_LOGINS.map((login) => login.email.length));
  return [
    `Demo logins (every account's password is: ${DEMO_PASSWORD})`,
    ...DEMO_LOGINS.map((login) => `  ${login.email.padEnd(width)}  ${login.name}, ${login.description}`),
  ];
}

/** The option definitions that pick a database, for commands that open one. */
export const DATABASE_OPTION_HELP = {
  databaseUrl: ['--database-url <url>', 'PostgreSQL connection string (default: DATABASE_URL)'],
  dataDir: ['--data-dir <dir>', 'directory of the embedded database (default: DATA_DIR or ./data)'],
} as const;

/**
 * Opens the chosen database, applies pending migrations, runs `work` on it and closes it. The database
 * code is loaded here, not at the top, so that `--help` and other commands start quickly.
 */
export async function withMigratedDatabase<T>(
  config: Config,
  work: (database: DatabaseHandle) => Promise<T>,
): Promise<T> {
  const { migrateDatabase, openDatabase } = await import('../db/client.ts');
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 2,
  });
  try {
    await migrateDatabase(database);
    return await work(database);
  } finally {
    await database.close();
  }
}
