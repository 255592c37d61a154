/**
 * Several app processes on one PostgreSQL database share the job queue: an email queued by one
 * runtime is delivered exactly once, by whichever runtime's worker fetches it first.
 * (The embedded database is single-process by design, so this runs on PostgreSQL only.)
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, expect, it, inject } from 'vitest';
import { emails } from '../db/schema.ts';
import { createRuntime, type Runtime } from '../runtime.ts';
import { testConfig, uniqueEmail } from '../../tests/support/app.ts';
import { describeOnPostgres } from '../../tests/support/postgres.ts';
import { startSmtpCatcher, type SmtpCatcher } from '../../tests/email/smtp-catcher.ts';

describeOnPostgres('two runtimes sharing one PostgreSQL database', () => {
  const name = `${new URL(inject('postgresTemplateUrl') || 'postgres://x/none').pathname.slice(1)}_shared_${randomBytes(3).toString('hex')}`;
  let adminUrl: URL;
  let catcher: SmtpCatcher;
  const runtimes: Runtime[] = [];

  beforeAll(async () => {
    const templateUrl = new URL(inject('postgresTemplateUrl'));
    adminUrl = new URL(templateUrl);
    adminUrl.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: adminUrl.toString() });
    await admin.connect();
    await admin.query(`create database "${name}" template "${templateUrl.pathname.slice(1)}"`);
    await admin.end();
    catcher = await startSmtpCatcher();
    const url = new URL(templateUrl);
    url.pathname = `/${name}`;
    const start = (startWorkers: boolean) =>
      createRuntime({
        config: testConfig({
          DATABASE_URL: url.toString(),
          SMTP_URL: catcher.url,
          JOB_POLL_INTERVAL_SECONDS: '0.5',
        }),
        logger: pino({ level: 'silent' }),
        startWorkers,
      });
    // Started together, as two processes booting at once: both install pg-boss's schema.
    runtimes.push(...(await Promise.all([start(false), start(true), start(true)])));
  });

  afterAll(async () => {
    for (const runtime of runtimes) await runtime.close();
    await catcher?.close();
    if (adminUrl) {
      const admin = new pg.Client({ connectionString: adminUrl.toString() });
      await admin.connect();
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  });

  it('delivers each email queued by one runtime exactly once, by the workers of the others', async () => {
    const [sender, workerA, workerB] = runtimes;
    const addresses = Array.from({ length: 30 }, () => uniqueEmail('shared'));
    const ids: string[] = [];
    for (const address of addresses) {
      const { id } = await sender.mailer.enqueue({
        to: address,
        subject: 'Your mentor match',
        text: `Hello ${address}`,
        template: 'test',
      });
      ids.push(id);
    }
    await expect.poll(() => catcher.messages.length, { timeout: 20_000, interval: 100 }).toBe(30);
    // Give a duplicate time to show up, were pg-boss to hand a job to both workers.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const delivered = catcher.messages.map((m) => m.headers.get('x-second-chair-email-id') as string);
    expect(delivered).toHaveLength(30);
    expect(new Set(delivered)).toEqual(new Set(ids));

    for (const id of ids) {
      const [row] = await workerA.database.db.select().from(emails).where(eq(emails.id, id));
      expect(row).toMatchObject({ status: 'sent', transport: 'smtp', attempts: 1 });
    }
    // Nothing is left for the sender to run itself.
    expect(await sender.jobs.drain()).toMatchObject({ completed: 0, failed: 0, retrying: 0 });
    expect(workerB).toBeDefined();
  });
});
