/**
 * Self-match under concurrency, on PostgreSQL (ADR 017): 200 acceptances fired at once, each through
 * the use case on its own context and pool connection. Capacity is never exceeded (seats counted across
 * programs), no mentee gets two mentors, and every refused acceptance is CAPACITY_REACHED or
 * INVALID_STATE.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect } from 'vitest';
import { respondToMatchRequest } from '../../src/app/self-match/respond-to-match-request.ts';
import { isAppError } from '../../src/core/errors.ts';
import { emails, matchRequests, relationshipParticipants } from '../../src/db/schema.ts';
import { createOrganization, signedIn } from '../support/api.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createTestDatabase } from '../support/database.ts';
import { itOnPostgres } from '../support/postgres.ts';
import {
  insertActiveRelationship,
  insertApplication,
  insertMember,
  insertSelfMatchProgram,
} from '../support/self-match-fixtures.ts';

const MENTEES = 40;
/** Mentor capacities; the last mentor already has one seat taken in another program. */
const CAPACITIES = [2, 2, 2, 3, 2];
const SEATS_TAKEN_ELSEWHERE = [0, 0, 0, 0, 1];
/** Connections in the pool: several acceptances really run at the same time. */
const POOL_SIZE = 20;

let t: TestApp | undefined;
afterAll(async () => t?.close());

describe('self-match under concurrency', () => {
  itOnPostgres(
    '200 concurrent accepts never exceed capacity and never give a mentee two mentors',
    async () => {
      t = await createTestApp({ database: await createTestDatabase({ poolSize: POOL_SIZE }) });
      const db = t.runtime.database.db;
      const admin = await signedIn(t, 'Concurrency Admin');
      const organizationId = (await createOrganization(admin, { name: 'Busy Bar' })).id;
      const program = await insertSelfMatchProgram(db, organizationId, {
        maxPendingRequests: CAPACITIES.length,
      });
      const other = await insertSelfMatchProgram(db, organizationId, {
        name: 'Other program',
        cohortState: 'running',
      });

      const mentors: Array<
        Awaited<ReturnType<typeof insertMember>> & { applicationId: string; capacity: number }
      > = [];
      for (const [k, capacity] of CAPACITIES.entries()) {
        const person = await insertMember(db, organizationId, `Mentor ${k}`);
        const applicationId = await insertApplication(db, program, {
          role: 'mentor',
          userId: person.userId,
          capacity,
        });
        for (let s = 0; s < SEATS_TAKEN_ELSEWHERE[k]; s++) {
          const elsewhere = await insertMember(db, organizationId, `Elsewhere ${k}.${s}`);
          await insertActiveRelationship(
            db,
            other,
            {
              applicationId: await insertApplication(db, other, { role: 'mentor', userId: person.userId }),
              userId: person.userId,
            },
            {
              applicationId: await insertApplication(db, other, { role: 'mentee', userId: elsewhere.userId }),
              userId: elsewhere.userId,
            },
          );
        }
        mentors.push({ ...person, applicationId, capacity });
      }
      const mentees = [];
      for (let i = 0; i < MENTEES; i++) {
        const person = await insertMember(db, organizationId, `Mentee ${i}`);
        mentees.push({
          ...person,
          applicationId: await insertApplication(db, program, { role: 'mentee', userId: person.userId }),
        });
      }
      // Every mentee asks every mentor: 200 pending requests.
      const requests = mentees.flatMap((mentee) =>
        mentors.map((mentor) => ({
          id: randomUUID(),
          organizationId,
          programId: program.programId,
          cohortId: program.cohortId,
          menteeApplicationId: mentee.applicationId,
          mentorApplicationId: mentor.applicationId,
          expiresAt: new Date(Date.now() + 14 * 86_400_000),
          mentor,
        })),
      );
      await db.insert(matchRequests).values(requests.map(({ mentor: _mentor, ...row }) => row));
      expect(requests).toHaveLength(200);

      // A fixed shuffle, so that mentors' and mentees' acceptances interleave.
      const order = requests
        .map((request, k) => ({ request, key: (k * 7919) % requests.length }))
        .sort((a, b) => a.key - b.key)
        .map((entry) => entry.request);
      const outcomes = await Promise.allSettled(
        order.map((request) =>
          respondToMatchRequest(
            t!.runtime.context({
              userId: request.mentor.userId,
              email: request.mentor.email,
              name: request.mentor.name,
              isPlatformAdmin: false,
            }),
            { requestId: request.id, response: 'accept', message: '' },
          ),
        ),
      );

      const accepted = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
      const codes: Record<string, number> = {};
      for (const outcome of refused) {
        const reason: unknown = outcome.reason;
        const code = isAppError(reason) ? reason.code : `unexpected: ${String(reason)}`;
        codes[code] = (codes[code] ?? 0) + 1;
      }
      console.log(
        `self-match concurrency: ${outcomes.length} accepts, ${accepted.length} accepted, ${refused.length} refused ${JSON.stringify(codes)}`,
      );
      expect(
        Object.keys(codes).filter((code) => code !== 'CAPACITY_REACHED' && code !== 'INVALID_STATE'),
      ).toEqual([]);
      const openSeats = CAPACITIES.reduce((sum, capacity, k) => sum + capacity - SEATS_TAKEN_ELSEWHERE[k], 0);
      // More mentees than seats, and every mentee asked every mentor: every open seat is filled, once.
      expect(accepted).toHaveLength(openSeats);

      const seats = await db
        .select()
        .from(relationshipParticipants)
        .where(eq(relationshipParticipants.isActive, true));
      for (const mentor of mentors) {
        const taken = seats.filter((seat) => seat.userId === mentor.userId && seat.role === 'mentor').length;
        expect(taken, `${mentor.name}'s seats across programs`).toBe(mentor.capacity);
      }
      for (const mentee of mentees) {
        const mentorsOf = seats.filter(
          (seat) => seat.applicationId === mentee.applicationId && seat.role === 'mentee',
        );
        expect(mentorsOf.length, `${mentee.name}'s mentors`).toBeLessThanOrEqual(1);
      }
      const rows = await db
        .select()
        .from(matchRequests)
        .where(eq(matchRequests.programId, program.programId));
      expect(rows.filter((row) => row.status === 'accepted')).toHaveLength(openSeats);
      const matchedMentees = new Set(
        rows.filter((row) => row.status === 'accepted').map((row) => row.menteeApplicationId),
      );
      expect(matchedMentees.size).toBe(openSeats);
      // The first acceptance won: a matched mentee has nothing left pending.
      expect(
        rows.filter((row) => matchedMentees.has(row.menteeApplicationId) && row.status === 'pending'),
      ).toEqual([]);
      const acceptanceEmails = await db
        .select()
        .from(emails)
        .where(and(eq(emails.template, 'match-request-accepted')));
      expect(acceptanceEmails).toHaveLength(2 * openSeats);
    },
    120_000,
  );
});
