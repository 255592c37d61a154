import path from 'node:path';
import { z } from 'zod';
import { AppError } from './core/errors.ts';

const booleanFromEnv = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((value) => value === '1' || value === 'true' || value === 'yes');

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
  /** Per email: `maxFailures` failed sign-ins within `windowSeconds` lock it for `windowSeconds`. */
  authAccountLockout: { maxFailures: number; windowSeconds: number };
  debug: boolean;
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
    authAccountLockout: {
      maxFailures: env.AUTH_ACCOUNT_MAX_FAILURES,
      windowSeconds: env.AUTH_ACCOUNT_LOCKOUT_SECONDS,
    },
    debug: env.SECONDCHAIR_DEBUG,
  };
}
