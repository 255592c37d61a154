import type { Command } from 'commander';
import type { Config } from '../../config.ts';
import type { DatabaseHandle } from '../../db/client.ts';
import type * as Transfer from '../../db/export-import.ts';
import type { TransferSummary } from '../../db/export-import.ts';
import {
  DATABASE_OPTION_HELP,
  describeDatabase,
  loadCliConfig,
  say,
  withMigratedDatabase,
  type DatabaseOptions,
} from '../support.ts';

interface ExportOptions extends DatabaseOptions {
  force?: boolean;
}

function summaryLines(summary: TransferSummary): string[] {
  const width = Math.max(...summary.tables.map((table) => table.name.length));
  return summary.tables.map((table) => `  ${table.name.padEnd(width)}  ${table.rowCount}`);
}

/**
 * Runs `work` with the export/import module on the migrated database: an export records the migration
 * its rows belong to, and an import needs the tables, so both work at this version's migration.
 */
async function withTransfer<T>(
  config: Config,
  work: (database: DatabaseHandle, transfer: typeof Transfer) => Promise<T>,
): Promise<T> {
  const transfer = await import('../../db/export-import.ts');
  return withMigratedDatabase(config, (database) => work(database, transfer));
}

/** Registers `secondchair db export|import`. */
export function registerDbCommand(program: Command): void {
  const db = program
    .command('db')
    .description('Move all data between the embedded database and PostgreSQL (see docs/cli.md)');

  db.command('export')
    .description(
      'Write every row of every table to a file (JSON lines; gzip when it ends in .gz). The file holds secrets.',
    )
    .argument('<file>', 'file to write, e.g. backup.jsonl.gz')
    .option('--force', 'replace the file if it exists')
    .option(...DATABASE_OPTION_HELP.databaseUrl)
    .option(...DATABASE_OPTION_HELP.dataDir)
    .addHelpText(
      'after',
      `
The file holds secrets: the installation's auth secret, everyone's sessions, password hashes, and
pending password-reset and invitation links. Whoever has it can sign in as any user. It is written
readable by its owner only (mode 600); store and move it like a password (encrypted, never in a
shared folder, a ticket or a chat), and delete the copies you no longer need.

The export reads one consistent snapshot. Stop the server first when it uses the embedded database
(it holds the directory's lock). Background job queues (pg-boss) are not exported: they are transient.

Examples:
  $ secondchair db export backup.jsonl.gz
  $ DATABASE_URL=postgres://app@db.internal/secondchair secondchair db export backup.jsonl.gz`,
    )
    .action(async (file: string, options: ExportOptions) => {
      const config = loadCliConfig(options);
      const summary = await withTransfer(config, (database, transfer) =>
        transfer.exportDatabase(database, file, { overwrite: options.force === true }),
      );
      say(
        `Exported ${summary.totalRows} rows from ${describeDatabase(config)} to ${summary.file} (migration ${summary.migration.tag}):`,
        ...summaryLines(summary),
      );
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
      const summary = await withTransfer(config, (database, transfer) =>
        transfer.importDatabase(database, file),
      );
      say(
        `Imported ${summary.totalRows} rows from ${summary.file} into ${describeDatabase(config)}; every table's row count matches the file:`,
        ...summaryLines(summary),
      );
    });
}
