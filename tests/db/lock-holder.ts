/**
 * A child process for tests/db/lock.test.ts. It loads the lock module and says `ready`, then obeys
 * stdin line by line: `go <epoch ms>` waits for that instant, tries to take the lock on the directory
 * given as argv[2] and prints the outcome as one JSON line (the test gives several children the same
 * instant, so that they race however the scheduler delivered the line);
 * `release` lets go of a held lock and prints `released`; `exit` (or the end of stdin) exits, and
 * a held lock is released on the way out as `secondchair start` releases it.
 */
import readline from 'node:readline';
import { AppError } from '../../src/core/errors.ts';
import { acquireDirectoryLock, type DirectoryLock } from '../../src/db/lock.ts';

const dir = process.argv[2];
let lock: DirectoryLock | undefined;
const lines = readline.createInterface({ input: process.stdin });
process.stdout.write('ready\n');
for await (const line of lines) {
  if (line.startsWith('go ')) {
    const instant = Number(line.slice(3));
    // Spin rather than sleep: a timer fires late by a scheduler tick, which would spread the start.
    while (Date.now() < instant);
    try {
      lock = acquireDirectoryLock(dir);
      process.stdout.write(`${JSON.stringify({ held: true, pid: process.pid })}\n`);
    } catch (error) {
      const refusal = error instanceof AppError ? { code: error.code, details: error.details } : {};
      process.stdout.write(
        `${JSON.stringify({ held: false, pid: process.pid, message: (error as Error).message, ...refusal })}\n`,
      );
    }
  } else if (line === 'release') {
    lock?.release();
    lock = undefined;
    process.stdout.write('released\n');
  } else if (line === 'exit') {
    break;
  }
}
lines.close();
lock?.release();
process.exit(0);
