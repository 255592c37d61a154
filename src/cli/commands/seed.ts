import type { Command } from 'commander';
import { AppError } from '../../core/errors.ts';
import {
  cliLogger,
  DATABASE_OPTION_HELP,
  demoLoginLines,
  describeDatabase,
  loadCliConfig,
  say,
  type DatabaseOptions,
} from '../support.ts';

interface SeedOptions extends DatabaseOptions {
  demo?: boolean;
}

/** Registers `secondchair seed --demo`. */
export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description('Add sample data to the database')
    .option('--demo', 'seed the demo: a law firm, a bar association, coordinators, mentors and mentees')
    .option(...DATABASE_OPTION_HELP.databaseUrl)
    .option(...DATABASE_OPTION_HELP.dataDir)
    .addHelpText(
      'after',
      `
Seeding is idempotent: when the demo organizations exist it changes nothing and says so. It refuses
(exit code 5) when a demo email address already belongs to someone else.

Examples:
  $ secondchair seed --demo
  $ secondchair seed --demo --data-dir ./demo-data`,
    )
    .action(async (options: SeedOptions) => {
      if (!options.demo) {
        throw AppError.validation([{ path: '--demo', message: 'say what to seed: --demo is the only seed' }]);
      }
      const config = loadCliConfig(options);
      // Loaded here, not at the top, so that `--help` and other commands start quickly.
      const { createRuntime } = await import('../../runtime.ts');
      const { seedDemo } = await import('../../app/demo/seed-demo.ts');
      const runtime = await createRuntime({ config, logger: cliLogger(config), startWorkers: false });
      try {
        const { password } = await runtime.auth.$context;
        const result = await seedDemo(runtime.context(null), { hashPassword: password.hash });
        const names = result.organizations.map((organization) => organization.name).join(' and ');
        if (result.status === 'already-present') {
          say(
            `The demo data is already present in ${describeDatabase(config)} (${names}); nothing was changed.`,
          );
          return;
        }
        say(
          `Seeded the demo into ${describeDatabase(config)}: ${names}, ${result.userCount} people, ${result.membershipCount} memberships with profiles, ${result.programCount} programs.`,
          '',
          ...demoLoginLines(),
        );
      } finally {
        await runtime.close();
      }
    });
}
