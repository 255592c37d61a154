/**
 * The context every use case receives, and the one way to build it. A context carries the database, the
 * services and the actor; `ctx.transaction(fn)` hands `fn` a context bound to the transaction, whose
 * `db` is the transaction and whose mailer records inside it (see "Transactions" in
 * docs/ARCHITECTURE.md).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Clock } from '../core/clock.ts';
import type { Database, Executor } from '../db/client.ts';

/** The signed-in person a use case acts for. */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  isPlatformAdmin: boolean;
  /** How the request proved who it is: a browser session cookie or a personal API token. */
  authenticatedBy?: 'session' | 'api-token';
}

/** An email to send; the mailer records it and delivers it from a background job. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** What the email is about: `invitation`, `password-reset`, `email-verification` ... */
  template: string;
  metadata?: Record<string, unknown>;
  /**
   * Links in the body that grant access (reset, verification, invitation tokens). Once the email is
   * handed to the SMTP server they are erased from the stored copy. `metadata.url`, where templates
   * put their action link, always counts as one.
   */
  secretLinks?: string[];
}

export interface Mailer {
  /**
   * Records the email and queues its delivery. On a context from `ctx.transaction` both are part of
   * that transaction: a rolled-back transaction leaves no email and no delivery job.
   */
  enqueue(email: OutgoingEmail): Promise<{ id: string }>;
}

/**
 * The database as a use case sees it: queries only. Transactions are opened with `ctx.transaction`,
 * so that the mailer and nested calls follow the transaction.
 */
export type Queryable = Omit<Database, 'transaction'>;

/** A drizzle transaction (what `Database.transaction` hands its callback). */
type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** What every use case receives: the database, the clock, services, and (when signed in) the actor. */
export interface AppContext {
  /** The database, or the open transaction on a context from `transaction`. */
  db: Queryable;
  config: Config;
  clock: Clock;
  mailer: Mailer;
  logger: Logger;
  actor: Actor | null;
  /**
   * Runs `fn` in a transaction and hands it a context bound to it (same actor and services): its `db`
   * is the transaction and its mailer records inside it. Everything commits when `fn` resolves and
   * rolls back when it throws. Called on a transaction's context, it joins the open transaction.
   */
  transaction<T>(fn: (tx: this) => Promise<T>): Promise<T>;
  /** The same services acting as `actor` (the auth plugin resolves the actor after the context exists). */
  withActor(actor: Actor | null): AppContext;
}

/** A context with a signed-in actor. */
export type AuthenticatedContext = AppContext & { actor: Actor };

/** The shared services a context is built from (the runtime owns them). */
export interface ContextServices {
  database: Database;
  config: Config;
  clock: Clock;
  logger: Logger;
  /** Records an email and its delivery job in `executor`'s transaction (src/app/email/mailer.ts). */
  mailer: { enqueue(email: OutgoingEmail, executor: Executor): Promise<{ id: string }> };
}

/** One open `ctx.transaction`: which context opened it, and whether it is still open. */
interface OpenTransaction {
  owner: object;
  isOpen: boolean;
}

// The transactions whose callbacks the current async call chain runs in (only outside production).
const transactionsInScope = new AsyncLocalStorage<readonly OpenTransaction[]>();

function isInsideTransactionOf(owner: object): boolean {
  return (transactionsInScope.getStore() ?? []).some((open) => open.owner === owner && open.isOpen);
}

const OUTER_DATABASE_MESSAGE =
  'The outer context was used inside its own ctx.transaction(...): use the context the callback ' +
  'receives (tx.db, tx.mailer, tx.transaction). Outside the transaction this query would not see its ' +
  'writes, and on the embedded database it would wait for the transaction to end, forever.';
const CLOSED_TRANSACTION_MESSAGE =
  "A transaction's context was used after its transaction ended: keep database work inside the callback.";

/**
 * `target` whose every property access first runs `check`. Methods are bound to the target, so that
 * drizzle's own internals never see the proxy.
 */
function guarded<T extends object>(target: T, check: () => void): T {
  return new Proxy(target, {
    get(object, property) {
      check();
      const value: unknown = Reflect.get(object, property, object);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
    },
  });
}

/**
 * Builds a context acting as `actor` on the shared services. Outside production the context watches
 * its own transactions: using the outer `ctx.db`, `ctx.mailer` or `ctx.transaction` from inside
 * `ctx.transaction(fn)` throws at once (PGlite has one connection, so it would otherwise hang), and so
 * does using a transaction's context after the transaction ended. Each context watches only itself:
 * other contexts (other requests) use the database as usual.
 */
export function createAppContext(services: ContextServices, actor: Actor | null): AppContext {
  const isGuarded = services.config.env !== 'production';
  // Identifies this context's transactions; a new context (withActor) is a new owner.
  const owner = {};
  const refuseInsideOwnTransaction = () => {
    if (isInsideTransactionOf(owner)) throw new Error(OUTER_DATABASE_MESSAGE);
  };

  function transactionContext(tx: Transaction, open: OpenTransaction, as: Actor | null): AppContext {
    const context: AppContext = {
      db: isGuarded
        ? guarded<Queryable>(tx, () => {
            if (!open.isOpen) throw new Error(CLOSED_TRANSACTION_MESSAGE);
          })
        : tx,
      config: services.config,
      clock: services.clock,
      logger: services.logger,
      actor: as,
      mailer: {
        enqueue: async (email) => {
          if (isGuarded && !open.isOpen) throw new Error(CLOSED_TRANSACTION_MESSAGE);
          return services.mailer.enqueue(email, tx);
        },
      },
      // Nested: the callback joins the open transaction (no savepoint), so one rollback undoes all.
      transaction: async (fn) => {
        if (isGuarded && !open.isOpen) throw new Error(CLOSED_TRANSACTION_MESSAGE);
        return fn(context);
      },
      withActor: (other) => transactionContext(tx, open, other),
    };
    return context;
  }

  const context: AppContext = {
    db: isGuarded ? guarded<Queryable>(services.database, refuseInsideOwnTransaction) : services.database,
    config: services.config,
    clock: services.clock,
    logger: services.logger,
    actor,
    mailer: {
      // Its own transaction: the email row and its delivery job are written together or not at all.
      enqueue: (email) => context.transaction((tx) => tx.mailer.enqueue(email)),
    },
    transaction: async (fn) => {
      if (isGuarded) refuseInsideOwnTransaction();
      return services.database.transaction(async (tx) => {
        const open: OpenTransaction = { owner, isOpen: true };
        const bound = transactionContext(tx, open, actor);
        if (!isGuarded) return fn(bound);
        try {
          const outer = transactionsInScope.getStore() ?? [];
          return await transactionsInScope.run([...outer, open], () => fn(bound));
        } finally {
          open.isOpen = false;
        }
      });
    },
    withActor: (other) => createAppContext(services, other),
  };
  return context;
}
