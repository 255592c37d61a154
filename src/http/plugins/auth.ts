/**
 * Puts better-auth behind explicit, documented routes under /api/auth (so every one has a zod contract
 * and appears in the OpenAPI document), and resolves the signed-in actor for every request.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CLIENT_IP_HEADER, type Auth } from '../../app/auth/auth.ts';
import type { Actor } from '../../app/context.ts';
import {
  CallbackPath,
  RequestPasswordResetRequest,
  ResetPasswordRequest,
  SendVerificationEmailRequest,
  SignInRequest,
  SignUpRequest,
  AuthUserResponse,
} from '../../contracts/auth.ts';
import { ErrorResponse, OkResponse } from '../../contracts/common.ts';
import { AppError } from '../../core/errors.ts';

function toWebRequest(request: FastifyRequest, publicUrl: string): Request {
  const url = new URL(request.url, publicUrl);
  const headers = new Headers();
  for (const [key, value] of Object.entries(request.headers)) {
    if (value === undefined || key === CLIENT_IP_HEADER) continue;
    if (key === 'content-length') continue;
    headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  headers.set(CLIENT_IP_HEADER, request.ip);
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  if (hasBody) headers.set('content-type', 'application/json');
  return new Request(url, {
    method: request.method,
    headers,
    body: hasBody ? JSON.stringify(request.body ?? {}) : undefined,
  });
}

function mapAuthError(status: number, body: { code?: string; message?: string } | null): AppError {
  const message = body?.message ?? 'Authentication failed';
  if (status === 429) return new AppError('RATE_LIMITED', 'Too many attempts; wait a minute and try again');
  if (status === 401) return new AppError('UNAUTHENTICATED', message);
  if (status === 403) return new AppError('FORBIDDEN', message);
  if (status === 404) return new AppError('NOT_FOUND', message);
  if (body?.code === 'USER_ALREADY_EXISTS' || body?.code === 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL') {
    return new AppError('CONFLICT', 'An account with this email already exists');
  }
  if (body?.code === 'INVALID_TOKEN')
    return new AppError('INVALID_STATE', 'This link is invalid or has expired');
  if (status >= 500) return new AppError('INTERNAL', 'Authentication failed');
  const field = body?.code?.includes('PASSWORD')
    ? 'password'
    : body?.code?.includes('EMAIL')
      ? 'email'
      : 'body';
  return AppError.validation([{ path: field, message }]);
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

/** Forwards the request to better-auth, copying its cookies back; its errors become AppErrors. */
async function forward(auth: Auth, publicUrl: string, request: FastifyRequest, reply: FastifyReply) {
  const response = await auth.handler(toWebRequest(request, publicUrl));
  for (const cookie of response.headers.getSetCookie()) reply.header('set-cookie', cookie);
  const text = await response.text();
  const body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
  if (response.status >= 400) throw mapAuthError(response.status, body);
  if (response.status >= 300 && response.status < 400) {
    return reply.redirect(sameSiteLocation(response.headers.get('location'), publicUrl), response.status);
  }
  return body;
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

/** Registers the /api/auth routes and the actor-resolving hook. */
export async function authPlugin(
  app: FastifyInstance,
  { auth, publicUrl }: AuthPluginOptions,
): Promise<void> {
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    if (!request.headers.cookie) return;
    const headers = new Headers();
    headers.set('cookie', request.headers.cookie);
    const result = await auth.api.getSession({ headers });
    if (result) {
      const user = result.user as typeof result.user & { isPlatformAdmin?: boolean };
      const actor: Actor = {
        userId: user.id,
        email: user.email,
        name: user.name,
        isPlatformAdmin: Boolean(user.isPlatformAdmin),
      };
      request.appContext = request.appContext.withActor(actor);
      request.sessionUser = { ...user, isPlatformAdmin: Boolean(user.isPlatformAdmin) };
    }
  });

  const routes = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 400: ErrorResponse, 401: ErrorResponse, 409: ErrorResponse, 429: ErrorResponse };

  routes.post(
    '/api/auth/sign-up/email',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create an account and sign in',
        body: SignUpRequest,
        response: { 200: AuthUserResponse, ...errors },
      },
    },
    async (request, reply) => {
      const body = (await forward(auth, publicUrl, request, reply)) as { user: Record<string, unknown> };
      return presentUser(body.user);
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
      if (request.headers.cookie) await forward(auth, publicUrl, request, reply);
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
