/** Self-match requests with what presenting them needs: both people, the program and the cohort. */
import { and, desc, eq, inArray, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { AppError, isAppError } from '../../core/errors.ts';
import { applications, matchRequests, programs, users } from '../../db/schema.ts';
import { requireActor } from '../access.ts';
import type { AppContext, Queryable } from '../context.ts';
import { requireProgram, type ProgramScope } from '../programs/program-access.ts';
import type { MatchRequestRow } from './self-match-data.ts';

/** A request as its presenter needs it. */
export interface MatchRequestView {
  request: MatchRequestRow;
  programName: string;
  mentee: { userId: string; name: string; email: string; applicationId: string };
  mentor: { userId: string; name: string; email: string; applicationId: string };
}

const menteeApplications = alias(applications, 'mentee_applications');
const mentorApplications = alias(applications, 'mentor_applications');
const menteeUsers = alias(users, 'mentee_users');
const mentorUsers = alias(users, 'mentor_users');

/** Requests matching `where` (on match_requests and the aliases), newest first. */
async function selectViews(db: Queryable, where: SQL | undefined): Promise<MatchRequestView[]> {
  const rows = await db
    .select({
      request: matchRequests,
      programName: programs.name,
      menteeUserId: menteeApplications.userId,
      menteeName: menteeUsers.name,
      menteeEmail: menteeUsers.email,
      mentorUserId: mentorApplications.userId,
      mentorName: mentorUsers.name,
      mentorEmail: mentorUsers.email,
    })
    .from(matchRequests)
    .innerJoin(programs, eq(programs.id, matchRequests.programId))
    .innerJoin(menteeApplications, eq(menteeApplications.id, matchRequests.menteeApplicationId))
    .innerJoin(mentorApplications, eq(mentorApplications.id, matchRequests.mentorApplicationId))
    .innerJoin(menteeUsers, eq(menteeUsers.id, menteeApplications.userId))
    .innerJoin(mentorUsers, eq(mentorUsers.id, mentorApplications.userId))
    .where(where)
    .orderBy(desc(matchRequests.createdAt), desc(matchRequests.id));
  return rows.map((row) => ({
    request: row.request,
    programName: row.programName,
    mentee: {
      userId: row.menteeUserId,
      name: row.menteeName,
      email: row.menteeEmail,
      applicationId: row.request.menteeApplicationId,
    },
    mentor: {
      userId: row.mentorUserId,
      name: row.mentorName,
      email: row.mentorEmail,
      applicationId: row.request.mentorApplicationId,
    },
  }));
}

/** One request, or NOT_FOUND. Callers then scope it with requireProgram. */
export async function loadMatchRequestView(db: Queryable, requestId: string): Promise<MatchRequestView> {
  const [view] = await selectViews(db, eq(matchRequests.id, requestId));
  if (!view) throw AppError.notFound('Match request');
  return view;
}

/** Requests where `userId` is the mentee or the mentor, optionally in one organization or program. */
export async function listMatchRequestViewsOf(
  db: Queryable,
  userId: string,
  filters: { organizationId?: string; programId?: string },
): Promise<MatchRequestView[]> {
  return selectViews(
    db,
    and(
      or(eq(menteeApplications.userId, userId), eq(mentorApplications.userId, userId)),
      filters.organizationId ? eq(matchRequests.organizationId, filters.organizationId) : undefined,
      filters.programId ? eq(matchRequests.programId, filters.programId) : undefined,
    ),
  );
}

/** Pending requests of one mentee application other than `exceptId`, with both people (for emails). */
export async function listPendingViewsOfMentee(
  db: Queryable,
  menteeApplicationId: string,
): Promise<MatchRequestView[]> {
  return selectViews(
    db,
    and(eq(matchRequests.menteeApplicationId, menteeApplicationId), eq(matchRequests.status, 'pending')),
  );
}

/** The requests with these ids. */
export async function listMatchRequestViewsByIds(
  db: Queryable,
  ids: readonly string[],
): Promise<MatchRequestView[]> {
  if (ids.length === 0) return [];
  return selectViews(db, inArray(matchRequests.id, [...ids]));
}

/**
 * One request scoped to the actor's organizations: a request in a program the actor cannot see reads
 * as NOT_FOUND, with the same message as a request that does not exist.
 */
export async function requireMatchRequest(
  ctx: AppContext,
  requestId: string,
): Promise<{ view: MatchRequestView; scope: ProgramScope }> {
  requireActor(ctx);
  const view = await loadMatchRequestView(ctx.db, requestId);
  try {
    return { view, scope: await requireProgram(ctx, view.request.programId) };
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') throw AppError.notFound('Match request');
    throw error;
  }
}
