/**
 * Runs the real `secondchair` binary (bin/secondchair.mjs) in a child process, with a controlled
 * environment: the embedded database unless a test passes DATABASE_URL, quiet logs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'secondchair.mjs');

/** The environment of a child: ours minus what would point it at another database or port. */
export function childEnv(env: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ['DATABASE_URL', 'DATA_DIR', 'PORT', 'HOST', 'PUBLIC_URL', 'SEED_DEMO', 'AUTH_SECRET']) {
    delete base[key];
  }
  return { ...base, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env };
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion. */
export function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  const child = spawnCli(args, env);
  return child.exited;
}

export interface RunningCli {
  child: ChildProcess;
  readonly stdout: string;
  readonly stderr: string;
  exited: Promise<CliResult>;
  /** Resolves with the first match of `pattern` on stdout; rejects if the process exits first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
}

/** Starts a command and keeps its output. */
export function spawnCli(args: string[], env: Record<string, string | undefined> = {}): RunningCli {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: childEnv(env), stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<CliResult>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return {
    child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    exited,
    waitFor(pattern, timeoutMs = 90_000) {
      return new Promise((resolve, reject) => {
        let finished = false;
        const check = () => {
          const match = stdout.match(pattern);
          if (match && !finished) {
            finished = true;
            clearInterval(timer);
            resolve(match);
          }
        };
        const timer = setInterval(check, 50);
        const timeout = setTimeout(() => {
          if (finished) return;
          finished = true;
          clearInterval(timer);
          reject(new Error(`timed out waiting for ${pattern}\nstdout:\n${stdout}\nstderr:\n${stderr}`));
        }, timeoutMs);
        void exited.then((result) => {
          check();
          clearTimeout(timeout);
          if (finished) return;
          finished = true;
          clearInterval(timer);
          reject(
            new Error(`exited (${result.code}) before ${pattern}\nstdout:\n${stdout}\nstderr:\n${stderr}`),
          );
        });
      });
    },
  };
}

/** A new temporary directory, removed by the returned cleanup. */
export function temporaryDirectory(label: string): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `secondchair-${label}-`));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
