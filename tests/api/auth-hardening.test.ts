/**
 * Issue 6, accounts: per-account sign-in lockout, a sign-up that does not tell which emails have
 * accounts (also when parallel sign-ups race), password-reset requests that take one path for known
 * and unknown emails, reset links that void each other, and sign-out for clients without a browser.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuth } from '../../src/app/auth/auth.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { accounts, emails, rateLimits, users } from '../../src/db/schema.ts';
import { buildServer } from '../../src/http/server.ts';
import { expectError, signedIn } from '../support/api.ts';
import { createTestApp, TEST_PUBLIC_URL, TestClient, uniqueEmail, type TestApp } from '../support/app.ts';

const PASSWORD = 'correct-horse-battery';

/** A sign-in as a script would send it from `address` (no cookie, no browser headers). */
function signInFrom(t: { app: TestApp['app'] }, address: string, email: string, password: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in/email',
    remoteAddress: address,
    payload: { email, password },
  });
}

async function emailsTo(t: TestApp, to: string, template: string) {
  return t.runtime.database.db
    .select()
    .from(emails)
    .where(and(eq(emails.to, to), eq(emails.template, template)));
}

describe('per-account sign-in lockout', () => {
  const clock = fixedClock(new Date('2026-12-01T09:00:00Z'));
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      clock,
      env: { AUTH_ACCOUNT_MAX_FAILURES: '3', AUTH_ACCOUNT_LOCKOUT_SECONDS: '600' },
    });
  });
  afterAll(async () => t.close());

  it('locks an email after 3 failures from 3 addresses, even for the right password, until the lock ends', async () => {
    const { email } = await signedIn(t, 'Lockout Owner');
    for (const address of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) {
      expect((await signInFrom(t, address, email, 'not-the-password')).statusCode).toBe(401);
    }
    const locked = await signInFrom(t, '10.0.0.4', email, PASSWORD);
    expectError(locked, 429, 'RATE_LIMITED');
    expect(locked.headers['retry-after']).toBe('600');
    expect(locked.json().error.details).toEqual({ retryAfterSeconds: 600 });
    expect(locked.headers['set-cookie']).toBeUndefined();

    clock.advance(599_000);
    const stillLocked = await signInFrom(t, '10.0.0.5', email, PASSWORD);
    expectError(stillLocked, 429, 'RATE_LIMITED');
    expect(stillLocked.headers['retry-after']).toBe('1');

    clock.advance(1_000);
    expect((await signInFrom(t, '10.0.0.5', email, PASSWORD)).statusCode).toBe(200);
  });

  it('ends the lock when the owner sets a new password from the emailed link', async () => {
    const { email } = await signedIn(t, 'Locked Out Owner');
    for (let i = 0; i < 3; i++) await signInFrom(t, '10.0.5.1', email, 'not-the-password');
    expectError(await signInFrom(t, '10.0.5.2', email, PASSWORD), 429, 'RATE_LIMITED');

    const anonymous = new TestClient(t.app);
    await anonymous.post('/api/auth/request-password-reset', { email, redirectTo: '/reset-password' });
    await t.runtime.jobs.drain();
    const [resetEmail] = await emailsTo(t, email, 'password-reset');
    const token = /\/reset-password\/([^?\s]+)/.exec(resetEmail.text)![1];
    const reset = await anonymous.post('/api/auth/reset-password', {
      token,
      newPassword: 'fresh-password-1',
    });
    expect(reset.statusCode, reset.body).toBe(200);
    expect((await signInFrom(t, '10.0.5.2', email, 'fresh-password-1')).statusCode).toBe(200);
  });

  it('forgets the failures after a successful sign-in', async () => {
    const { email } = await signedIn(t, 'Forgetful Owner');
    const statuses: number[] = [];
    for (const password of ['wrong-1-wrong', 'wrong-2-wrong', PASSWORD, 'wrong-3-wrong', 'wrong-4-wrong']) {
      statuses.push((await signInFrom(t, '10.0.1.1', email, password)).statusCode);
    }
    statuses.push((await signInFrom(t, '10.0.1.1', email, PASSWORD)).statusCode);
    expect(statuses).toEqual([401, 401, 200, 401, 401, 200]);
  });

  it('locks an email without an account the same way, so the lock tells nothing', async () => {
    const email = uniqueEmail('nobody');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await signInFrom(t, `10.0.2.${i}`, email, PASSWORD)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('ignores the case of the email', async () => {
    const { email } = await signedIn(t, 'Case Owner');
    for (const variant of [email.toUpperCase(), email, ` ${email}`]) {
      expect((await signInFrom(t, '10.0.3.1', variant, 'not-the-password')).statusCode).toBe(401);
    }
    expectError(await signInFrom(t, '10.0.3.1', email, PASSWORD), 429, 'RATE_LIMITED');
  });

  it('keeps the count in the database: another server on the same database refuses the email too', async () => {
    const { runtime } = t;
    const secondAuth = createAuth({
      db: runtime.database.db,
      config: runtime.config,
      clock,
      mailer: runtime.mailer,
      secret: (await runtime.auth.$context).secret,
      deferPasswordResetRequest: async () => {},
    });
    const second = await buildServer({ ...runtime, auth: secondAuth }, { serveWeb: false });
    try {
      const { email } = await signedIn(t, 'Shared Owner');
      for (let i = 0; i < 3; i++) {
        expect((await signInFrom(t, '10.0.4.1', email, 'not-the-password')).statusCode).toBe(401);
      }
      expectError(await signInFrom({ app: second }, '10.0.4.2', email, PASSWORD), 429, 'RATE_LIMITED');
      // The rows are keyed by a hash: the table holds no email address.
      const keys = (await runtime.database.db.select({ key: rateLimits.key }).from(rateLimits)).map(
        (r) => r.key,
      );
      expect(keys.some((key) => key.includes(email) || key.includes('@'))).toBe(false);
    } finally {
      await second.close();
    }
  });
});

describe('sign-up does not tell which emails have accounts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  function signUp(email: string, password = 'another-long-password', name = 'Someone') {
    return new TestClient(t.app).post('/api/auth/sign-up/email', { name, email, password });
  }

  it('answers a new and an existing email the same, starts no session, and emails the owner instead', async () => {
    const owner = await signedIn(t, 'Existing Owner');
    const newEmail = uniqueEmail('newcomer');
    const forNew = await signUp(newEmail);
    const forExisting = await signUp(owner.email);

    expect(forExisting.statusCode).toBe(forNew.statusCode);
    expect(forNew.statusCode).toBe(200);
    expect(forExisting.json()).toEqual(forNew.json());
    expect(forNew.json()).toEqual({ ok: true });
    for (const response of [forNew, forExisting]) {
      expect(String(response.headers['set-cookie'] ?? '')).not.toMatch(/session_token/);
    }

    // The newcomer is asked to confirm the address; the owner is told someone tried, with links.
    expect(await emailsTo(t, newEmail, 'email-verification')).toHaveLength(1);
    expect(await emailsTo(t, newEmail, 'existing-account-sign-up')).toHaveLength(0);
    const [notice] = await emailsTo(t, owner.email, 'existing-account-sign-up');
    expect(notice).toBeDefined();
    expect(notice.text).toContain(`${TEST_PUBLIC_URL}/sign-in?email=${encodeURIComponent(owner.email)}`);
    expect(notice.text).toContain(
      `${TEST_PUBLIC_URL}/forgot-password?email=${encodeURIComponent(owner.email)}`,
    );
    expect(await emailsTo(t, owner.email, 'email-verification')).toHaveLength(1);

    // Nothing about the existing account changed: one row, the old password still works, the new one not.
    const rows = await t.runtime.database.db.select().from(users).where(eq(users.email, owner.email));
    expect(rows).toHaveLength(1);
    expect(rows[0].name).toBe('Existing Owner');
    expect((await new TestClient(t.app).signIn(owner.email, 'another-long-password')).statusCode).toBe(401);
    expect((await new TestClient(t.app).signIn(owner.email, PASSWORD)).statusCode).toBe(200);
  });

  it('signs the newcomer in through the confirmation link', async () => {
    const email = uniqueEmail('confirm');
    expect((await signUp(email, PASSWORD)).statusCode).toBe(200);
    const [verification] = await emailsTo(t, email, 'email-verification');
    const link = new URL(/https?:\/\/\S+/.exec(verification.text)![0]);
    const client = new TestClient(t.app);
    const landed = await client.get(`${link.pathname}${link.search}`);
    expect(landed.statusCode).toBe(302);
    const me = await client.get('/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ email, emailVerified: true });
  });

  it('20 parallel sign-ups for one new email create one account, and all get the same answer', async () => {
    const email = uniqueEmail('race');
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signUp(email, `racing-password-${i}`, `Racer ${i}`)),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses, responses.map((r) => r.body).join('\n')).toEqual(Array(20).fill(200));
    for (const response of responses) expect(response.json()).toEqual({ ok: true });
    const rows = await t.runtime.database.db.select().from(users).where(eq(users.email, email));
    expect(rows).toHaveLength(1);
    const credentials = await t.runtime.database.db
      .select()
      .from(accounts)
      .where(eq(accounts.userId, rows[0].id));
    expect(credentials).toHaveLength(1);
    // The one account works with the password of the sign-up that created it.
    const winner = Number(/Racer (\d+)/.exec(rows[0].name)![1]);
    expect((await new TestClient(t.app).signIn(email, `racing-password-${winner}`)).statusCode).toBe(200);
  });
});

describe('password reset', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  async function resetJobsFor(email: string) {
    const { rows } = await t.runtime.database.raw.query<{ data: unknown }>(
      `select data from pgboss.job where name = 'send-password-reset' and data->>'email' = $1`,
      [email],
    );
    return rows.map((row) => row.data);
  }

  function requestReset(email: string) {
    return new TestClient(t.app).post('/api/auth/request-password-reset', {
      email,
      redirectTo: '/reset-password',
    });
  }

  /** The tokens of the reset links emailed to `to`, oldest first. */
  async function resetTokens(to: string): Promise<string[]> {
    const rows = await emailsTo(t, to, 'password-reset');
    return rows
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((row) => /\/reset-password\/([^?\s]+)/.exec(row.text)![1]);
  }

  it('takes the same steps for a known and an unknown email: one queued job, no email until it runs', async () => {
    const known = await signedIn(t, 'Known Person');
    const unknown = uniqueEmail('unknown');
    const forKnown = await requestReset(known.email);
    const forUnknown = await requestReset(unknown);

    expect(forKnown.statusCode).toBe(200);
    expect(forUnknown.statusCode).toBe(forKnown.statusCode);
    expect(forUnknown.json()).toEqual(forKnown.json());
    // The request did the same thing for both: it queued one job and looked nothing up.
    expect(await resetJobsFor(known.email)).toEqual([{ email: known.email, redirectTo: '/reset-password' }]);
    expect(await resetJobsFor(unknown)).toEqual([{ email: unknown, redirectTo: '/reset-password' }]);
    expect(await emailsTo(t, known.email, 'password-reset')).toHaveLength(0);

    // The job does the lookup: only the known email gets a link.
    await t.runtime.jobs.drain();
    expect(await resetTokens(known.email)).toHaveLength(1);
    expect(await emailsTo(t, unknown, 'password-reset')).toHaveLength(0);
  });

  it('using one reset link voids the user’s other links and signs out every session', async () => {
    const user = await signedIn(t, 'Reset Person');
    const otherDevice = new TestClient(t.app);
    expect((await otherDevice.signIn(user.email)).statusCode).toBe(200);
    const bystander = await signedIn(t, 'Bystander');

    for (const email of [user.email, user.email, bystander.email]) {
      expect((await requestReset(email)).statusCode).toBe(200);
    }
    await t.runtime.jobs.drain();
    const [older, newer] = await resetTokens(user.email);
    expect(older).toBeDefined();
    expect(newer).toBeDefined();

    const anonymous = new TestClient(t.app);
    const reset = await anonymous.post('/api/auth/reset-password', {
      token: newer,
      newPassword: 'a-brand-new-password',
    });
    expect(reset.statusCode, reset.body).toBe(200);
    expectError(
      await anonymous.post('/api/auth/reset-password', {
        token: older,
        newPassword: 'an-attackers-password',
      }),
      409,
      'INVALID_STATE',
    );

    // Every session of the user ended; the new password works, the old one does not.
    expect((await user.get('/api/v1/me')).statusCode).toBe(401);
    expect((await otherDevice.get('/api/v1/me')).statusCode).toBe(401);
    expect((await new TestClient(t.app).signIn(user.email, PASSWORD)).statusCode).toBe(401);
    expect((await new TestClient(t.app).signIn(user.email, 'a-brand-new-password')).statusCode).toBe(200);

    // Someone else's link is untouched.
    const [bystanderToken] = await resetTokens(bystander.email);
    const theirs = await anonymous.post('/api/auth/reset-password', {
      token: bystanderToken,
      newPassword: 'bystanders-new-password',
    });
    expect(theirs.statusCode, theirs.body).toBe(200);
    expect((await bystander.get('/api/v1/me')).statusCode).toBe(401);
  });
});

describe('sign-out', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  /** The session cookie of a freshly signed-in user, as a script would keep it. */
  async function sessionCookie(): Promise<string> {
    const client = new TestClient(t.app);
    const email = uniqueEmail('script');
    await client.post('/api/auth/sign-up/email', { name: 'Script', email, password: PASSWORD });
    const response = await client.signIn(email);
    const cookie = response.cookies.find((c) => c.name === 'secondchair.session_token');
    expect(cookie).toBeDefined();
    return `secondchair.session_token=${cookie!.value}`;
  }

  const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
  const signOut = (headers: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers, payload: {} });

  it('signs out a client that sends only its cookie (no Origin: not a browser)', async () => {
    const cookie = await sessionCookie();
    const response = await signOut({ cookie });
    expect(response.statusCode, response.body).toBe(200);
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('refuses a sign-out from another site, and the session survives', async () => {
    const cookie = await sessionCookie();
    expectError(await signOut({ cookie, origin: 'https://evil.example' }), 403, 'FORBIDDEN');
    expectError(await signOut({ cookie, referer: 'https://evil.example/page' }), 403, 'FORBIDDEN');
    expectError(await signOut({ cookie, 'sec-fetch-site': 'cross-site' }), 403, 'FORBIDDEN');
    expect((await me(cookie)).statusCode).toBe(200);
  });

  it('signs out a browser on this site', async () => {
    const cookie = await sessionCookie();
    expect(
      (await signOut({ cookie, origin: TEST_PUBLIC_URL, 'sec-fetch-site': 'same-origin' })).statusCode,
    ).toBe(200);
    expect((await me(cookie)).statusCode).toBe(401);
  });
});
