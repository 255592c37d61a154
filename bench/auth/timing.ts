/**
 * Do the answers of the account endpoints take as long for an email with an account as for one
 * without? Times POST /api/auth/request-password-reset and POST /api/auth/sign-up/email through the
 * real server (app.inject, no network), alternating a known and an unknown email so that drift in the
 * machine's load hits both alike, and prints the median and 90th percentile of each and their gap.
 * The embedded database is used unless DATABASE_URL is set.
 *
 * Run with `npx tsx bench/auth/timing.ts [resetRounds] [signUpRounds]` (defaults 200 and 30; a sign-up
 * hashes a password with scrypt, so its rounds are slow).
 */
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/client.ts';
import { buildServer } from '../../src/http/server.ts';
import { createRuntime } from '../../src/runtime.ts';

const resetRounds = Number(process.argv[2] ?? 200);
const signUpRounds = Number(process.argv[3] ?? 30);
const ORIGIN = 'http://localhost:3000';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))];
}

function summary(label: string, samples: number[]): { median: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = percentile(sorted, 0.5);
  console.log(
    `  ${label.padEnd(28)} median ${median.toFixed(2).padStart(8)} ms   p90 ${percentile(sorted, 0.9)
      .toFixed(2)
      .padStart(8)} ms   (${samples.length} requests)`,
  );
  return { median };
}

const config = loadConfig({
  NODE_ENV: 'production',
  LOG_LEVEL: 'silent',
  SEED_DEMO: 'false',
  PUBLIC_URL: ORIGIN,
  AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-012345',
  // The limits would answer 429 long before the rounds are done; they are not what is measured.
  AUTH_RATE_LIMIT_MAX: '1000000',
  AUTH_ACCOUNT_MAX_FAILURES: '1000000',
  ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
});
const database = await openDatabase(
  config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: 'memory://' },
);
const runtime = await createRuntime({
  config,
  database,
  logger: pino({ level: 'silent' }),
  startWorkers: false,
});
const app = await buildServer(runtime, { serveWeb: false });
await app.ready();

const post = (url: string, payload: unknown) =>
  app.inject({ method: 'POST', url, headers: { origin: ORIGIN }, payload: payload as object });

async function time(url: string, payload: unknown): Promise<number> {
  const start = performance.now();
  const response = await post(url, payload);
  const elapsed = performance.now() - start;
  if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
  return elapsed;
}

const stamp = Date.now().toString(36);
const known = `known.${stamp}@bench.example`;
await time('/api/auth/sign-up/email', { name: 'Known', email: known, password: 'bench-password-1' });
// Warm-up: the first requests compile code paths and fill caches.
for (let i = 0; i < 5; i++) {
  await time('/api/auth/request-password-reset', { email: known });
  await time('/api/auth/request-password-reset', { email: `warm.${i}.${stamp}@bench.example` });
}

console.log(`Account endpoints, known vs unknown email (${database.kind})`);
const reset = { known: [] as number[], unknown: [] as number[] };
for (let i = 0; i < resetRounds; i++) {
  reset.known.push(await time('/api/auth/request-password-reset', { email: known }));
  reset.unknown.push(
    await time('/api/auth/request-password-reset', { email: `nobody.${i}.${stamp}@bench.example` }),
  );
}
const resetKnown = summary('reset request, known', reset.known);
const resetUnknown = summary('reset request, unknown', reset.unknown);
console.log(`  gap of the medians: ${(resetKnown.median - resetUnknown.median).toFixed(2)} ms`);

if (signUpRounds > 0) {
  const signUp = { existing: [] as number[], fresh: [] as number[] };
  for (let i = 0; i < signUpRounds; i++) {
    signUp.existing.push(
      await time('/api/auth/sign-up/email', { name: 'Someone', email: known, password: 'bench-password-2' }),
    );
    signUp.fresh.push(
      await time('/api/auth/sign-up/email', {
        name: 'Someone',
        email: `fresh.${i}.${stamp}@bench.example`,
        password: 'bench-password-2',
      }),
    );
  }
  const signUpExisting = summary('sign-up, existing account', signUp.existing);
  const signUpFresh = summary('sign-up, new email', signUp.fresh);
  console.log(`  gap of the medians: ${(signUpExisting.median - signUpFresh.median).toFixed(2)} ms`);
}

await app.close();
await runtime.close();
