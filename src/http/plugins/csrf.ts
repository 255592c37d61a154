/**
 * CSRF protection for cookie-authenticated writes under /api/v1 (@fastify/csrf-protection): a signed
 * double-submit cookie holds a secret, and the x-csrf-token header must carry a token made from that
 * secret **and the session it was issued to**. A token issued to one session is refused with another
 * session's cookie, and whenever the session cookie changes (sign-in, sign-up, sign-out) the secret
 * cookie is dropped, so the next GET /api/v1/csrf-token issues a new secret and token.
 */
import { createHmac } from 'node:crypto';
import fastifyCsrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isApiWrite } from '../api-writes.ts';

export const CSRF_HEADER = 'x-csrf-token';
const CSRF_COOKIE = 'secondchair.csrf';

/**
 * The CSRF cookie's name: `__Host-` on https, so that no subdomain (or a plain-http page on the same
 * host) can plant a secret of its own; browsers refuse the prefix over plain http.
 */
export function csrfCookieName(isHttps: boolean): string {
  return isHttps ? `__Host-${CSRF_COOKIE}` : CSRF_COOKIE;
}

/** What a token is bound to: the session, or "anonymous" before sign-in. */
function sessionBinding(request: FastifyRequest): string {
  return request.sessionId ? `session:${request.sessionId}` : 'anonymous';
}

/** A CSRF token for this request's session (sets the secret cookie when there is none). */
export function issueCsrfToken(request: FastifyRequest, reply: FastifyReply): string {
  return reply.generateCsrf({ userInfo: sessionBinding(request) });
}

function setsCookie(reply: FastifyReply, name: string): boolean {
  const header = reply.getHeader('set-cookie');
  const cookies = Array.isArray(header) ? header : typeof header === 'string' ? [header] : [];
  return cookies.some((cookie) => cookie.startsWith(`${name}=`));
}

export interface CsrfPluginOptions {
  isHttps: boolean;
  /** The installation secret; the token's session binding is keyed with a key derived from it. */
  secret: string;
  /** better-auth's session cookie: when a response sets it, the CSRF secret is rotated. */
  sessionCookieName: string;
}

/**
 * Registers CSRF protection. The session must already be resolved (the auth plugin's hook runs first):
 * the check binds the token to `request.sessionId`.
 */
export async function csrfPlugin(
  app: FastifyInstance,
  { isHttps, secret, sessionCookieName }: CsrfPluginOptions,
): Promise<void> {
  const cookieKey = csrfCookieName(isHttps);
  const cookieOpts = { httpOnly: true, sameSite: 'strict', path: '/', secure: isHttps } as const;
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey,
    cookieOpts: { ...cookieOpts, signed: true },
    csrfOpts: { hmacKey: createHmac('sha256', secret).update('secondchair csrf session binding').digest() },
    getUserInfo: sessionBinding,
    getToken: (request) => {
      const value = request.headers[CSRF_HEADER];
      return typeof value === 'string' ? value : undefined;
    },
  });

  app.addHook('onRequest', (request, reply, done) => {
    // A bearer token is not sent by browsers on their own (a cross-site page cannot set the header
    // without a CORS preflight, which this server never grants), so token requests need no CSRF token;
    // the auth hook refuses a bad token outright instead of falling back to the cookie.
    const isBearer = request.headers.authorization !== undefined;
    if (!isBearer && isApiWrite(request)) {
      app.csrfProtection(request, reply, done);
      return;
    }
    done();
  });

  // @fastify/cookie writes reply.setCookie() in an onSend hook registered before this one, so the
  // expiring cookie goes out as a raw header.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.cookies[cookieKey] !== undefined && setsCookie(reply, sessionCookieName)) {
      reply.header(
        'set-cookie',
        app.serializeCookie(cookieKey, '', { ...cookieOpts, maxAge: 0, expires: new Date(0) }),
      );
    }
    return payload;
  });
}
