/**
 * Email through a real SMTP server: the verification and password-reset emails arrive, their links
 * work, the stored copies keep no link token once sent, and a failing server is retried with
 * exponential backoff until the email is marked failed.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstLink } from '../../src/app/email/mailer.ts';
import { REMOVED_LINK } from '../../src/app/email/records.ts';
import { emails, users } from '../../src/db/schema.ts';
import { confirmEmail, createOrganization } from '../support/api.ts';
import { createTestApp, TestClient, uniqueEmail, type TestApp } from '../support/app.ts';
import { closedPort, startSmtpCatcher, type SmtpCatcher } from './smtp-catcher.ts';

async function emailRow(t: TestApp, to: string, template?: string) {
  const rows = await t.runtime.database.db
    .select()
    .from(emails)
    .where(and(eq(emails.to, to), template === undefined ? undefined : eq(emails.template, template)));
  expect(rows).toHaveLength(1);
  return rows[0];
}

/** Everything a stored email holds that could carry a link, as one string. */
function storedContent(row: typeof emails.$inferSelect): string {
  return `${row.text}\n${row.html ?? ''}\n${JSON.stringify(row.metadata)}`;
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

  it('keeps no invitation or password-reset token in the stored emails once sent, nor shows it to platform admins', async () => {
    const admin = new TestClient(t.app);
    const adminUser = await admin.signUp({ name: 'Platform Admin', email: uniqueEmail('platform') });
    await t.runtime.database.db
      .update(users)
      .set({ isPlatformAdmin: true })
      .where(eq(users.id, adminUser.id));
    // Invitations go out only from a confirmed address.
    await confirmEmail(t, adminUser.email);
    const organization = await createOrganization(admin);
    const invitee = uniqueEmail('invitee');
    const invite = await admin.post(`/api/v1/organizations/${organization.id}/invitations`, {
      email: invitee,
      role: 'member',
    });
    expect(invite.statusCode, invite.body).toBe(201);
    const resetAddress = uniqueEmail('forgetful');
    await new TestClient(t.app).signUp({ name: 'Forgetful Member', email: resetAddress });
    const request = await new TestClient(t.app).post('/api/auth/request-password-reset', {
      email: resetAddress,
      redirectTo: '/reset-password',
    });
    expect(request.statusCode).toBe(200);

    // Queued for the SMTP server: the row needs the link to send it, but a platform admin never sees it.
    const queuedInvitation = await emailRow(t, invitee);
    expect(queuedInvitation.status).toBe('queued');
    const queuedLink = firstLink(queuedInvitation.text)!;
    expect(queuedLink).toMatch(/\/invitations\/[\w-]+$/);
    const shown = (await admin.get(`/api/v1/admin/emails/${queuedInvitation.id}`)).json().email;
    expect(`${shown.text}${shown.html}`).not.toContain(queuedLink);
    expect(shown.text).toContain(REMOVED_LINK);

    await t.runtime.jobs.drain();
    const invitation = await catcher.waitFor(invitee);
    await catcher.waitFor(resetAddress);
    // Signing up sent this address a verification email too; the reset email is the one with the reset link.
    const reset = catcher.messages.find(
      (message) =>
        JSON.stringify(message.to).includes(resetAddress) && /reset-password/.test(message.text ?? ''),
    );
    if (!reset) throw new Error(`no password-reset email to ${resetAddress}`);
    const invitationLink = firstLink(invitation.text ?? '')!;
    const resetLink = firstLink(reset.text ?? '')!;
    expect(invitationLink).toBe(queuedLink);
    const invitationToken = invitationLink.split('/invitations/')[1];
    const resetToken = new URL(resetLink).pathname.split('/').at(-1)!;
    expect(resetToken).toMatch(/^[\w-]{16,}$/);

    // Delivered: the recipient has the link; the stored copy keeps the rest of the message, not the token.
    for (const [address, template, token] of [
      [invitee, 'invitation', invitationToken],
      [resetAddress, 'password-reset', resetToken],
    ] as const) {
      const row = await emailRow(t, address, template);
      expect(row).toMatchObject({ status: 'sent', transport: 'smtp' });
      expect(storedContent(row)).not.toContain(token);
      expect(row.text).toContain(REMOVED_LINK);
      expect(row.html).toContain(REMOVED_LINK);
    }
    expect((await emailRow(t, invitee)).subject).toBe(
      `Invitation to join the organization named “${organization.name}” on Second Chair`,
    );
    // The emailed links still work: only the stored copy lost them.
    expect((await new TestClient(t.app).get(`/api/v1/invitations/${invitationToken}`)).statusCode).toBe(200);
    const resetDone = await new TestClient(t.app).post('/api/auth/reset-password', {
      token: resetToken,
      newPassword: 'a-new-password-123',
    });
    expect(resetDone.statusCode).toBe(200);
  });

  it('erases only the links an email names as secret, in its text, HTML and metadata', async () => {
    const address = uniqueEmail('secret-links');
    const secret = 'http://localhost:3000/api/auth/verify-email?token=s3cr3t&callbackURL=/';
    const plain = 'http://localhost:3000/help';
    const { id } = await t.runtime.mailer.enqueue({
      to: address,
      subject: 'Two links',
      text: `Confirm: ${secret}\nHelp: ${plain}`,
      html: `<a href="${secret.replaceAll('&', '&amp;')}">Confirm</a> <a href="${plain}">Help</a>`,
      template: 'test',
      metadata: { reason: 'testing', links: [secret] },
      secretLinks: [secret],
    });
    await t.runtime.jobs.drain();
    const message = await catcher.waitFor(address);
    expect(message.text).toContain(secret);
    const row = await emailRow(t, address);
    expect(row.id).toBe(id);
    expect(storedContent(row)).not.toContain('s3cr3t');
    expect(row.text).toBe(`Confirm: ${REMOVED_LINK}\nHelp: ${plain}`);
    expect(row.html).toBe(`<a href="${REMOVED_LINK}">Confirm</a> <a href="${plain}">Help</a>`);
    expect(row.metadata).toEqual({ reason: 'testing', links: [REMOVED_LINK] });
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
        secretLinks: ['http://localhost:3000/invitations/abc'],
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
        // The next attempt needs the link.
        expect(row.text).toBe('http://localhost:3000/invitations/abc');
        job = await deliveryJob(t, id);
        expect(job.delay_seconds).toBeGreaterThan(min);
        expect(job.delay_seconds).toBeLessThan(max);
      }

      expect(await t.runtime.jobs.drain({ retryNow: true })).toMatchObject({ failed: 1, retrying: 0 });
      row = await emailRow(t, address);
      expect(row).toMatchObject({ status: 'failed', attempts: 5, sentAt: null });
      // Given up: no attempt needs the link any more, so the stored copy loses it.
      expect(row.text).toBe(REMOVED_LINK);
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
