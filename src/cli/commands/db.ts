import type { Command } from 'commander';
import { migrateDatabase, openDatabase } from '../../db/client.ts';
import { exportDatabase, importDatabase, type TransferSummary } from '../../db/export-import.ts';
import {
  DATABASE_OPTION_HELP,
  describeDatabase,
  loadCliConfig,
  say,
  type DatabaseOptions,
} from '../support.ts';

interface ExportOptions extends DatabaseOptions {
  force?: boolean;
}

function summaryLines(summary: TransferSummary): string[] {
  const width = Math.max(...summary.tables.map((table) => table.name.length));
  return summary.tables.map((table) => `  ${table.name.padEnd(width)}  ${table.rowCount}`);
}

/** Registers `secondchair db export|import`. */
export function registerDbCommand(program: Command): void {
  const db = program
    .command('db')
    .description('Move all data between the embedded database and PostgreSQL (see docs/cli.md)');

  db.command('export')
    .description('Write every row of every table to a file (JSON lines; gzip when it ends in .gz)')
    .argument('<file>', 'file to write, e.g. backup.jsonl.gz')
    .option('--force', 'replace the file if it exists')
    .option(...DATABASE_OPTION_HELP.databaseUrl)
    .option(...DATABASE_OPTION_HELP.dataDir)
    .addHelpText(
      'after',
      `
The export reads one consistent snapshot. Stop the server first when it uses the embedded database
(it holds the directory's lock). Background job queues (pg-boss) are not exported: they are transient.

Examples:
  $ secondchair db export backup.jsonl.gz
  $ DATABASE_URL=postgres://app@db.internal/secondchair secondchair db export backup.jsonl.gz`,
    )
    .action(async (file: string, options: ExportOptions) => {
      const config = loadCliConfig(options);
      const database = await openDatabase({
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir,
        poolSize: 2,
      });
      try {
        // The export records the migration its data belongs to; bring the source up to this version first.
        await migrateDatabase(database);
        const summary = await exportDatabase(database, file, { overwrite: options.force === true });
        say(
          `Exported ${summary.totalRows} rows from ${describeDatabase(config)} to ${summary.file} (migration ${summary.migration.tag}):`,
          ...summaryLines(summary),
        );
      } finally {
        await database.close();
      }
    });

  db.command('import')
    .description('Load an export into an empty database, all or nothing')
    .argument('<file>', 'file written by `secondchair db export`')
    .option(...DATABASE_OPTION_HELP.databaseUrl)
    .option(...DATABASE_OPTION_HELP.dataDir)
    .addHelpText(
      'after',
      `
The target is migrated first and must hold no data (a generated auth secret from a first start is
replaced by the file's). The import runs in one transaction: on any error nothing is written.

Examples:
  $ DATABASE_URL=postgres://app@db.internal/secondchair secondchair db import backup.jsonl.gz
  $ secondchair db import backup.jsonl.gz --data-dir ./data`,
    )
    .action(async (file: string, options: DatabaseOptions) => {
      const config = loadCliConfig(options);
      const database = await openDatabase({
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir,
        poolSize: 2,
      });
      try {
        await migrateDatabase(database);
        const summary = await importDatabase(database, file);
        say(
          `Imported ${summary.totalRows} rows from ${summary.file} into ${describeDatabase(config)}; every table's row count matches the file:`,
          ...summaryLines(summary),
        );
      } finally {
        await database.close();
      }
    });
}
