/**
 * Moving all data between databases (PGlite → PostgreSQL and back): `secondchair db export|import`.
 *
 * The file is JSON lines, gzip-compressed when its name ends in `.gz`:
 *   line 1      the header: format, version, the migration the data belongs to, tables and row counts;
 *   then        one `{"table": ..., "row": {...}}` line per row, tables in foreign-key order.
 *
 * Values are written as PostgreSQL prints them (`column::text`), except booleans and small integers,
 * which are plain JSON. PostgreSQL's own text form is what its input functions read back exactly, so
 * timestamps keep their microseconds, arrays keep NULL elements apart from the string "NULL", jsonb
 * keeps JSON null apart from SQL NULL, and big integers keep every digit. See
 * docs/decisions/005-data-export-import.md.
 *
 * pg-boss's queue tables (schema `pgboss`) are not exported: they hold transient jobs, not data.
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { is, sql, type SQL } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { AppError, isAppError } from '../core/errors.ts';
import { MIGRATIONS_FOLDER, type DatabaseHandle, type Executor } from './client.ts';
import * as schema from './schema.ts';

export const EXPORT_FORMAT = 'secondchair-export';
export const EXPORT_FORMAT_VERSION = 1;

/** Rows per INSERT statement on import and per FETCH on export. */
const BATCH_SIZE = 500;

/**
 * Tables a freshly started installation fills by itself (the generated auth secret). They do not make
 * a target "not empty"; an import replaces their rows with the file's, so sessions keep working.
 */
const AUTOMATICALLY_FILLED_TABLES = new Set(['installation_settings']);

// ---------------------------------------------------------------------------------------------
// Which tables, in which order.
// ---------------------------------------------------------------------------------------------

/**
 * Every table of the drizzle schema (ours and better-auth's), parents before children, so that rows can
 * be inserted in file order without deferring foreign keys.
 */
export function exportedTableNames(): string[] {
  const tables = (Object.values(schema) as unknown[])
    .filter((value): value is PgTable => is(value, PgTable))
    .map((table) => getTableConfig(table));
  const names = tables.map((table) => table.name).sort();
  const parents = new Map<string, Set<string>>(
    tables.map((table) => [
      table.name,
      new Set(
        table.foreignKeys
          .map((fk) => getTableConfig(fk.reference().foreignTable).name)
          .filter((parent) => parent !== table.name),
      ),
    ]),
  );
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < names.length) {
    const next = names.find(
      (name) => !placed.has(name) && [...parents.get(name)!].every((parent) => placed.has(parent)),
    );
    if (!next) {
      const rest = names.filter((name) => !placed.has(name));
      throw new AppError('INTERNAL', `Foreign keys form a cycle between tables: ${rest.join(', ')}`);
    }
    ordered.push(next);
    placed.add(next);
  }
  return ordered;
}

// ---------------------------------------------------------------------------------------------
// Catalog helpers.
// ---------------------------------------------------------------------------------------------

type ValueEncoding = 'boolean' | 'number' | 'text';

interface ColumnInfo {
  name: string;
  /** The SQL type as format_type prints it, usable in a cast: `text[]`, `timestamp with time zone`. */
  type: string;
  encoding: ValueEncoding;
}

interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  primaryKey: string[];
}

async function query<T>(executor: Executor, statement: SQL): Promise<T[]> {
  // node-postgres and PGlite both answer with `{ rows }`; drizzle types them differently.
  const result: unknown = await executor.execute(statement);
  return (result as { rows: T[] }).rows;
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function encodingOf(typeName: string): ValueEncoding {
  if (typeName === 'bool') return 'boolean';
  // int8 and numeric stay text: JSON numbers would lose digits beyond 2^53.
  if (typeName === 'int2' || typeName === 'int4') return 'number';
  return 'text';
}

/** Columns (in table order, without generated ones) and primary keys of the given public tables. */
async function describeTables(executor: Executor, names: string[]): Promise<Map<string, TableInfo>> {
  const rows = await query<{
    table_name: string;
    column_name: string;
    column_type: string;
    type_name: string;
    is_primary_key: boolean;
  }>(
    executor,
    sql`select c.relname as table_name, a.attname as column_name,
          format_type(a.atttypid, a.atttypmod) as column_type, t.typname as type_name,
          exists (select 1 from pg_index i where i.indrelid = c.oid and i.indisprimary
                  and a.attnum = any(i.indkey)) as is_primary_key
        from pg_attribute a
        join pg_class c on c.oid = a.attrelid
        join pg_namespace n on n.oid = c.relnamespace
        join pg_type t on t.oid = a.atttypid
        where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0
          and not a.attisdropped and a.attgenerated = ''
        order by c.relname, a.attnum`,
  );
  const tables = new Map<string, TableInfo>();
  for (const row of rows) {
    if (!names.includes(row.table_name)) continue;
    let table = tables.get(row.table_name);
    if (!table) {
      table = { name: row.table_name, columns: [], primaryKey: [] };
      tables.set(row.table_name, table);
    }
    table.columns.push({
      name: row.column_name,
      type: row.column_type,
      encoding: encodingOf(row.type_name),
    });
    if (row.is_primary_key) table.primaryKey.push(row.column_name);
  }
  const missing = names.filter((name) => !tables.has(name));
  if (missing.length > 0) {
    throw new AppError(
      'INVALID_STATE',
      `The database has no table ${missing.join(', ')}; run \`secondchair migrate\` first`,
    );
  }
  return tables;
}

export interface MigrationInfo {
  /** The migration's file name without `.sql`, e.g. `0000_initial`. */
  tag: string;
  /** SHA-256 of the migration's SQL, as drizzle records it. */
  hash: string;
}

/** The last migration applied to the database (drizzle's bookkeeping table). */
export async function readLatestMigration(executor: Executor): Promise<MigrationInfo> {
  let rows: Array<{ hash: string; created_at: string | number }>;
  try {
    rows = await query(
      executor,
      sql`select hash, created_at from drizzle.__drizzle_migrations order by created_at desc, id desc limit 1`,
    );
  } catch {
    rows = [];
  }
  const [row] = rows;
  if (!row) {
    throw new AppError(
      'INVALID_STATE',
      'The database has not been migrated; run `secondchair migrate` first',
    );
  }
  const journalPath = path.join(MIGRATIONS_FOLDER, 'meta/_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8')) as {
    entries: Array<{ tag: string; when: number }>;
  };
  const entry = journal.entries.find((candidate) => String(candidate.when) === String(row.created_at));
  return { tag: entry?.tag ?? `unknown (applied at ${String(row.created_at)})`, hash: row.hash };
}

// ---------------------------------------------------------------------------------------------
// The file format.
// ---------------------------------------------------------------------------------------------

const ExportHeader = z
  .object({
    format: z.literal(EXPORT_FORMAT),
    version: z.number().int().min(1),
    createdAt: z.string(),
    source: z.enum(['pglite', 'postgres']),
    migration: z.object({ tag: z.string(), hash: z.string().min(1) }),
    tables: z
      .array(
        z.object({
          name: z.string().min(1),
          columns: z.array(z.object({ name: z.string().min(1), type: z.string().min(1) })),
          rowCount: z.number().int().min(0),
        }),
      )
      .min(1),
  })
  .strict();
export type ExportHeader = z.infer<typeof ExportHeader>;

const RowLine = z.object({ table: z.string(), row: z.record(z.string(), z.unknown()) }).strict();

/** What an export or import did, for the CLI to print. */
export interface TransferSummary {
  file: string;
  migration: MigrationInfo;
  tables: Array<{ name: string; rowCount: number }>;
  totalRows: number;
}

function isGzipName(file: string): boolean {
  return file.toLowerCase().endsWith('.gz');
}

// ---------------------------------------------------------------------------------------------
// Export.
// ---------------------------------------------------------------------------------------------

function encodeRow(table: TableInfo, row: Record<string, unknown>): Record<string, unknown> {
  const encoded: Record<string, unknown> = {};
  for (const column of table.columns) encoded[column.name] = row[column.name] ?? null;
  return encoded;
}

/**
 * Primary-key order, comparing text byte-wise: the database's collation (which may ignore hyphens)
 * differs between installations, and the same data must give the same file everywhere.
 */
function orderByClause(table: TableInfo): string {
  const keys = table.primaryKey.length > 0 ? table.primaryKey : table.columns.map((column) => column.name);
  return keys
    .map((key) => {
      const type = table.columns.find((column) => column.name === key)?.type ?? '';
      const isText = type === 'text' || type.startsWith('character');
      return isText ? `${quoteIdentifier(key)} collate "C"` : quoteIdentifier(key);
    })
    .join(', ');
}

function selectList(table: TableInfo): string {
  return table.columns
    .map((column) =>
      column.encoding === 'text'
        ? `${quoteIdentifier(column.name)}::text as ${quoteIdentifier(column.name)}`
        : quoteIdentifier(column.name),
    )
    .join(', ');
}

export interface ExportOptions {
  /** Replace an existing file (default: refuse). */
  overwrite?: boolean;
  now?: Date;
}

/**
 * Writes every row of every table to `file` from one consistent snapshot. The file appears only when
 * complete: rows go to `<file>.partial`, renamed at the end.
 */
export async function exportDatabase(
  handle: DatabaseHandle,
  file: string,
  options: ExportOptions = {},
): Promise<TransferSummary> {
  const target = path.resolve(file);
  if (!options.overwrite && fs.existsSync(target)) {
    throw new AppError('CONFLICT', `${target} already exists; choose another file or pass --force`);
  }
  if (!fs.existsSync(path.dirname(target))) {
    throw new AppError('NOT_FOUND', `The directory ${path.dirname(target)} does not exist`);
  }
  const partial = `${target}.partial`;
  const names = exportedTableNames();
  try {
    const summary = await handle.db.transaction(
      async (tx) => {
        // Fixed output settings so that the same data always prints the same text.
        await tx.execute(sql`set local timezone = 'UTC'`);
        await tx.execute(sql`set local datestyle = 'ISO, YMD'`);
        await tx.execute(sql`set local extra_float_digits = 1`);
        await tx.execute(sql`set local bytea_output = 'hex'`);
        const tables = await describeTables(tx, names);
        const migration = await readLatestMigration(tx);
        const counts = new Map<string, number>();
        for (const name of names) {
          const [row] = await query<{ count: string | number }>(
            tx,
            sql.raw(`select count(*)::int as count from ${quoteIdentifier(name)}`),
          );
          counts.set(name, Number(row.count));
        }
        const header: ExportHeader = {
          format: EXPORT_FORMAT,
          version: EXPORT_FORMAT_VERSION,
          createdAt: (options.now ?? new Date()).toISOString(),
          source: handle.kind,
          migration,
          tables: names.map((name) => ({
            name,
            columns: tables.get(name)!.columns.map((column) => ({ name: column.name, type: column.type })),
            rowCount: counts.get(name)!,
          })),
        };
        async function* lines(): AsyncGenerator<string> {
          yield `${JSON.stringify(header)}\n`;
          for (const name of names) {
            const table = tables.get(name)!;
            const orderBy = orderByClause(table);
            const cursor = `secondchair_export_${name}`;
            await tx.execute(
              sql.raw(
                `declare ${quoteIdentifier(cursor)} no scroll cursor for select ${selectList(table)} from ${quoteIdentifier(name)} order by ${orderBy}`,
              ),
            );
            for (;;) {
              const rows = await query<Record<string, unknown>>(
                tx,
                sql.raw(`fetch ${BATCH_SIZE} from ${quoteIdentifier(cursor)}`),
              );
              if (rows.length === 0) break;
              yield rows
                .map((row) => `${JSON.stringify({ table: name, row: encodeRow(table, row) })}\n`)
                .join('');
            }
            await tx.execute(sql.raw(`close ${quoteIdentifier(cursor)}`));
          }
        }
        const output = fs.createWriteStream(partial, { flags: 'w', mode: 0o600 });
        if (isGzipName(target)) {
          await pipeline(Readable.from(lines()), zlib.createGzip(), output);
        } else {
          await pipeline(Readable.from(lines()), output);
        }
        return {
          file: target,
          migration,
          tables: header.tables.map((table) => ({ name: table.name, rowCount: table.rowCount })),
          totalRows: header.tables.reduce((sum, table) => sum + table.rowCount, 0),
        };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    fs.renameSync(partial, target);
    return summary;
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Import.
// ---------------------------------------------------------------------------------------------

/** The database's own message (drizzle wraps it in "Failed query: ..." with every parameter). */
function databaseMessage(error: unknown): string {
  let current: unknown = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}

function invalidFile(file: string, line: number, message: string): AppError {
  return AppError.validation(
    [{ path: `line ${line}`, message }],
    `${file}, line ${line}: ${message}. Nothing was imported.`,
  );
}

function isGzipFile(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(2);
    const read = fs.readSync(fd, head, 0, 2, 0);
    return read === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    fs.closeSync(fd);
  }
}

function openLines(file: string): AsyncIterableIterator<string> & { close(): void } {
  const stream = fs.createReadStream(file);
  // Detected by content rather than by name, so a renamed file still imports.
  const source = isGzipFile(file) ? stream.pipe(zlib.createGunzip()) : stream;
  if (source !== stream) stream.on('error', (error) => source.destroy(error));
  const reader = readline.createInterface({ input: source, crlfDelay: Infinity });
  const iterator = reader[Symbol.asyncIterator]();
  return Object.assign(iterator, {
    close() {
      reader.close();
      source.destroy();
      stream.destroy();
    },
  });
}

interface PendingRow {
  line: number;
  row: Record<string, unknown>;
}

function insertStatement(table: TableInfo, rows: Array<Record<string, unknown>>): SQL {
  const columns = table.columns.map((column) => quoteIdentifier(column.name)).join(', ');
  const values = table.columns
    .map((column) => `(r ->> ${`'${column.name.replaceAll("'", "''")}'`})::${column.type}`)
    .join(', ');
  return sql`${sql.raw(`insert into ${quoteIdentifier(table.name)} (${columns}) select ${values} from jsonb_array_elements(`)}${JSON.stringify(rows)}${sql.raw('::jsonb) as r')}`;
}

/** Inserts a batch; when it fails, finds the first failing row so the error can name its line. */
async function insertBatch(tx: Executor, file: string, table: TableInfo, batch: PendingRow[]): Promise<void> {
  try {
    await tx.transaction(async (savepoint) => {
      await savepoint.execute(
        insertStatement(
          table,
          batch.map((pending) => pending.row),
        ),
      );
    });
    return;
  } catch (batchError) {
    for (const [index, pending] of batch.entries()) {
      try {
        await tx.transaction(async (savepoint) => {
          await savepoint.execute(insertStatement(table, [pending.row]));
        });
      } catch (rowError) {
        throw new AppError(
          'VALIDATION_FAILED',
          `${file}, line ${pending.line} (table ${table.name}, row ${index + 1} of this batch): ${databaseMessage(rowError)}. Nothing was imported.`,
          {
            issues: [{ path: `line ${pending.line}`, message: databaseMessage(rowError) }],
            table: table.name,
          },
        );
      }
    }
    // Every row alone succeeded, so the batch failed for a reason of its own (e.g. a duplicate inside it).
    throw new AppError(
      'VALIDATION_FAILED',
      `${file}, lines ${batch[0].line}–${batch[batch.length - 1].line} (table ${table.name}): ${databaseMessage(batchError)}. Nothing was imported.`,
      { table: table.name },
    );
  }
}

/**
 * Loads an export into an empty, migrated database in one transaction: it either imports every row
 * and the counts match the header, or it changes nothing.
 */
export async function importDatabase(handle: DatabaseHandle, file: string): Promise<TransferSummary> {
  const source = path.resolve(file);
  if (!fs.existsSync(source)) throw new AppError('NOT_FOUND', `${source} does not exist`);
  const names = exportedTableNames();
  const lines = openLines(source);
  let lineNumber = 0;
  try {
    const first = await lines.next();
    lineNumber = 1;
    if (first.done) throw invalidFile(source, 1, 'the file is empty');
    let parsedHeader: unknown;
    try {
      parsedHeader = JSON.parse(first.value);
    } catch {
      throw invalidFile(source, 1, 'the header is not JSON; is this a Second Chair export?');
    }
    const headerFormat = (parsedHeader as { format?: unknown } | null)?.format;
    if (headerFormat !== EXPORT_FORMAT) {
      throw invalidFile(source, 1, `not a Second Chair export (format ${JSON.stringify(headerFormat)})`);
    }
    const headerResult = ExportHeader.safeParse(parsedHeader);
    if (!headerResult.success) {
      const issue = headerResult.error.issues[0];
      throw invalidFile(source, 1, `header field ${issue.path.join('.')}: ${issue.message}`);
    }
    const header = headerResult.data;
    if (header.version > EXPORT_FORMAT_VERSION) {
      throw new AppError(
        'INVALID_STATE',
        `${source} uses export format version ${header.version}; this Second Chair reads up to version ${EXPORT_FORMAT_VERSION}. Upgrade Second Chair first.`,
      );
    }

    return await handle.db.transaction(async (tx) => {
      await tx.execute(sql`set local timezone = 'UTC'`);
      await tx.execute(sql`set local datestyle = 'ISO, YMD'`);
      const migration = await readLatestMigration(tx);
      if (migration.hash !== header.migration.hash) {
        throw new AppError(
          'INVALID_STATE',
          `${source} was exported from a database at migration ${header.migration.tag}, but this database is at ${migration.tag}. Export and import with the same Second Chair version.`,
        );
      }
      const tables = await describeTables(tx, names);
      const fileTables = header.tables.map((table) => table.name);
      const unknown = fileTables.filter((name) => !names.includes(name));
      const absent = names.filter((name) => !fileTables.includes(name));
      if (unknown.length > 0 || absent.length > 0) {
        throw invalidFile(
          source,
          1,
          [
            unknown.length > 0 ? `unknown tables ${unknown.join(', ')}` : '',
            absent.length > 0 ? `missing tables ${absent.join(', ')}` : '',
          ]
            .filter(Boolean)
            .join('; '),
        );
      }
      for (const fileTable of header.tables) {
        const expected = tables.get(fileTable.name)!.columns.map((column) => column.name);
        const actual = fileTable.columns.map((column) => column.name);
        if (expected.join(',') !== actual.join(',')) {
          throw invalidFile(
            source,
            1,
            `table ${fileTable.name} has columns (${actual.join(', ')}) in the file but (${expected.join(', ')}) in the database`,
          );
        }
      }

      // Keep other processes (on PostgreSQL) from writing while we check and fill the tables.
      if (handle.kind === 'postgres') {
        await tx.execute(sql.raw(`lock table ${names.map(quoteIdentifier).join(', ')} in exclusive mode`));
      }
      for (const name of names) {
        if (AUTOMATICALLY_FILLED_TABLES.has(name)) continue;
        const [row] = await query<{ count: number }>(
          tx,
          sql.raw(`select count(*)::int as count from ${quoteIdentifier(name)}`),
        );
        if (Number(row.count) > 0) {
          throw new AppError(
            'CONFLICT',
            `The target database is not empty: table ${name} has ${row.count} rows. Import only into a new, migrated database (nothing was changed).`,
            { table: name, rowCount: Number(row.count) },
          );
        }
      }
      for (const name of AUTOMATICALLY_FILLED_TABLES) {
        await tx.execute(sql.raw(`delete from ${quoteIdentifier(name)}`));
      }

      const expectedCounts = new Map(header.tables.map((table) => [table.name, table.rowCount]));
      const readCounts = new Map<string, number>(names.map((name) => [name, 0]));
      // Rows must come in header order: a table's rows may only reference tables already loaded.
      let tableIndex = 0;
      let batch: PendingRow[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        await insertBatch(tx, source, tables.get(header.tables[tableIndex].name)!, batch);
        batch = [];
      };
      for (;;) {
        const next = await lines.next();
        if (next.done) break;
        lineNumber += 1;
        if (next.value.trim() === '') continue;
        let parsed: unknown;
        try {
          parsed = JSON.parse(next.value);
        } catch {
          throw invalidFile(source, lineNumber, 'not valid JSON (the file is damaged)');
        }
        const rowLine = RowLine.safeParse(parsed);
        if (!rowLine.success) {
          throw invalidFile(source, lineNumber, 'expected {"table": ..., "row": {...}}');
        }
        const { table: name, row } = rowLine.data;
        if (name !== header.tables[tableIndex].name) {
          const later = header.tables.findIndex((table, index) => index > tableIndex && table.name === name);
          if (later === -1) {
            throw invalidFile(
              source,
              lineNumber,
              `rows of table ${name} appear out of order (expected ${header.tables[tableIndex].name} or a later table)`,
            );
          }
          await flush();
          tableIndex = later;
        }
        const table = tables.get(name)!;
        const keys = Object.keys(row);
        const stray = keys.find((key) => !table.columns.some((column) => column.name === key));
        if (stray !== undefined)
          throw invalidFile(source, lineNumber, `table ${name} has no column ${stray}`);
        const absentColumn = table.columns.find((column) => !(column.name in row));
        if (absentColumn) {
          throw invalidFile(source, lineNumber, `the row of ${name} has no value for ${absentColumn.name}`);
        }
        readCounts.set(name, readCounts.get(name)! + 1);
        if (readCounts.get(name)! > expectedCounts.get(name)!) {
          throw invalidFile(
            source,
            lineNumber,
            `table ${name} has more rows than the header's ${expectedCounts.get(name)}`,
          );
        }
        batch.push({ line: lineNumber, row });
        if (batch.length >= BATCH_SIZE) await flush();
      }
      await flush();

      for (const name of names) {
        if (readCounts.get(name) !== expectedCounts.get(name)) {
          throw invalidFile(
            source,
            lineNumber,
            `the file ends early: table ${name} has ${readCounts.get(name)} rows, the header says ${expectedCounts.get(name)}`,
          );
        }
        const [row] = await query<{ count: number }>(
          tx,
          sql.raw(`select count(*)::int as count from ${quoteIdentifier(name)}`),
        );
        if (Number(row.count) !== expectedCounts.get(name)) {
          throw new AppError(
            'INTERNAL',
            `After import, table ${name} has ${row.count} rows but the file has ${expectedCounts.get(name)}; nothing was imported.`,
          );
        }
      }
      await resetSequences(tx, tables);
      return {
        file: source,
        migration,
        tables: header.tables.map((table) => ({ name: table.name, rowCount: table.rowCount })),
        totalRows: header.tables.reduce((sum, table) => sum + table.rowCount, 0),
      };
    });
  } catch (error) {
    if (isAppError(error)) throw error;
    const message = databaseMessage(error);
    if (/unexpected end of file|incorrect header check|invalid (stored|block|distance)/i.test(message)) {
      throw invalidFile(source, lineNumber, `the compressed file is damaged (${message})`);
    }
    throw error;
  } finally {
    lines.close();
  }
}

/** Moves serial/identity sequences past the imported ids (none today; kept so a future serial works). */
async function resetSequences(tx: Executor, tables: Map<string, TableInfo>): Promise<void> {
  for (const table of tables.values()) {
    for (const column of table.columns) {
      const [row] = await query<{ sequence: string | null }>(
        tx,
        sql`select pg_get_serial_sequence(${quoteIdentifier(table.name)}, ${column.name}) as sequence`,
      );
      if (!row?.sequence) continue;
      await tx.execute(
        sql.raw(
          `select setval('${row.sequence.replaceAll("'", "''")}', coalesce((select max(${quoteIdentifier(column.name)}) from ${quoteIdentifier(table.name)}), 0) + 1, false)`,
        ),
      );
    }
  }
}
