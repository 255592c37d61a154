import { asc, eq } from 'drizzle-orm';
import { memberships, programCoordinators, users } from '../../db/schema.ts';
import type { AppContext, Queryable } from '../context.ts';
import { permissionsOf, requireVisibleProgram } from './records.ts';

export interface ListProgramCoordinatorsInput {
  programId: string;
}

/** A member made coordinator of one program. */
export interface ProgramCoordinatorRecord {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  addedAt: Date;
}

export interface ProgramCoordinatorListing {
  coordinators: ProgramCoordinatorRecord[];
  /** Whether the viewer may add and remove them (organization admins and coordinators). */
  canManage: boolean;
}

/** The coordinators of one program, by name. */
export async function selectProgramCoordinators(
  db: Queryable,
  programId: string,
): Promise<ProgramCoordinatorRecord[]> {
  return db
    .select({
      membershipId: programCoordinators.membershipId,
      userId: users.id,
      name: users.name,
      email: users.email,
      addedAt: programCoordinators.createdAt,
    })
    .from(programCoordinators)
    .innerJoin(memberships, eq(memberships.id, programCoordinators.membershipId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(programCoordinators.programId, programId))
    .orderBy(asc(users.name), asc(programCoordinators.membershipId));
}

/** The members made coordinator of this program (seen by those who run it). */
export async function listProgramCoordinators(
  ctx: AppContext,
  input: ListProgramCoordinatorsInput,
): Promise<ProgramCoordinatorListing> {
  const { scope, cohorts } = await requireVisibleProgram(ctx, input.programId, { manage: true });
  const can = permissionsOf(scope, scope.program, cohorts);
  return {
    coordinators: await selectProgramCoordinators(ctx.db, scope.program.id),
    canManage: can.manageCoordinators,
  };
}
