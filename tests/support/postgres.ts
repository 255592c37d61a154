/**
 * Tests that only make sense on PostgreSQL (several processes on one database, moving data to and from
 * PostgreSQL). They run when DATABASE_URL is set. Without it they skip on a developer's machine, but under
 * CI they fail, so CI can never go green with them silently skipped: a CI pass that runs on the embedded
 * database on purpose says so with POSTGRES_ONLY_TESTS=skip (the PGlite pass of .ci/run does), and the
 * PostgreSQL pass, which sets DATABASE_URL, runs them.
 */
import { describe, it } from 'vitest';

export type PostgresOnlyMode = 'run' | 'skip' | 'fail';

type Environment = Readonly<Record<string, string | undefined>>;

/** The variable a CI pass on the embedded database sets to declare that PostgreSQL-only tests skip. */
export const POSTGRES_ONLY_TESTS = 'POSTGRES_ONLY_TESTS';

function isCi(env: Environment): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}

/** Whether PostgreSQL-only tests run, skip, or fail for lack of PostgreSQL in this environment. */
export function postgresOnlyMode(env: Environment = process.env): PostgresOnlyMode {
  if (env.DATABASE_URL) return 'run';
  if (!isCi(env)) return 'skip';
  return env[POSTGRES_ONLY_TESTS] === 'skip' ? 'skip' : 'fail';
}

/** Why a PostgreSQL-only test failed instead of skipping. */
export const MISSING_POSTGRES_UNDER_CI =
  `This test needs PostgreSQL but DATABASE_URL is not set, and under CI (CI=true) a PostgreSQL-only test ` +
  `must not skip silently. Set DATABASE_URL to a PostgreSQL database, or, in a pass that runs on the ` +
  `embedded database on purpose (as the first pass of .ci/run does), set ${POSTGRES_ONLY_TESTS}=skip.`;

type TestBody = () => unknown;

/** `it` for a test that needs PostgreSQL: runs with DATABASE_URL, skips locally, fails under CI. */
export function itOnPostgres(name: string, body: TestBody, timeout?: number): void {
  const mode = postgresOnlyMode();
  if (mode === 'run') it(name, body, timeout);
  else if (mode === 'skip') it.skip(name, body, timeout);
  else
    it(name, () => {
      throw new Error(MISSING_POSTGRES_UNDER_CI);
    });
}

/**
 * `describe` for a group that needs PostgreSQL. When it fails for lack of PostgreSQL, none of the
 * group's hooks run (they would only fail on the missing database); one test carries the reason.
 */
export function describeOnPostgres(name: string, body: () => void): void {
  const mode = postgresOnlyMode();
  if (mode === 'run') describe(name, body);
  else if (mode === 'skip') describe.skip(name, body);
  else
    describe(name, () => {
      it('runs on PostgreSQL', () => {
        throw new Error(MISSING_POSTGRES_UNDER_CI);
      });
    });
}
