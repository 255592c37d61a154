import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from './core/errors.ts';

const booleanFromEnv = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((value) => value === '1' || value === 'true' || value === 'yes');

/** The address ranges proxy-addr (Fastify's trustProxy) knows by name. */
const NAMED_PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (NAMED_PROXY_RANGES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * Which peers may tell us the client's address in X-Forwarded-For: no one (false), everyone (true,
 * only when the app cannot be reached except through the proxy), or the listed proxy addresses.
 * Fastify 5.12 refuses hop counts (a direct client could spoof them), so a number is an error here
 * rather than a setting that silently trusts no one.
 */
const trustProxyFromEnv = z
  .string()
  .trim()
  .transform((value, context): boolean | string[] => {
    const lower = value.toLowerCase();
    if (['', 'false', 'no', '0'].includes(lower)) return false;
    if (['true', 'yes'].includes(lower)) return true;
    if (/^\d+$/.test(lower)) {
      context.addIssue({
        code: 'custom',
        message:
          'hop counts are not supported (a client reaching the app directly could spoof its address); list the proxy addresses or CIDRs instead, e.g. 10.0.0.0/8 or loopback',
      });
      return z.NEVER;
    }
    const entries = value.split(',').map((entry) => entry.trim());
    const invalid = entries.filter((entry) => !isProxyAddress(entry));
    if (invalid.length > 0) {
      context.addIssue({
        code: 'custom',
        message: `not an IP address, CIDR range or one of loopback, linklocal, uniquelocal: ${invalid.join(', ')}`,
      });
      return z.NEVER;
    }
    return entries;
  });

/** Every environment variable Second Chair reads, parsed once at boot (STYLE.md point 7). */
export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.string().url().optional().describe('The URL users reach; defaults to http://localhost:PORT'),
  DATA_DIR: z.string().default('./data').describe('Directory of the embedded database'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional()
    .describe('PostgreSQL connection string; when unset the embedded database is used'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SMTP_URL: z.string().optional().describe('smtp(s)://user:pass@host:port; unset = development outbox'),
  MAIL_FROM: z.string().default('Second Chair <no-reply@secondchair.local>'),
  EMAIL_MAX_ATTEMPTS: z.coerce
    .number()
    .int()
    .min(1)
    .max(20)
    .default(5)
    .describe('Delivery attempts per email before it is marked failed'),
  EMAIL_RETRY_DELAY_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3600)
    .default(30)
    .describe('First retry delay of a failed delivery; doubles (with jitter) on every further attempt'),
  JOB_POLL_INTERVAL_SECONDS: z.coerce
    .number()
    .min(0.5)
    .max(600)
    .default(2)
    .describe('How often background workers look for due jobs'),
  SEED_DEMO: booleanFromEnv.default(true).describe('Seed demo data into an empty database on start'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  AUTH_RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(10),
  AUTH_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  API_WRITE_RATE_LIMIT_MAX: z.coerce
    .number()
    .int()
    .min(1)
    .default(120)
    .describe('Writes under /api/v1 per window, per signed-in user (per address when signed out)'),
  API_WRITE_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  INVITATION_EMAILS_PER_INVITER_PER_HOUR: z.coerce
    .number()
    .int()
    .min(1)
    .default(50)
    .describe('Invitation emails (sent or resent) one person may send in any hour, across organizations'),
  INVITATION_EMAILS_PER_ORGANIZATION_PER_DAY: z.coerce
    .number()
    .int()
    .min(1)
    .default(200)
    .describe('Invitation emails (sent or resent) one organization may send in any 24 hours'),
  TRUST_PROXY: trustProxyFromEnv
    .default(false)
    .describe(
      'Proxies trusted to set X-Forwarded-For: false, true, or a comma-separated list of addresses/CIDRs',
    ),
  AUTH_ACCOUNT_MAX_FAILURES: z.coerce
    .number()
    .int()
    .min(1)
    .default(10)
    .describe(
      'Failed sign-ins for one email, from any address, that lock it for AUTH_ACCOUNT_LOCKOUT_SECONDS',
    ),
  AUTH_ACCOUNT_LOCKOUT_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(86_400)
    .default(900)
    .describe('The window in which failures count, and how long a locked email stays locked'),
  SECONDCHAIR_DEBUG: booleanFromEnv.default(false),
  SECONDCHAIR_CONFIG_DIR: z
    .string()
    .optional()
    .describe('Where `secondchair login` keeps the server URL and API token (default ~/.config/secondchair)'),
  SECONDCHAIR_URL: z
    .string()
    .url()
    .optional()
    .describe('Server for the remote CLI commands (overrides login)'),
  SECONDCHAIR_TOKEN: z
    .string()
    .optional()
    .describe('API token for the remote CLI commands (overrides login)'),
  XDG_CONFIG_HOME: z.string().optional(),
  HOME: z.string().optional(),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  /** Secret for signing cookies and tokens; generated and stored in the data directory when unset. */
  authSecret: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  email: { maxAttempts: number; retryDelaySeconds: number };
  jobs: { pollIntervalSeconds: number };
  seedDemo: boolean;
  logLevel: Env['LOG_LEVEL'];
  /** Per client address, for each better-auth endpoint that takes a password or sends email. */
  authRateLimit: { max: number; windowSeconds: number };
  /** Limit on writes under /api/v1, per signed-in user or, for anonymous requests, per address. */
  apiWriteRateLimit: { max: number; windowSeconds: number };
  /**
   * Invitation emails (new and resent), counted from the `emails` table over sliding windows: per
   * inviter in the last hour, per organization in the last day.
   */
  invitationEmailLimits: { perInviterPerHour: number; perOrganizationPerDay: number };
  /** Fastify's `trustProxy`: whom to believe about the client's address (X-Forwarded-For). */
  trustProxy: boolean | string[];
  /** Per email: `maxFailures` failed sign-ins within `windowSeconds` lock it for `windowSeconds`. */
  authAccountLockout: { maxFailures: number; windowSeconds: number };
  debug: boolean;
  /** The CLI as a client of a running server (`secondchair login`, `programs`, `match run` ...). */
  remote: { configDir: string; url: string | undefined; token: string | undefined };
}

/** Parses the environment into a Config, failing with every problem listed. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      message: issue.message,
    }));
    throw AppError.validation(
      issues,
      `Invalid configuration: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
    );
  }
  const env = parsed.data;
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    dataDir: path.resolve(env.DATA_DIR),
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    authSecret: env.AUTH_SECRET,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    email: { maxAttempts: env.EMAIL_MAX_ATTEMPTS, retryDelaySeconds: env.EMAIL_RETRY_DELAY_SECONDS },
    jobs: { pollIntervalSeconds: env.JOB_POLL_INTERVAL_SECONDS },
    seedDemo: env.SEED_DEMO,
    logLevel: env.LOG_LEVEL,
    authRateLimit: { max: env.AUTH_RATE_LIMIT_MAX, windowSeconds: env.AUTH_RATE_LIMIT_WINDOW_SECONDS },
    apiWriteRateLimit: {
      max: env.API_WRITE_RATE_LIMIT_MAX,
      windowSeconds: env.API_WRITE_RATE_LIMIT_WINDOW_SECONDS,
    },
    invitationEmailLimits: {
      perInviterPerHour: env.INVITATION_EMAILS_PER_INVITER_PER_HOUR,
      perOrganizationPerDay: env.INVITATION_EMAILS_PER_ORGANIZATION_PER_DAY,
    },
    trustProxy: env.TRUST_PROXY,
    authAccountLockout: {
      maxFailures: env.AUTH_ACCOUNT_MAX_FAILURES,
      windowSeconds: env.AUTH_ACCOUNT_LOCKOUT_SECONDS,
    },
    debug: env.SECONDCHAIR_DEBUG,
    remote: {
      configDir: path.resolve(
        env.SECONDCHAIR_CONFIG_DIR ??
          path.join(env.XDG_CONFIG_HOME ?? path.join(env.HOME ?? '.', '.config'), 'secondchair'),
      ),
      url: env.SECONDCHAIR_URL?.replace(/\/$/, ''),
      token: env.SECONDCHAIR_TOKEN,
    },
  };
}
