/**
 * Email through a real SMTP server: the verification and password-reset emails arrive, their links
 * work, and a failing server is retried with exponential backoff until the email is marked failed.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstLink } from '../../src/app/email/mailer.ts';
import { emails, users } from '../../src/db/schema.ts';
import { createTestApp, TestClient, uniqueEmail, type TestApp } from '../support/app.ts';
import { closedPort, startSmtpCatcher, type SmtpCatcher } from './smtp-catcher.ts';

async function emailRow(t: TestApp, to: string) {
  const rows = await t.runtime.database.db.select().from(emails).where(eq(emails.to, to));
  expect(rows).toHaveLength(1);
  return rows[0];
}

async function deliveryJob(t: TestApp, emailId: string) {
  const { rows } = await t.runtime.database.raw.query<{
    state: string;
    retry_count: number;
    delay_seconds: number;
  }>(
    `select state, retry_count, extract(epoch from (start_after - now()))::float8 as delay_seconds
     from pgboss.job where name = 'send-email' and data->>'emailId' = $1`,
    [emailId],
  );
  expect(rows).toHaveLength(1);
  return rows[0];
}

describe('delivery through SMTP', () => {
  let catcher: SmtpCatcher;
  let t: TestApp;
  beforeAll(async () => {
    catcher = await startSmtpCatcher();
    t = await createTestApp({
      env: { SMTP_URL: catcher.url, MAIL_FROM: 'Second Chair <mentors@bar.example>' },
    });
  });
  afterAll(async () => {
    await t.close();
    await catcher.close();
  });

  it('delivers the verification email on sign-up, and its link verifies the address', async () => {
    const client = new TestClient(t.app);
    const address = uniqueEmail('verify');
    const user = await client.signUp({ name: 'Grace Hopper', email: address });

    // Recorded and queued, not yet sent: delivery is a background job.
    expect(await emailRow(t, address)).toMatchObject({ status: 'queued', transport: 'smtp', attempts: 0 });
    expect(catcher.messages.some((m) => m.subject?.includes('Confirm'))).toBe(false);

    expect(await t.runtime.jobs.drain()).toMatchObject({ completed: 1, failed: 0 });
    const message = await catcher.waitFor(address);
    const row = await emailRow(t, address);
    expect(row).toMatchObject({ status: 'sent', transport: 'smtp', attempts: 1, lastError: null });
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(message.subject).toBe('Confirm your email address for Second Chair');
    expect(message.from?.text).toBe('"Second Chair" <mentors@bar.example>');
    expect(message.headers.get('x-second-chair-email-id')).toBe(row.id);
    expect(message.html).toContain('Confirm my email');

    const link = firstLink(message.text ?? '');
    expect(link).toMatch(/^http:\/\/localhost:3000\/api\/auth\/verify-email\?token=/);
    expect(message.html).toContain(link!.replaceAll('&', '&amp;'));
    const url = new URL(link!);
    const verify = await client.get(`${url.pathname}${url.search}`);
    expect(verify.statusCode).toBe(302);
    const [stored] = await t.runtime.database.db.select().from(users).where(eq(users.id, user.id));
    expect(stored.emailVerified).toBe(true);
    expect((await client.get('/api/v1/me')).json().user.emailVerified).toBe(true);
  });

  it('delivers the password-reset email, whose token sets a new password', async () => {
    const address = uniqueEmail('reset');
    await new TestClient(t.app).signUp({
      name: 'Ada Lovelace',
      email: address,
      password: 'old-password-123',
    });
    await t.runtime.jobs.drain();

    const anonymous = new TestClient(t.app);
    const request = await anonymous.post('/api/auth/request-password-reset', {
      email: address,
      redirectTo: '/reset-password',
    });
    expect(request.statusCode).toBe(200);
    // Two jobs: the reset request (which looks the address up and queues the email), then the email.
    expect(await t.runtime.jobs.drain()).toMatchObject({ completed: 2 });

    const message = catcher.messages.find(
      (m) =>
        m.subject === 'Reset your Second Chair password' && m.to && JSON.stringify(m.to).includes(address),
    );
    expect(message).toBeDefined();
    const link = new URL(firstLink(message!.text ?? '')!);
    expect(link.pathname).toMatch(/^\/api\/auth\/reset-password\/[\w-]+$/);
    expect(link.searchParams.get('callbackURL')).toBe('/reset-password');
    const token = link.pathname.split('/').at(-1)!;

    const reset = await anonymous.post('/api/auth/reset-password', {
      token,
      newPassword: 'new-password-456',
    });
    expect(reset.statusCode).toBe(200);
    expect((await new TestClient(t.app).signIn(address, 'new-password-456')).statusCode).toBe(200);
    expect((await new TestClient(t.app).signIn(address, 'old-password-123')).statusCode).toBe(401);
    // The link works once.
    const again = await anonymous.post('/api/auth/reset-password', {
      token,
      newPassword: 'third-password-789',
    });
    expect(again.statusCode).toBe(409);
  });

  it('does not deliver an email whose transaction rolled back', async () => {
    const address = uniqueEmail('rolled-back');
    await expect(
      t.runtime.database.db.transaction(async (tx) => {
        await t.runtime.mailer.enqueue(
          { to: address, subject: 'Never', text: 'never sent', template: 'test' },
          tx,
        );
        throw new Error('the use case failed after queuing its email');
      }),
    ).rejects.toThrow('the use case failed');
    expect(await t.runtime.database.db.select().from(emails).where(eq(emails.to, address))).toHaveLength(0);
    expect(await t.runtime.jobs.drain()).toMatchObject({ completed: 0, failed: 0 });
    expect(catcher.messages.some((m) => JSON.stringify(m.to).includes(address))).toBe(false);
  });
});

describe('delivery by running workers', () => {
  it('sends without anyone draining the queue', async () => {
    const catcher = await startSmtpCatcher();
    const t = await createTestApp({
      startWorkers: true,
      env: { SMTP_URL: catcher.url, JOB_POLL_INTERVAL_SECONDS: '0.5' },
    });
    try {
      const address = uniqueEmail('worker');
      await new TestClient(t.app).signUp({ name: 'Worker Test', email: address });
      const message = await catcher.waitFor(address, 15_000);
      expect(message.subject).toBe('Confirm your email address for Second Chair');
      await expect.poll(async () => (await emailRow(t, address)).status, { timeout: 5000 }).toBe('sent');
    } finally {
      await t.close();
      await catcher.close();
    }
  });
});

describe('a failing mail server', () => {
  it('counts attempts, keeps the last error, backs off exponentially, and finally marks the email failed', async () => {
    const catcher = await startSmtpCatcher({ rejectWith: { code: 550, message: 'Mailbox unavailable' } });
    // The default policy: 5 attempts, the first retry after 30 s, doubling.
    const t = await createTestApp({ env: { SMTP_URL: catcher.url } });
    try {
      const address = uniqueEmail('bounce');
      const { id } = await t.runtime.mailer.enqueue({
        to: address,
        subject: 'Join Example LLP',
        text: 'http://localhost:3000/invitations/abc',
        template: 'invitation',
      });

      expect(await t.runtime.jobs.drain()).toMatchObject({ retrying: 1, completed: 0 });
      let row = await emailRow(t, address);
      expect(row).toMatchObject({ id, status: 'queued', attempts: 1 });
      expect(row.lastError).toMatch(/550 Mailbox unavailable/);
      let job = await deliveryJob(t, id);
      expect(job.state).toBe('retry');
      // delay × 2^(n+1)/2 × (1 + jitter): 30–60 s after the first failure.
      expect(job.delay_seconds).toBeGreaterThan(25);
      expect(job.delay_seconds).toBeLessThan(61);

      // Not due yet: nothing runs.
      expect(await t.runtime.jobs.drain()).toMatchObject({ retrying: 0, failed: 0, completed: 0 });
      expect(catcher.rejections).toBe(1);

      const expectedDelays = [
        [55, 121],
        [115, 241],
        [235, 481],
      ];
      for (const [attempt, [min, max]] of expectedDelays.map((range, i) => [i + 2, range] as const)) {
        expect(await t.runtime.jobs.drain({ retryNow: true, maxJobs: 1 })).toMatchObject({ retrying: 1 });
        row = await emailRow(t, address);
        expect(row).toMatchObject({ status: 'queued', attempts: attempt });
        job = await deliveryJob(t, id);
        expect(job.delay_seconds).toBeGreaterThan(min);
        expect(job.delay_seconds).toBeLessThan(max);
      }

      expect(await t.runtime.jobs.drain({ retryNow: true })).toMatchObject({ failed: 1, retrying: 0 });
      row = await emailRow(t, address);
      expect(row).toMatchObject({ status: 'failed', attempts: 5, sentAt: null });
      expect(row.lastError).toMatch(/550 Mailbox unavailable/);
      expect((await deliveryJob(t, id)).state).toBe('failed');
      expect(catcher.rejections).toBe(5);
      expect(catcher.messages).toHaveLength(0);

      // Failed is final.
      expect(await t.runtime.jobs.drain({ retryNow: true })).toMatchObject({ failed: 0, retrying: 0 });
      expect(catcher.rejections).toBe(5);
    } finally {
      await t.close();
      await catcher.close();
    }
  });

  it('records a server that is down as the error', async () => {
    const port = await closedPort();
    const t = await createTestApp({
      env: { SMTP_URL: `smtp://127.0.0.1:${port}`, EMAIL_MAX_ATTEMPTS: '2' },
    });
    try {
      const address = uniqueEmail('down');
      await t.runtime.mailer.enqueue({ to: address, subject: 'Hello', text: 'Hello', template: 'test' });
      expect(await t.runtime.jobs.drain({ retryNow: true })).toMatchObject({ retrying: 1, failed: 1 });
      const row = await emailRow(t, address);
      expect(row).toMatchObject({ status: 'failed', attempts: 2 });
      expect(row.lastError).toMatch(/ECONNREFUSED/);
    } finally {
      await t.close();
    }
  });
});
