/**
 * The per-person locks that keep seats right under concurrency (ADR 017): every write that can change a
 * person's seats or self-match requests (sending, accepting, withdrawing a request; publishing a match
 * run) takes the transaction-scoped advisory locks of the people it touches first, then counts.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../context.ts';

/** A 64-bit advisory-lock key for one person's seats and requests (the same key in every process). */
export function personLockKey(userId: string): bigint {
  return createHash('sha256').update(`self-match:person:${userId}`).digest().readBigInt64BE(0);
}

/**
 * Takes the transaction-scoped advisory locks of these people in one statement, in ascending key order
 * so that two transactions locking the same people cannot deadlock. Held until the transaction ends.
 *
 * The order is guaranteed, not left to the planner: a set-returning `SELECT pg_advisory_xact_lock(k)
 * FROM (… ORDER BY k)` is evaluated in the subquery's order in practice, but PostgreSQL does not promise
 * it. Here each step of the recursive query locks the next key only once the previous step's row
 * exists, and that row exists only after the previous lock was granted.
 */
export async function lockPeople(db: Queryable, userIds: readonly string[]): Promise<void> {
  const keys = [...new Set(userIds.map((userId) => personLockKey(userId).toString()))];
  if (keys.length === 0) return;
  // pg_advisory_xact_lock returns void; `::text IS NOT NULL` turns "granted" into a true condition.
  await db.execute(sql`
    with recursive sorted as (
      select array_agg(k order by k) as keys from unnest(${sql.param(keys)}::bigint[]) as k
    ), step(i) as (
      select 0 from sorted
      union all
      select i + 1 from step, sorted
      where i < cardinality(keys) and pg_advisory_xact_lock(keys[i + 1])::text is not null
    )
    select count(*)::int - 1 as locked from step`);
}
