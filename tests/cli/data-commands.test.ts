import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_PEOPLE } from '../../src/app/demo/demo-data.ts';
import { DEMO_USER_COUNT } from '../../src/app/demo/seed-demo-programs.ts';
import { EXIT_CODES } from '../../src/cli/exit-codes.ts';
import { createRuntime } from '../../src/runtime.ts';
import { testConfig } from '../support/app.ts';
import { itOnPostgres } from '../support/postgres.ts';
import { runCli, temporaryDirectory } from './support.ts';

const work = temporaryDirectory('cli-data');
const dataDir = path.join(work.dir, 'data');
afterAll(() => work.remove());

// PostgreSQL-only tests run when DATABASE_URL is set (see tests/support/postgres.ts); this is their server.
const ADMIN_URL = process.env.DATABASE_URL ?? '';
async function withAdmin<T>(action: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return await action(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Runs the binary against the test's embedded database directory. */
const cli = (...args: string[]) => runCli(args, { DATA_DIR: dataDir });

function rowLines(file: string): string[] {
  return fs.readFileSync(file, 'utf8').split('\n').slice(1).filter(Boolean);
}

describe('every command explains itself', () => {
  it.each(['start', 'migrate', 'seed', 'create-admin', 'db export', 'db import'])(
    'secondchair %s --help',
    async (command) => {
      const result = await runCli([...command.split(' '), '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Usage: secondchair ${command}`);
      expect(result.stdout).toContain('Examples:');
    },
    60_000,
  );

  it('warns in `db export --help` that the file holds secrets to be stored like a password', async () => {
    const result = await runCli(['db', 'export', '--help']);
    expect(result.code).toBe(0);
    const help = result.stdout.replace(/\s+/g, ' ');
    expect(help).toContain('The file holds secrets');
    for (const secret of [
      'auth secret',
      'sessions',
      'password hashes',
      'password-reset and invitation links',
    ]) {
      expect(help).toContain(secret);
    }
    expect(help).toContain('store and move it like a password');
    // The one-line description in `secondchair db --help` says it too.
    const db = await runCli(['db', '--help']);
    expect(db.stdout).toMatch(/export.*The file holds secrets/s);
  }, 60_000);

  it('rejects an unknown command with a usage error', async () => {
    const result = await runCli(['sed', '--demo']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command/i);
  }, 60_000);

  it('prints the stack trace of an unexpected failure only when asked with --debug', async () => {
    // Nothing listens on port 1, so opening the database fails in a way no command anticipates.
    const args = ['migrate', '--database-url', 'postgres://nobody@127.0.0.1:1/none'];
    const plain = await runCli(args);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain('error: unexpected failure');
    expect(plain.stderr).not.toMatch(/^\s+at /m);
    const debug = await runCli(['--debug', ...args]);
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/^\s+at /m);
  }, 60_000);
});

describe('migrate, seed --demo and create-admin on the embedded database', () => {
  it('migrates a new directory', async () => {
    const result = await cli('migrate');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(`Migrated the embedded database in ${dataDir}: it is at migration \\d{4}_\\w+`),
    );
  }, 90_000);

  it('asks what to seed', async () => {
    const result = await cli('seed');
    expect(result.code).toBe(EXIT_CODES.VALIDATION_FAILED);
    expect(result.stderr).toContain('--demo');
  }, 60_000);

  it('seeds the demo once and then says it is already there', async () => {
    const first = await cli('seed', '--demo');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Seeded the demo into the embedded database in ${dataDir}`);
    expect(first.stdout).toContain(`${DEMO_USER_COUNT} people`);
    for (const person of DEMO_PEOPLE) expect(first.stdout).toContain(person.email);
    expect(first.stdout).toContain(DEMO_PASSWORD);

    const second = await cli('seed', '--demo');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('The demo data is already present');
    expect(second.stdout).toContain('nothing was changed');
  }, 90_000);

  it('validates the admin email', async () => {
    const result = await cli('create-admin', '--email', 'not-an-email', '--name', 'Robin Hale');
    expect(result.code).toBe(EXIT_CODES.VALIDATION_FAILED);
    expect(result.stderr).toContain('email: must be an email address');
    const missing = await cli('create-admin', '--name', 'Robin Hale');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--email <email>'");
  }, 60_000);

  let generatedPassword = '';
  it('creates an admin with a generated password printed once', async () => {
    const result = await cli(
      'create-admin',
      '--email',
      'Robin.Hale@HaleWard.example',
      '--name',
      'Robin Hale',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Created the platform admin Robin Hale <robin.hale@haleward.example>');
    generatedPassword = result.stdout.match(/Password: (\S+)/)![1];
    expect(generatedPassword.length).toBeGreaterThanOrEqual(16);
  }, 60_000);

  it('promotes an existing account and keeps its password', async () => {
    const promoted = await cli(
      'create-admin',
      '--email',
      'jordan.ellis@haleward.example',
      '--name',
      'Ignored Name',
      '--password',
      'another-password-123',
    );
    expect(promoted.code).toBe(0);
    expect(promoted.stdout).toContain(
      'Jordan Ellis <jordan.ellis@haleward.example> already had an account and is now a platform admin',
    );
    expect(promoted.stdout).toContain('existing password was kept');
    const again = await cli(
      'create-admin',
      '--email',
      'jordan.ellis@haleward.example',
      '--name',
      'Jordan Ellis',
    );
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('is already a platform admin; nothing was changed');
  }, 90_000);

  it('left accounts that sign in with the printed passwords', async () => {
    const runtime = await createRuntime({
      config: testConfig({ DATA_DIR: dataDir }),
      logger: pino({ level: 'silent' }),
      startWorkers: false,
    });
    try {
      const robin = await runtime.auth.api.signInEmail({
        body: { email: 'robin.hale@haleward.example', password: generatedPassword },
      });
      expect(robin.user).toMatchObject({ emailVerified: true, isPlatformAdmin: true });
      const jordan = await runtime.auth.api.signInEmail({
        body: { email: 'jordan.ellis@haleward.example', password: DEMO_PASSWORD },
      });
      expect(jordan.user).toMatchObject({ name: 'Jordan Ellis', isPlatformAdmin: true });
      await expect(
        runtime.auth.api.signInEmail({
          body: { email: 'jordan.ellis@haleward.example', password: 'another-password-123' },
        }),
      ).rejects.toThrow();
    } finally {
      await runtime.close();
    }
  }, 60_000);
});

describe('db export and db import through the binary', () => {
  const exported = path.join(work.dir, 'backup.jsonl.gz');
  const exportedPlain = path.join(work.dir, 'backup.jsonl');
  let postgresDatabase: string | undefined;

  beforeAll(async () => {
    // The directory seeded above (run alone, this file's earlier tests seed it first).
    if (!fs.existsSync(dataDir)) await cli('seed', '--demo');
  }, 90_000);

  afterAll(async () => {
    if (postgresDatabase) {
      await withAdmin((client) => client.query(`drop database if exists "${postgresDatabase}" with (force)`));
    }
  });

  it('exports the embedded database and refuses to overwrite the file', async () => {
    const result = await cli('db', 'export', exported);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Exported \d+ rows from the embedded database/);
    expect(result.stdout).toMatch(new RegExp(`users\\s+${DEMO_USER_COUNT + 1}`));
    expect(fs.readFileSync(exported).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    // It holds secrets: readable by its owner only, as its help says.
    expect(fs.statSync(exported).mode & 0o777).toBe(0o600);

    const again = await cli('db', 'export', exported);
    expect(again.code).toBe(EXIT_CODES.CONFLICT);
    expect(again.stderr).toContain('already exists');
    expect((await cli('db', 'export', exportedPlain)).code).toBe(0);
  }, 90_000);

  it('refuses to import into a database that holds data, or a file that does not exist', async () => {
    const full = await cli('db', 'import', exported);
    expect(full.code).toBe(EXIT_CODES.CONFLICT);
    expect(full.stderr).toContain('The target database is not empty');
    const missing = await cli('db', 'import', path.join(work.dir, 'nope.jsonl'));
    expect(missing.code).toBe(EXIT_CODES.NOT_FOUND);
    expect(missing.stderr).toContain('does not exist');
  }, 90_000);

  it('imports into a new embedded database with every row count verified', async () => {
    const otherDir = path.join(work.dir, 'other-data');
    const result = await runCli(['db', 'import', exported, '--data-dir', otherDir]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("every table's row count matches the file");
    const reexported = path.join(work.dir, 'reexported.jsonl');
    expect((await runCli(['db', 'export', reexported, '--data-dir', otherDir])).code).toBe(0);
    expect(rowLines(reexported)).toEqual(rowLines(exportedPlain));
  }, 120_000);

  itOnPostgres(
    'imports into PostgreSQL and exports the same rows back',
    async () => {
      postgresDatabase = `secondchair_cli_${randomBytes(5).toString('hex')}`;
      await withAdmin((client) => client.query(`create database "${postgresDatabase}"`));
      const url = new URL(ADMIN_URL);
      url.pathname = `/${postgresDatabase}`;
      const imported = await runCli(['db', 'import', exported, '--database-url', url.toString()]);
      expect(imported.stderr).toBe('');
      expect(imported.code).toBe(0);
      expect(imported.stdout).toContain('into PostgreSQL at');

      const fromPostgres = path.join(work.dir, 'from-postgres.jsonl');
      const result = await runCli(['db', 'export', fromPostgres], { DATABASE_URL: url.toString() });
      expect(result.code).toBe(0);
      expect(rowLines(fromPostgres)).toEqual(rowLines(exportedPlain));
    },
    120_000,
  );
});
