/**
 * ctx.transaction on a real database (PGlite by default, PostgreSQL with DATABASE_URL): the callback's
 * context writes in the transaction, its emails commit or roll back with it, nested calls join it, and
 * outside production a use case that reaches for the outer context inside it fails at once instead of
 * waiting forever on the embedded database's single connection.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../tests/support/app.ts';
import { openTestbed, type Testbed } from '../../tests/support/testbed.ts';
import { emails, organizations } from '../db/schema.ts';
import { createAppContext, type AppContext } from './context.ts';

let bed: Testbed;
beforeAll(async () => {
  bed = await openTestbed();
});
afterAll(async () => bed.close());

const db = () => bed.runtime.database.db;

async function insertOrganization(ctx: AppContext, name: string): Promise<string> {
  const id = randomUUID();
  await ctx.db.insert(organizations).values({ id, name, kind: 'law_firm', timeZone: 'Europe/London' });
  return id;
}

async function organizationNamed(name: string) {
  return db().select().from(organizations).where(eq(organizations.name, name));
}

async function deliveryJobsFor(emailId: string): Promise<number> {
  const { rows } = await bed.runtime.database.raw.query<{ count: string | number }>(
    `select count(*) as count from pgboss.job where name = 'send-email' and data->>'emailId' = $1`,
    [emailId],
  );
  return Number(rows[0]?.count ?? 0);
}

const email = (to: string) => ({ to, subject: 'Hello', text: 'Hello', template: 'test' });

/** Settles within `ms`, or says that it hung (what the embedded database did before the guard). */
async function withinSeconds<T>(promise: Promise<T>, seconds = 5): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still waiting after ${seconds} s`)), seconds * 1000);
  });
  try {
    return await Promise.race([promise, hung]);
  } finally {
    clearTimeout(timer);
  }
}

describe('ctx.transaction', () => {
  it('commits what the callback wrote when it resolves, and returns its value', async () => {
    const ctx = bed.as(null);
    const id = await ctx.transaction(async (tx) => insertOrganization(tx, 'Committed LLP'));
    expect((await organizationNamed('Committed LLP')).map((row) => row.id)).toEqual([id]);
  });

  it('rolls back everything the callback wrote when it throws', async () => {
    const ctx = bed.as(null);
    await expect(
      ctx.transaction(async (tx) => {
        await insertOrganization(tx, 'Rolled Back LLP');
        expect(
          await tx.db.select().from(organizations).where(eq(organizations.name, 'Rolled Back LLP')),
        ).toHaveLength(1);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await organizationNamed('Rolled Back LLP')).toEqual([]);
  });

  it('keeps the actor and services on the context it hands the callback', async () => {
    const actor = await bed.createUser('Tara Transaction');
    const ctx = bed.as(actor);
    await ctx.transaction(async (tx) => {
      expect(tx.actor).toEqual(actor);
      expect(tx.config).toBe(ctx.config);
      expect(tx.clock).toBe(ctx.clock);
    });
  });

  it('joins the open transaction when nested: one rollback undoes both levels', async () => {
    const ctx = bed.as(null);
    const txids: string[] = [];
    const currentTransaction = async (c: AppContext) => {
      // node-postgres and PGlite both answer with `{ rows }`; drizzle types them differently.
      const result: unknown = await c.db.execute(sql`select txid_current()::text as id`);
      return (result as { rows: Array<{ id: string }> }).rows[0].id;
    };
    await expect(
      ctx.transaction(async (tx) => {
        txids.push(await currentTransaction(tx));
        await insertOrganization(tx, 'Outer Level LLP');
        await tx.transaction(async (inner) => {
          txids.push(await currentTransaction(inner));
          await insertOrganization(inner, 'Inner Level LLP');
        });
        throw new Error('undo both');
      }),
    ).rejects.toThrow('undo both');
    expect(txids[0]).toBe(txids[1]);
    expect(await organizationNamed('Outer Level LLP')).toEqual([]);
    expect(await organizationNamed('Inner Level LLP')).toEqual([]);
  });
});

describe('emails sent inside ctx.transaction', () => {
  it('are recorded, with their delivery job, only when the transaction commits', async () => {
    const ctx = bed.as(null);
    let rolledBackId = '';
    await expect(
      ctx.transaction(async (tx) => {
        rolledBackId = (await tx.mailer.enqueue(email('rolled.back@example.test'))).id;
        throw new Error('abandon');
      }),
    ).rejects.toThrow('abandon');
    expect(await db().select().from(emails).where(eq(emails.to, 'rolled.back@example.test'))).toEqual([]);
    expect(await deliveryJobsFor(rolledBackId)).toBe(0);

    const { id } = await ctx.transaction(async (tx) => tx.mailer.enqueue(email('committed@example.test')));
    expect(await db().select().from(emails).where(eq(emails.to, 'committed@example.test'))).toHaveLength(1);
    expect(await deliveryJobsFor(id)).toBe(1);
  });

  it('are recorded with their job by the outer mailer too, in a transaction of its own', async () => {
    const { id } = await bed.as(null).mailer.enqueue(email('outside@example.test'));
    expect(await db().select().from(emails).where(eq(emails.id, id))).toHaveLength(1);
    expect(await deliveryJobsFor(id)).toBe(1);
  });
});

describe('the outer context inside its own transaction (tests and development)', () => {
  /** A use case with the mistake this guard exists for: a query on ctx.db instead of tx.db. */
  async function renameOrganizationWrongly(ctx: AppContext, id: string): Promise<void> {
    await ctx.transaction(async (tx) => {
      await tx.db.update(organizations).set({ name: 'Renamed LLP' }).where(eq(organizations.id, id));
      await ctx.db.select().from(organizations).where(eq(organizations.id, id));
    });
  }

  it('throws a clear error at once instead of hanging, and nothing is written', async () => {
    const ctx = bed.as(null);
    const id = await insertOrganization(ctx, 'Unrenamed LLP');
    await expect(withinSeconds(renameOrganizationWrongly(ctx, id))).rejects.toThrow(
      /outer context was used inside its own ctx\.transaction.*use the context the callback receives/s,
    );
    expect((await organizationNamed('Unrenamed LLP')).map((row) => row.id)).toEqual([id]);
  });

  it('refuses the outer mailer and a transaction opened on the outer context as well', async () => {
    const ctx = bed.as(null);
    await expect(
      withinSeconds(ctx.transaction(async () => ctx.mailer.enqueue(email('wrong.mailer@example.test')))),
    ).rejects.toThrow(/outer context/);
    await expect(
      withinSeconds(ctx.transaction(async () => ctx.transaction(async (tx) => insertOrganization(tx, 'X')))),
    ).rejects.toThrow(/outer context/);
    expect(await db().select().from(emails).where(eq(emails.to, 'wrong.mailer@example.test'))).toEqual([]);
  });

  it('is per context: another context, and this one outside the callback, still reach the database', async () => {
    const ctx = bed.as(null);
    const otherRequest = bed.as(null);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let opened!: () => void;
    const isOpen = new Promise<void>((resolve) => (opened = resolve));
    const transaction = ctx.transaction(async (tx) => {
      await insertOrganization(tx, 'Concurrent LLP');
      opened();
      await gate;
    });
    await isOpen;
    // Neither is inside the callback: on PGlite they wait for the transaction, on PostgreSQL they run.
    const fromOtherRequest = otherRequest.db.select().from(organizations).limit(1);
    const fromOutsideCallback = ctx.db.select().from(organizations).limit(1);
    release();
    await transaction;
    await expect(withinSeconds(fromOtherRequest)).resolves.toBeInstanceOf(Array);
    await expect(withinSeconds(fromOutsideCallback)).resolves.toBeInstanceOf(Array);
    expect(await organizationNamed('Concurrent LLP')).toHaveLength(1);
  });

  it("refuses a transaction's context once its transaction has ended", async () => {
    let kept: AppContext | undefined;
    await bed.as(null).transaction(async (tx) => {
      kept = tx;
    });
    expect(() => kept!.db.select()).toThrow(/after its transaction ended/);
    await expect(kept!.mailer.enqueue(email('late@example.test'))).rejects.toThrow(
      /after its transaction ended/,
    );
  });

  it('is off in production, where ctx.db is the database itself', async () => {
    const services = {
      database: db(),
      config: testConfig({ NODE_ENV: 'production' }),
      clock: bed.clock,
      logger: bed.runtime.logger,
      mailer: bed.runtime.mailer,
    };
    const production = createAppContext(services, null);
    expect(production.db).toBe(db());
    const test = createAppContext({ ...services, config: testConfig() }, null);
    expect(test.db).not.toBe(db());
  });
});

describe('withActor', () => {
  it('acts as another person on the same services, with a transaction guard of its own', async () => {
    const actor = await bed.createUser('Wanda With');
    const anonymous = bed.as(null);
    const signedIn = anonymous.withActor(actor);
    expect(signedIn.actor).toEqual(actor);
    expect(anonymous.actor).toBeNull();
    await signedIn.transaction(async (tx) => {
      expect(tx.actor).toEqual(actor);
      // The anonymous context is another context: using it here is not the mistake the guard catches.
      expect(() => anonymous.db.select()).not.toThrow();
    });
  });
});
