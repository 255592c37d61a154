import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { FindApplicationsQuery } from '../../contracts/enrolment.ts';
import type { ApplicationStatus } from '../../core/programs/vocabulary.ts';
import { APPLICATION_STATUSES } from '../../core/programs/vocabulary.ts';
import { applications, users } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import { requireProgram } from '../programs/program-access.ts';
import { selectApplicationRecords, viewerOf, type ApplicationRecord } from './records.ts';

export interface FindApplicationsInput extends FindApplicationsQuery {
  programId: string;
}

export interface ApplicationQueue {
  applications: ApplicationRecord[];
  total: number;
  page: number;
  pageSize: number;
  /** Per status, under every filter but the status one. */
  counts: Record<ApplicationStatus, number>;
}

/** `%term%` for ILIKE, with the pattern characters of the term taken literally. */
function containing(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The review queue of a program (coordinators only): filtered by cohort, role, status, eligibility
 * status and a search on the applicant's name or email, oldest first (ties by id, so pages are stable),
 * with counts per status.
 */
export async function findApplications(
  ctx: AppContext,
  input: FindApplicationsInput,
): Promise<ApplicationQueue> {
  const scope = await requireProgram(ctx, input.programId, { manage: true });
  const filters: Array<SQL | undefined> = [
    eq(applications.organizationId, scope.organizationId),
    eq(applications.programId, input.programId),
    input.cohortId ? eq(applications.cohortId, input.cohortId) : undefined,
    input.role ? eq(applications.role, input.role) : undefined,
    input.eligibility ? sql`${applications.eligibility}->>'status' = ${input.eligibility}` : undefined,
    input.q ? or(ilike(users.name, containing(input.q)), ilike(users.email, containing(input.q))) : undefined,
  ];
  const withStatus = and(...filters, input.status ? eq(applications.status, input.status) : undefined);
  const countRows = await ctx.db
    .select({ status: applications.status, count: sql<number>`count(*)::int` })
    .from(applications)
    .innerJoin(users, eq(users.id, applications.userId))
    .where(and(...filters))
    .groupBy(applications.status);
  const counts = Object.fromEntries(APPLICATION_STATUSES.map((status) => [status, 0])) as Record<
    ApplicationStatus,
    number
  >;
  for (const row of countRows) counts[row.status] = Number(row.count);
  const total = input.status
    ? counts[input.status]
    : Object.values(counts).reduce((sum, count) => sum + count, 0);
  const rows = await selectApplicationRecords(ctx.db)
    .where(withStatus)
    .orderBy(asc(applications.submittedAt), asc(applications.id))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  const viewer = viewerOf(ctx.actor!.userId, scope);
  return {
    applications: rows.map((row) => ({ ...row, viewer })),
    total,
    page: input.page,
    pageSize: input.pageSize,
    counts,
  };
}
