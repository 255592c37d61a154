/**
 * A `fetch` that sends same-origin requests to the real server through app.inject() and keeps its cookies
 * like a browser tab, so the web app's API client (web/src/api) can be run against the server in a test.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';

/** A browser-like `fetch` bound to one server and one cookie jar. */
export function browserFetch(app: FastifyInstance): typeof fetch {
  const cookies = new Map<string, string>();
  return async (input, init = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith('/')) throw new Error(`browserFetch only sends same-origin requests, not ${url}`);
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => {
      headers[name] = value;
    });
    // A browser names the page's origin on every write; better-auth's Origin check expects it.
    if ((init.method ?? 'GET').toUpperCase() !== 'GET') headers.origin ??= 'http://localhost:3000';
    if (cookies.size > 0) headers.cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (init.body !== undefined && init.body !== null && typeof init.body !== 'string') {
      throw new Error('browserFetch sends string bodies only (the API client sends JSON text)');
    }
    const response = await app.inject({
      method: (init.method ?? 'GET') as InjectOptions['method'],
      url,
      headers,
      payload: init.body ?? undefined,
    });
    for (const cookie of response.cookies as Array<{ name: string; value: string; maxAge?: number }>) {
      if (cookie.value === '' || cookie.maxAge === 0) cookies.delete(cookie.name);
      else cookies.set(cookie.name, cookie.value);
    }
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value === undefined || name === 'set-cookie') continue;
      for (const item of [value].flat()) responseHeaders.append(name, String(item));
    }
    const hasNoBody = response.statusCode === 204 || response.statusCode === 304;
    return new Response(hasNoBody ? null : new Uint8Array(response.rawPayload), {
      status: response.statusCode,
      headers: responseHeaders,
    });
  };
}
