/**
 * A match run over a cohort of 2,000 mentee and 500 mentor approved applications, timed per phase:
 * load the answers into engine profiles, score and solve, store the draft with its explanations, and the
 * whole use case end to end (`createMatchRun`). On PGlite, and on PostgreSQL when DATABASE_URL is set
 * (in a scratch database of its own, dropped afterwards). The target: under 3 s.
 *
 *   npm run bench:programs
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import pino from 'pino';
import { createMatchRun, solveMatchInput, storeDraft } from '../../src/app/match-runs/create-match-run.ts';
import { loadMatchInput } from '../../src/app/match-runs/load-match-input.ts';
import { loadConfig } from '../../src/config.ts';
import { migrateDatabase, openDatabase, type DatabaseHandle } from '../../src/db/client.ts';
import { memberships, organizations, users } from '../../src/db/schema.ts';
import { createRuntime } from '../../src/runtime.ts';
import {
  createCohortFixture,
  createPoolFixture,
  createProgramFixture,
} from '../../tests/support/match-fixtures.ts';

const MENTEES = 2000;
const MENTORS = 500;
const ROUNDS = 3;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value: number) => `${value.toFixed(0).padStart(6)} ms`;

async function bench(label: string, database: DatabaseHandle): Promise<void> {
  await migrateDatabase(database);
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    PUBLIC_URL: 'http://localhost:3000',
    AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-012345',
  });
  const runtime = await createRuntime({
    config,
    database,
    logger: pino({ level: 'silent' }),
    startWorkers: false,
  });
  try {
    const db = database.db;
    const organizationId = randomUUID();
    await db.insert(organizations).values({
      id: organizationId,
      name: 'Bench Bar Association',
      kind: 'bar_association',
      timeZone: 'America/Los_Angeles',
    });
    const userId = randomUUID();
    await db.insert(users).values({ id: userId, name: 'Bench Coordinator', email: `${userId}@example.test` });
    await db.insert(memberships).values({ id: randomUUID(), organizationId, userId, role: 'admin' });
    const fixture = await createProgramFixture(db, organizationId, { defaultMentorCapacity: 4 });
    const cohort = await createCohortFixture(db, fixture.program, 'matching');
    const seeded = performance.now();
    await createPoolFixture(db, fixture, cohort, { mentees: MENTEES, mentors: MENTORS });
    console.log(
      `${label}: seeded ${MENTEES} mentee and ${MENTORS} mentor applications in ${ms(performance.now() - seeded)}`,
    );

    const ctx = runtime.context({
      userId,
      email: `${userId}@example.test`,
      name: 'Bench Coordinator',
      isPlatformAdmin: false,
    });
    const phases: Record<string, number[]> = {
      load: [],
      prepare: [],
      candidates: [],
      solve: [],
      report: [],
      store: [],
      'end to end (createMatchRun)': [],
    };
    let pairs = 0;
    let coverage = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      const input = await loadMatchInput(
        db,
        fixture.program,
        cohort,
        { pinned: [], excluded: [] },
        {
          referenceDate: new Date(),
          isIncremental: false,
        },
      );
      const loaded = performance.now();
      const result = solveMatchInput(input, false);
      const solved = performance.now();
      await ctx.transaction((tx) =>
        storeDraft(tx, {
          program: fixture.program,
          cohort,
          input,
          result,
          isIncremental: false,
          loadMs: loaded - started,
          actorUserId: userId,
        }),
      );
      const stored = performance.now();
      phases.load.push(loaded - started);
      phases.prepare.push(result.timings!.prepareMs);
      phases.candidates.push(result.timings!.candidatesMs);
      phases.solve.push(result.timings!.solveMs);
      phases.report.push(result.timings!.reportMs);
      phases.store.push(stored - solved);
      pairs = result.summary.pairCount;
      coverage = result.summary.coverage;

      const endStarted = performance.now();
      await createMatchRun(ctx, { programId: fixture.program.id, cohortId: cohort.id });
      phases['end to end (createMatchRun)'].push(performance.now() - endStarted);
    }
    console.log(
      `${label}: ${pairs} pairs, coverage ${(coverage * 100).toFixed(1)}%, median of ${ROUNDS} rounds`,
    );
    for (const [phase, values] of Object.entries(phases))
      console.log(`  ${phase.padEnd(30)} ${ms(median(values))}`);
  } finally {
    await runtime.close();
  }
}

await bench('PGlite', await openDatabase({ dataDir: 'memory://' }));

if (process.env.DATABASE_URL) {
  const name = `bench_match_runs_${process.pid}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  try {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    await bench('PostgreSQL', await openDatabase({ databaseUrl: url.toString() }));
  } finally {
    await admin.query(`drop database if exists ${name}`);
    await admin.end();
  }
}
