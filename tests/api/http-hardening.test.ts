/**
 * The HTTP layer's defences: write rate limits shared through the database, the client address behind
 * a reverse proxy (TRUST_PROXY), one 429 shape with Retry-After, CSRF tokens bound to the session, and
 * no caching of what a signed-in person sees.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import { rateLimits, sessions } from '../../src/db/schema.ts';
import { buildServer } from '../../src/http/server.ts';
import { API_WRITE_KEY_PREFIX } from '../../src/http/plugins/rate-limit.ts';
import { expectError, LAW_FIRM, signedIn } from '../support/api.ts';
import { createTestApp, TestClient, uniqueEmail, type TestApp } from '../support/app.ts';

const PASSWORD = 'correct-horse-battery';

/** The `name=value` pairs a response sets, by cookie name. */
function setCookies(response: LightMyRequestResponse): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const cookie of response.cookies as Array<{ name: string; value: string }>) {
    cookies.set(cookie.name, cookie.value);
  }
  return cookies;
}

/** The raw Set-Cookie header lines of a response. */
function setCookieLines(response: LightMyRequestResponse): string[] {
  const header = response.headers['set-cookie'];
  return Array.isArray(header) ? header : header ? [header] : [];
}

function cookieHeader(cookies: Record<string, string | undefined>): string {
  return Object.entries(cookies)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');
}

/** An invalid organization: a cheap write (400) that still counts against the limit. */
function badWrite(extra: Partial<InjectOptions> = {}): InjectOptions {
  return { method: 'POST', url: '/api/v1/organizations', payload: {}, ...extra };
}

function expectRateLimited(response: LightMyRequestResponse): number {
  expectError(response, 429, 'RATE_LIMITED');
  const retryAfter = Number(response.headers['retry-after']);
  expect(Number.isInteger(retryAfter), `Retry-After: ${response.headers['retry-after']}`).toBe(true);
  expect(retryAfter).toBeGreaterThan(0);
  expect(response.json().error.details.retryAfterSeconds).toBe(retryAfter);
  return retryAfter;
}

describe('rate limits on API writes', () => {
  const clock = fixedClock(new Date());
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      clock,
      env: { API_WRITE_RATE_LIMIT_MAX: '3', API_WRITE_RATE_LIMIT_WINDOW_SECONDS: '60' },
    });
  });
  afterAll(async () => t.close());

  it('limits each signed-in user, not reads, and starts again when the window ends', async () => {
    const ada = await signedIn(t, 'Ada');
    for (let i = 0; i < 3; i++) expect((await ada.post('/api/v1/organizations', {})).statusCode).toBe(400);
    const limited = await ada.post('/api/v1/organizations', LAW_FIRM);
    expect(expectRateLimited(limited)).toBe(60);
    expect(limited.headers['cache-control']).toBe('no-store');
    expect((await ada.get('/api/v1/me')).statusCode).toBe(200);
    expect((await ada.get('/api/v1/organizations')).statusCode).toBe(200);

    const bob = await signedIn(t, 'Bob');
    expect((await bob.post('/api/v1/organizations', LAW_FIRM)).statusCode).toBe(201);

    clock.advance(30_000);
    expect(expectRateLimited(await ada.post('/api/v1/organizations', LAW_FIRM))).toBe(30);
    clock.advance(30_000);
    expect((await ada.post('/api/v1/organizations', LAW_FIRM)).statusCode).toBe(201);

    // Ended windows are pruned; a live one is kept.
    const keys = (await t.runtime.database.db.select().from(rateLimits)).map((row) => row.key);
    expect(keys).toContain(`${API_WRITE_KEY_PREFIX}user:${ada.userId}`);
    expect(keys).not.toContain(`${API_WRITE_KEY_PREFIX}user:${bob.userId}`);
  });

  it('limits anonymous writes per address, before the CSRF check', async () => {
    const from = (remoteAddress: string) => t.app.inject(badWrite({ remoteAddress }));
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await from('203.0.113.7')).statusCode);
    expect(statuses).toEqual([403, 403, 403, 429]);
    expectRateLimited(await from('203.0.113.7'));
    expect((await from('203.0.113.8')).statusCode).toBe(403);
  });

  it('keeps the counters in the database, so every server on it shares them', async () => {
    const other = await buildServer(t.runtime, { serveWeb: false });
    try {
      const carol = await signedIn(t, 'Carol');
      const carolOnOther = new TestClient(other);
      for (const [name, value] of carol.cookieJar) carolOnOther.cookieJar.set(name, value);
      expect((await carol.post('/api/v1/organizations', {})).statusCode).toBe(400);
      expect((await carolOnOther.post('/api/v1/organizations', {})).statusCode).toBe(400);
      expect((await carol.post('/api/v1/organizations', {})).statusCode).toBe(400);
      expectRateLimited(await carolOnOther.post('/api/v1/organizations', {}));
      const [row] = await t.runtime.database.db
        .select()
        .from(rateLimits)
        .where(eq(rateLimits.key, `${API_WRITE_KEY_PREFIX}user:${carol.userId}`));
      expect(row.count).toBe(4);
    } finally {
      await other.close();
    }
  });

  it('counts concurrent writes exactly', async () => {
    const dora = await signedIn(t, 'Dora');
    await dora.token();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => dora.post('/api/v1/organizations', {})),
    );
    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([400, 400, 400, 429, 429, 429, 429, 429, 429, 429]);
  });
});

describe('the client address behind a reverse proxy (TRUST_PROXY)', () => {
  let direct: TestApp;
  let proxied: TestApp;
  beforeAll(async () => {
    const limits = { API_WRITE_RATE_LIMIT_MAX: '3', AUTH_RATE_LIMIT_MAX: '2' };
    direct = await createTestApp({ env: limits });
    proxied = await createTestApp({ env: { ...limits, TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' } });
  });
  afterAll(async () => {
    await direct.close();
    await proxied.close();
  });

  const write = (app: FastifyInstance, forwardedFor: string, remoteAddress = '127.0.0.1') =>
    app.inject(badWrite({ remoteAddress, headers: { 'x-forwarded-for': forwardedFor } }));

  it('ignores a client’s own X-Forwarded-For when off (the default)', async () => {
    const statuses = [];
    for (let i = 1; i <= 4; i++) statuses.push((await write(direct.app, `198.51.100.${i}`)).statusCode);
    expect(statuses).toEqual([403, 403, 403, 429]);
  });

  it('keys on the forwarded address when the proxy is trusted', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await write(proxied.app, '198.51.100.1')).statusCode);
    expect(statuses).toEqual([403, 403, 403, 429]);
    expect((await write(proxied.app, '198.51.100.2')).statusCode).toBe(403);
    expect((await write(proxied.app, '198.51.100.3', '10.1.2.3')).statusCode).toBe(403);
  });

  it('still ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const statuses = [];
    for (let i = 1; i <= 4; i++) {
      statuses.push((await write(proxied.app, `198.51.100.${10 + i}`, '192.0.2.9')).statusCode);
    }
    expect(statuses).toEqual([403, 403, 403, 429]);
  });

  it('gives better-auth the same address: its session record and its sign-in limit', async () => {
    // Sign-up no longer signs in (it answers the same for new and existing emails): sign in after it.
    const signUp = async (app: FastifyInstance, forwardedFor: string) => {
      const email = uniqueEmail('proxy');
      const headers = { 'x-forwarded-for': forwardedFor, origin: 'http://localhost:3000' };
      const created = await app.inject({
        method: 'POST',
        url: '/api/auth/sign-up/email',
        headers,
        payload: { name: 'Proxy Person', email, password: PASSWORD },
      });
      expect(created.statusCode, created.body).toBe(200);
      return app.inject({
        method: 'POST',
        url: '/api/auth/sign-in/email',
        headers,
        payload: { email, password: PASSWORD },
      });
    };
    const addressOf = async (t: TestApp, response: LightMyRequestResponse) => {
      expect(response.statusCode, response.body).toBe(200);
      const userId = response.json().user.id as string;
      const [session] = await t.runtime.database.db
        .select()
        .from(sessions)
        .where(eq(sessions.userId, userId));
      return session.ipAddress;
    };
    expect(await addressOf(proxied, await signUp(proxied.app, '198.51.100.77'))).toBe('198.51.100.77');
    expect(await addressOf(direct, await signUp(direct.app, '198.51.100.77'))).toBe('127.0.0.1');

    const signIn = (forwardedFor: string) =>
      proxied.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in/email',
        headers: { 'x-forwarded-for': forwardedFor },
        payload: { email: uniqueEmail('nobody'), password: 'not-the-password' },
      });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await signIn('198.51.100.90')).statusCode);
    expect(statuses).toEqual([401, 401, 429]);
    expect((await signIn('198.51.100.91')).statusCode).toBe(401);
  });

  it('answers better-auth’s 429 in the same shape, with Retry-After', async () => {
    let response: LightMyRequestResponse | undefined;
    for (let i = 0; i < 3; i++) {
      response = await proxied.app.inject({
        method: 'POST',
        url: '/api/auth/request-password-reset',
        headers: { 'x-forwarded-for': '198.51.100.95' },
        payload: { email: uniqueEmail('reset') },
      });
    }
    const retryAfter = expectRateLimited(response!);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(response!.headers['cache-control']).toBe('no-store');
  });
});

describe('CSRF tokens are bound to the session', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  const createOrganization = (cookie: string, token: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/organizations',
      headers: { cookie, 'x-csrf-token': token },
      payload: LAW_FIRM,
    });

  it('refuses a token issued to another session, even with that session’s CSRF cookie', async () => {
    const ada = await signedIn(t, 'Ada');
    const adaToken = await ada.token();
    const bob = await signedIn(t, 'Bob');
    const bobToken = await bob.token();

    const adaCsrf = ada.cookieJar.get('secondchair.csrf');
    const bobSession = bob.cookieJar.get('secondchair.session_token');
    const swapped = cookieHeader({ 'secondchair.session_token': bobSession, 'secondchair.csrf': adaCsrf });
    expectError(await createOrganization(swapped, adaToken), 403, 'FORBIDDEN');
    const bobsOwn = cookieHeader(Object.fromEntries(bob.cookieJar));
    expectError(await createOrganization(bobsOwn, adaToken), 403, 'FORBIDDEN');

    expect((await createOrganization(bobsOwn, bobToken)).statusCode).toBe(201);
    expect((await ada.post('/api/v1/organizations', LAW_FIRM)).statusCode).toBe(201);
  });

  it('refuses the token from before sign-in, and issues a new one after it', async () => {
    const email = uniqueEmail('rotate');
    await new TestClient(t.app).signUp({ name: 'Rotate', email });

    const before = await t.app.inject({ method: 'GET', url: '/api/v1/csrf-token' });
    const oldCsrf = setCookies(before).get('secondchair.csrf');
    const oldToken = before.json().token as string;
    expect(oldCsrf).toBeTruthy();

    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      headers: { cookie: cookieHeader({ 'secondchair.csrf': oldCsrf }), origin: 'http://localhost:3000' },
      payload: { email, password: PASSWORD },
    });
    expect(signIn.statusCode).toBe(200);
    const session = setCookies(signIn).get('secondchair.session_token');
    // The sign-in answer drops the old CSRF secret.
    expect(setCookieLines(signIn).some((line) => /^secondchair\.csrf=;.*Max-Age=0/i.test(line))).toBe(true);

    // A client (or a script that planted the cookie) that kept the old secret and token is refused.
    const stale = cookieHeader({ 'secondchair.session_token': session, 'secondchair.csrf': oldCsrf });
    expectError(await createOrganization(stale, oldToken), 403, 'FORBIDDEN');

    const fresh = await t.app.inject({
      method: 'GET',
      url: '/api/v1/csrf-token',
      headers: { cookie: cookieHeader({ 'secondchair.session_token': session }) },
    });
    const newCsrf = setCookies(fresh).get('secondchair.csrf');
    const newToken = fresh.json().token as string;
    expect(newCsrf).toBeTruthy();
    expect(newCsrf).not.toBe(oldCsrf);
    expect(newToken).not.toBe(oldToken);
    const current = cookieHeader({ 'secondchair.session_token': session, 'secondchair.csrf': newCsrf });
    expect((await createOrganization(current, newToken)).statusCode).toBe(201);
  });

  it('refuses the previous session’s token after signing out and in again', async () => {
    const client = await signedIn(t, 'Again');
    const firstToken = await client.token();
    const firstCsrf = client.cookieJar.get('secondchair.csrf');
    expect((await client.post('/api/auth/sign-out', {})).statusCode).toBe(200);
    expect((await client.signIn(client.email)).statusCode).toBe(200);
    const session = client.cookieJar.get('secondchair.session_token');
    const stale = cookieHeader({ 'secondchair.session_token': session, 'secondchair.csrf': firstCsrf });
    expectError(await createOrganization(stale, firstToken), 403, 'FORBIDDEN');
    expect((await client.post('/api/v1/organizations', LAW_FIRM)).statusCode).toBe(201);
  });
});

describe('cookies on https', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_URL: 'https://mentoring.example.org' } });
  });
  afterAll(async () => t.close());

  it('uses __Host- cookies (Secure, Path=/, no Domain) for the session and the CSRF secret', async () => {
    const email = uniqueEmail('https');
    const origin = { origin: 'https://mentoring.example.org' };
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-up/email',
      headers: origin,
      payload: { name: 'Secure Sam', email, password: PASSWORD },
    });
    expect(created.statusCode, created.body).toBe(200);
    // Sign-up answers without a session; signing in sets the cookies.
    const signUp = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      headers: origin,
      payload: { email, password: PASSWORD },
    });
    expect(signUp.statusCode, signUp.body).toBe(200);
    const sessionLine = setCookieLines(signUp).find((line) =>
      line.startsWith('__Host-secondchair.session_token='),
    );
    expect(sessionLine, setCookieLines(signUp).join('\n')).toBeDefined();
    const session = setCookies(signUp).get('__Host-secondchair.session_token');

    const tokenResponse = await t.app.inject({
      method: 'GET',
      url: '/api/v1/csrf-token',
      headers: { cookie: cookieHeader({ '__Host-secondchair.session_token': session }) },
    });
    const csrfLine = setCookieLines(tokenResponse).find((line) =>
      line.startsWith('__Host-secondchair.csrf='),
    );
    expect(csrfLine, setCookieLines(tokenResponse).join('\n')).toBeDefined();
    for (const line of [sessionLine!, csrfLine!]) {
      expect(line).toMatch(/;\s*Secure/i);
      expect(line).toMatch(/;\s*Path=\/(;|$)/i);
      expect(line).toMatch(/;\s*HttpOnly/i);
      expect(line).not.toMatch(/Domain=/i);
    }

    const cookie = cookieHeader({
      '__Host-secondchair.session_token': session,
      '__Host-secondchair.csrf': setCookies(tokenResponse).get('__Host-secondchair.csrf'),
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(
      200,
    );
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organizations',
      headers: { cookie, 'x-csrf-token': tokenResponse.json().token },
      payload: LAW_FIRM,
    });
    expect(write.statusCode, write.body).toBe(201);
  });
});

describe('caching', () => {
  let t: TestApp;
  let web: FastifyInstance;
  let webDir: string;
  beforeAll(async () => {
    t = await createTestApp();
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'secondchair-web-'));
    fs.mkdirSync(path.join(webDir, 'assets'));
    fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><div id="root"></div>');
    fs.writeFileSync(path.join(webDir, 'assets', 'app-123.js'), 'console.log(1)');
    web = await buildServer(t.runtime, { webDir });
    await web.ready();
  });
  afterAll(async () => {
    await web.close();
    await t.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  it('answers every signed-in API request and every /api/auth request with no-store', async () => {
    const client = new TestClient(web);
    const email = uniqueEmail('cache');
    const responses = [
      await client.post('/api/auth/sign-up/email', { name: 'Cache', email, password: PASSWORD }),
      await client.get('/api/v1/me'),
      await client.get('/api/v1/organizations'),
      await client.post('/api/v1/organizations', LAW_FIRM),
      await client.post('/api/v1/organizations', {}),
      await client.get('/api/v1/organizations/00000000-0000-0000-0000-000000000000'),
      await client.get('/api/v1/csrf-token'),
      await client.post('/api/auth/sign-out', {}),
      await client.signIn(email),
      await client.signIn(email, 'wrong-password-here'),
    ];
    for (const response of responses) {
      expect(response.headers['cache-control'], `${response.statusCode} ${response.body}`).toBe('no-store');
    }
  });

  it('leaves the web app’s files to their usual caching, signed in or not', async () => {
    const client = await signedIn({ ...t, app: web }, 'Browser');
    for (const url of ['/assets/app-123.js', '/o/some-organization/members']) {
      for (const response of [await web.inject({ method: 'GET', url }), await client.get(url)]) {
        expect(response.statusCode).toBe(200);
        expect(response.headers['cache-control']).toBeDefined();
        expect(response.headers['cache-control']).not.toMatch(/no-store/);
      }
    }
  });
});
