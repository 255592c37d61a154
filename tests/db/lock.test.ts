/**
 * The embedded database directory lock, exercised with real processes: several started at the same
 * instant on one directory must end with exactly one holder, whatever the lock file left behind says.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.ts';
import { acquireDirectoryLock, type DirectoryLock } from '../../src/db/lock.ts';

const HOLDER = path.join(import.meta.dirname, 'lock-holder.ts');
const PROCESSES = 4;
const ROUNDS = 10;

interface Outcome {
  held: boolean;
  pid: number;
  message?: string;
  code?: string;
  details?: { lockPath?: string; holderPid?: number };
}

interface Contender {
  child: ChildProcess;
  nextLine(): Promise<string>;
  exited: Promise<void>;
}

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

function temporaryDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secondchair-lock-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function startContender(dir: string): Contender {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dir], { stdio: 'pipe' });
  const lines: string[] = [];
  const waiting: Array<(line: string) => void> = [];
  let buffered = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      const waiter = waiting.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    }
  });
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  return {
    child,
    exited,
    nextLine: () =>
      lines.length > 0
        ? Promise.resolve(lines.shift()!)
        : new Promise((resolve, reject) => {
            waiting.push(resolve);
            void exited.then(() => reject(new Error(`contender exited early:\n${stderr}`)));
          }),
  };
}

/** A pid that surely belonged to a process that has ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid;
}

function holdLock(dir: string): DirectoryLock {
  const lock = acquireDirectoryLock(dir);
  cleanups.push(() => lock.release());
  return lock;
}

describe('the embedded database directory lock', () => {
  it(`lets exactly one of ${PROCESSES} processes trying at once hold it, round after round, after crashes and releases`, async () => {
    const dir = temporaryDir();
    const lockPath = path.join(dir, 'secondchair.lock');
    // The first round starts on a stale lock, the case where every contender wants to take it over.
    fs.writeFileSync(lockPath, `${deadPid()}\n`);
    // Processes are kept from round to round (only a crashed holder is replaced): starting one is slow.
    const contenders = Array.from({ length: PROCESSES }, () => startContender(dir));
    for (const contender of contenders) expect(await contender.nextLine()).toBe('ready');
    for (let round = 0; round < ROUNDS; round++) {
      const instant = Date.now() + 300;
      for (const contender of contenders) contender.child.stdin!.write(`go ${instant}\n`);
      const outcomes = await Promise.all(
        contenders.map(async (contender) => JSON.parse(await contender.nextLine()) as Outcome),
      );

      const holders = outcomes.filter((outcome) => outcome.held);
      expect(holders, `round ${round}: ${JSON.stringify(outcomes)}`).toHaveLength(1);
      const holder = holders[0];
      expect(fs.readFileSync(lockPath, 'utf8').trim()).toBe(String(holder.pid));
      for (const refused of outcomes.filter((outcome) => !outcome.held)) {
        expect(refused.code).toBe('UNAVAILABLE');
        expect(refused.message).toContain(dir);
        expect(refused.message).toContain(lockPath);
        expect(refused.details).toMatchObject({ lockPath });
        // The holder may still be writing its pid when a contender reads the file; then no pid is named.
        if (refused.details?.holderPid !== undefined) {
          expect(refused.details.holderPid).toBe(holder.pid);
          expect(refused.message).toContain(`pid ${holder.pid}`);
        }
      }

      const index = outcomes.indexOf(holder);
      const holderProcess = contenders[index];
      if (round % 4 === 0) {
        // A crash leaves the lock file behind, naming a dead pid: the next round must not be blocked by it.
        holderProcess.child.kill('SIGKILL');
        await holderProcess.exited;
        expect(fs.readFileSync(lockPath, 'utf8').trim()).toBe(String(holder.pid));
        contenders[index] = startContender(dir);
        expect(await contenders[index].nextLine()).toBe('ready');
      } else {
        holderProcess.child.stdin!.write('release\n');
        expect(await holderProcess.nextLine()).toBe('released');
        expect(fs.existsSync(lockPath)).toBe(false);
        // What a crash leaves, without the cost of starting a process again.
        fs.writeFileSync(lockPath, `${deadPid()}\n`);
      }
    }
  }, 180_000);

  it('is taken when the lock file names a live process that does not hold it', async () => {
    const dir = temporaryDir();
    const lockPath = path.join(dir, 'secondchair.lock');
    // An unrelated process that happens to have the recorded pid (pids are reused).
    const unrelated = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    cleanups.push(() => void unrelated.kill('SIGKILL'));
    fs.writeFileSync(lockPath, `${unrelated.pid}\n`);

    const lock = holdLock(dir);
    expect(lock.path).toBe(lockPath);
    expect(fs.readFileSync(lockPath, 'utf8').trim()).toBe(String(process.pid));
    lock.release();
    expect(fs.existsSync(lockPath)).toBe(false);
    expect(unrelated.exitCode).toBeNull();
  });

  it('is taken after a container restart, when the recorded pid (1) is alive again as another process', () => {
    const dir = temporaryDir();
    const lockPath = path.join(dir, 'secondchair.lock');
    // In a container the server often runs as pid 1; after a restart pid 1 is alive again, but it is
    // the new container's init, not the process that wrote the lock.
    fs.writeFileSync(lockPath, '1\n');

    const lock = holdLock(dir);
    expect(fs.readFileSync(lockPath, 'utf8').trim()).toBe(String(process.pid));
    lock.release();
    expect(fs.existsSync(lockPath)).toBe(false);
  });

  it('refuses a second lock on the same directory in the same process, and keeps the first', () => {
    const dir = temporaryDir();
    const lock = holdLock(dir);
    let refusal: unknown;
    try {
      acquireDirectoryLock(dir);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).code).toBe('UNAVAILABLE');
    expect((refusal as AppError).message).toContain('already open in this process');
    expect(fs.readFileSync(lock.path, 'utf8').trim()).toBe(String(process.pid));
    lock.release();
    // Released, it can be taken again.
    holdLock(dir).release();
  });

  it('leaves alone a lock file that another holder put in place after ours was released', () => {
    const dir = temporaryDir();
    const lock = holdLock(dir);
    lock.release();
    const second = holdLock(dir);
    // A late second release of the first lock must not remove the second holder's file.
    lock.release();
    expect(fs.readFileSync(second.path, 'utf8').trim()).toBe(String(process.pid));
    second.release();
  });
});
