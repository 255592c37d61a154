import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/app/demo/demo-data.ts';
import { EXIT_CODES } from '../../src/cli/exit-codes.ts';
import { spawnCli, temporaryDirectory, type RunningCli } from './support.ts';

const RUNNING = /Second Chair is running at (http:\/\/\S+)/;
const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

function start(dataDir: string, args: string[] = [], env: Record<string, string> = {}): RunningCli {
  const running = spawnCli(['start', ...args], { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', ...env });
  cleanups.push(async () => {
    if (running.child.exitCode === null && running.child.signalCode === null) {
      running.child.kill('SIGKILL');
      await running.exited;
    }
  });
  return running;
}

/**
 * POSTs JSON as a script does. Not with fetch: Node's fetch sends `Sec-Fetch-Mode: cors` like a
 * browser but no Origin, and better-auth refuses such a sign-in (the server runs its Origin check
 * under NODE_ENV=test too, see ADR 003).
 */
function postJson(url: string, body: unknown): Promise<{ status: number; setCookie: string[] }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (response) => {
        response.resume();
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, setCookie: response.headers['set-cookie'] ?? [] }),
        );
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

function tempDataDir(label: string): string {
  const temporary = temporaryDirectory(label);
  cleanups.push(temporary.remove);
  return temporary.dir;
}

describe('secondchair start', () => {
  it('serves the seeded demo, refuses a second process on the same directory, and stops cleanly', async () => {
    const dataDir = tempDataDir('start');
    const first = start(dataDir);
    const [, url] = await first.waitFor(RUNNING);
    await first.waitFor(/Press Ctrl\+C to stop/);

    expect(first.stdout).toContain('Seeded the demo: Cascadia Bar Association and Hale & Ward LLP.');
    expect(first.stdout).toContain(`password is: ${DEMO_PASSWORD}`);
    const health = await fetch(`${url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: 'ok',
      database: { kind: 'pglite', isReachable: true },
    });

    // The printed demo login works.
    const [, demoEmail] = first.stdout.match(/^\s+(jordan\.ellis@\S+)/m)!;
    const signIn = await postJson(`${url}/api/auth/sign-in/email`, {
      email: demoEmail,
      password: DEMO_PASSWORD,
    });
    expect(signIn.status).toBe(200);
    expect(signIn.setCookie.join('\n')).toMatch(/secondchair\.session_token=/);

    const lockPath = path.join(dataDir, 'secondchair.lock');
    expect(fs.readFileSync(lockPath, 'utf8').trim()).toBe(String(first.child.pid));

    const second = await start(dataDir).exited;
    expect(second.code).toBe(EXIT_CODES.UNAVAILABLE);
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain(lockPath);
    expect(second.stderr).toContain(`pid ${first.child.pid}`);
    expect(second.stdout).not.toMatch(RUNNING);
    // The refused process left the first one's lock alone.
    expect(fs.readFileSync(lockPath, 'utf8').trim()).toBe(String(first.child.pid));
    expect((await fetch(`${url}/api/health`)).status).toBe(200);

    first.child.kill('SIGTERM');
    const stopped = await first.exited;
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toContain('Received SIGTERM; shutting down');
    expect(stopped.stdout).toContain('Stopped.');
    expect(fs.existsSync(lockPath)).toBe(false);
  }, 180_000);

  it('takes over a stale lock left by a dead process, and does not seed when told not to', async () => {
    const dataDir = tempDataDir('stale');
    // A pid that surely belonged to a process that has ended.
    const ended = spawnSync(process.execPath, ['-e', '']);
    const deadPid = ended.pid;
    const lockPath = path.join(dataDir, 'secondchair.lock');
    fs.writeFileSync(lockPath, `${deadPid}\n`);

    const running = start(dataDir, ['--no-seed']);
    const [, url] = await running.waitFor(RUNNING);
    await running.waitFor(/Press Ctrl\+C to stop/);
    expect(fs.readFileSync(lockPath, 'utf8').trim()).toBe(String(running.child.pid));
    expect(running.stdout).toContain('Demo seeding is off (--no-seed)');
    expect(running.stdout).not.toContain('Demo logins');
    // No demo account exists.
    const signIn = await postJson(`${url}/api/auth/sign-in/email`, {
      email: 'jordan.ellis@haleward.example',
      password: DEMO_PASSWORD,
    });
    expect(signIn.status).toBe(401);

    running.child.kill('SIGINT');
    expect((await running.exited).code).toBe(0);
    expect(fs.existsSync(lockPath)).toBe(false);

    // SEED_DEMO=false is the environment's way of saying the same.
    const again = start(dataDir, [], { SEED_DEMO: 'false' });
    await again.waitFor(/Press Ctrl\+C to stop/);
    expect(again.stdout).toContain('Demo seeding is off (SEED_DEMO=false)');
    again.child.kill('SIGTERM');
    expect((await again.exited).code).toBe(0);
  }, 180_000);

  it('exits non-zero with a readable message when the configuration is wrong', async () => {
    const result = await spawnCli(['start'], { PORT: 'eighty' }).exited;
    expect(result.code).toBe(EXIT_CODES.VALIDATION_FAILED);
    expect(result.stderr).toMatch(/PORT/);
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
  }, 60_000);
});
