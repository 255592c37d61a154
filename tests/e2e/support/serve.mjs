#!/usr/bin/env node
// Starts one real Second Chair server for the browser tests (Playwright's webServer runs this):
//   1. a fresh, empty data directory (DATA_DIR) for this run;
//   2. with E2E_ADMIN_EMAIL set, `secondchair create-admin` on that directory BEFORE the server takes
//      its lock, so that a test can read the development outbox as a platform admin without any
//      test-only door in the application;
//   3. `secondchair start`, its output copied to the console and to E2E_LOG_FILE, where the demo test
//      reads the printed demo logins.
// SIGTERM/SIGINT are passed on so the server shuts down cleanly and releases its lock.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cli = path.join(root, 'bin/secondchair.mjs');
const { DATA_DIR, E2E_LOG_FILE, E2E_ADMIN_EMAIL, E2E_ADMIN_PASSWORD } = process.env;

if (!DATA_DIR || !E2E_LOG_FILE) {
  console.error('serve.mjs: DATA_DIR and E2E_LOG_FILE must be set (see playwright.config.ts)');
  process.exit(2);
}
fs.rmSync(DATA_DIR, { recursive: true, force: true });
fs.mkdirSync(DATA_DIR, { recursive: true });
fs.mkdirSync(path.dirname(E2E_LOG_FILE), { recursive: true });
const log = fs.createWriteStream(E2E_LOG_FILE);

if (E2E_ADMIN_EMAIL) {
  const result = spawnSync(
    process.execPath,
    [
      cli,
      'create-admin',
      '--email',
      E2E_ADMIN_EMAIL,
      '--name',
      'E2E Platform Admin',
      '--password',
      E2E_ADMIN_PASSWORD ?? '',
    ],
    { cwd: root, env: process.env, encoding: 'utf8' },
  );
  process.stdout.write(result.stdout ?? '');
  process.stderr.write(result.stderr ?? '');
  if (result.status !== 0) {
    console.error(`serve.mjs: create-admin failed with exit code ${result.status}`);
    process.exit(1);
  }
}

if (process.env.E2E_SEED_SELF_MATCH) {
  // A self-match program with a mentor and a mentee (tests/e2e/self-match.spec.ts), before the lock.
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'tests/e2e/support/seed-self-match.ts')],
    { cwd: root, env: process.env, encoding: 'utf8' },
  );
  process.stdout.write(result.stdout ?? '');
  process.stderr.write(result.stderr ?? '');
  if (result.status !== 0) {
    console.error(`serve.mjs: the self-match seed failed with exit code ${result.status}`);
    process.exit(1);
  }
}

const server = spawn(process.execPath, [cli, 'start'], {
  cwd: root,
  env: process.env,
  stdio: ['ignore', 'pipe', 'pipe'],
});
server.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  log.write(chunk);
});
server.stderr.on('data', (chunk) => {
  process.stderr.write(chunk);
  log.write(chunk);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.kill(signal));
}
server.on('exit', (code, signal) => {
  log.end();
  process.exit(code ?? (signal ? 0 : 1));
});
