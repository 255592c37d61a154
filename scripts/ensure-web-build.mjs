#!/usr/bin/env node
// Used by `npm start`: builds the web app (vite build → dist/web) only when dist/web/index.html is
// missing or older than a source it is built from, so a fresh checkout serves the app and later starts
// are instant. Prints what it decided.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const output = path.join(root, 'dist/web/index.html');
// What the bundle is built from: the app itself, the contracts and pure core it imports, the config.
const sources = ['web', 'src/contracts', 'src/core', 'vite.config.ts', 'package-lock.json'];

/** The newest modification time under `target` (a file or a directory), with its path. */
function newest(target) {
  let best = { time: 0, file: target };
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    return best;
  }
  if (!stat.isDirectory()) return { time: stat.mtimeMs, file: target };
  for (const entry of fs.readdirSync(target, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const candidate = newest(path.join(target, entry.name));
    if (candidate.time > best.time) best = candidate;
  }
  return best;
}

function reason() {
  if (!fs.existsSync(output)) return 'dist/web/index.html is missing';
  const built = fs.statSync(output).mtimeMs;
  for (const source of sources) {
    const latest = newest(path.join(root, source));
    if (latest.time > built) return `${path.relative(root, latest.file)} changed since the last build`;
  }
  return null;
}

const why = reason();
if (!why) {
  console.log('web app: dist/web is up to date');
  process.exit(0);
}
console.log(`web app: building (${why}) ...`);
const vite = path.join(root, 'node_modules/vite/bin/vite.js');
if (!fs.existsSync(vite)) {
  console.error('web app: vite is not installed; run `npm install` first');
  process.exit(1);
}
const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
  cwd: root,
  stdio: 'inherit',
});
if (result.status !== 0) {
  console.error('web app: the build failed (see above)');
  process.exit(result.status ?? 1);
}
console.log('web app: built into dist/web');
