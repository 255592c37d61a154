/**
 * Migrates one template database per test run; every test file then starts from a copy of it
 * (PGlite: a data-dir dump loaded into a new in-memory instance; PostgreSQL: CREATE DATABASE ... TEMPLATE).
 * Only the projects that use a database (`db`, `api` in vitest.config.ts) list this file, so a run of the
 * `unit` project never pays for it; when both run, they share one template.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openDatabase } from '../src/db/client.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplatePath: string;
    postgresTemplateUrl: string;
  }
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

interface Template {
  pgliteTemplatePath: string;
  postgresTemplateUrl: string;
  remove(): Promise<void>;
}

async function createPostgresTemplate(databaseUrl: string): Promise<Template> {
  const baseName = new URL(databaseUrl).pathname.replace(/^\//, '') || 'postgres';
  const templateName = `${baseName}_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`drop database if exists "${templateName}" with (force)`);
  await admin.query(`create database "${templateName}"`);
  await admin.end();
  const templateUrl = withDatabase(databaseUrl, templateName);
  const handle = await openDatabase({ databaseUrl: templateUrl, poolSize: 1 });
  await migrateDatabase(handle);
  await handle.close();
  return {
    pgliteTemplatePath: '',
    postgresTemplateUrl: templateUrl,
    async remove() {
      const cleanup = new pg.Client({ connectionString: databaseUrl });
      await cleanup.connect();
      const { rows } = await cleanup.query<{ datname: string }>(
        `select datname from pg_database where datname = $1 or datname like $2`,
        [templateName, `${templateName}_f%`],
      );
      for (const row of rows) await cleanup.query(`drop database if exists "${row.datname}" with (force)`);
      await cleanup.end();
    },
  };
}

async function createPgliteTemplate(): Promise<Template> {
  const handle = await openDatabase({ dataDir: 'memory://' });
  await migrateDatabase(handle);
  const client = (handle.db as unknown as { $client: PGlite }).$client;
  const dump = await client.dumpDataDir('gzip');
  const dir = path.resolve('.tmp');
  fs.mkdirSync(dir, { recursive: true });
  const templatePath = path.join(dir, `pglite-template-${process.pid}.tar.gz`);
  fs.writeFileSync(templatePath, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  return {
    pgliteTemplatePath: templatePath,
    postgresTemplateUrl: '',
    async remove() {
      fs.rmSync(templatePath, { force: true });
    },
  };
}

// Vitest loads a global set-up file once per project (each with its own module graph), in one process:
// the template is kept on globalThis so the `db` and `api` projects migrate once between them, and it is
// removed when the last project that asked for it tears down.
const SHARED = Symbol.for('second-chair.test-template');
type Shared = { users: number; template: Promise<Template> };
const registry = globalThis as { [SHARED]?: Shared };

export default async function setup(project: TestProject) {
  const databaseUrl = process.env.DATABASE_URL;
  const shared = (registry[SHARED] ??= {
    users: 0,
    template: databaseUrl ? createPostgresTemplate(databaseUrl) : createPgliteTemplate(),
  });
  shared.users += 1;
  const template = await shared.template;
  project.provide('pgliteTemplatePath', template.pgliteTemplatePath);
  project.provide('postgresTemplateUrl', template.postgresTemplateUrl);
  return async () => {
    shared.users -= 1;
    if (shared.users > 0) return;
    delete registry[SHARED];
    await template.remove();
  };
}
