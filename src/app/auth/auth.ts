/**
 * Identity: better-auth with email and password, database sessions in httpOnly cookies, emailed
 * password-reset and verification links, and database-backed login rate limits shared by every app
 * process. Organizations and roles are Second Chair's own (src/app/organizations), not better-auth's.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { eq } from 'drizzle-orm';
import type { Config } from '../../config.ts';
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
import { passwordResetEmail, verificationEmail } from '../email/templates.ts';

/** The header the HTTP layer sets to the client's address (after trustProxy), replacing any client value. */
export const CLIENT_IP_HEADER = 'x-secondchair-client-ip';
/** Session cookie prefix: the session cookie is `secondchair.session_token` (`__Host-…` on https). */
export const COOKIE_PREFIX = 'secondchair';
/** The cookies better-auth may set. */
const AUTH_COOKIES = ['session_token', 'session_data', 'dont_remember', 'account_data'] as const;
export const MIN_PASSWORD_LENGTH = 10;

export interface AuthDependencies {
  db: Database;
  config: Config;
  mailer: Mailer;
  secret: string;
}

/** Builds the better-auth instance for this installation. */
export function createAuth({ db, config, mailer, secret }: AuthDependencies) {
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
      autoSignIn: true,
      // Sign-in is not blocked on verification (an invitation link already proves the address);
      // the web app asks unverified users to verify.
      requireEmailVerification: false,
      revokeSessionsOnPasswordReset: true,
      resetPasswordTokenExpiresIn: 60 * 60,
      sendResetPassword: async ({ user, url }) => {
        await mailer.enqueue(passwordResetEmail({ to: user.email, name: user.name, url }));
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
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      database: { generateId: () => randomUUID() },
    },
    telemetry: { enabled: false },
    logger: { disabled: config.logLevel === 'silent' },
  });
}

export type Auth = ReturnType<typeof createAuth>;

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
