import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, uniqueEmail, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('platform behaviour every route shares', () => {
  it('lists every API route in the OpenAPI document', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json<{ paths: Record<string, Record<string, unknown>> }>();
    const documented = new Set<string>();
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const method of Object.keys(operations)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    // Every route under /api except the docs UI and the document itself.
    expect(t.app.routeTable.length).toBeGreaterThan(5);
    for (const route of t.app.routeTable) {
      if (
        !route.url.startsWith('/api/') ||
        route.url.startsWith('/api/docs') ||
        route.url === '/api/openapi.json'
      )
        continue;
      if (route.method === 'HEAD') continue;
      const openApiPath = route.url.replace(/:(\w+)/g, '{$1}');
      expect(documented, `${route.method} ${route.url} is missing from /api/openapi.json`).toContain(
        `${route.method} ${openApiPath}`,
      );
    }
    expect(documented).toContain('POST /api/auth/sign-in/email');
    expect(documented).toContain('GET /api/health');
  });

  it('serves browsable API docs', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('swagger');
  });

  it('sends security headers and a request id', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-frame-options']).toBeDefined();
    expect(response.headers['x-request-id']).toMatch(/^[\w-]{8,}$/);
  });

  it('answers unknown API paths with the error shape and a 404', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'NOT_FOUND', requestId: expect.any(String) } });
  });

  it('rejects malformed JSON with a 400 naming the problem, never a 500', async () => {
    const client = new TestClient(t.app);
    await client.signUp({ name: 'Malformed', email: uniqueEmail() });
    const response = await client.request({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "a@b.test", "password": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
    expect(response.json().error.message).toMatch(/JSON/);
  });

  it('rejects an oversized body with 413', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@b.test', password: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('rejects unknown fields naming them', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      payload: { email: 'a@b.test', password: 'whatever-password', isAdmin: true },
    });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json().error.details.issues)).toContain('isAdmin');
  });

  it('refuses a cookie-authenticated write under /api/v1 without the CSRF token', async () => {
    const client = new TestClient(t.app);
    await client.signUp({ name: 'Csrf', email: uniqueEmail() });
    const response = await client.request({
      method: 'POST',
      url: '/api/v1/organizations',
      payload: {},
      csrf: false,
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.message).toMatch(/CSRF/);
  });

  it.each(['/api/%761/organizations', '/api/v%31/organizations'])(
    'refuses a write without the CSRF token whatever spelling of the path reaches the route (%s)',
    async (url) => {
      const client = new TestClient(t.app);
      await client.signUp({ name: 'Csrf Spelling', email: uniqueEmail() });
      const response = await client.request({
        method: 'POST',
        url,
        payload: { name: 'Forged', kind: 'law_firm', jurisdictions: ['US-OR'], timeZone: 'America/New_York' },
        csrf: false,
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.message).toMatch(/CSRF/);
      const listed = await client.request({ method: 'GET', url: '/api/v1/organizations' });
      expect(listed.json().organizations).toEqual([]);
    },
  );
});
