/**
 * Migrates one template database per test run; every test file then starts from a copy of it
 * (PGlite: a data-dir dump loaded into a new in-memory instance; PostgreSQL: CREATE DATABASE ... TEMPLATE).
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

export default async function setup(project: TestProject) {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
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
    project.provide('postgresTemplateUrl', templateUrl);
    project.provide('pgliteTemplatePath', '');
    return async () => {
      const cleanup = new pg.Client({ connectionString: databaseUrl });
      await cleanup.connect();
      const { rows } = await cleanup.query<{ datname: string }>(
        `select datname from pg_database where datname = $1 or datname like $2`,
        [templateName, `${templateName}_f%`],
      );
      for (const row of rows) await cleanup.query(`drop database if exists "${row.datname}" with (force)`);
      await cleanup.end();
    };
  }
  const handle = await openDatabase({ dataDir: 'memory://' });
  await migrateDatabase(handle);
  const client = (handle.db as unknown as { $client: PGlite }).$client;
  const dump = await client.dumpDataDir('gzip');
  const dir = path.resolve('.tmp');
  fs.mkdirSync(dir, { recursive: true });
  const templatePath = path.join(dir, `pglite-template-${process.pid}.tar.gz`);
  fs.writeFileSync(templatePath, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide('pgliteTemplatePath', templatePath);
  project.provide('postgresTemplateUrl', '');
  return () => fs.rmSync(templatePath, { force: true });
}
