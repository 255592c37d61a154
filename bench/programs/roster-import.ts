/**
 * Roster import benchmark: a 10,000-row CSV (half members of the organization, half people without an
 * account, so both the application and the invitation paths are timed) streamed through validation,
 * previewed, imported in one transaction, then imported again (idempotence: nothing to do). Prints the
 * time of each step and the peak RSS. PGlite in memory by default; PostgreSQL when DATABASE_URL is set.
 * Target (issue 7): under 10 s with constant memory. `npm run bench:programs:roster [rows]`.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import pino from 'pino';
import { importRoster, previewRosterImport } from '../../src/app/roster/import-roster.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/client.ts';
import { cohorts, memberships, organizations, programs, users } from '../../src/db/schema.ts';
import { createRuntime } from '../../src/runtime.ts';

const ROWS = Number(process.argv[2] ?? 10_000);
const config = loadConfig({
  NODE_ENV: 'production',
  LOG_LEVEL: 'silent',
  SEED_DEMO: 'false',
  PUBLIC_URL: 'http://localhost:3000',
  AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-012345',
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
const db = database.db;
const stamp = Date.now().toString(36);

const organizationId = randomUUID();
const coordinatorId = randomUUID();
await db.insert(organizations).values({
  id: organizationId,
  name: `Bench Bar ${stamp}`,
  kind: 'bar_association',
  timeZone: 'America/Chicago',
});
await db
  .insert(users)
  .values({ id: coordinatorId, name: 'Bench Coordinator', email: `coordinator.${stamp}@bench.example` });
await db
  .insert(memberships)
  .values({ id: randomUUID(), organizationId, userId: coordinatorId, role: 'admin' });
const programId = randomUUID();
const cohortId = randomUUID();
await db
  .insert(programs)
  .values({ id: programId, organizationId, name: 'Bench Program', format: 'one_to_one' });
await db
  .insert(cohorts)
  .values({ id: cohortId, organizationId, programId, name: 'Bench cohort', state: 'enrolling' });

// Half the roster are members already.
const AREAS = ['employment', 'tax', 'criminal-defense', 'family', 'litigation', 'real-estate'];
const people = Array.from({ length: ROWS }, (_, index) => ({
  email: `person.${index}.${stamp}@bench.example`,
  name: `Person ${index}`,
  role: index % 5 === 0 ? 'mentor' : 'mentee',
  isMember: index % 2 === 0,
}));
for (let start = 0; start < people.length; start += 1000) {
  const batch = people.slice(start, start + 1000).filter((person) => person.isMember);
  const ids = batch.map(() => randomUUID());
  if (batch.length === 0) continue;
  await db
    .insert(users)
    .values(batch.map((person, index) => ({ id: ids[index], name: person.name, email: person.email })));
  await db.insert(memberships).values(
    batch.map((_, index) => ({
      id: randomUUID(),
      organizationId,
      userId: ids[index],
      role: 'member' as const,
    })),
  );
}

const lines = ['email,name,role,practice_areas,years_of_practice,languages,time_zone,capacity'];
people.forEach((person, index) => {
  lines.push(
    [
      person.email,
      person.name,
      person.role,
      `${AREAS[index % AREAS.length]};${AREAS[(index + 2) % AREAS.length]}`,
      String(index % 30),
      'en',
      'America/Chicago',
      person.role === 'mentor' ? '2' : '',
    ].join(','),
  );
});
const csv = `${lines.join('\n')}\n`;
// Streamed in 64 KB chunks, as an HTTP body arrives.
const file = () =>
  Readable.from(
    (function* () {
      for (let offset = 0; offset < csv.length; offset += 65_536)
        yield Buffer.from(csv.slice(offset, offset + 65_536));
    })(),
  );

const ctx = runtime.context({
  userId: coordinatorId,
  email: `coordinator.${stamp}@bench.example`,
  name: 'Bench Coordinator',
  isPlatformAdmin: false,
});
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
console.log(`Roster import, ${ROWS} rows (${mb(Buffer.byteLength(csv))} CSV), ${database.kind}`);

async function step(label: string, run: () => Promise<{ counts: Record<string, number> }>) {
  const started = performance.now();
  const result = await run();
  const seconds = (performance.now() - started) / 1000;
  const counts = Object.entries(result.counts)
    .filter(([, n]) => n > 0)
    .map(([action, n]) => `${action} ${n}`)
    .join(', ');
  console.log(`  ${label.padEnd(22)} ${seconds.toFixed(2).padStart(7)} s   ${counts}`);
}
await step('preview (dry run)', () => previewRosterImport(ctx, { programId, cohortId, file: file() }));
await step('import', () => importRoster(ctx, { programId, cohortId, file: file() }));
await step('import again', () => importRoster(ctx, { programId, cohortId, file: file() }));
console.log(`  peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`);
await runtime.close();
