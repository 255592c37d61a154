/**
 * Fixtures for the organization database tests: the real runtime (migrations, mailer) on a fresh copy
 * of the test database, a fixed clock, and users inserted directly so tests need no HTTP.
 */
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { testConfig } from '../../../tests/support/app.ts';
import { createTestDatabase } from '../../../tests/support/database.ts';
import { fixedClock } from '../../core/clock.ts';
import { users } from '../../db/schema.ts';
import { createRuntime, type Runtime } from '../../runtime.ts';
import type { Actor, AppContext } from '../context.ts';

export const START = new Date('2026-03-02T15:00:00.000Z');

export interface OrganizationsTestbed {
  runtime: Runtime;
  clock: ReturnType<typeof fixedClock>;
  /** A use-case context acting as `actor` (null: anonymous). */
  as(actor: Actor | null): AppContext;
  /** Inserts a user and returns them as an actor. */
  createUser(name: string, email?: string): Promise<Actor>;
  close(): Promise<void>;
}

let counter = 0;

/** Opens the runtime on a fresh test database with a clock fixed at START. */
export async function openTestbed(): Promise<OrganizationsTestbed> {
  const clock = fixedClock(START);
  const runtime = await createRuntime({
    config: testConfig(),
    database: await createTestDatabase(),
    logger: pino({ level: 'silent' }),
    clock,
    startWorkers: false,
  });
  return {
    runtime,
    clock,
    as: (actor) => runtime.context(actor),
    async createUser(name, email) {
      counter += 1;
      const actor: Actor = {
        userId: randomUUID(),
        name,
        email: email ?? `${name.toLowerCase().replace(/\W+/g, '.')}.${counter}@example.test`,
        isPlatformAdmin: false,
      };
      await runtime.database.db
        .insert(users)
        .values({ id: actor.userId, name: actor.name, email: actor.email });
      return actor;
    },
    close: () => runtime.close(),
  };
}
