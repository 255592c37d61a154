import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { API } from '../../../src/contracts/endpoints.ts';
import { ApiError, callApi, resetCsrfToken } from './client.ts';

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

let sent: Sent[];
let answer: () => Response;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const user = {
  id: 'user-1',
  name: 'Ada Ortiz',
  email: 'ada@example.test',
  emailVerified: true,
  isPlatformAdmin: false,
};

beforeEach(() => {
  sent = [];
  answer = () => json(200, { user });
  resetCsrfToken();
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    const request: Sent = {
      url,
      method: init.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init.headers)),
      body: typeof init.body === 'string' ? init.body : undefined,
    };
    sent.push(request);
    return request.url === API.getCsrfToken.path ? json(200, { token: 'csrf-1' }) : answer();
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('callApi', () => {
  it('fills the path template, URL-encoding each parameter as one segment', async () => {
    answer = () => json(200, { ok: true });
    await callApi(API.removeMember, { params: { organizationId: 'a/b c', membershipId: 'm-1' } });
    expect(sent.map((request) => `${request.method} ${request.url}`)).toEqual([
      'GET /api/v1/csrf-token',
      'DELETE /api/v1/organizations/a%2Fb%20c/members/m-1',
    ]);
    expect(sent[1].headers['x-csrf-token']).toBe('csrf-1');
    expect(sent[1].body).toBeUndefined();
  });

  it('sends the body as JSON and parses the answer with the response contract', async () => {
    const result = await callApi(API.signIn, {
      body: { email: 'ada@example.test', password: 'correct-horse-battery' },
    });
    expect(result.user).toEqual(user);
    expect(sent.map((request) => `${request.method} ${request.url}`)).toEqual([
      'POST /api/auth/sign-in/email',
    ]);
    expect(sent[0].headers['content-type']).toBe('application/json');
    // Only writes under /api/v1 carry the CSRF token; better-auth's routes check the origin instead.
    expect(sent[0].headers['x-csrf-token']).toBeUndefined();
    expect(JSON.parse(sent[0].body!)).toEqual({
      email: 'ada@example.test',
      password: 'correct-horse-battery',
    });
  });

  it('writes the query string, leaving out what is not set', async () => {
    answer = () => json(200, { emails: [], nextBefore: null });
    await callApi(API.findEmails, { query: { to: 'a+b@example.test', limit: 20, before: undefined } });
    expect(sent[0].url).toBe('/api/v1/admin/emails?to=a%2Bb%40example.test&limit=20');
  });

  it('refuses an answer that does not match the response contract', async () => {
    answer = () => json(200, { user: { id: 'user-1' } });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const error = await callApi(API.me).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'BAD_RESPONSE' });
    // The mismatch is logged for whoever opens the console; the person sees a sentence.
    expect(logged).toHaveBeenCalledWith('Unexpected response from', '/api/v1/me', expect.any(Array));
    logged.mockRestore();
  });

  it('will not send a request with a path parameter missing or empty', async () => {
    await expect(callApi(API.getOrganization, { params: { organizationId: '' } })).rejects.toThrow(
      '/api/v1/organizations/:organizationId needs the parameter organizationId',
    );
    expect(sent).toEqual([]);
  });

  it('is typed from the table: params, body and query must match the schemas', () => {
    // Never called: these lines are checked by the type checker (`npm run typecheck`), not run.
    const typeChecks = () => {
      // @ts-expect-error the path has a parameter
      void callApi(API.getOrganization);
      // @ts-expect-error a parameter of another route
      void callApi(API.getOrganization, { params: { membershipId: 'm' } });
      // @ts-expect-error the body must match UpdateOrganizationRequest
      void callApi(API.updateOrganization, { params: { organizationId: 'o' }, body: { name: 7 } });
      // @ts-expect-error this endpoint takes no body
      void callApi(API.listOrganizations, { body: {} });
      // @ts-expect-error the query must match FindEmailsQuery
      void callApi(API.findEmails, { query: { from: 'x' } });
      void callApi(API.listOrganizations).then((result) => {
        // @ts-expect-error the answer is typed by OrganizationListResponse
        void result.organization;
        return result.organizations[0].name satisfies string;
      });
    };
    expect(typeof typeChecks).toBe('function');
  });
});
