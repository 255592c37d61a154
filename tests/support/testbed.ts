/**
 * Fixtures for use-case database tests: the real runtime (migrations, mailer) on a fresh copy
 * of the test database, a fixed clock, and users inserted directly so tests need no HTTP.
 */
import { randomUUID } from 'node:crypto';
import type { Actor, AppContext } from '../../src/app/context.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { users } from '../../src/db/schema.ts';
import type { Runtime } from '../../src/runtime.ts';
import { createTestRuntime } from './app.ts';

export const START = new Date('2026-03-02T15:00:00.000Z');

export interface Testbed {
  runtime: Runtime;
  clock: ReturnType<typeof fixedClock>;
  /** A use-case context acting as `actor` (null: anonymous). */
  as(actor: Actor | null): AppContext;
  /**
   * Inserts a user and returns them as an actor. Their email address is unconfirmed unless
   * `isEmailVerified` (sending invitations needs a confirmed one).
   */
  createUser(name: string, email?: string, options?: { isEmailVerified?: boolean }): Promise<Actor>;
  close(): Promise<void>;
}

let counter = 0;

/** Opens the runtime on a fresh test database with a clock fixed at `start` (default START). */
export async function openTestbed(start: Date = START): Promise<Testbed> {
  const clock = fixedClock(start);
  const runtime = await createTestRuntime({ clock });
  return {
    runtime,
    clock,
    as: (actor) => runtime.context(actor),
    async createUser(name, email, options = {}) {
      counter += 1;
      const actor: Actor = {
        userId: randomUUID(),
        name,
        email: email ?? `${name.toLowerCase().replace(/\W+/g, '.')}.${counter}@example.test`,
        isPlatformAdmin: false,
      };
      await runtime.database.db.insert(users).values({
        id: actor.userId,
        name: actor.name,
        email: actor.email,
        emailVerified: options.isEmailVerified ?? false,
      });
      return actor;
    },
    close: () => runtime.close(),
  };
}
