import { Command, CommanderError } from 'commander';
import { loadConfig } from '../config.ts';
import { isAppError } from '../core/errors.ts';
import { EXIT_CODES } from './exit-codes.ts';
import { registerCreateAdminCommand } from './commands/create-admin.ts';
import { registerDbCommand } from './commands/db.ts';
import { registerLoginCommands } from './commands/login.ts';
import { registerMatchCommand } from './commands/match.ts';
import { registerMigrateCommand } from './commands/migrate.ts';
import { registerProgramsCommands } from './commands/programs.ts';
import { registerRosterCommands } from './commands/roster.ts';
import { registerSeedCommand } from './commands/seed.ts';
import { registerStartCommand } from './commands/start.ts';

/** Builds the `secondchair` command tree. */
export function buildProgram(): Command {
  const program = new Command('secondchair')
    .description('Second Chair: mentorship programs for lawyers early in their careers.')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .option('--debug', 'print the stack trace of an unexpected failure (or set SECONDCHAIR_DEBUG=1)');
  registerStartCommand(program);
  registerMigrateCommand(program);
  registerSeedCommand(program);
  registerCreateAdminCommand(program);
  registerDbCommand(program);
  registerMatchCommand(program);
  registerLoginCommands(program);
  registerProgramsCommands(program);
  registerRosterCommands(program);
  return program;
}

/** Runs the CLI and returns the process exit code; errors are printed, never thrown as stack traces. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander already printed the message (or the help text).
      return error.exitCode === 0 ? 0 : 2;
    }
    if (isAppError(error)) {
      process.stderr.write(`error: ${error.message}\n`);
      const issues = error.details?.issues ?? [];
      // A single issue is usually the message itself; list issues only when they add something.
      const isMessageEnough = issues.length === 1 && error.message.includes(issues[0].message);
      for (const issue of isMessageEnough ? [] : issues) {
        process.stderr.write(`  - ${issue.path}: ${issue.message}\n`);
      }
      return EXIT_CODES[error.code];
    }
    process.stderr.write(
      `error: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    if (program.opts<{ debug?: boolean }>().debug === true || isDebugConfigured()) console.error(error);
    return 1;
  }
}

/** SECONDCHAIR_DEBUG through the parsed configuration; a configuration that does not parse means no. */
function isDebugConfigured(): boolean {
  try {
    return loadConfig().debug;
  } catch {
    return false;
  }
}
