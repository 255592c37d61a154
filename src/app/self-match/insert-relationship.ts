/**
 * Writes one relationship with its two participants (the mentor's and the mentee's seats). The caller
 * has checked capacity under the locks of ADR 017 and passes its transaction's `db`. Publishing a match
 * run writes its own (src/app/match-runs); the two are to be unified.
 */
import { randomUUID } from 'node:crypto';
import { relationshipParticipants, relationships } from '../../db/schema.ts';
import type { Queryable } from '../context.ts';

export interface NewRelationship {
  organizationId: string;
  programId: string;
  cohortId: string;
  mentor: { applicationId: string; userId: string };
  mentee: { applicationId: string; userId: string };
  startedAt: Date;
  /** The accepted self-match request it came from. */
  matchRequestId?: string;
  /** The published run it came from. */
  matchRunId?: string;
}

/** Inserts the relationship and both participants (active seats); returns the relationship's id. */
export async function insertRelationship(db: Queryable, input: NewRelationship): Promise<string> {
  const id = randomUUID();
  await db.insert(relationships).values({
    id,
    organizationId: input.organizationId,
    programId: input.programId,
    cohortId: input.cohortId,
    status: 'starting',
    matchRequestId: input.matchRequestId ?? null,
    matchRunId: input.matchRunId ?? null,
    startedAt: input.startedAt,
    createdAt: input.startedAt,
    updatedAt: input.startedAt,
  });
  await db.insert(relationshipParticipants).values([
    {
      organizationId: input.organizationId,
      relationshipId: id,
      applicationId: input.mentor.applicationId,
      userId: input.mentor.userId,
      role: 'mentor',
      isActive: true,
      createdAt: input.startedAt,
    },
    {
      organizationId: input.organizationId,
      relationshipId: id,
      applicationId: input.mentee.applicationId,
      userId: input.mentee.userId,
      role: 'mentee',
      isActive: true,
      createdAt: input.startedAt,
    },
  ]);
  return id;
}
