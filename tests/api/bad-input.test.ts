/**
 * A battery of malformed requests sent to every registered API route, signed in and signed out:
 * whatever the input, the answer is a 4xx with the error shape, never a 5xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, uniqueEmail, type TestApp } from '../support/app.ts';

let t: TestApp;
let client: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  client = new TestClient(t.app);
  await client.signUp({ name: 'Fuzz', email: uniqueEmail('fuzz') });
});
afterAll(async () => t.close());

const PARAM_VALUES = ['x', 'a'.repeat(500), '%00', '..%2F..%2Fetc', '0', '-1', '%F0%9F%98%80'];
const BODIES: Array<{ contentType: string; payload: string }> = [
  { contentType: 'application/json', payload: '{' },
  { contentType: 'application/json', payload: '[]' },
  { contentType: 'application/json', payload: 'null' },
  { contentType: 'application/json', payload: '"text"' },
  { contentType: 'application/json', payload: '{"name": {"$gt": ""}, "email": 12, "role": ["admin"]}' },
  { contentType: 'application/json', payload: '{"__proto__": {"isPlatformAdmin": true}}' },
  { contentType: 'text/plain', payload: 'hello' },
  // PostgreSQL text cannot hold NUL: it must be refused before it reaches a query.
  {
    contentType: 'application/json',
    payload:
      '{"name":"A\\u0000B","kind":"law_firm","jurisdictions":[],"timeZone":"UTC","email":"a\\u0000@b.test","password":"correct-horse-\\u0000","headline":"\\u0000","mentoringRole":"mentor"}',
  },
  { contentType: 'application/x-www-form-urlencoded', payload: 'a=1&b=2' },
];

describe('no input makes any API route answer 5xx', () => {
  it('refuses the NUL character (which PostgreSQL text cannot hold) naming the field', async () => {
    const organization = await client.post('/api/v1/organizations', {
      name: 'Hale\u0000Ward',
      kind: 'law_firm',
      jurisdictions: [],
      timeZone: 'UTC',
    });
    expect(organization.statusCode).toBe(400);
    expect(organization.json().error.details.issues).toEqual([
      { path: 'name', message: 'must not contain the NUL character' },
    ]);
    const signUp = await new TestClient(t.app).post('/api/auth/sign-up/email', {
      name: 'Nul',
      email: uniqueEmail(),
      password: 'correct-horse\u0000battery',
    });
    expect(signUp.statusCode).toBe(400);
    expect(signUp.json().error.details.issues[0].path).toBe('password');
    const query = await client.get('/api/v1/organizations?x=%00');
    expect(query.statusCode).toBe(400);
    expect(query.json().error.details.issues[0].path).toBe('querystring.x');
  });

  it('survives malformed params, queries and bodies on every route', async () => {
    const routes = t.app.routeTable.filter(
      (route) =>
        route.url.startsWith('/api/') && !route.url.startsWith('/api/docs') && route.method !== 'HEAD',
    );
    expect(routes.length).toBeGreaterThan(20);
    const failures: string[] = [];
    for (const route of routes) {
      for (const value of PARAM_VALUES) {
        const url = `${route.url.replace(/:\w+/g, value)}?limit=abc&status[]=x&extra=%ZZ`;
        const requests =
          route.method === 'GET' || route.method === 'DELETE'
            ? [{ contentType: undefined, payload: undefined }]
            : BODIES;
        for (const body of requests) {
          for (const signedIn of [true, false]) {
            const options = {
              method: route.method as 'GET',
              url,
              headers: body.contentType ? { 'content-type': body.contentType } : {},
              payload: body.payload,
            };
            const response = signedIn ? await client.request(options) : await t.app.inject(options);
            if (response.statusCode >= 500) {
              failures.push(
                `${route.method} ${url} ${body.payload ?? ''} → ${response.statusCode} ${response.body}`,
              );
            } else if (response.statusCode >= 400 && !response.json<{ error?: unknown }>().error) {
              failures.push(`${route.method} ${url} → ${response.statusCode} without the error shape`);
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 180_000);
});
