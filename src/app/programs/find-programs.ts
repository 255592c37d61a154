import { and, desc, eq, exists, ilike, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { FindProgramsQuery } from '../../contracts/programs.ts';
import { canCreateProgram, programPermissions } from '../../core/policies/programs.ts';
import { MEMBER_VISIBLE_COHORT_STATES } from '../../core/programs/cohort-states.ts';
import { cohorts, programCoordinators, programs } from '../../db/schema.ts';
import { inOrganization, requireMembership } from '../access.ts';
import type { AppContext } from '../context.ts';
import { loadProgramViews, type ProgramView } from './records.ts';

export interface FindProgramsInput {
  organizationId: string;
  query: FindProgramsQuery;
}

export interface ProgramPage {
  programs: ProgramView[];
  page: number;
  pageSize: number;
  total: number;
  canCreate: boolean;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The organization's programs the actor may see, filtered and paged, newest first: managers see all;
 * members see programs with a cohort past draft, and those they coordinate.
 */
export async function findPrograms(ctx: AppContext, input: FindProgramsInput): Promise<ProgramPage> {
  const scope = await requireMembership(ctx, input.organizationId);
  const { state, format, search, archived, page, pageSize } = input.query;
  const managesAll = canCreateProgram(scope.role);
  const cohortIn = (states: readonly (typeof cohorts.$inferSelect.state)[]) =>
    exists(
      ctx.db
        .select({ one: sql`1` })
        .from(cohorts)
        .where(and(eq(cohorts.programId, programs.id), inArray(cohorts.state, [...states]))),
    );
  const coordinates = exists(
    ctx.db
      .select({ one: sql`1` })
      .from(programCoordinators)
      .where(
        and(
          eq(programCoordinators.programId, programs.id),
          eq(programCoordinators.membershipId, scope.membershipId),
        ),
      ),
  );
  const words = search?.trim();
  const filters: Array<SQL | undefined> = [
    archived === 'true' ? isNotNull(programs.archivedAt) : isNull(programs.archivedAt),
    format ? eq(programs.format, format) : undefined,
    state ? cohortIn([state]) : undefined,
    words
      ? or(
          ilike(programs.name, `%${escapeLike(words)}%`),
          ilike(programs.description, `%${escapeLike(words)}%`),
        )
      : undefined,
    managesAll
      ? undefined
      : or(coordinates, and(isNull(programs.archivedAt), cohortIn(MEMBER_VISIBLE_COHORT_STATES))),
  ];
  const where = inOrganization(scope, programs.organizationId, ...filters);
  const [{ total }] = await ctx.db
    .select({ total: sql<number>`count(*)::int` })
    .from(programs)
    .where(where);
  const rows = await ctx.db
    .select()
    .from(programs)
    .where(where)
    .orderBy(desc(programs.createdAt), desc(programs.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const coordinated = managesAll
    ? new Set<string>()
    : new Set(
        (
          await ctx.db
            .select({ programId: programCoordinators.programId })
            .from(programCoordinators)
            .where(eq(programCoordinators.membershipId, scope.membershipId))
        ).map((row) => row.programId),
      );
  const views = await loadProgramViews(
    ctx.db,
    rows,
    (program, cohortRows, invitedCohortIds) =>
      programPermissions(
        { role: scope.role, isProgramCoordinator: coordinated.has(program.id) },
        {
          isArchived: program.archivedAt !== null,
          cohorts: cohortRows,
          enrolmentMode: program.enrolmentMode,
          invitedCohortIds,
        },
      ),
    ctx.actor?.email,
  );
  return { programs: views, page, pageSize, total, canCreate: managesAll };
}
