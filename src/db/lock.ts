import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../core/errors.ts';

/**
 * An exclusive lock on the embedded database directory. PGlite does not lock its directory, and two
 * processes writing one directory silently lose writes, so the app holds `<dir>/secondchair.lock`
 * (containing its pid) for as long as the database is open. A lock whose pid is dead is taken over.
 */
export interface DirectoryLock {
  readonly path: string;
  release(): void;
}

const LOCK_NAME = 'secondchair.lock';

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user; it is alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(lockPath: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(lockPath, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the lock on `dir` or throws UNAVAILABLE naming the directory and the holder's pid. */
export function acquireDirectoryLock(dir: string): DirectoryLock {
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, LOCK_NAME);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, `${process.pid}\n`);
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        // Only remove the lock if it is still ours (a takeover after a crash could have replaced it).
        if (readHolder(lockPath) === process.pid) fs.rmSync(lockPath, { force: true });
        process.off('exit', release);
      };
      process.on('exit', release);
      return { path: lockPath, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(lockPath);
      if (holder !== undefined && holder !== process.pid && isProcessAlive(holder)) {
        throw new AppError(
          'UNAVAILABLE',
          `The database directory ${dir} is in use by another Second Chair process (pid ${holder}, lock file ${lockPath}). ` +
            'Stop that process, or point DATA_DIR at another directory, or use DATABASE_URL (PostgreSQL) to share one database between processes.',
          { lockPath, holderPid: holder },
        );
      }
      if (holder === process.pid) {
        throw new AppError(
          'UNAVAILABLE',
          `The database directory ${dir} is already open in this process (lock ${lockPath}).`,
          {
            lockPath,
            holderPid: holder,
          },
        );
      }
      // Stale (dead pid) or unreadable lock: take it over.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new AppError('UNAVAILABLE', `Could not take the lock ${lockPath}`, { lockPath });
}
