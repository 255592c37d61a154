/**
 * Identity: better-auth with email and password, database sessions in httpOnly cookies, emailed
 * password-reset and verification links, and database-backed login rate limits shared by every app
 * process. Organizations and roles are Second Chair's own (src/app/organizations), not better-auth's.
 *
 * What this adds to better-auth's defaults, and why, is in docs/decisions/003-authentication.md:
 * sign-up answers the same whether or not the email has an account (the owner is emailed instead);
 * failed sign-ins lock an email from every address (src/app/auth/account-lockout.ts); a reset request
 * does its work in a background job, so known and unknown emails take the same path; using one reset
 * link voids the user's other reset links.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { betterAuth, getCurrentAdapter } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware, isAPIError } from 'better-auth/api';
import { eq } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Clock } from '../../core/clock.ts';
import type { Database } from '../../db/client.ts';
import {
  accounts,
  installationSettings,
  rateLimits,
  sessions,
  users,
  verifications,
} from '../../db/schema.ts';
import type { Mailer } from '../context.ts';
import { existingAccountSignUpEmail, passwordResetEmail, verificationEmail } from '../email/templates.ts';
import { admitSignInAttempt, clearSignInFailures, releaseSignInAttempt } from './account-lockout.ts';

/** The header the HTTP layer sets to the client's address (after trustProxy), replacing any client value. */
export const CLIENT_IP_HEADER = 'x-secondchair-client-ip';
/** Session cookie prefix: the session cookie is `secondchair.session_token` (`__Host-…` on https). */
export const COOKIE_PREFIX = 'secondchair';
/** The cookies better-auth may set. */
const AUTH_COOKIES = ['session_token', 'session_data', 'dont_remember', 'account_data'] as const;
export const MIN_PASSWORD_LENGTH = 10;
/** Prefix of better-auth's password-reset rows in `verifications` (the token follows it). */
const RESET_PASSWORD_IDENTIFIER_PREFIX = 'reset-password:';
const RESET_REQUEST_ANSWER = {
  status: true,
  message: 'If this email exists in our system, check your email for the reset link',
};

/** A password-reset request as the background job receives it (the route's contract checked it). */
export interface PasswordResetRequest {
  email: string;
  redirectTo?: string | undefined;
}

export interface AuthDependencies {
  db: Database;
  config: Config;
  clock: Clock;
  mailer: Mailer;
  secret: string;
  /**
   * Queues the work of a password-reset request (looking the email up, creating the token, emailing
   * the link) as a background job, which calls `sendPasswordReset`.
   */
  deferPasswordResetRequest: (request: PasswordResetRequest) => Promise<void>;
}

/** The email of a request body, or undefined when it has none (the route's contract requires one). */
function bodyEmail(body: unknown): string | undefined {
  const email = (body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email : undefined;
}

/** Builds the better-auth instance for this installation. */
export function createAuth({
  db,
  config,
  clock,
  mailer,
  secret,
  deferPasswordResetRequest,
}: AuthDependencies) {
  const lockout = config.authAccountLockout;
  const isHttps = config.publicUrl.startsWith('https://');
  const hostPrefix = isHttps ? '__Host-' : '';
  return betterAuth({
    appName: 'Second Chair',
    baseURL: config.publicUrl,
    basePath: '/api/auth',
    secret,
    trustedOrigins: [config.publicUrl],
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: {
        user: users,
        session: sessions,
        account: accounts,
        verification: verifications,
        rateLimit: rateLimits,
      },
      transaction: true,
    }),
    user: {
      additionalFields: {
        isPlatformAdmin: { type: 'boolean', required: false, defaultValue: false, input: false },
      },
    },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: 128,
      // No session from sign-up: a cookie for new emails only would tell which emails have accounts.
      // With autoSignIn off, better-auth answers an existing email with a made-up user (after hashing
      // the password, as for a new one) and calls onExistingUserSignUp instead of creating anything.
      autoSignIn: false,
      onExistingUserSignUp: async ({ user }) => {
        const email = encodeURIComponent(user.email);
        await mailer.enqueue(
          existingAccountSignUpEmail({
            to: user.email,
            name: user.name,
            signInUrl: `${config.publicUrl}/sign-in?email=${email}`,
            resetUrl: `${config.publicUrl}/forgot-password?email=${email}`,
          }),
        );
      },
      // Sign-in is not blocked on verification (an invitation link already proves the address);
      // the web app asks unverified users to verify.
      requireEmailVerification: false,
      // Deletes every session of the user, in the transaction that changes the password.
      revokeSessionsOnPasswordReset: true,
      resetPasswordTokenExpiresIn: 60 * 60,
      sendResetPassword: async ({ user, url }) => {
        await mailer.enqueue(passwordResetEmail({ to: user.email, name: user.name, url }));
      },
      // Whoever set a new password from the emailed link controls the mailbox: a lockout ends there.
      onPasswordReset: async ({ user }) => {
        await clearSignInFailures(db, user.email);
      },
    },
    emailVerification: {
      sendOnSignUp: true,
      autoSignInAfterVerification: true,
      expiresIn: 60 * 60 * 24,
      sendVerificationEmail: async ({ user, url }) => {
        await mailer.enqueue(verificationEmail({ to: user.email, name: user.name, url }));
      },
    },
    session: {
      expiresIn: 60 * 60 * 24 * 14,
      updateAge: 60 * 60 * 24,
    },
    databaseHooks: {
      verification: {
        delete: {
          // Consuming a reset token (inside the transaction that sets the new password) deletes the
          // user's other reset tokens with it: an older link lying in a mailbox stops working too.
          before: async (verification, context) => {
            if (!verification.identifier.startsWith(RESET_PASSWORD_IDENTIFIER_PREFIX) || !context) return;
            const adapter = await getCurrentAdapter(context.context.adapter);
            await adapter.deleteMany({
              model: 'verification',
              where: [
                { field: 'identifier', operator: 'starts_with', value: RESET_PASSWORD_IDENTIFIER_PREFIX },
                { field: 'value', value: verification.value },
                { field: 'id', operator: 'ne', value: verification.id },
              ],
            });
          },
        },
      },
    },
    hooks: {
      // Runs after better-auth's per-address rate limit, before the endpoint.
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path === '/sign-in/email') {
          const email = bodyEmail(ctx.body);
          if (email === undefined) return;
          const admission = await admitSignInAttempt(db, clock, lockout, email);
          if (!admission.isAllowed) {
            throw new APIError(
              'TOO_MANY_REQUESTS',
              { code: 'ACCOUNT_LOCKED', message: 'Too many failed sign-ins for this account' },
              { 'retry-after': String(admission.retryAfterSeconds) },
            );
          }
          return;
        }
        // A request over HTTP only queues the job and answers; the job calls this endpoint again
        // without a request (auth.api), which does the work. Known and unknown emails thus cost the
        // request the same: one job, whatever the lookup and the email would have taken.
        if (ctx.path === '/request-password-reset' && ctx.request) {
          const email = bodyEmail(ctx.body);
          if (email === undefined) return;
          const { redirectTo } = ctx.body as { redirectTo?: string };
          await deferPasswordResetRequest({ email, redirectTo });
          return ctx.json(RESET_REQUEST_ANSWER);
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== '/sign-in/email') return;
        const email = bodyEmail(ctx.body);
        if (email === undefined) return;
        const returned = ctx.context.returned;
        if (!isAPIError(returned)) {
          await clearSignInFailures(db, email);
        } else if ((returned.body as { code?: string } | undefined)?.code !== 'INVALID_EMAIL_OR_PASSWORD') {
          // No verdict on the password (a bad request, a server error): the attempt does not count.
          await releaseSignInAttempt(db, email);
        }
      }),
    },
    rateLimit: {
      enabled: true,
      storage: 'database',
      modelName: 'rateLimit',
      window: 60,
      max: 100,
      customRules: {
        '/sign-in/email': { window: config.authRateLimit.windowSeconds, max: config.authRateLimit.max },
        '/sign-up/email': { window: config.authRateLimit.windowSeconds, max: config.authRateLimit.max },
        '/request-password-reset': {
          window: config.authRateLimit.windowSeconds,
          max: config.authRateLimit.max,
        },
        '/reset-password': { window: config.authRateLimit.windowSeconds, max: config.authRateLimit.max },
        '/send-verification-email': {
          window: config.authRateLimit.windowSeconds,
          max: config.authRateLimit.max,
        },
      },
    },
    advanced: {
      cookiePrefix: COOKIE_PREFIX,
      // On https the cookies are `__Host-` (Secure, Path=/, no Domain: no subdomain can set or read
      // them). better-auth's own switch would only prefix `__Secure-`, so it stays off and the names
      // and the Secure attribute are set here.
      useSecureCookies: false,
      cookies: Object.fromEntries(
        AUTH_COOKIES.map((cookie) => [cookie, { name: `${hostPrefix}${COOKIE_PREFIX}.${cookie}` }]),
      ),
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', secure: isHttps, path: '/' },
      // better-auth skips its Origin check when NODE_ENV is test; tests must see what production does.
      disableOriginCheck: false,
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      database: { generateId: () => randomUUID() },
    },
    telemetry: { enabled: false },
    logger: { disabled: config.logLevel === 'silent' },
  });
}

export type Auth = ReturnType<typeof createAuth>;

/**
 * The work of a password-reset request, run by its background job: better-auth looks the email up
 * and, when it has an account, stores a token and emails the link (through `sendResetPassword`).
 */
export async function sendPasswordReset(auth: Auth, request: PasswordResetRequest): Promise<void> {
  await auth.api.requestPasswordReset({
    body: { email: request.email, ...(request.redirectTo ? { redirectTo: request.redirectTo } : {}) },
  });
}

const SECRET_KEY = 'auth_secret';

/**
 * The signing secret: AUTH_SECRET when configured, otherwise one generated on first start and kept in
 * the database, so sessions survive restarts and every process sharing a PostgreSQL database agrees.
 */
export async function resolveAuthSecret(db: Database, config: Config): Promise<string> {
  if (config.authSecret) return config.authSecret;
  const generated = randomBytes(32).toString('base64url');
  await db.insert(installationSettings).values({ key: SECRET_KEY, value: generated }).onConflictDoNothing();
  const [row] = await db.select().from(installationSettings).where(eq(installationSettings.key, SECRET_KEY));
  if (!row) throw new Error('Could not store the generated auth secret');
  return row.value;
}
