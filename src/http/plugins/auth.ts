/**
 * Puts better-auth behind explicit, documented routes under /api/auth (so every one has a zod contract
 * and appears in the OpenAPI document), and resolves the signed-in actor for every request.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authenticateApiToken } from '../../app/api-tokens/authenticate-api-token.ts';
import { CLIENT_IP_HEADER, type Auth } from '../../app/auth/auth.ts';
import type { Actor } from '../../app/context.ts';
import {
  CallbackPath,
  RequestPasswordResetRequest,
  ResetPasswordRequest,
  SendVerificationEmailRequest,
  SignInRequest,
  SignUpRequest,
  SignUpResponse,
  AuthUserResponse,
} from '../../contracts/auth.ts';
import { ErrorResponse, OkResponse } from '../../contracts/common.ts';
import { AppError } from '../../core/errors.ts';

interface ForwardOptions {
  /**
   * Vouch for a request that carries no sign of a browser (no Origin, Referer or Fetch Metadata) by
   * giving it this site's Origin. Browsers send Origin with every POST, so such a request comes from
   * a script or app using its own cookie, which better-auth would otherwise refuse as a browser that
   * hid its origin. A request with a foreign Origin is still refused by better-auth's own check.
   */
  isNonBrowserClientTrusted?: boolean;
}

/** True when nothing in the request says a browser sent it. */
function lacksBrowserHeaders(request: FastifyRequest): boolean {
  const { origin, referer } = request.headers;
  const site = request.headers['sec-fetch-site'];
  return origin === undefined && referer === undefined && site === undefined;
}

function toWebRequest(request: FastifyRequest, publicUrl: string, options: ForwardOptions = {}): Request {
  const url = new URL(request.url, publicUrl);
  const headers = new Headers();
  for (const [key, value] of Object.entries(request.headers)) {
    if (value === undefined || key === CLIENT_IP_HEADER) continue;
    if (key === 'content-length') continue;
    headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  headers.set(CLIENT_IP_HEADER, request.ip);
  if (options.isNonBrowserClientTrusted && lacksBrowserHeaders(request)) {
    headers.set('origin', new URL(publicUrl).origin);
  }
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  if (hasBody) headers.set('content-type', 'application/json');
  return new Request(url, {
    method: request.method,
    headers,
    body: hasBody ? JSON.stringify(request.body ?? {}) : undefined,
  });
}

function mapAuthError(
  status: number,
  body: { code?: string; message?: string } | null,
  retryAfterSeconds: number | undefined,
): AppError {
  const message = body?.message ?? 'Authentication failed';
  if (status === 429) {
    const wait = retryAfterSeconds === undefined ? 'a minute' : describeWait(retryAfterSeconds);
    return new AppError(
      'RATE_LIMITED',
      body?.code === 'ACCOUNT_LOCKED'
        ? `Too many failed sign-ins for this account; wait ${wait} and try again, or reset your password`
        : `Too many attempts; wait ${wait} and try again`,
      retryAfterSeconds === undefined ? undefined : { retryAfterSeconds },
    );
  }
  if (status === 401) return new AppError('UNAUTHENTICATED', message);
  if (status === 403) return new AppError('FORBIDDEN', message);
  if (status === 404) return new AppError('NOT_FOUND', message);
  if (body?.code === 'USER_ALREADY_EXISTS' || body?.code === 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL') {
    return new AppError('CONFLICT', 'An account with this email already exists');
  }
  if (body?.code === 'INVALID_TOKEN')
    return new AppError('INVALID_STATE', 'This link is invalid or has expired');
  // The request was valid (our contract checked it) and the write failed: our fault, not the client's.
  if (status >= 500 || body?.code === 'FAILED_TO_CREATE_USER') {
    return new AppError('INTERNAL', 'Authentication failed');
  }
  const field = body?.code?.includes('PASSWORD')
    ? 'password'
    : body?.code?.includes('EMAIL')
      ? 'email'
      : 'body';
  return AppError.validation([{ path: field, message }]);
}

function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** better-auth's Retry-After (its per-address limit says X-Retry-After), in whole seconds. */
function retryAfter(response: Response): number | undefined {
  const value = response.headers.get('retry-after') ?? response.headers.get('x-retry-after');
  const seconds = value === null ? Number.NaN : Number.parseInt(value, 10);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/**
 * better-auth's redirect target if it stays on this site, else the home page. The contracts already
 * allow only paths; this keeps a redirect on site even if the library builds one from elsewhere.
 */
export function sameSiteLocation(location: string | null, publicUrl: string): string {
  if (!location) return '/';
  try {
    return new URL(location, publicUrl).origin === new URL(publicUrl).origin ? location : '/';
  } catch {
    return '/';
  }
}

interface AuthAnswer {
  response: Response;
  body: Record<string, unknown> | null;
}

async function ask(auth: Auth, publicUrl: string, request: FastifyRequest, options?: ForwardOptions) {
  const response = await auth.handler(toWebRequest(request, publicUrl, options));
  const text = await response.text();
  return { response, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

/** Copies better-auth's answer onto the reply: its cookies, its errors as AppErrors, its redirects. */
function answer({ response, body }: AuthAnswer, publicUrl: string, reply: FastifyReply) {
  for (const cookie of response.headers.getSetCookie()) reply.header('set-cookie', cookie);
  if (response.status >= 400) {
    const seconds = response.status === 429 ? retryAfter(response) : undefined;
    if (seconds !== undefined) reply.header('retry-after', String(seconds));
    throw mapAuthError(response.status, body, seconds);
  }
  if (response.status >= 300 && response.status < 400) {
    return reply.redirect(sameSiteLocation(response.headers.get('location'), publicUrl), response.status);
  }
  return body;
}

/** The token of an `Authorization: Bearer …` header, or undefined when there is none. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new AppError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>"');
  return match[1];
}

/** Forwards the request to better-auth, copying its cookies back; its errors become AppErrors. */
async function forward(
  auth: Auth,
  publicUrl: string,
  request: FastifyRequest,
  reply: FastifyReply,
  options?: ForwardOptions,
) {
  return answer(await ask(auth, publicUrl, request, options), publicUrl, reply);
}

/**
 * Sign-up, where parallel requests for one new email race to insert it: the losers' inserts fail on
 * the unique index once the winner commits, and better-auth reports FAILED_TO_CREATE_USER. Asked
 * again, better-auth finds the committed account and gives its answer for an existing email, the
 * same as every other sign-up gets. A second failure is a real one.
 */
async function forwardSignUp(auth: Auth, publicUrl: string, request: FastifyRequest, reply: FastifyReply) {
  let result = await ask(auth, publicUrl, request);
  if (result.response.status >= 400 && result.body?.code === 'FAILED_TO_CREATE_USER') {
    request.log.info('sign-up lost a race for its email; asking again');
    result = await ask(auth, publicUrl, request);
  }
  return answer(result, publicUrl, reply);
}

function presentUser(user: Record<string, unknown>) {
  return {
    user: {
      id: String(user.id),
      name: String(user.name),
      email: String(user.email),
      emailVerified: Boolean(user.emailVerified),
      isPlatformAdmin: Boolean(user.isPlatformAdmin),
    },
  };
}

export interface AuthPluginOptions {
  auth: Auth;
  publicUrl: string;
}

/**
 * Resolves the signed-in actor (and the session id, which CSRF tokens are bound to) for every API
 * request. Registered before the rate limit and CSRF hooks, which need both.
 */
export function resolveSessions(app: FastifyInstance, auth: Auth): void {
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const bearer = bearerToken(request);
    if (bearer !== undefined) {
      // A bearer token decides alone: a bad one is refused rather than falling back to cookies.
      const actor = await authenticateApiToken(request.appContext, bearer);
      const { emailVerified, ...rest } = actor;
      request.appContext = request.appContext.withActor(rest);
      request.sessionUser = {
        id: actor.userId,
        name: actor.name,
        email: actor.email,
        emailVerified,
        isPlatformAdmin: actor.isPlatformAdmin,
      };
      return;
    }
    if (!request.headers.cookie) return;
    const headers = new Headers();
    headers.set('cookie', request.headers.cookie);
    const result = await auth.api.getSession({ headers });
    if (result) {
      request.sessionId = result.session.id;
      const user = result.user as typeof result.user & { isPlatformAdmin?: boolean };
      const actor: Actor = {
        userId: user.id,
        email: user.email,
        name: user.name,
        isPlatformAdmin: Boolean(user.isPlatformAdmin),
        authenticatedBy: 'session',
      };
      request.appContext = request.appContext.withActor(actor);
      request.sessionUser = { ...user, isPlatformAdmin: Boolean(user.isPlatformAdmin) };
    }
  });
}

/** Registers the /api/auth routes (after `resolveSessions`). */
export async function authPlugin(
  app: FastifyInstance,
  { auth, publicUrl }: AuthPluginOptions,
): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const errors = {
    400: ErrorResponse,
    401: ErrorResponse,
    403: ErrorResponse,
    409: ErrorResponse,
    429: ErrorResponse,
  };

  routes.post(
    '/api/auth/sign-up/email',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create an account (the answer is the same whether or not the email has one)',
        description:
          'A new email gets an account and a link to confirm the address (the link signs in); an email ' +
          'that already has an account gets an email saying so, with sign-in and reset links. Either ' +
          'way the answer is the same and no session is started: sign in, or follow the link.',
        body: SignUpRequest,
        response: { 200: SignUpResponse, ...errors },
      },
    },
    async (request, reply) => {
      await forwardSignUp(auth, publicUrl, request, reply);
      return { ok: true as const };
    },
  );
  routes.post(
    '/api/auth/sign-in/email',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password',
        body: SignInRequest,
        response: { 200: AuthUserResponse, ...errors },
      },
    },
    async (request, reply) => {
      const body = (await forward(auth, publicUrl, request, reply)) as { user: Record<string, unknown> };
      return presentUser(body.user);
    },
  );
  routes.post(
    '/api/auth/sign-out',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out (ends this session)',
        body: z.object({}).strict().optional(),
        response: { 200: OkResponse, ...errors },
      },
    },
    async (request, reply) => {
      if (request.headers.cookie) {
        await forward(auth, publicUrl, request, reply, { isNonBrowserClientTrusted: true });
      }
      return { ok: true as const };
    },
  );
  routes.post(
    '/api/auth/request-password-reset',
    {
      schema: {
        tags: ['auth'],
        summary: 'Email a password-reset link (answers the same whether or not the account exists)',
        body: RequestPasswordResetRequest,
        response: { 200: OkResponse, ...errors },
      },
    },
    async (request, reply) => {
      await forward(auth, publicUrl, request, reply);
      return { ok: true as const };
    },
  );
  routes.post(
    '/api/auth/reset-password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Set a new password with the emailed token',
        body: ResetPasswordRequest,
        response: { 200: OkResponse, ...errors },
      },
    },
    async (request, reply) => {
      await forward(auth, publicUrl, request, reply);
      return { ok: true as const };
    },
  );
  routes.post(
    '/api/auth/send-verification-email',
    {
      schema: {
        tags: ['auth'],
        summary: 'Email a new verification link',
        body: SendVerificationEmailRequest,
        response: { 200: OkResponse, ...errors },
      },
    },
    async (request, reply) => {
      await forward(auth, publicUrl, request, reply);
      return { ok: true as const };
    },
  );
  // Links in emails point here; better-auth verifies the token, sets the session and redirects.
  routes.get(
    '/api/auth/verify-email',
    {
      schema: {
        tags: ['auth'],
        summary: 'Verify an email address (the link in the verification email)',
        querystring: z.object({ token: z.string().min(1), callbackURL: CallbackPath.optional() }),
      },
    },
    async (request, reply) => forward(auth, publicUrl, request, reply),
  );
  routes.get(
    '/api/auth/reset-password/:token',
    {
      schema: {
        tags: ['auth'],
        summary: 'Open a password-reset link (redirects to the web page that asks for the new password)',
        params: z.object({ token: z.string().min(1) }),
        querystring: z.object({ callbackURL: CallbackPath.optional() }),
      },
    },
    async (request, reply) => forward(auth, publicUrl, request, reply),
  );
}
