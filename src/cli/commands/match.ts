import type { Command } from 'commander';

/** Registers `secondchair match ...` (owned by the matching engine work; see issue 3). */
export function registerMatchCommand(program: Command): void {
  program.command('match').description('Matching engine commands (see docs/matching-format.md)');
}
