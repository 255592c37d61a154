import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.ts';

/** Which database the suite runs on: PGlite by default, PostgreSQL when DATABASE_URL is set. */
export const TEST_DATABASE_KIND: 'pglite' | 'postgres' = process.env.DATABASE_URL ? 'postgres' : 'pglite';

/**
 * A fresh, migrated database for one test file: a copy of the template that global setup migrated
 * once. On PostgreSQL it is a new database, dropped on close.
 */
export async function createTestDatabase(options: { poolSize?: number } = {}): Promise<DatabaseHandle> {
  const templateUrl = inject('postgresTemplateUrl');
  if (templateUrl) {
    const template = new URL(templateUrl);
    const templateName = template.pathname.replace(/^\//, '');
    const name = `${templateName}_f${randomBytes(4).toString('hex')}`;
    const adminUrl = new URL(templateUrl);
    adminUrl.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: adminUrl.toString() });
    await admin.connect();
    await admin.query(`create database "${name}" template "${templateName}"`);
    await admin.end();
    const url = new URL(templateUrl);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: options.poolSize ?? 4 });
    return {
      ...handle,
      async close() {
        await handle.close();
        const cleanup = new pg.Client({ connectionString: adminUrl.toString() });
        await cleanup.connect();
        await cleanup.query(`drop database if exists "${name}" with (force)`);
        await cleanup.end();
      },
    };
  }
  const templatePath = inject('pgliteTemplatePath');
  if (!templatePath) {
    throw new Error(
      'No template database: this test file runs in a project without the database set-up. Name it *.db.test.ts (under src/) or put it under tests/ (see vitest.config.ts).',
    );
  }
  const dump = new Blob([fs.readFileSync(templatePath)]);
  return openDatabase({ dataDir: 'memory://', loadDataDir: dump });
}
