/**
 * pg-boss brings its own SQL and talks to the database through `executeSql(text, values)`. These
 * adapters run that SQL on Second Chair's own connections, so pg-boss works on the embedded database
 * (PGlite) exactly as on PostgreSQL, and so a job can be inserted in the caller's transaction.
 */
import type { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import type pg from 'pg';
import type { DatabaseHandle, Executor } from '../db/client.ts';

export interface SqlResult {
  rows: Array<Record<string, unknown>>;
}

/** The shape pg-boss accepts as its `db` option. */
export interface SqlRunner {
  executeSql(text: string, values?: unknown[]): Promise<SqlResult>;
}

/**
 * pg-boss sends its schema creation, migrations and maintenance as one parameterless string of
 * several statements wrapped in BEGIN ... COMMIT. The extended protocol (PGlite `query`, pg with
 * values) rejects several statements, so those go through the simple protocol. If a statement in the
 * middle fails, the session is left inside an aborted transaction; on PGlite that is the only
 * connection, so the rollback has to happen before anything else can run.
 */
function isMultiStatement(values: unknown[] | undefined): boolean {
  return !values || values.length === 0;
}

function pgliteRunner(client: PGlite): SqlRunner {
  return {
    async executeSql(text, values) {
      if (!isMultiStatement(values)) {
        const result = await client.query<Record<string, unknown>>(text, values);
        return { rows: result.rows };
      }
      // PGlite's transaction() holds the connection exclusively and rolls back on error. The BEGIN and
      // COMMIT inside pg-boss's text only raise warnings ("already/no transaction in progress").
      return client.transaction(async (tx) => {
        const results = await tx.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      });
    },
  };
}

function postgresRunner(pool: pg.Pool): SqlRunner {
  return {
    async executeSql(text, values) {
      if (!isMultiStatement(values)) {
        const result = await pool.query(text, values);
        return { rows: result.rows as Array<Record<string, unknown>> };
      }
      // One client for the whole string, so that a failure can be rolled back on the same session
      // before the client goes back to the pool.
      const client = await pool.connect();
      try {
        const result = (await client.query(text)) as unknown as pg.QueryResult | pg.QueryResult[];
        const last = Array.isArray(result) ? result.at(-1) : result;
        return { rows: (last?.rows ?? []) as Array<Record<string, unknown>> };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

/** Runs pg-boss's SQL on the application's database connection(s). */
export function databaseSqlRunner(handle: DatabaseHandle): SqlRunner {
  const client = (handle.db as unknown as { $client: unknown }).$client;
  return handle.kind === 'pglite' ? pgliteRunner(client as PGlite) : postgresRunner(client as pg.Pool);
}

/**
 * Runs pg-boss's parameterized SQL through a drizzle executor (a transaction), so that a job is
 * inserted atomically with the rows it refers to: it exists if and only if they were committed.
 */
export function executorSqlRunner(executor: Executor): SqlRunner {
  return {
    async executeSql(text, values = []) {
      const chunks: SQL[] = [];
      let last = 0;
      for (const match of text.matchAll(/\$(\d+)/g)) {
        const index = Number(match[1]) - 1;
        if (index < 0 || index >= values.length) throw new Error(`No value for placeholder ${match[0]}`);
        chunks.push(sql.raw(text.slice(last, match.index)));
        // sql.param keeps arrays and objects as one parameter (sql`${array}` would expand a list).
        chunks.push(sql`${sql.param(values[index])}`);
        last = match.index + match[0].length;
      }
      chunks.push(sql.raw(text.slice(last)));
      // Both drivers (PGlite, node-postgres) answer with an object that has `rows`.
      const result = await executor.execute<Record<string, unknown>>(sql.join(chunks));
      return { rows: (result as SqlResult).rows };
    },
  };
}

/**
 * Runs `fn` while holding a PostgreSQL session advisory lock, so that app processes starting together
 * take turns. pg-boss guards its schema creation with a transaction-level advisory lock, but a
 * `CREATE SCHEMA IF NOT EXISTS` that waited for that lock still sees the catalog as it was before
 * waiting and fails with a duplicate key. PGlite has a single connection and needs no lock.
 */
export async function withDatabaseLock<T>(
  handle: DatabaseHandle,
  key: number,
  fn: () => Promise<T>,
): Promise<T> {
  if (handle.kind === 'pglite') return fn();
  const pool = (handle.db as unknown as { $client: pg.Pool }).$client;
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [key]);
    try {
      return await fn();
    } finally {
      await client.query('select pg_advisory_unlock($1)', [key]);
    }
  } finally {
    client.release();
  }
}
