/**
 * Builds the real server on a fresh test database, plus helpers to sign up, sign in and send
 * CSRF-protected requests through app.inject().
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pino, { type Logger } from 'pino';
import { loadConfig, type Config } from '../../src/config.ts';
import { fixedClock, type Clock } from '../../src/core/clock.ts';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { buildServer } from '../../src/http/server.ts';
import { createRuntime, type Runtime } from '../../src/runtime.ts';
import { createTestDatabase } from './database.ts';

export interface TestApp {
  app: FastifyInstance;
  runtime: Runtime;
  config: Config;
  close(): Promise<void>;
}

/** The PUBLIC_URL of test servers; TestClient sends it as its Origin, as a browser on the site would. */
export const TEST_PUBLIC_URL = 'http://localhost:3000';

/** A test configuration: quiet logs, no demo seeding, a fixed secret, generous auth and write limits. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    PUBLIC_URL: TEST_PUBLIC_URL,
    AUTH_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    AUTH_RATE_LIMIT_MAX: '1000',
    API_WRITE_RATE_LIMIT_MAX: '10000',
    AUTH_ACCOUNT_MAX_FAILURES: '1000',
    ...overrides,
  });
}

export interface TestRuntimeOptions {
  env?: Record<string, string>;
  /** A clock, or the instant a fixed clock starts at. */
  clock?: Clock | Date;
  /** Run background job workers (email delivery); off by default, run jobs with `runtime.jobs.drain()`. */
  startWorkers?: boolean;
  /** A logger to inspect what the app logs; silent by default. */
  logger?: Logger;
  /** An already opened database; by default a fresh copy of the migrated test database. */
  database?: DatabaseHandle;
}

/** The real runtime (migrations, auth, mailer, jobs) on a fresh copy of the migrated test database. */
export async function createTestRuntime(options: TestRuntimeOptions = {}): Promise<Runtime> {
  return createRuntime({
    config: testConfig(options.env),
    database: options.database ?? (await createTestDatabase()),
    logger: options.logger ?? pino({ level: 'silent' }),
    clock: options.clock instanceof Date ? fixedClock(options.clock) : options.clock,
    startWorkers: options.startWorkers ?? false,
  });
}

/** The real server on a fresh copy of the migrated test database. */
export async function createTestApp(options: TestRuntimeOptions = {}): Promise<TestApp> {
  const runtime = await createTestRuntime(options);
  const { config } = runtime;
  const app = await buildServer(runtime, { serveWeb: false });
  await app.ready();
  return {
    app,
    runtime,
    config,
    async close() {
      await app.close();
      await runtime.close();
    },
  };
}

/**
 * A signed-in browser-like client: keeps cookies, sends this site's Origin on writes (as browsers do)
 * and the CSRF token on writes under /api/v1.
 */
export class TestClient {
  private cookies = new Map<string, string>();
  private csrfToken: string | undefined;

  constructor(readonly app: FastifyInstance) {}

  private cookieHeader(): string | undefined {
    if (this.cookies.size === 0) return undefined;
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(response: LightMyRequestResponse): void {
    for (const cookie of response.cookies as Array<{ name: string; value: string; maxAge?: number }>) {
      // A new (or dropped) CSRF secret, as at sign-in, makes the token this client holds worthless.
      if (cookie.name.endsWith('secondchair.csrf')) this.csrfToken = undefined;
      if (cookie.value === '' || cookie.maxAge === 0) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }

  /** The cookies this client holds, by name (tests swap them between clients). */
  get cookieJar(): Map<string, string> {
    return this.cookies;
  }

  /** Sends a request with this client's cookies (and CSRF token on writes unless `csrf: false`). */
  async request(options: InjectOptions & { csrf?: boolean }): Promise<LightMyRequestResponse> {
    const method = (options.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = {
      ...(method === 'GET' || method === 'HEAD' ? {} : { origin: TEST_PUBLIC_URL }),
      ...(options.headers as Record<string, string>),
    };
    const cookie = this.cookieHeader();
    if (cookie) headers.cookie = cookie;
    if (
      method !== 'GET' &&
      options.csrf !== false &&
      (typeof options.url === 'string' ? options.url : '').startsWith('/api/v1/')
    ) {
      headers['x-csrf-token'] = await this.token();
      headers.cookie = this.cookieHeader()!;
    }
    const { csrf: _csrf, ...rest } = options;
    const response = await this.app.inject({ ...rest, headers });
    this.remember(response);
    return response;
  }

  async token(): Promise<string> {
    if (!this.csrfToken) {
      const response = await this.app.inject({
        method: 'GET',
        url: '/api/v1/csrf-token',
        headers: { cookie: this.cookieHeader() ?? '' },
      });
      this.remember(response);
      this.csrfToken = response.json<{ token: string }>().token;
    }
    return this.csrfToken;
  }

  get(url: string) {
    return this.request({ method: 'GET', url });
  }
  post(url: string, payload?: unknown) {
    return this.request({ method: 'POST', url, payload: payload as InjectOptions['payload'] });
  }
  patch(url: string, payload?: unknown) {
    return this.request({ method: 'PATCH', url, payload: payload as InjectOptions['payload'] });
  }
  delete(url: string) {
    return this.request({ method: 'DELETE', url });
  }

  /**
   * Creates an account, then signs in and keeps the session cookie (sign-up itself starts no session:
   * its answer must not differ between new and existing emails).
   */
  async signUp(user: {
    name: string;
    email: string;
    password?: string;
  }): Promise<{ id: string; email: string }> {
    const password = user.password ?? 'correct-horse-battery';
    const response = await this.post('/api/auth/sign-up/email', { ...user, password });
    if (response.statusCode !== 200)
      throw new Error(`sign-up failed: ${response.statusCode} ${response.body}`);
    const signIn = await this.signIn(user.email, password);
    if (signIn.statusCode !== 200)
      throw new Error(`sign-in after sign-up failed: ${signIn.statusCode} ${signIn.body}`);
    return signIn.json<{ user: { id: string; email: string } }>().user;
  }

  async signIn(email: string, password = 'correct-horse-battery'): Promise<LightMyRequestResponse> {
    return this.post('/api/auth/sign-in/email', { email, password });
  }
}

let counter = 0;
/** A unique, readable email for a test user. */
export function uniqueEmail(label = 'user'): string {
  counter += 1;
  return `${label}.${counter}.${Date.now().toString(36)}@example.test`;
}
