#!/usr/bin/env node
// `npm run dev`: the API server (restarted by tsx on every change under src/) and the Vite dev server
// with hot reload, together. Open the Vite address; it proxies /api to the API server. Ctrl-C stops
// both; if either stops on its own, the other is stopped too.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const apiPort = process.env.PORT ?? '3000';
const webPort = process.env.VITE_PORT ?? '5173';
const webUrl = `http://localhost:${webPort}`;

const children = [];
let stopping = false;

function run(name, args, env) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`dev: ${name} stopped (${signal ?? `exit code ${code}`}); stopping the rest`);
      stop(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

function stop(exitCode = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  }
  // Give them a moment to release the database lock, then leave.
  const timer = setTimeout(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    process.exit(exitCode);
  }, 5000);
  timer.unref();
  Promise.all(
    children.map(
      (child) => new Promise((resolve) => (child.exitCode !== null ? resolve() : child.on('exit', resolve))),
    ),
  ).then(() => process.exit(exitCode));
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

console.log(`dev: API on http://localhost:${apiPort}, web app on ${webUrl} (open this one)`);
run(
  'API server',
  [
    path.join(root, 'node_modules/tsx/dist/cli.mjs'),
    'watch',
    '--clear-screen=false',
    '--include',
    'src',
    'bin/secondchair.mjs',
    'start',
  ],
  {
    PORT: apiPort,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    // Emailed links and better-auth's origin check must name the address the browser uses.
    PUBLIC_URL: process.env.PUBLIC_URL ?? webUrl,
  },
);
run('Vite', [path.join(root, 'node_modules/vite/bin/vite.js')], {
  VITE_PORT: webPort,
  SECONDCHAIR_API_URL: `http://localhost:${apiPort}`,
});
