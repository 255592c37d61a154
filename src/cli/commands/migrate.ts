import type { Command } from 'commander';
import {
  DATABASE_OPTION_HELP,
  describeDatabase,
  loadCliConfig,
  say,
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
      // Loaded here, not at the top, so that `--help` and other commands start quickly.
      const { migrateDatabase, openDatabase } = await import('../../db/client.ts');
      const { readLatestMigration } = await import('../../db/export-import.ts');
      const database = await openDatabase({
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir,
        poolSize: 2,
      });
      try {
        await migrateDatabase(database);
        const migration = await readLatestMigration(database.db);
        say(`Migrated ${describeDatabase(config)}: it is at migration ${migration.tag}.`);
      } finally {
        await database.close();
      }
    });
}
