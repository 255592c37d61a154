/**
 * Seats, counted one way for match runs and self-match (ADRs 016, 017). Seats are the person's, not the
 * program's: a mentor's seats taken are the active mentees in every active relationship they mentor in,
 * in every program of every organization, and their capacity (read from their application in the
 * program at hand) is "mentees at once, everywhere". A mentee is matched once they hold an active seat.
 */
import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { relationshipParticipants } from '../../db/schema.ts';
import type { Queryable } from '../context.ts';
import type { ProgramRow } from '../programs/program-access.ts';

/** Users per query, well under PostgreSQL's bind-parameter limit. */
const BATCH = 5000;

/**
 * Seats taken by each of these users as a mentor: active mentees in the relationships where the user
 * is an active mentor, across every program. `exceptRelationshipIds` leaves out relationships the caller
 * counts itself (an incremental run's kept circles). Users with none are absent from the map.
 */
export async function countMentorSeats(
  db: Queryable,
  userIds: readonly string[],
  options: { exceptRelationshipIds?: readonly string[] } = {},
): Promise<Map<string, number>> {
  const seats = new Map<string, number>();
  const unique = [...new Set(userIds)];
  const except = [...new Set(options.exceptRelationshipIds ?? [])];
  const mentor = relationshipParticipants;
  const mentee = alias(relationshipParticipants, 'mentee');
  for (let k = 0; k < unique.length; k += BATCH) {
    const rows = await db
      .select({ userId: mentor.userId, seats: sql<number>`count(*)::int` })
      .from(mentor)
      .innerJoin(
        mentee,
        and(
          eq(mentee.relationshipId, mentor.relationshipId),
          eq(mentee.role, 'mentee'),
          eq(mentee.isActive, true),
        ),
      )
      .where(
        and(
          inArray(mentor.userId, unique.slice(k, k + BATCH)),
          eq(mentor.role, 'mentor'),
          eq(mentor.isActive, true),
          except.length > 0 ? notInArray(mentor.relationshipId, except) : undefined,
        ),
      )
      .groupBy(mentor.userId);
    for (const row of rows) seats.set(row.userId, Number(row.seats));
  }
  return seats;
}

/** The mentee applications among these that already hold an active seat (they have a mentor). */
export async function listMatchedMentees(
  db: Queryable,
  menteeApplicationIds: readonly string[],
): Promise<Set<string>> {
  const matched = new Set<string>();
  const unique = [...new Set(menteeApplicationIds)];
  for (let k = 0; k < unique.length; k += BATCH) {
    const rows = await db
      .selectDistinct({ applicationId: relationshipParticipants.applicationId })
      .from(relationshipParticipants)
      .where(
        and(
          inArray(relationshipParticipants.applicationId, unique.slice(k, k + BATCH)),
          eq(relationshipParticipants.role, 'mentee'),
          eq(relationshipParticipants.isActive, true),
        ),
      );
    for (const row of rows) matched.add(row.applicationId);
  }
  return matched;
}

/**
 * The mentees a mentor takes at once, everywhere: the capacity on their application, else the
 * program's default (in a group program, one circle: the group size).
 */
export function mentorCapacity(
  application: { capacity: number | null },
  program: Pick<ProgramRow, 'format' | 'groupSize' | 'defaultMentorCapacity'>,
): number {
  if (application.capacity !== null) return application.capacity;
  return program.format === 'group' ? (program.groupSize ?? 1) : program.defaultMentorCapacity;
}
