/**
 * The job queue on a real database (PGlite by default, PostgreSQL with DATABASE_URL): pg-boss's
 * schema, send, fetch and work, retries with backoff, completion, and payload validation.
 */
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { installationSettings } from '../db/schema.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { testConfig } from '../../tests/support/app.ts';
import { createTestDatabase } from '../../tests/support/database.ts';
import { defineJob, type JobRun, type JobServices } from './definition.ts';
import { createJobQueue, type JobQueue } from './queue.ts';

const runs: Array<{ note: string; run: Omit<JobRun, 'logger'> }> = [];
let failuresLeft = 0;

const noteJob = defineJob({
  id: 'test-note',
  payload: z.object({ note: z.string().min(1) }).strict(),
  retry: () => ({ maxAttempts: 3, delaySeconds: 10, backoff: true }),
  async handle({ note }, { logger: _logger, ...run }) {
    runs.push({ note, run });
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      throw new Error(`temporary failure of ${note}`);
    }
  },
});

let database: DatabaseHandle;
let queue: JobQueue;
const logger = pino({ level: 'silent' });

async function open(): Promise<JobQueue> {
  return createJobQueue({
    database,
    config: testConfig(),
    logger,
    definitions: [noteJob],
    // These handlers use no services.
    services: () => ({}) as JobServices,
    maintain: false,
  });
}

async function jobState(note: string) {
  const { rows } = await database.raw.query<{ state: string; retry_count: number; output: unknown }>(
    `select state, retry_count, output from pgboss.job where name = 'test-note' and data->>'note' = $1`,
    [note],
  );
  return rows;
}

beforeAll(async () => {
  database = await createTestDatabase();
  queue = await open();
});
afterAll(async () => {
  await queue.stop();
  await database.close();
});
beforeEach(() => {
  runs.length = 0;
  failuresLeft = 0;
});

describe('the job queue', () => {
  it('installs pg-boss in its own schema, and opening it again (a restart) keeps it', async () => {
    const { rows } = await database.raw.query<{ version: number }>('select version from pgboss.version');
    expect(rows[0].version).toBeGreaterThan(0);
    const again = await open();
    await again.stop();
    expect(await queue.boss.getQueue('test-note')).toMatchObject({ name: 'test-note', retryLimit: 2 });
  });

  it('validates the payload when a job is sent', async () => {
    await expect(queue.send(noteJob, { note: '' })).rejects.toThrow(/Invalid payload for job test-note/);
    await expect(queue.send(noteJob, { note: 'x', extra: 1 } as never)).rejects.toThrow(/extra/);
    expect(await queue.drain()).toEqual({ completed: 0, retrying: 0, failed: 0, invalid: 0 });
  });

  it('runs a due job once and records its completion', async () => {
    const id = await queue.send(noteJob, { note: 'hello' });
    expect(await queue.drain()).toEqual({ completed: 1, retrying: 0, failed: 0, invalid: 0 });
    expect(runs).toEqual([
      { note: 'hello', run: { jobId: id, attempt: 1, maxAttempts: 3, isFinalAttempt: false } },
    ]);
    expect(await jobState('hello')).toMatchObject([{ state: 'completed' }]);
    expect(await queue.drain()).toMatchObject({ completed: 0 });
    expect(runs).toHaveLength(1);
  });

  it('retries a failing job after a growing delay, then completes it', async () => {
    failuresLeft = 2;
    await queue.send(noteJob, { note: 'flaky' });
    expect(await queue.drain()).toMatchObject({ retrying: 1 });
    const [afterFirst] = await jobState('flaky');
    expect(afterFirst).toMatchObject({ state: 'retry', output: { message: 'temporary failure of flaky' } });
    const { rows } = await database.raw.query<{ delay: number }>(
      `select extract(epoch from start_after - now())::float8 as delay from pgboss.job where data->>'note' = 'flaky'`,
    );
    // 10 s × 2^1 / 2 × (1 + jitter)
    expect(rows[0].delay).toBeGreaterThan(8);
    expect(rows[0].delay).toBeLessThan(21);
    // Not due yet.
    expect(await queue.drain()).toMatchObject({ retrying: 0, completed: 0 });

    expect(await queue.drain({ retryNow: true })).toMatchObject({ retrying: 1, completed: 1 });
    expect(runs.map((r) => [r.run.attempt, r.run.isFinalAttempt])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(await jobState('flaky')).toMatchObject([{ state: 'completed', retry_count: 2 }]);
  });

  it('gives up after the last attempt', async () => {
    failuresLeft = 10;
    await queue.send(noteJob, { note: 'doomed' });
    expect(await queue.drain({ retryNow: true })).toMatchObject({ retrying: 2, failed: 1 });
    expect(runs).toHaveLength(3);
    expect(await jobState('doomed')).toMatchObject([{ state: 'failed' }]);
    expect(await queue.drain({ retryNow: true })).toMatchObject({ retrying: 0, failed: 0 });
  });

  it('validates the payload again when the job runs, and does not retry an invalid one', async () => {
    // Queued behind the definition's back, as an old job of a changed shape would be.
    await queue.boss.send('test-note', { note: 42 }, { retryLimit: 2 });
    expect(await queue.drain({ retryNow: true })).toMatchObject({ invalid: 1, retrying: 0 });
    expect(runs).toHaveLength(0);
    const { rows } = await database.raw.query<{ state: string; output: { message: string } }>(
      `select state, output from pgboss.job where name = 'test-note' and data->>'note' = '42'`,
    );
    expect(rows[0].state).toBe('cancelled');
    expect(rows[0].output.message).toMatch(/Invalid payload: note/);
  });

  it("queues a job in the caller's transaction: nothing if it rolls back, the job if it commits", async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await tx.insert(installationSettings).values({ key: 'job-test', value: 'rolled back' });
        await queue.send(noteJob, { note: 'rolled-back' }, { executor: tx });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await jobState('rolled-back')).toEqual([]);

    await database.db.transaction(async (tx) => {
      await tx.insert(installationSettings).values({ key: 'job-test', value: 'committed' });
      await queue.send(noteJob, { note: 'committed' }, { executor: tx });
    });
    expect(await queue.drain()).toMatchObject({ completed: 1 });
    expect(runs.map((r) => r.note)).toEqual(['committed']);
    const stored = await database.db
      .select({ value: installationSettings.value })
      .from(installationSettings)
      .where(eq(installationSettings.key, 'job-test'));
    expect(stored).toEqual([{ value: 'committed' }]);
  });

  it('works jobs in the background once started, and stops', async () => {
    const worker = await createJobQueue({
      database,
      config: testConfig({ JOB_POLL_INTERVAL_SECONDS: '0.5' }),
      logger,
      definitions: [noteJob],
      services: () => ({}) as JobServices,
      maintain: true,
    });
    try {
      await worker.start();
      for (let i = 0; i < 12; i += 1) await queue.send(noteJob, { note: `background-${i}` });
      await expect.poll(() => runs.length, { timeout: 10_000, interval: 100 }).toBe(12);
      await expect
        .poll(async () => {
          const { rows } = await database.raw.query<{ count: number }>(
            `select count(*)::int as count from pgboss.job where name = 'test-note' and data->>'note' like 'background-%' and state = 'completed'`,
          );
          return rows[0].count;
        })
        .toBe(12);
    } finally {
      await worker.stop();
    }
    // Stopped: a new job waits for someone to run it.
    await queue.send(noteJob, { note: 'after-stop' });
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(runs.map((r) => r.note)).not.toContain('after-stop');
    expect(await queue.drain()).toMatchObject({ completed: 1 });
  });
});
