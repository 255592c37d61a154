import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AppError } from '../core/errors.ts';

/**
 * An exclusive lock on the embedded database directory. PGlite does not lock its directory, and two
 * processes writing one directory silently lose writes, so the app holds `<dir>/secondchair.lock` for
 * as long as the database is open.
 *
 * The lock is the operating system's (an open-file-description lock on Linux, flock on macOS,
 * LockFileEx on Windows, through fs-native-extensions), not the file's existence: taking it is one
 * atomic system call, and the kernel drops it when the holder dies, however it dies. So there is no
 * "stale lock" to judge and take over, and a pid in a left-over file — dead, reused by an unrelated
 * process, or pid 1 again after a container restart — never blocks a start. The file holds the
 * holder's pid only to name it in the refusal. See docs/decisions/012-database-directory-lock.md.
 */
export interface DirectoryLock {
  readonly path: string;
  release(): void;
}

const LOCK_NAME = 'secondchair.lock';
// Each attempt that fails only because the holder released the lock as we took it is retried; a
// bound turns a (theoretical) endless churn into an error instead of a hang.
const MAX_ATTEMPTS = 50;

interface FileLocks {
  tryLock(fd: number): boolean;
  unlock(fd: number): void;
}

let fileLocks: FileLocks | undefined;

/** Loads the native lock on first use, so that a platform without it fails here with a clear message. */
function loadFileLocks(lockPath: string): FileLocks {
  if (fileLocks) return fileLocks;
  try {
    fileLocks = createRequire(import.meta.url)('fs-native-extensions') as FileLocks;
    return fileLocks;
  } catch (error) {
    throw new AppError(
      'UNAVAILABLE',
      `Cannot lock the embedded database (${lockPath}): the operating-system file lock Second Chair uses is not available on this platform (${(error as Error).message}). ` +
        'Use DATABASE_URL (PostgreSQL) instead of the embedded database.',
      { lockPath },
    );
  }
}

// Locks this process holds, by lock path: the OS lock cannot tell "this process" from "another one"
// (two opens of one file conflict even within one process), and the refusal should say which.
const heldHere = new Set<string>();

function tryLock(locks: FileLocks, fd: number): boolean {
  try {
    return locks.tryLock(fd);
  } catch (error) {
    // fcntl may report a conflicting lock as EACCES, Windows as EBUSY; fs-native-extensions only maps EAGAIN.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EBUSY') return false;
    throw error;
  }
}

function isSameFile(a: fs.Stats, b: fs.Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function readPid(lockPath: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(lockPath, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user; it is alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const HOLDER_WAIT_MS = 250;
const HOLDER_POLL_MS = 10;

/**
 * The holder's pid, for the refusal message only (the OS lock decided who holds it). A holder writes
 * its pid just after taking the lock, so in that instant the file is empty or still names the
 * previous, dead holder: wait a little for a live pid rather than name the wrong process.
 */
function readHolder(lockPath: string): number | undefined {
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; waited <= HOLDER_WAIT_MS; waited += HOLDER_POLL_MS) {
    const pid = readPid(lockPath);
    if (pid !== undefined && isProcessAlive(pid)) return pid;
    Atomics.wait(sleeper, 0, 0, HOLDER_POLL_MS);
  }
  return undefined;
}

function refusal(dir: string, lockPath: string): AppError {
  if (heldHere.has(lockPath)) {
    return new AppError(
      'UNAVAILABLE',
      `The database directory ${dir} is already open in this process (lock ${lockPath}).`,
      { lockPath, holderPid: process.pid },
    );
  }
  // The holder writes its pid right after taking the lock; read in that instant, the file has none yet.
  const holder = readHolder(lockPath);
  const holderText = holder === undefined ? `lock file ${lockPath}` : `pid ${holder}, lock file ${lockPath}`;
  return new AppError(
    'UNAVAILABLE',
    `The database directory ${dir} is in use by another Second Chair process (${holderText}). ` +
      'Stop that process, or point DATA_DIR at another directory, or use DATABASE_URL (PostgreSQL) to share one database between processes.',
    holder === undefined ? { lockPath } : { lockPath, holderPid: holder },
  );
}

/** Takes the lock on `dir` or throws UNAVAILABLE naming the directory, the lock file and the holder's pid. */
export function acquireDirectoryLock(dir: string): DirectoryLock {
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.resolve(dir, LOCK_NAME);
  const locks = loadFileLocks(lockPath);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    // No O_TRUNC: opening must not erase the pid of a holder we are about to be refused by.
    const fd = fs.openSync(lockPath, fs.constants.O_RDWR | fs.constants.O_CREAT, 0o644);
    let isHeld = false;
    try {
      if (!tryLock(locks, fd)) throw refusal(dir, lockPath);
      // A holder removes the file before it lets go of the lock, so the inode we locked may no longer
      // be the lock file: a process that opens the path now gets a new file. Only a lock on the file
      // the path names counts; otherwise go round again.
      const current = statOrUndefined(lockPath);
      if (current === undefined || !isSameFile(current, fs.fstatSync(fd))) continue;
      fs.ftruncateSync(fd, 0);
      fs.writeSync(fd, `${process.pid}\n`, 0);
      isHeld = true;
    } finally {
      if (!isHeld) fs.closeSync(fd);
    }
    heldHere.add(lockPath);
    let isReleased = false;
    const release = () => {
      if (isReleased) return;
      isReleased = true;
      process.off('exit', release);
      heldHere.delete(lockPath);
      // Remove the file while still holding the lock (see above), and only if it is still ours.
      const current = statOrUndefined(lockPath);
      if (current !== undefined && isSameFile(current, fs.fstatSync(fd)))
        fs.rmSync(lockPath, { force: true });
      locks.unlock(fd);
      fs.closeSync(fd);
    };
    process.on('exit', release);
    return { path: lockPath, release };
  }
  throw new AppError('UNAVAILABLE', `Could not take the lock ${lockPath}: it kept changing hands.`, {
    lockPath,
  });
}
