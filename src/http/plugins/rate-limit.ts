/**
 * Rate limits on writes under /api/v1 (@fastify/rate-limit): per signed-in user, per address for
 * anonymous requests. The counters live in the database (better-auth's `rate_limits` table, under a
 * key prefix of our own), so every app process sharing a PostgreSQL database shares them.
 */
import { randomUUID } from 'node:crypto';
import fastifyRateLimit, { normalizeIP, type FastifyRateLimitStore } from '@fastify/rate-limit';
import { and, like, lte, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../../core/clock.ts';
import { AppError } from '../../core/errors.ts';
import type { Database } from '../../db/client.ts';
import { rateLimits } from '../../db/schema.ts';
import { isApiWrite } from '../api-writes.ts';

/**
 * better-auth's keys begin with an IP address, so this prefix can never collide with them. For our
 * rows `last_request` holds when the window ends (better-auth's hold the last request): better-auth
 * prunes rows whose `last_request` is older than its longest window, which then never removes one of
 * ours before its window is over, however long it is.
 */
export const API_WRITE_KEY_PREFIX = 'secondchair:api-write:';

export interface WindowCount {
  /** Requests counted in the current window, this one included. */
  current: number;
  /** Milliseconds until the window ends. */
  ttl: number;
}

/**
 * Counts one request against `key` in a fixed window of `windowMs`, in one atomic upsert: concurrent
 * requests from any process each get their own count, and an expired window starts again at 1.
 */
export async function countInWindow(
  db: Database,
  key: string,
  windowMs: number,
  now: number,
): Promise<WindowCount> {
  const windowEnd = now + windowMs;
  const isExpired = sql`${rateLimits.lastRequest} <= ${now}`;
  const [row] = await db
    .insert(rateLimits)
    .values({ id: randomUUID(), key, count: 1, lastRequest: windowEnd })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`CASE WHEN ${isExpired} THEN 1 ELSE ${rateLimits.count} + 1 END`,
        lastRequest: sql`CASE WHEN ${isExpired} THEN ${windowEnd} ELSE ${rateLimits.lastRequest} END`,
      },
    })
    .returning({ count: rateLimits.count, windowEnd: rateLimits.lastRequest });
  return { current: row.count, ttl: Math.max(0, row.windowEnd - now) };
}

/** Deletes our counters whose window has ended. */
async function deleteEndedWindows(db: Database, now: number): Promise<void> {
  await db
    .delete(rateLimits)
    .where(and(like(rateLimits.key, `${API_WRITE_KEY_PREFIX}%`), lte(rateLimits.lastRequest, now)));
}

/** A @fastify/rate-limit store class counting in the database. */
function databaseStore(db: Database, clock: Clock) {
  let lastPrunedAt = 0;
  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    incr(key: string, callback: (error: Error | null, result?: WindowCount) => void, timeWindow: number) {
      const now = clock.now().getTime();
      const count = async () => {
        const result = await countInWindow(db, `${API_WRITE_KEY_PREFIX}${key}`, timeWindow, now);
        // Ended windows are only reused by the same key; prune the others at most once a window.
        if (now - lastPrunedAt >= timeWindow) {
          lastPrunedAt = now;
          await deleteEndedWindows(db, now);
        }
        return result;
      };
      count().then(
        (result) => callback(null, result),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    child(): FastifyRateLimitStore {
      return new DatabaseRateLimitStore();
    }
  };
}

/** Signed-in requests count per user (wherever they come from); anonymous ones per address. */
function rateLimitKey(request: FastifyRequest): string {
  if (request.sessionUser) return `user:${request.sessionUser.id}`;
  // An IPv6 client usually has a whole /64; counting per address would let it rotate through them.
  return `address:${normalizeIP(request.ip)}`;
}

export interface ApiWriteRateLimitOptions {
  db: Database;
  clock: Clock;
  max: number;
  windowSeconds: number;
}

/**
 * Limits writes under /api/v1. Registered after the session is resolved (the key needs the user) and
 * before the CSRF check, so that rejected attempts count too.
 */
export async function apiWriteRateLimitPlugin(
  app: FastifyInstance,
  { db, clock, max, windowSeconds }: ApiWriteRateLimitOptions,
): Promise<void> {
  await app.register(fastifyRateLimit, {
    global: false,
    max,
    timeWindow: windowSeconds * 1000,
    store: databaseStore(db, clock),
    keyGenerator: rateLimitKey,
    errorResponseBuilder: (_request, context) => {
      const retryAfterSeconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return new AppError(
        'RATE_LIMITED',
        `Too many changes in a short time; try again in ${retryAfterSeconds} seconds`,
        { retryAfterSeconds },
      );
    },
  });
  const limit = app.rateLimit();
  app.addHook('onRequest', async function limitApiWrites(request, reply) {
    if (isApiWrite(request)) await limit.call(this, request, reply);
  });
}
