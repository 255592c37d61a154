/**
 * `db export` / `db import` move every row between the embedded database and PostgreSQL exactly, and a
 * bad file or a non-empty target changes nothing. Rows are compared with PostgreSQL's own text form of
 * each row (`table::text`), independently of the export's encoding.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USER_COUNT } from '../../src/app/demo/seed-demo-programs.ts';
import { seedDemo } from '../../src/app/demo/seed-demo.ts';
import { migrateDatabase, openDatabase, type DatabaseHandle } from '../../src/db/client.ts';
import { exportDatabase, exportedTableNames, importDatabase } from '../../src/db/export-import.ts';
import { createTestRuntime } from '../support/app.ts';
import { itOnPostgres, postgresOnlyMode } from '../support/postgres.ts';

// PostgreSQL-only tests run when DATABASE_URL is set (see tests/support/postgres.ts); this is their server.
const ADMIN_URL = process.env.DATABASE_URL ?? '';
const hasPostgres = postgresOnlyMode() === 'run';

const createdDatabases: string[] = [];
async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A new, empty, migrated PostgreSQL database, dropped after the file's tests. */
async function newPostgresDatabase(): Promise<DatabaseHandle> {
  const name = `secondchair_transfer_${randomBytes(5).toString('hex')}`;
  await adminQuery(`create database "${name}"`);
  createdDatabases.push(name);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 3 });
  await migrateDatabase(handle);
  return handle;
}

async function newPgliteDatabase(): Promise<DatabaseHandle> {
  const handle = await openDatabase({ dataDir: 'memory://' });
  await migrateDatabase(handle);
  return handle;
}

/** The rows of a raw query result (node-postgres and PGlite both answer `{ rows }`). */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** Every row of every table as PostgreSQL prints it, sorted, per table. */
async function snapshot(handle: DatabaseHandle): Promise<Record<string, string[]>> {
  return handle.db.transaction(async (tx) => {
    await tx.execute(sql`set local timezone = 'UTC'`);
    await tx.execute(sql`set local datestyle = 'ISO, YMD'`);
    const result: Record<string, string[]> = {};
    for (const table of exportedTableNames()) {
      const rows = rowsOf<{ row: string }>(await tx.execute(sql.raw(`select t::text as row from "${table}" t`)));
      result[table] = rows.map((row) => row.row).sort();
    }
    return result;
  });
}

function rowLines(file: string): string[] {
  const raw = fs.readFileSync(file);
  const text = file.endsWith('.gz') ? zlib.gunzipSync(raw).toString('utf8') : raw.toString('utf8');
  return text.split('\n').slice(1).filter(Boolean);
}

/** Values that break naive encodings: microseconds, NULL vs "NULL" in arrays, JSON null vs SQL NULL, bigints. */
async function addAwkwardRows(handle: DatabaseHandle): Promise<void> {
  await handle.db.execute(sql`
    insert into installation_settings (key, value, updated_at)
    values ('auth_secret', 'generated-secret-value', '2026-01-02 03:04:05.123456+00')`);
  await handle.db.execute(sql`
    insert into organizations (id, name, kind, jurisdictions, time_zone, created_at, updated_at)
    values ('org-awkward', 'O''Brien, "Quoted" & Sons — Ünïcödé 🏛', 'legal_aid',
            array['US-OR', 'NULL', null, 'a,b', 'quote"d', 'back\\slash', ''], 'Australia/Sydney',
            '1999-12-31 23:59:59.999999+00', '2026-06-30 12:00:00.000001+00')`);
  await handle.db.execute(sql`
    insert into emails (id, "to", subject, text, html, template, status, transport, attempts, last_error,
                        metadata, created_at, sent_at)
    values
      ('email-json', 'a@example.test', 'Line one
line two', E'tab\\there "quotes" \\\\ backslash', null, 'invitation', 'failed', 'outbox', 3,
       'SMTP 421 try later', '{"nested": {"list": [1, "two", null, true, 1.5e300]}, "empty": {}, "nothing": null, "é": "ü"}'::jsonb,
       '2026-02-03 04:05:06.7+00', null),
      ('email-json-null', 'b@example.test', 'JSON null', 'x', '<p>x</p>', 'invitation', 'sent', 'smtp', 1, null,
       'null'::jsonb, '2026-02-03 04:05:06+00', '2026-02-03 04:05:07.000001+00'),
      ('email-sql-null', 'c@example.test', 'SQL NULL', 'x', null, 'password-reset', 'queued', 'outbox', 0, null,
       null, '2026-02-03 04:05:06+00', null),
      ('email-json-string', 'd@example.test', 'JSON string', 'x', null, 'other', 'queued', 'outbox', 0, null,
       '"just a string"'::jsonb, '2026-02-03 04:05:06+00', null)`);
  await handle.db.execute(sql`
    insert into rate_limits (id, key, count, last_request)
    values ('rl-1', '127.0.0.1/sign-in/email', 2147483647, 9007199254740993)`);
  await handle.db.execute(sql`
    insert into verifications (id, identifier, value, expires_at, created_at, updated_at)
    values ('verification-1', 'reset-password:abc', '{"userId":"x"}', '2030-01-01 00:00:00+00',
            '2026-01-01 00:00:00+00', '2026-01-01 00:00:00+00')`);
}

afterAll(async () => {
  if (!hasPostgres) return;
  for (const name of createdDatabases) await adminQuery(`drop database if exists "${name}" with (force)`);
});

let directory: string;
let source: DatabaseHandle;
let sourceSnapshot: Record<string, string[]>;
let closeSource: () => Promise<void>;

beforeAll(async () => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'secondchair-transfer-'));
  const database = await newPgliteDatabase();
  const runtime = await createTestRuntime({ database });
  const { password } = await runtime.auth.$context;
  const seeded = await seedDemo(runtime.context(null), { hashPassword: password.hash });
  expect(seeded.status).toBe('seeded');
  await addAwkwardRows(database);
  source = database;
  sourceSnapshot = await snapshot(source);
  closeSource = () => runtime.close();
});

afterAll(async () => {
  await closeSource?.();
  fs.rmSync(directory, { recursive: true, force: true });
});

describe('the export file', () => {
  it('has a header naming the format, the migration, every table and its row count', async () => {
    const file = path.join(directory, 'header.jsonl');
    const summary = await exportDatabase(source, file);
    const header = JSON.parse(fs.readFileSync(file, 'utf8').split('\n')[0]);
    expect(header).toMatchObject({
      format: 'secondchair-export',
      version: 1,
      source: 'pglite',
      migration: { tag: expect.stringMatching(/^\d{4}_/), hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(header.tables.map((table: { name: string }) => table.name)).toEqual(exportedTableNames());
    expect(summary.tables).toEqual(
      exportedTableNames().map((name) => ({ name, rowCount: sourceSnapshot[name].length })),
    );
    expect(header.tables.find((table: { name: string }) => table.name === 'users').rowCount).toBe(
      DEMO_USER_COUNT,
    );
    // Parents come before children, so a streaming import never breaks a foreign key.
    const order = exportedTableNames();
    expect(order.indexOf('users')).toBeLessThan(order.indexOf('memberships'));
    expect(order.indexOf('organizations')).toBeLessThan(order.indexOf('member_profiles'));
    expect(order.indexOf('memberships')).toBeLessThan(order.indexOf('member_profiles'));
  });

  it("covers every table of the database's public schema", async () => {
    const rows = rowsOf<{ table_name: string }>(
      await source.db.execute(
        sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
      ),
    );
    expect(exportedTableNames().sort()).toEqual(rows.map((row) => row.table_name).sort());
  });

  it('refuses to overwrite a file and never leaves a partial one', async () => {
    const file = path.join(directory, 'exists.jsonl');
    fs.writeFileSync(file, 'keep me');
    await expect(exportDatabase(source, file)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
    await expect(exportDatabase(source, path.join(directory, 'no-such-dir', 'x.jsonl'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(fs.readdirSync(directory).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });
});

describe('round trips', () => {
  it('PGlite → PGlite keeps every row exactly (gzip)', async () => {
    const file = path.join(directory, 'pglite.jsonl.gz');
    await exportDatabase(source, file);
    expect(fs.readFileSync(file).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    const target = await newPgliteDatabase();
    try {
      const summary = await importDatabase(target, file);
      expect(summary.totalRows).toBe(Object.values(sourceSnapshot).flat().length);
      expect(await snapshot(target)).toEqual(sourceSnapshot);
    } finally {
      await target.close();
    }
  });

  itOnPostgres('PGlite → PostgreSQL → PGlite keeps every row of every table', async () => {
    const first = path.join(directory, 'from-pglite.jsonl');
    await exportDatabase(source, first);
    const postgres = await newPostgresDatabase();
    try {
      await importDatabase(postgres, first);
      expect(await snapshot(postgres)).toEqual(sourceSnapshot);

      // Exported again from PostgreSQL, every row line is identical to the PGlite export.
      const second = path.join(directory, 'from-postgres.jsonl.gz');
      const summary = await exportDatabase(postgres, second);
      expect(rowLines(second)).toEqual(rowLines(first));
      expect(JSON.parse(zlib.gunzipSync(fs.readFileSync(second)).toString('utf8').split('\n')[0])).toMatchObject({
        source: 'postgres',
      });
      expect(summary.totalRows).toBe(Object.values(sourceSnapshot).flat().length);

      // And back into the embedded database.
      const pglite = await newPgliteDatabase();
      try {
        await importDatabase(pglite, second);
        expect(await snapshot(pglite)).toEqual(sourceSnapshot);
      } finally {
        await pglite.close();
      }
    } finally {
      await postgres.close();
    }
  });

  it('keeps values exactly as the application reads them', async () => {
    const file = path.join(directory, 'values.jsonl');
    await exportDatabase(source, file);
    const target = hasPostgres ? await newPostgresDatabase() : await newPgliteDatabase();
    try {
      await importDatabase(target, file);
      const read = async (handle: DatabaseHandle) => ({
        organization: await handle.db.query.organizations.findFirst({
          where: (organizations, { eq }) => eq(organizations.id, 'org-awkward'),
        }),
        emails: await handle.db.query.emails.findMany({ orderBy: (emails, { asc }) => asc(emails.id) }),
        rateLimit: await handle.db.query.rateLimits.findFirst(),
        profiles: await handle.db.query.memberProfiles.findMany({
          orderBy: (profiles, { asc }) => asc(profiles.membershipId),
        }),
        users: await handle.db.query.users.findMany({ orderBy: (users, { asc }) => asc(users.id) }),
      });
      const before = await read(source);
      const after = await read(target);
      expect(after).toEqual(before);
      expect(after.organization?.jurisdictions).toEqual(['US-OR', 'NULL', null, 'a,b', 'quote"d', 'back\\slash', '']);
      expect(after.emails.find((email) => email.id === 'email-sql-null')?.metadata).toBeNull();
      expect(after.emails.find((email) => email.id === 'email-json')?.metadata).toMatchObject({ nothing: null });
      expect(after.users.every((user) => user.emailVerified)).toBe(true);
      expect(after.profiles.some((profile) => profile.admissionYear === null)).toBe(true);
      // 2^53 + 1 survives: compared as text, since JavaScript numbers cannot hold it.
      const bigint = rowsOf<{ value: string }>(
        await target.db.execute(sql`select last_request::text as value from rate_limits`),
      );
      expect(bigint[0].value).toBe('9007199254740993');
    } finally {
      await target.close();
    }
  });
});

describe('rejected imports change nothing', () => {
  let good: string;
  let goodLines: string[];

  beforeAll(async () => {
    good = path.join(directory, 'good.jsonl');
    await exportDatabase(source, good);
    goodLines = fs.readFileSync(good, 'utf8').split('\n').filter(Boolean);
  });

  function variant(name: string, lines: string[]): string {
    const file = path.join(directory, name);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  }

  function lastLineOf(table: string): number {
    return goodLines.findLastIndex((line) => line.startsWith(`{"table":"${table}"`));
  }

  const targets: Array<{ kind: string; open: () => Promise<DatabaseHandle>; test: typeof itOnPostgres }> = [
    { kind: 'PGlite', open: newPgliteDatabase, test: it },
    { kind: 'PostgreSQL', open: newPostgresDatabase, test: itOnPostgres },
  ];

  for (const target of targets) {
    target.test(`${target.kind}: a damaged file is rejected, naming the line and table`, async () => {
      const handle = await target.open();
      try {
        const empty = await snapshot(handle);

        // A value PostgreSQL rejects, in the last table: everything before it must be rolled back.
        const badValueAt = lastLineOf('member_profiles');
        const badValue = [...goodLines];
        badValue[badValueAt] = badValue[badValueAt].replace(/"updated_at":"[^"]+"/, '"updated_at":"not a date"');
        await expect(importDatabase(handle, variant('bad-value.jsonl', badValue))).rejects.toMatchObject({
          code: 'VALIDATION_FAILED',
          message: expect.stringMatching(new RegExp(`line ${badValueAt + 1} \\(table member_profiles`)),
        });
        expect(await snapshot(handle)).toEqual(empty);

        // A line that is not JSON.
        const notJson = [...goodLines];
        notJson[5] = notJson[5].slice(0, 20);
        await expect(importDatabase(handle, variant('not-json.jsonl', notJson))).rejects.toMatchObject({
          message: expect.stringContaining('line 6: not valid JSON'),
        });

        // A truncated file: the header's counts no longer match.
        const truncated = goodLines.slice(0, -1);
        await expect(importDatabase(handle, variant('truncated.jsonl', truncated))).rejects.toMatchObject({
          message: expect.stringMatching(/the file ends early: table \w+ has \d+ rows, the header says \d+/),
        });

        // A truncated gzip stream.
        const gzipped = zlib.gzipSync(fs.readFileSync(good));
        const damagedGzip = path.join(directory, 'damaged.jsonl.gz');
        fs.writeFileSync(damagedGzip, gzipped.subarray(0, Math.floor(gzipped.length * 0.6)));
        await expect(importDatabase(handle, damagedGzip)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });

        // A row with a column the table does not have.
        const strayColumn = [...goodLines];
        const userLine = goodLines.findIndex((line) => line.startsWith('{"table":"users"'));
        strayColumn[userLine] = strayColumn[userLine].replace('"row":{', '"row":{"nickname":"x",');
        await expect(importDatabase(handle, variant('stray.jsonl', strayColumn))).rejects.toMatchObject({
          message: expect.stringContaining(`line ${userLine + 1}: table users has no column nickname`),
        });

        // A file from another migration.
        const header = JSON.parse(goodLines[0]);
        header.migration.hash = 'f'.repeat(64);
        await expect(
          importDatabase(handle, variant('other-migration.jsonl', [JSON.stringify(header), ...goodLines.slice(1)])),
        ).rejects.toMatchObject({ code: 'INVALID_STATE' });

        // Not an export at all.
        await expect(importDatabase(handle, variant('other.jsonl', ['{"hello":"world"}']))).rejects.toMatchObject({
          message: expect.stringContaining('not a Second Chair export'),
        });

        expect(await snapshot(handle)).toEqual(empty);
      } finally {
        await handle.close();
      }
    });

    target.test(`${target.kind}: a target that holds data is refused and kept as it was`, async () => {
      const handle = await target.open();
      try {
        await importDatabase(handle, good);
        const before = await snapshot(handle);
        await expect(importDatabase(handle, good)).rejects.toMatchObject({
          code: 'CONFLICT',
          message: expect.stringContaining('not empty'),
        });
        expect(await snapshot(handle)).toEqual(before);
      } finally {
        await handle.close();
      }
    });
  }

  it('replaces the auth secret a first start generated, since nothing depends on it yet', async () => {
    const handle = await newPgliteDatabase();
    try {
      await handle.db.execute(sql`insert into installation_settings (key, value) values ('auth_secret', 'from-first-start')`);
      await importDatabase(handle, good);
      expect(await snapshot(handle)).toEqual(sourceSnapshot);
    } finally {
      await handle.close();
    }
  });
});
