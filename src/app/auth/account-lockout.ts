/**
 * Per-account sign-in throttling, beside better-auth's per-address limit: `maxFailures` failed
 * sign-ins for one email within the window lock that email, from every address, until the window
 * after the last counted failure ends; a successful sign-in clears the count.
 *
 * The counters are rows of better-auth's `rate_limits` table (shared by every app process), keyed by
 * a hash of the email so the table holds no addresses. Each row's `last_request` holds the moment
 * the count expires, not the last request: better-auth prunes rows whose `last_request` is older
 * than its own longest window, and an expiry in the future keeps a lock alive however short that is.
 *
 * An attempt is counted *before* the password is checked (one atomic upsert), so a burst of
 * parallel guesses cannot all slip in before the first failure is recorded: at most `maxFailures`
 * passwords are ever checked per window. The attempt is then cleared (success) or given back (the
 * attempt ended without a verdict on the password, e.g. a server error).
 */
import { createHash, randomUUID } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Clock } from '../../core/clock.ts';
import type { Database } from '../../db/client.ts';
import { rateLimits } from '../../db/schema.ts';

export interface AccountLockoutPolicy {
  maxFailures: number;
  windowSeconds: number;
}

export type SignInAdmission = { isAllowed: true } | { isAllowed: false; retryAfterSeconds: number };

/** The rate_limits key of an email (case-insensitive, as better-auth stores emails in lower case). */
export function accountLockoutKey(email: string): string {
  const digest = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
  return `account-sign-in:${digest}`;
}

/** Counts a sign-in attempt for `email` and says whether its password may be checked. */
export async function admitSignInAttempt(
  db: Database,
  clock: Clock,
  policy: AccountLockoutPolicy,
  email: string,
): Promise<SignInAdmission> {
  const now = clock.now().getTime();
  const expiresAt = now + policy.windowSeconds * 1000;
  const expiry = rateLimits.lastRequest;
  const isExpired = sql`${expiry} <= ${now}`;
  const [row] = await db
    .insert(rateLimits)
    .values({ id: randomUUID(), key: accountLockoutKey(email), count: 1, lastRequest: expiresAt })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${isExpired} then 1 else ${rateLimits.count} + 1 end`,
        // A new window starts when the old one is over; reaching the limit restarts it, so the lock
        // lasts a whole window from the last failure that counted.
        lastRequest: sql`case when ${isExpired} or ${rateLimits.count} + 1 = ${policy.maxFailures}
          then ${expiresAt}::bigint else ${expiry} end`,
      },
    })
    .returning({ count: rateLimits.count, expiresAt: rateLimits.lastRequest });
  if (!row) throw new Error('The sign-in attempt was not counted');
  if (row.count <= policy.maxFailures) return { isAllowed: true };
  return { isAllowed: false, retryAfterSeconds: Math.max(1, Math.ceil((row.expiresAt - now) / 1000)) };
}

/** Forgets the failures of `email` (after a successful sign-in). */
export async function clearSignInFailures(db: Database, email: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, accountLockoutKey(email)));
}

/** Gives back an admitted attempt that ended without checking the password. */
export async function releaseSignInAttempt(db: Database, email: string): Promise<void> {
  await db
    .update(rateLimits)
    .set({ count: sql`${rateLimits.count} - 1` })
    .where(and(eq(rateLimits.key, accountLockoutKey(email)), gt(rateLimits.count, 0)));
}
