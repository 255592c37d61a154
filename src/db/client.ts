import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema.ts';
import { acquireDirectoryLock, type DirectoryLock } from './lock.ts';
import { redactUrl } from './redact-url.ts';

export type Schema = typeof schema;
/** The drizzle database, the same type for PGlite and PostgreSQL. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction or the database itself: use cases accept either. */
export type Executor = Database | Parameters<Parameters<Database['transaction']>[0]>[0];

export const MIGRATIONS_FOLDER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** A raw SQL runner for libraries that bring their own SQL (pg-boss, export/import). */
export interface RawSql {
  query<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: T[] }>;
}

export interface DatabaseHandle {
  kind: 'pglite' | 'postgres';
  db: Database;
  raw: RawSql;
  /** Where the data lives, for messages: a directory or a redacted URL. */
  location: string;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  databaseUrl?: string | undefined;
  /** Directory of the embedded database; `memory://` keeps it in memory (tests). */
  dataDir?: string;
  poolSize?: number;
  /** Start from a PGlite data dump (a cloned, already migrated database) instead of an empty one. */
  loadDataDir?: Blob | File;
}

/** Opens the embedded database (locking its directory) or PostgreSQL when a URL is given. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    pool.on('error', () => {
      // An idle client lost its connection; the pool replaces it. Queries report their own errors.
    });
    const db = drizzlePg(pool, { schema }) as unknown as Database;
    return {
      kind: 'postgres',
      db,
      raw: { query: async (text, values) => pool.query(text, values) as never },
      location: redactUrl(options.databaseUrl),
      close: () => pool.end(),
    };
  }
  const dataDir = options.dataDir ?? './data';
  const isMemory = dataDir.startsWith('memory://');
  let lock: DirectoryLock | undefined;
  if (!isMemory) lock = acquireDirectoryLock(dataDir);
  try {
    const client = await PGlite.create(isMemory ? undefined : path.join(dataDir, 'pglite'), {
      loadDataDir: options.loadDataDir,
    });
    const db = drizzlePglite(client, { schema }) as unknown as Database;
    return {
      kind: 'pglite',
      db,
      raw: { query: async (text, values) => client.query(text, values) as never },
      location: isMemory ? dataDir : path.resolve(dataDir),
      async close() {
        await client.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

// Any constant works; it only has to be the same in every Second Chair process.
const MIGRATION_LOCK_KEY = 7_406_315_221;

/** Applies pending migrations; on PostgreSQL several processes may start at once, so it takes a lock. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.kind === 'pglite') {
    await migratePglite(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  await handle.db.execute(sql`select 1`);
  const pool = (handle.db as unknown as { $client: pg.Pool }).$client;
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migratePg(drizzlePg(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

/** Whether the database answers, for /api/health. */
export async function pingDatabase(handle: DatabaseHandle): Promise<boolean> {
  try {
    await handle.raw.query('select 1');
    return true;
  } catch {
    return false;
  }
}
