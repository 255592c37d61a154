import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { cliLogger, DATABASE_OPTION_HELP, loadCliConfig, say, type DatabaseOptions } from '../support.ts';

interface CreateAdminOptions extends DatabaseOptions {
  email: string;
  name: string;
  password?: string;
}

/** Registers `secondchair create-admin`. */
export function registerCreateAdminCommand(program: Command): void {
  program
    .command('create-admin')
    .description('Create a platform admin, or make an existing account one')
    .requiredOption('--email <email>', 'email address of the admin')
    .requiredOption('--name <name>', 'full name (used when the account is created)')
    .option('--password <password>', 'password of a new account (default: a generated one, printed once)')
    .option(...DATABASE_OPTION_HELP.databaseUrl)
    .option(...DATABASE_OPTION_HELP.dataDir)
    .addHelpText(
      'after',
      `
A new account gets a verified email address. An existing account keeps its password and is promoted.

Examples:
  $ secondchair create-admin --email it@haleward.example --name "Robin Hale"
  $ secondchair create-admin --email it@haleward.example --name "Robin Hale" --password 'a long passphrase'`,
    )
    .action(async (options: CreateAdminOptions) => {
      // Loaded here, not at the top, so that `--help` and other commands start quickly.
      const { createPlatformAdmin, parseCreatePlatformAdminRequest } =
        await import('../../app/accounts/create-platform-admin.ts');
      // Bad input is reported before any database is opened.
      parseCreatePlatformAdminRequest(options);
      const config = loadCliConfig(options);
      const { createRuntime } = await import('../../runtime.ts');
      const runtime = await createRuntime({ config, logger: cliLogger(config), startWorkers: false });
      try {
        const { password: hasher } = await runtime.auth.$context;
        // 15 random bytes: 20 URL-safe characters, comfortably above the 10-character minimum.
        const generated = options.password === undefined ? randomBytes(15).toString('base64url') : undefined;
        const result = await createPlatformAdmin(runtime.context(null), {
          email: options.email,
          name: options.name,
          password: options.password ?? generated,
          hashPassword: hasher.hash,
        });
        if (result.outcome === 'created') {
          say(`Created the platform admin ${result.name} <${result.email}>.`);
          if (generated) {
            say(`Password: ${generated}`, 'It is shown only this once; sign in and change it.');
          }
          return;
        }
        if (result.outcome === 'promoted') {
          say(`${result.name} <${result.email}> already had an account and is now a platform admin.`);
        } else {
          say(`${result.name} <${result.email}> is already a platform admin; nothing was changed.`);
        }
        if (options.password !== undefined) {
          say('Their existing password was kept (--password only applies to new accounts).');
        }
      } finally {
        await runtime.close();
      }
    });
}
