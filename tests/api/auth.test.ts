import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rateLimits } from '../../src/db/schema.ts';
import { createTestApp, TestClient, uniqueEmail, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('accounts and sessions', () => {
  it('signs up, signs in with an httpOnly session cookie, and knows the user', async () => {
    const client = new TestClient(t.app);
    const email = uniqueEmail('ada');
    const signUp = await client.post('/api/auth/sign-up/email', {
      name: 'Ada Obi',
      email,
      password: 'correct-horse-battery',
    });
    expect(signUp.statusCode).toBe(200);
    expect(signUp.json()).toEqual({ ok: true });
    // Sign-up starts no session (see auth-hardening.test.ts): the person signs in, or follows the link.
    expect((await client.get('/api/v1/me')).statusCode).toBe(401);
    const response = await client.signIn(email);
    expect(response.statusCode).toBe(200);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/secondchair\.session_token=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const me = await client.get('/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ email, name: 'Ada Obi', emailVerified: false });
  });

  it('rejects a short password naming the field', async () => {
    const client = new TestClient(t.app);
    const response = await client.post('/api/auth/sign-up/email', {
      name: 'B',
      email: uniqueEmail(),
      password: 'short',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.issues[0].path).toBe('password');
  });

  it('rejects a wrong password with 401 and no cookie', async () => {
    const client = new TestClient(t.app);
    const email = uniqueEmail();
    await client.signUp({ name: 'C', email });
    const other = new TestClient(t.app);
    const response = await other.signIn(email, 'wrong-password-here');
    expect(response.statusCode).toBe(401);
    expect((await other.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('signs out', async () => {
    const client = new TestClient(t.app);
    await client.signUp({ name: 'D', email: uniqueEmail() });
    expect((await client.post('/api/auth/sign-out', {})).statusCode).toBe(200);
    expect((await client.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('answers /api/health with the database status', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', database: { isReachable: true } });
  });
});

describe('links in emails never redirect off-site', () => {
  const OFF_SITE = ['https://evil.example/x', '//evil.example/x', '/\\evil.example/x'];

  it.each(OFF_SITE)('refuses callbackURL %s on the reset-password and verify-email links', async (target) => {
    const query = `callbackURL=${encodeURIComponent(target)}`;
    for (const url of [
      `/api/auth/reset-password/some-token?${query}`,
      `/api/auth/verify-email?token=t&${query}`,
    ]) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(400);
      expect(response.json().error.details.issues[0].path).toBe('querystring.callbackURL');
      expect(response.headers.location).toBeUndefined();
    }
  });

  it.each(OFF_SITE)('refuses %s as where a reset or verification link lands', async (target) => {
    const reset = await t.app.inject({
      method: 'POST',
      url: '/api/auth/request-password-reset',
      payload: { email: uniqueEmail(), redirectTo: target },
    });
    expect(reset.statusCode).toBe(400);
    expect(reset.json().error.details.issues[0].path).toBe('redirectTo');
    const signUp = await new TestClient(t.app).post('/api/auth/sign-up/email', {
      name: 'Off Site',
      email: uniqueEmail(),
      password: 'correct-horse-battery',
      callbackURL: target,
    });
    expect(signUp.statusCode).toBe(400);
    expect(signUp.json().error.details.issues[0].path).toBe('callbackURL');
  });

  it('still follows a path on this site', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/auth/reset-password/some-token?callbackURL=%2Freset-password',
    });
    expect(response.statusCode).toBe(302);
    expect(new URL(String(response.headers.location), t.runtime.config.publicUrl).origin).toBe(
      new URL(t.runtime.config.publicUrl).origin,
    );
  });
});

describe('login rate limiting', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await createTestApp({
      env: { AUTH_RATE_LIMIT_MAX: '3', AUTH_RATE_LIMIT_WINDOW_SECONDS: '60' },
    });
  });
  afterAll(async () => limited.close());
  // Each test starts with no recorded attempts, so one test's attempts cannot make another pass.
  beforeEach(async () => {
    await limited.runtime.database.db.delete(rateLimits);
  });

  it('answers 429 after too many sign-in attempts from one address, even with the right password', async () => {
    const owner = new TestClient(limited.app);
    const email = uniqueEmail('target');
    await owner.signUp({ name: 'Target', email });
    // The owner's own sign-in came from the same (test) address; only the attacker's attempts count.
    await limited.runtime.database.db.delete(rateLimits);
    const attacker = new TestClient(limited.app);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await attacker.signIn(email, `wrong-password-${i}`)).statusCode);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses[3]).toBe(429);
    const blocked = await attacker.signIn(email);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('RATE_LIMITED');
    const wait = Number(blocked.headers['retry-after']);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
  });

  it('ignores a client-supplied address header (it cannot dodge the limit)', async () => {
    const email = uniqueEmail('target2');
    await new TestClient(limited.app).signUp({ name: 'Target', email });
    await limited.runtime.database.db.delete(rateLimits);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await limited.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in/email',
        headers: { 'x-secondchair-client-ip': `10.0.0.${i}`, 'x-forwarded-for': `10.0.1.${i}` },
        payload: { email, password: 'not-the-password' },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});
