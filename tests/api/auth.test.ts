import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, uniqueEmail, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('accounts and sessions', () => {
  it('signs up, sets an httpOnly session cookie, and knows the user', async () => {
    const client = new TestClient(t.app);
    const email = uniqueEmail('ada');
    const response = await client.post('/api/auth/sign-up/email', {
      name: 'Ada Obi',
      email,
      password: 'correct-horse-battery',
    });
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
