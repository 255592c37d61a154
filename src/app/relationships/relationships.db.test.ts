/**
 * The one home of relationships on a real database (PGlite by default, PostgreSQL with DATABASE_URL):
 * creating them with their seats and provenance, seats counted as mentees across programs, and the
 * per-person locks taken in one statement, held to the end of the transaction.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  insertActiveRelationship,
  insertApplication,
  insertMember,
  insertSelfMatchProgram,
  type SelfMatchProgram,
} from '../../../tests/support/self-match-fixtures.ts';
import { itOnPostgres } from '../../../tests/support/postgres.ts';
import { openTestbed, type Testbed } from '../../../tests/support/testbed.ts';
import { organizations, relationshipParticipants, relationships } from '../../db/schema.ts';
import type { Queryable } from '../context.ts';
import { createRelationships, joinRelationships } from './create-relationships.ts';
import { countMentorSeats, listMatchedMentees, mentorCapacity } from './mentor-seats.ts';
import { lockPeople, personLockKey } from './person-locks.ts';

let bed: Testbed;
let organizationId: string;
let program: SelfMatchProgram;
let other: SelfMatchProgram;
beforeAll(async () => {
  bed = await openTestbed();
  organizationId = randomUUID();
  await db().insert(organizations).values({
    id: organizationId,
    name: 'Lane County Bar',
    kind: 'bar_association',
    timeZone: 'America/Los_Angeles',
  });
  program = await insertSelfMatchProgram(db(), organizationId);
  other = await insertSelfMatchProgram(db(), organizationId, { name: 'Other', cohortState: 'running' });
});
afterAll(async () => bed?.close());

const db = () => bed.runtime.database.db;

/** A member with an approved application in `where`. */
async function applicant(where: SelfMatchProgram, name: string, role: 'mentor' | 'mentee') {
  const person = await insertMember(db(), organizationId, name);
  return {
    userId: person.userId,
    applicationId: await insertApplication(db(), where, { role, userId: person.userId }),
  };
}

/** Rows of a raw query: node-postgres and PGlite both answer with `{ rows }`; drizzle types them apart. */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** The advisory-lock keys this session holds (a bigint key is stored as classid:objid, high:low). */
async function heldKeys(queryable: Queryable): Promise<string[]> {
  const result: unknown = await queryable.execute(sql`
    select ((classid::bigint << 32) | objid::bigint)::text as key from pg_locks
    where locktype = 'advisory' and objsubid = 1 and pid = pg_backend_pid()`);
  return rowsOf<{ key: string }>(result)
    .map((row) => row.key)
    .sort();
}

describe('createRelationships and joinRelationships', () => {
  it('writes a circle with its seats and where it came from, and seats newcomers later', async () => {
    const mentor = await applicant(program, 'Mira Mentor', 'mentor');
    const coMentor = await applicant(program, 'Cole Mentor', 'mentor');
    const mentees = [
      await applicant(program, 'Ada Mentee', 'mentee'),
      await applicant(program, 'Bo Mentee', 'mentee'),
    ];
    const runLike = randomUUID();
    const startedAt = new Date('2027-02-01T09:00:00Z');
    const ctx = bed.as(null);
    const [id] = await ctx.transaction(async (tx) =>
      createRelationships(tx.db, {
        organizationId,
        programId: program.programId,
        cohortId: program.cohortId,
        origin: { matchRequestId: runLike },
        startedAt,
        relationships: [{ mentors: [mentor, coMentor], mentees }],
      }),
    );
    const [row] = await db().select().from(relationships).where(eq(relationships.id, id));
    expect(row).toMatchObject({ status: 'starting', matchRequestId: runLike, matchRunId: null, startedAt });
    const seats = await db()
      .select()
      .from(relationshipParticipants)
      .where(eq(relationshipParticipants.relationshipId, id));
    expect(seats.map((seat) => `${seat.role}:${seat.userId}`).sort()).toEqual(
      [
        `mentor:${mentor.userId}`,
        `mentor:${coMentor.userId}`,
        ...mentees.map((mentee) => `mentee:${mentee.userId}`),
      ].sort(),
    );
    expect(seats.every((seat) => seat.isActive)).toBe(true);
    // Two mentors, two mentees: each mentor has two seats taken.
    const counted = await countMentorSeats(db(), [mentor.userId, coMentor.userId]);
    expect(Object.fromEntries(counted)).toEqual({ [mentor.userId]: 2, [coMentor.userId]: 2 });

    const late = await applicant(program, 'Cy Mentee', 'mentee');
    await ctx.transaction(async (tx) =>
      joinRelationships(tx.db, {
        organizationId,
        joinedAt: startedAt,
        joins: [{ relationshipId: id, mentors: [], mentees: [late] }],
      }),
    );
    expect((await countMentorSeats(db(), [mentor.userId])).get(mentor.userId)).toBe(3);
    expect(
      await listMatchedMentees(db(), [late.applicationId, ...mentees.map((m) => m.applicationId)]),
    ).toEqual(new Set([late.applicationId, ...mentees.map((m) => m.applicationId)]));
  });

  it('refuses a relationship without a mentor or a mentee', async () => {
    const mentee = await applicant(program, 'Lone Mentee', 'mentee');
    await expect(
      bed.as(null).transaction(async (tx) =>
        createRelationships(tx.db, {
          organizationId,
          programId: program.programId,
          cohortId: program.cohortId,
          origin: { matchRunId: randomUUID() },
          startedAt: new Date(),
          relationships: [{ mentors: [], mentees: [mentee] }],
        }),
      ),
    ).rejects.toThrow('at least one mentor');
  });
});

describe('seats', () => {
  it('counts a mentor’s active mentees in every program, leaving out what the caller keeps itself', async () => {
    const mentor = await applicant(program, 'Seth Mentor', 'mentor');
    const elsewhere = {
      userId: mentor.userId,
      applicationId: await insertApplication(db(), other, { role: 'mentor', userId: mentor.userId }),
    };
    const here = await insertActiveRelationship(
      db(),
      program,
      mentor,
      await applicant(program, 'Hal Mentee', 'mentee'),
    );
    await insertActiveRelationship(db(), other, elsewhere, await applicant(other, 'Oz Mentee', 'mentee'));
    const ended = await insertActiveRelationship(
      db(),
      other,
      elsewhere,
      await applicant(other, 'Ed Mentee', 'mentee'),
    );
    await db()
      .update(relationshipParticipants)
      .set({ isActive: false })
      .where(eq(relationshipParticipants.relationshipId, ended));
    const nobody = await applicant(program, 'Nia Mentor', 'mentor');

    const seats = await countMentorSeats(db(), [mentor.userId, nobody.userId]);
    expect(seats.get(mentor.userId)).toBe(2);
    expect(seats.has(nobody.userId)).toBe(false);
    expect(
      (await countMentorSeats(db(), [mentor.userId], { exceptRelationshipIds: [here] })).get(mentor.userId),
    ).toBe(1);
    expect(await countMentorSeats(db(), [])).toEqual(new Map());
  });

  it('reads capacity from the application, else the program (a circle’s group size in a group program)', () => {
    const oneToOne = { format: 'one_to_one' as const, groupSize: null, defaultMentorCapacity: 2 };
    expect(mentorCapacity({ capacity: 5 }, oneToOne)).toBe(5);
    expect(mentorCapacity({ capacity: null }, oneToOne)).toBe(2);
    expect(
      mentorCapacity({ capacity: null }, { format: 'group', groupSize: 4, defaultMentorCapacity: 2 }),
    ).toBe(4);
  });
});

describe('lockPeople', () => {
  it('takes every person’s lock in one statement and holds them until the transaction ends', async () => {
    const people = [randomUUID(), randomUUID(), randomUUID()];
    const expected = people.map((userId) => personLockKey(userId).toString()).sort();
    const ctx = bed.as(null);
    const held = await ctx.transaction(async (tx) => {
      await lockPeople(tx.db, [...people, people[0]]);
      return heldKeys(tx.db);
    });
    expect(held).toEqual(expected);
    expect(await ctx.transaction(async (tx) => heldKeys(tx.db))).toEqual([]);
    // Nobody to lock: nothing happens.
    await ctx.transaction(async (tx) => lockPeople(tx.db, []));
  });

  itOnPostgres('keeps another connection from the same person’s lock until it commits', async () => {
    const person = randomUUID();
    const key = personLockKey(person).toString();
    const ctx = bed.as(null);
    await ctx.transaction(async (tx) => {
      await lockPeople(tx.db, [person, randomUUID()]);
      // Another pool connection, outside this transaction, cannot take the lock now.
      const attempt: unknown = await db().execute(
        sql`select pg_try_advisory_lock(${key}::bigint) as granted`,
      );
      expect(rowsOf<{ granted: boolean }>(attempt)[0].granted).toBe(false);
    });
    const after: unknown = await db().execute(
      sql`select pg_try_advisory_xact_lock(${key}::bigint) as granted`,
    );
    expect(rowsOf<{ granted: boolean }>(after)[0].granted).toBe(true);
  });
});
