import type { Command } from 'commander';
import {
  DATABASE_OPTION_HELP,
  describeDatabase,
  loadCliConfig,
  say,
  withMigratedDatabase,
  type DatabaseOptions,
} from '../support.ts';

/** Registers `secondchair migrate`. */
export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending database migrations (start does this too)')
    .option(...DATABASE_OPTION_HELP.databaseUrl)
    .option(...DATABASE_OPTION_HELP.dataDir)
    .addHelpText(
      'after',
      `
Examples:
  $ secondchair migrate
  $ DATABASE_URL=postgres://app@db.internal:5432/secondchair secondchair migrate`,
    )
    .action(async (options: DatabaseOptions) => {
      const config = loadCliConfig(options);
      const migration = await withMigratedDatabase(config, async (database) => {
        const { readLatestMigration } = await import('../../db/export-import.ts');
        return readLatestMigration(database.db);
      });
      say(`Migrated ${describeDatabase(config)}: it is at migration ${migration.tag}.`);
    });
}
