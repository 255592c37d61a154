/**
 * The contracts' endpoint table (src/contracts/endpoints.ts) is the API as the web app calls it: every
 * entry is a real route of the server with the same schemas, every /api/v1 route is in it, the web app
 * writes no API path of its own, and the web client built on it works against the real server.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { API, pathParamNames, type Endpoint } from '../../src/contracts/endpoints.ts';
import { users } from '../../src/db/schema.ts';
import type { RouteTableEntry } from '../../src/http/server.ts';
import { ApiError, resetCsrfToken } from '../../web/src/api/client.ts';
import {
  adminApi,
  authApi,
  invitationsApi,
  membersApi,
  organizationsApi,
  profilesApi,
} from '../../web/src/api/endpoints.ts';
import { confirmEmail } from '../support/api.ts';
import { createTestApp, uniqueEmail, type TestApp } from '../support/app.ts';
import { browserFetch } from '../support/browser-fetch.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await t.close();
});

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): unknown {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any' });
}

/** The same zod object, or one written separately that describes the same JSON (its JSON Schema). */
function isSameSchema(a: unknown, b: unknown, io: 'input' | 'output'): boolean {
  if (a === b) return true;
  if (!(a instanceof z.ZodType) || !(b instanceof z.ZodType)) return false;
  return isDeepStrictEqual(jsonSchema(a, io), jsonSchema(b, io));
}

function accepts(schema: unknown, value: unknown): boolean {
  return schema instanceof z.ZodType && schema.safeParse(value).success;
}

/** What is wrong with one entry of the table, compared with the route the server registered. */
function problemsOf(name: string, endpoint: Endpoint, route: RouteTableEntry | undefined): string[] {
  const where = `API.${name} (${endpoint.method} ${endpoint.path})`;
  if (!route) return [`${where}: the server has no such route`];
  const schema = route.schema ?? {};
  const problems: string[] = [];

  if (endpoint.params !== undefined || schema.params !== undefined) {
    if (!isSameSchema(endpoint.params, schema.params, 'input'))
      problems.push(`${where}: params differ from the route's params schema`);
    const names = endpoint.params instanceof z.ZodObject ? Object.keys(endpoint.params.shape).sort() : [];
    if (!isDeepStrictEqual(names, pathParamNames(endpoint.path).sort()))
      problems.push(
        `${where}: params name ${names.join(', ')}, the path ${pathParamNames(endpoint.path).join(', ')}`,
      );
  } else if (pathParamNames(endpoint.path).length > 0) {
    problems.push(
      `${where}: the path has parameters but neither the entry nor the route has a params schema`,
    );
  }

  if (endpoint.body !== undefined) {
    if (!isSameSchema(endpoint.body, schema.body, 'input'))
      problems.push(`${where}: body differs from the route's body schema`);
  } else if (schema.body !== undefined && !accepts(schema.body, null)) {
    // The client sends no body, which reaches the route as null.
    problems.push(`${where}: the entry has no body, but the route refuses a request without one`);
  }

  if (endpoint.query !== undefined) {
    if (!isSameSchema(endpoint.query, schema.querystring, 'input'))
      problems.push(`${where}: query differs from the route's querystring schema`);
  } else if (schema.querystring !== undefined && !accepts(schema.querystring, {})) {
    problems.push(`${where}: the entry has no query, but the route needs one`);
  }

  const responses = Object.entries((schema.response ?? {}) as Record<string, unknown>).filter(([status]) =>
    status.startsWith('2'),
  );
  if (responses.length !== 1) {
    problems.push(`${where}: the route declares ${responses.length} success responses, expected one`);
  } else if (!isSameSchema(endpoint.response, responses[0][1], 'output')) {
    problems.push(`${where}: response differs from the route's ${responses[0][0]} response schema`);
  }
  return problems;
}

describe('the endpoint table in src/contracts', () => {
  it('lists real routes with the very schemas the server validates and answers with', () => {
    const problems = Object.entries(API).flatMap(([name, endpoint]) =>
      problemsOf(
        name,
        endpoint,
        t.app.routeTable.find((route) => route.method === endpoint.method && route.url === endpoint.path),
      ),
    );
    expect(problems).toEqual([]);
  });

  it('lists every /api/v1 route of the server, once', () => {
    const listed = Object.values(API).map((endpoint) => `${endpoint.method} ${endpoint.path}`);
    expect(new Set(listed).size).toBe(listed.length);
    const routes = t.app.routeTable
      .filter((route) => route.url.startsWith('/api/v1/') && route.method !== 'HEAD')
      .map((route) => `${route.method} ${route.url}`);
    expect(routes.length).toBeGreaterThan(15);
    expect(routes.filter((route) => !listed.includes(route))).toEqual([]);
  });

  it('is the only place the web app names an API path', () => {
    const root = path.resolve('web/src');
    const offenders: string[] = [];
    const visit = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) visit(file);
        // Tests may name paths (to check what the client sends); the app itself may not.
        else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
          fs.readFileSync(file, 'utf8')
            .split('\n')
            .forEach((line, index) => {
              if (/['"`]\/api\/(?:v\d+|auth)\/\w/.test(line))
                offenders.push(`${path.relative(root, file)}:${index + 1}: ${line.trim()}`);
            });
        }
      }
    };
    visit(root);
    expect(offenders).toEqual([]);
  });

  it('catches a route whose schema drifted from its entry', () => {
    const route = t.app.routeTable.find(
      (entry) => entry.method === 'PATCH' && entry.url === API.updateOrganization.path,
    );
    expect(problemsOf('updateOrganization', API.updateOrganization, route)).toEqual([]);
    const drifted = { ...API.updateOrganization, body: z.object({ name: z.string() }) };
    expect(problemsOf('updateOrganization', drifted, route)).toEqual([
      "API.updateOrganization (PATCH /api/v1/organizations/:organizationId): body differs from the route's body schema",
    ]);
    const missing = { ...API.updateOrganization, path: '/api/v1/organisations/:organizationId' };
    expect(problemsOf('updateOrganization', missing, undefined)).toEqual([
      'API.updateOrganization (PATCH /api/v1/organisations/:organizationId): the server has no such route',
    ]);
  });
});

describe('the web API client, through the table, against the real server', () => {
  it('signs up, runs an organization, its members, invitations and profiles, and signs out', async () => {
    vi.stubGlobal('fetch', browserFetch(t.app));
    resetCsrfToken();
    const email = uniqueEmail('web-client');
    await authApi.signUp({ name: 'Web Client', email, password: 'correct-horse-battery' });
    // Sign-up answers the same for new and existing emails and signs nobody in.
    await authApi.signIn({ email, password: 'correct-horse-battery' });
    // Sending invitations below needs a confirmed address.
    await confirmEmail(t, email);
    const me = await authApi.me();
    expect(me).toMatchObject({ name: 'Web Client', email, isPlatformAdmin: false });

    const created = await organizationsApi.create({
      name: 'Hale & Ward LLP',
      kind: 'law_firm',
      jurisdictions: ['US-OR'],
      timeZone: 'America/Los_Angeles',
    });
    expect((await organizationsApi.list()).map((organization) => organization.id)).toContain(created.id);
    expect(await organizationsApi.get(created.id)).toEqual(created);
    const renamed = await organizationsApi.update(created.id, { name: 'Hale, Ward & Ortiz LLP' });
    expect(renamed.name).toBe('Hale, Ward & Ortiz LLP');

    const [self] = await membersApi.list(created.id);
    expect(self.role).toBe('admin');
    const profile = await profilesApi.update(created.id, self.id, {
      mentoringRole: 'mentor',
      headline: 'Employment partner',
    });
    expect(profile.mentoringRole).toBe('mentor');
    expect(await profilesApi.get(created.id, self.id)).toEqual(profile);

    const invitation = await invitationsApi.create(created.id, {
      email: uniqueEmail('invitee'),
      role: 'member',
    });
    expect((await invitationsApi.list(created.id)).map((item) => item.id)).toEqual([invitation.id]);
    const resent = await invitationsApi.resend(created.id, invitation.id);
    expect(resent.status).toBe('pending');
    expect((await invitationsApi.revoke(created.id, invitation.id)).status).toBe('revoked');
    await expect(invitationsApi.preview('no-such-invitation-token')).rejects.toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });

    // A path parameter is one URL segment, whatever it holds.
    await expect(organizationsApi.get('../organizations')).rejects.toMatchObject({ status: 400 });

    const forbidden = await adminApi.findEmails({ limit: 5 }).catch((error: unknown) => error);
    expect(forbidden).toBeInstanceOf(ApiError);
    expect(forbidden).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    await t.runtime.database.db.update(users).set({ isPlatformAdmin: true }).where(eq(users.id, me.id));
    const page = await adminApi.findEmails({ to: email, limit: 5 });
    expect(page.emails.length).toBeGreaterThan(0);
    expect((await adminApi.getEmail(page.emails[0].id)).to).toBe(email);

    await authApi.signOut();
    await expect(authApi.me()).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    await expect(membersApi.remove(created.id, self.id)).rejects.toMatchObject({ status: 401 });
  });
});
