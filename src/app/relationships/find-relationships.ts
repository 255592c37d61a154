import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { ProgramRole, RelationshipStatus } from '../../core/programs/vocabulary.ts';
import {
  cohorts,
  organizations,
  programs,
  relationshipParticipants,
  relationships,
  users,
} from '../../db/schema.ts';
import { requireActor } from '../access.ts';
import type { AppContext } from '../context.ts';
import { requireProgram } from '../programs/program-access.ts';

export interface RelationshipView {
  id: string;
  organizationId: string;
  organizationName: string;
  programId: string;
  programName: string;
  cohortId: string;
  cohortName: string;
  status: RelationshipStatus;
  matchRunId: string | null;
  startedAt: Date;
  participants: Array<{ applicationId: string; userId: string; name: string; role: ProgramRole }>;
  myRole: ProgramRole | null;
}

/** Most relationships one page returns. */
const LIMIT = 2000;

/**
 * Relationships: a program's (`programId`; its managers see every one, any other member only those they
 * take part in), or the signed-in user's own across every organization (`mine`).
 */
export async function findRelationships(
  ctx: AppContext,
  input: { programId: string } | { mine: true },
): Promise<RelationshipView[]> {
  requireActor(ctx);
  const userId = ctx.actor.userId;
  const mine = ctx.db
    .select({ id: relationshipParticipants.relationshipId })
    .from(relationshipParticipants)
    .where(eq(relationshipParticipants.userId, userId));
  let filter: SQL;
  if ('programId' in input) {
    const scope = await requireProgram(ctx, input.programId);
    const inProgram = and(
      eq(relationships.organizationId, scope.organizationId),
      eq(relationships.programId, scope.program.id),
    ) as SQL;
    filter = scope.canManage ? inProgram : (and(inProgram, inArray(relationships.id, mine)) as SQL);
  } else {
    filter = inArray(relationships.id, mine);
  }
  const rows = await ctx.db
    .select({
      relationship: relationships,
      organizationName: organizations.name,
      programName: programs.name,
      cohortName: cohorts.name,
    })
    .from(relationships)
    .innerJoin(organizations, eq(organizations.id, relationships.organizationId))
    .innerJoin(programs, eq(programs.id, relationships.programId))
    .innerJoin(cohorts, eq(cohorts.id, relationships.cohortId))
    .where(filter)
    .orderBy(desc(relationships.startedAt), relationships.id)
    .limit(LIMIT);
  if (rows.length === 0) return [];
  const participants = await ctx.db
    .select({
      relationshipId: relationshipParticipants.relationshipId,
      applicationId: relationshipParticipants.applicationId,
      userId: relationshipParticipants.userId,
      role: relationshipParticipants.role,
      name: users.name,
    })
    .from(relationshipParticipants)
    .innerJoin(users, eq(users.id, relationshipParticipants.userId))
    .where(
      and(
        inArray(
          relationshipParticipants.relationshipId,
          rows.map((row) => row.relationship.id),
        ),
        eq(relationshipParticipants.isActive, true),
      ),
    )
    .orderBy(relationshipParticipants.role, users.name);
  const byRelationship = new Map<string, RelationshipView['participants']>();
  for (const { relationshipId, ...participant } of participants) {
    byRelationship.set(relationshipId, [...(byRelationship.get(relationshipId) ?? []), participant]);
  }
  return rows.map(({ relationship, organizationName, programName, cohortName }) => {
    const people = byRelationship.get(relationship.id) ?? [];
    return {
      id: relationship.id,
      organizationId: relationship.organizationId,
      organizationName,
      programId: relationship.programId,
      programName,
      cohortId: relationship.cohortId,
      cohortName,
      status: relationship.status,
      matchRunId: relationship.matchRunId,
      startedAt: relationship.startedAt,
      participants: people,
      myRole: people.find((person) => person.userId === userId)?.role ?? null,
    };
  });
}
