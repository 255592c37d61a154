import { type fixedClock } from '../../src/core/clock.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../support/app.ts';
import {
  createOrganization,
  expectError,
  expectField,
  signedIn,
  type SignedInClient,
} from '../support/api.ts';

let t: TestApp;
let ada: SignedInClient;
let bo: SignedInClient;

beforeAll(async () => {
  t = await createTestApp();
  ada = await signedIn(t, 'Ada');
  bo = await signedIn(t, 'Bo');
});
afterAll(async () => t?.close());

async function makeToken(client: TestClient, body: Record<string, unknown> = { name: 'CLI' }) {
  const response = await client.post('/api/v1/me/api-tokens', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ token: { id: string; prefix: string; expiresAt: string | null }; secret: string }>();
}

function bearer(secret: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) {
  return t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${secret}` },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

describe('personal API tokens', () => {
  it('needs a session for every route (401)', async () => {
    const anonymous = new TestClient(t.app);
    expectError(await anonymous.get('/api/v1/me/api-tokens'), 401, 'UNAUTHENTICATED');
    expectError(await anonymous.post('/api/v1/me/api-tokens', { name: 'x' }), 401, 'UNAUTHENTICATED');
    expectError(await anonymous.delete('/api/v1/me/api-tokens/some-id'), 401, 'UNAUTHENTICATED');
  });

  it('names the field at fault (400)', async () => {
    expectField(await ada.post('/api/v1/me/api-tokens', { name: '' }), 'name');
    expectField(await ada.post('/api/v1/me/api-tokens', { name: 'x', expiresInDays: 0 }), 'expiresInDays');
    expectField(await ada.post('/api/v1/me/api-tokens', { name: 'x', scope: 'all' }), 'scope');
    expectField(await ada.delete('/api/v1/me/api-tokens/not%20an%20id'), 'params.tokenId');
  });

  it('shows the token once, stores only its hash, and lists it without the secret', async () => {
    const created = await makeToken(ada, { name: 'Laptop CLI', expiresInDays: 30 });
    expect(created.secret).toMatch(/^sct_[A-Za-z0-9_-]{43}$/);
    expect(created.secret.startsWith(created.token.prefix)).toBe(true);
    const listing = await ada.get('/api/v1/me/api-tokens');
    expect(listing.statusCode).toBe(200);
    expect(listing.body).not.toContain(created.secret);
    const tokens = listing.json<{ tokens: Array<{ id: string; name: string; status: string }> }>().tokens;
    expect(tokens.find((token) => token.id === created.token.id)).toMatchObject({
      name: 'Laptop CLI',
      status: 'active',
    });
    // Bo sees none of Ada's tokens.
    const theirs = (await bo.get('/api/v1/me/api-tokens')).json<{ tokens: Array<{ id: string }> }>().tokens;
    expect(theirs.map((token) => token.id)).not.toContain(created.token.id);
  });

  it('authenticates API requests as its owner, writes included, without a CSRF token', async () => {
    const { secret } = await makeToken(ada);
    const me = await bearer(secret, 'GET', '/api/v1/me');
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json().user.id).toBe(ada.userId);
    const created = await bearer(secret, 'POST', '/api/v1/organizations', {
      name: 'Token Firm LLP',
      kind: 'law_firm',
      jurisdictions: ['US-OR'],
      timeZone: 'America/Los_Angeles',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().organization.role).toBe('admin');
  });

  it('has no more rights than its owner: another organization is still a 404', async () => {
    const bosOrganization = await createOrganization(bo, { name: 'Bo & Co' });
    const { secret } = await makeToken(ada);
    expectError(await bearer(secret, 'GET', `/api/v1/organizations/${bosOrganization.id}`), 404, 'NOT_FOUND');
  });

  it('refuses a malformed, unknown or revoked token with 401, never falling back to the cookie', async () => {
    expectError(await bearer('sct_nope', 'GET', '/api/v1/me'), 401, 'UNAUTHENTICATED');
    const malformed = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: 'Basic YWRhOnNlY3JldA==' },
    });
    expectError(malformed, 401, 'UNAUTHENTICATED');
    // A bad bearer token beside a valid session cookie is still refused.
    const withCookie = await ada.request({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: 'Bearer sct_wrong' },
    });
    expectError(withCookie, 401, 'UNAUTHENTICATED');

    const { token, secret } = await makeToken(ada);
    const revoked = await ada.delete(`/api/v1/me/api-tokens/${token.id}`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().token.status).toBe('revoked');
    expectError(await bearer(secret, 'GET', '/api/v1/me'), 401, 'UNAUTHENTICATED');
  });

  it('stops working when it expires', async () => {
    const clocked = await createTestApp({ clock: new Date('2027-01-10T12:00:00Z') });
    try {
      const owner = new TestClient(clocked.app);
      await owner.signUp({ name: 'Cy', email: 'cy.tokens@example.test' });
      const response = await owner.post('/api/v1/me/api-tokens', { name: 'short', expiresInDays: 1 });
      const { secret, token } = response.json<{ secret: string; token: { expiresAt: string } }>();
      expect(token.expiresAt).toBe('2027-01-11T12:00:00.000Z');
      const auth = { authorization: `Bearer ${secret}` };
      expect((await clocked.app.inject({ url: '/api/v1/me', headers: auth })).statusCode).toBe(200);
      (clocked.runtime.clock as ReturnType<typeof fixedClock>).advance(86_400_000 + 1000);
      expectError(await clocked.app.inject({ url: '/api/v1/me', headers: auth }), 401, 'UNAUTHENTICATED');
      const listing = await owner.get('/api/v1/me/api-tokens');
      expect(listing.json().tokens[0]).toMatchObject({ status: 'expired', can: { revoke: false } });
    } finally {
      await clocked.close();
    }
  });

  it('cannot manage tokens with a token (403), and cannot revoke someone else’s (404)', async () => {
    const { secret } = await makeToken(ada);
    expectError(await bearer(secret, 'POST', '/api/v1/me/api-tokens', { name: 'more' }), 403, 'FORBIDDEN');
    const bos = await makeToken(bo);
    expectError(await ada.delete(`/api/v1/me/api-tokens/${bos.token.id}`), 404, 'NOT_FOUND');
    expectError(await bearer(secret, 'DELETE', `/api/v1/me/api-tokens/${bos.token.id}`), 403, 'FORBIDDEN');
  });

  it('limits the number of active tokens per person', async () => {
    const cy = await signedIn(t, 'Cy');
    for (let i = 0; i < 20; i++) await makeToken(cy, { name: `token ${i}` });
    expectError(await cy.post('/api/v1/me/api-tokens', { name: 'one too many' }), 409, 'CAPACITY_REACHED');
  });
});
