/**
 * The one place that writes relationships and their participants (the seats), for both ways a match is
 * made: publishing a match run (ADR 016) and accepting a self-match request (ADR 017). The caller has
 * taken the people's locks (`lockPeople`) and checked seats under them, and passes its transaction's db.
 */
import { randomUUID } from 'node:crypto';
import { relationshipParticipants, relationships } from '../../db/schema.ts';
import type { Queryable } from '../context.ts';

/** Rows per INSERT (a large run publishes thousands of participants). */
const CHUNK = 500;

/** A person taking a seat: their application in the cohort and their account. */
export interface RelationshipPerson {
  applicationId: string;
  userId: string;
}

/** Where a relationship came from, kept on it for provenance. */
export type RelationshipOrigin = { matchRunId: string } | { matchRequestId: string };

/** One relationship to create: a pair, or a circle (one or two mentors with several mentees). */
export interface NewRelationship {
  mentors: readonly RelationshipPerson[];
  mentees: readonly RelationshipPerson[];
}

export interface CreateRelationshipsInput {
  organizationId: string;
  programId: string;
  cohortId: string;
  origin: RelationshipOrigin;
  startedAt: Date;
  relationships: readonly NewRelationship[];
}

/** Newcomers joining a running relationship (an incremental run filling a circle's open places). */
export interface RelationshipJoin {
  relationshipId: string;
  mentors: readonly RelationshipPerson[];
  mentees: readonly RelationshipPerson[];
}

/**
 * Inserts each relationship (status `starting`) with an active seat per mentor and mentee; returns their
 * ids in the order given.
 */
export async function createRelationships(db: Queryable, input: CreateRelationshipsInput): Promise<string[]> {
  for (const relationship of input.relationships) {
    if (relationship.mentors.length === 0 || relationship.mentees.length === 0) {
      throw new Error('A relationship needs at least one mentor and one mentee');
    }
  }
  const ids = input.relationships.map(() => randomUUID());
  const rows = ids.map((id) => ({
    id,
    organizationId: input.organizationId,
    programId: input.programId,
    cohortId: input.cohortId,
    status: 'starting' as const,
    matchRunId: 'matchRunId' in input.origin ? input.origin.matchRunId : null,
    matchRequestId: 'matchRequestId' in input.origin ? input.origin.matchRequestId : null,
    startedAt: input.startedAt,
    createdAt: input.startedAt,
    updatedAt: input.startedAt,
  }));
  for (let k = 0; k < rows.length; k += CHUNK) {
    await db.insert(relationships).values(rows.slice(k, k + CHUNK));
  }
  await insertSeats(
    db,
    input.organizationId,
    input.startedAt,
    input.relationships.map((relationship, k) => ({ relationshipId: ids[k], ...relationship })),
  );
  return ids;
}

/** Adds active seats for newcomers to running relationships of the organization. */
export async function joinRelationships(
  db: Queryable,
  input: { organizationId: string; joinedAt: Date; joins: readonly RelationshipJoin[] },
): Promise<void> {
  await insertSeats(db, input.organizationId, input.joinedAt, input.joins);
}

async function insertSeats(
  db: Queryable,
  organizationId: string,
  createdAt: Date,
  seats: readonly RelationshipJoin[],
): Promise<void> {
  const rows = seats.flatMap(({ relationshipId, mentors, mentees }) =>
    [
      ...mentors.map((person) => ({ person, role: 'mentor' as const })),
      ...mentees.map((person) => ({ person, role: 'mentee' as const })),
    ].map(({ person, role }) => ({
      organizationId,
      relationshipId,
      applicationId: person.applicationId,
      userId: person.userId,
      role,
      isActive: true,
      createdAt,
    })),
  );
  for (let k = 0; k < rows.length; k += CHUNK) {
    await db.insert(relationshipParticipants).values(rows.slice(k, k + CHUNK));
  }
}
