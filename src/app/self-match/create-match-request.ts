import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { CreateMatchRequestRequest } from '../../contracts/self-match.ts';
import { AppError } from '../../core/errors.ts';
import { explainExclusion } from '../../core/matching/index.ts';
import {
  assertMentorHasSeat,
  assertPendingLimit,
  assertSelfMatchOpen,
  requestExpiresAt,
} from '../../core/self-match/index.ts';
import { applications, matchRequests, users } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import { requireProgram } from '../programs/program-access.ts';
import { matchRequestReceivedEmail, requestsUrl } from './emails.ts';
import { loadMatchRequestView, type MatchRequestView } from './match-request-views.ts';
import { countMentorSeats, listMatchedMentees, mentorCapacity } from '../relationships/mentor-seats.ts';
import { lockPeople } from '../relationships/person-locks.ts';
import {
  countOpenRequests,
  menteeProfileOf,
  mentorProfileOf,
  requireOwnMenteeApplication,
  selfMatchSettings,
} from './self-match-data.ts';

export interface CreateMatchRequestInput extends CreateMatchRequestRequest {
  programId: string;
}

/**
 * A mentee asks a mentor of their cohort to mentor them. Refused when the mentee already has a mentor
 * (INVALID_STATE), has the most pending requests the program allows or the mentor has no open seat
 * (CAPACITY_REACHED), already asked this mentor (CONFLICT), or a hard constraint rules the pair out
 * (FORBIDDEN). The mentee's lock makes the pending limit hold under concurrent requests (ADR 017).
 */
export async function createMatchRequest(
  ctx: AppContext,
  input: CreateMatchRequestInput,
): Promise<MatchRequestView> {
  const { program } = await requireProgram(ctx, input.programId);
  const menteeUserId = ctx.actor!.userId;
  const own = await requireOwnMenteeApplication(ctx.db, program, menteeUserId);
  assertSelfMatchOpen(program, own.cohort);
  const [mentor] = await ctx.db
    .select({ application: applications, name: users.name, email: users.email })
    .from(applications)
    .innerJoin(users, eq(users.id, applications.userId))
    .where(
      and(
        eq(applications.id, input.mentorApplicationId),
        eq(applications.cohortId, own.cohort.id),
        eq(applications.role, 'mentor'),
        eq(applications.status, 'approved'),
      ),
    )
    .limit(1);
  if (!mentor) throw AppError.notFound('Mentor');
  if (mentor.application.userId === menteeUserId) {
    throw new AppError('INVALID_STATE', 'You cannot ask yourself to be your mentor');
  }
  const now = ctx.clock.now();
  const requestId = await ctx.transaction(async (tx) => {
    await lockPeople(tx.db, [menteeUserId, mentor.application.userId]);
    if ((await listMatchedMentees(tx.db, [own.application.id])).has(own.application.id)) {
      throw new AppError('INVALID_STATE', `You already have a mentor in ${program.name}`);
    }
    // Requests past their expiry that the job has not marked yet: mark them now, so that they neither
    // count against the limit nor block a new request to the same mentor.
    await tx.db
      .update(matchRequests)
      .set({ status: 'expired', decidedAt: now })
      .where(
        and(
          eq(matchRequests.menteeApplicationId, own.application.id),
          eq(matchRequests.status, 'pending'),
          sql`${matchRequests.expiresAt} <= ${now.toISOString()}`,
        ),
      );
    const [existing] = await tx.db
      .select({ id: matchRequests.id })
      .from(matchRequests)
      .where(
        and(
          eq(matchRequests.menteeApplicationId, own.application.id),
          eq(matchRequests.mentorApplicationId, mentor.application.id),
          eq(matchRequests.status, 'pending'),
        ),
      )
      .limit(1);
    if (existing) {
      throw new AppError('CONFLICT', `You already have a pending request to ${mentor.name}`, {
        requestId: existing.id,
      });
    }
    assertPendingLimit(await countOpenRequests(tx.db, own.application.id, now), program.maxPendingRequests);
    const seats =
      (await countMentorSeats(tx.db, [mentor.application.userId])).get(mentor.application.userId) ?? 0;
    assertMentorHasSeat(mentorCapacity(mentor.application, program), seats);
    const exclusions = explainExclusion(
      menteeProfileOf(own.application, now),
      mentorProfileOf(mentor.application, program, seats, now),
      selfMatchSettings(program, now),
    );
    if (exclusions.length > 0) {
      throw new AppError(
        'FORBIDDEN',
        `A rule of ${program.name} rules this mentor out: ${exclusions[0].message}`,
        {
          constraints: exclusions.map((reason) => reason.code),
        },
      );
    }
    const id = randomUUID();
    const expiresAt = requestExpiresAt(now, program.requestExpiryDays);
    await tx.db.insert(matchRequests).values({
      id,
      organizationId: program.organizationId,
      programId: program.id,
      cohortId: own.cohort.id,
      menteeApplicationId: own.application.id,
      mentorApplicationId: mentor.application.id,
      note: input.note,
      status: 'pending',
      expiresAt,
      createdAt: now,
    });
    await tx.mailer.enqueue(
      matchRequestReceivedEmail({
        mentor: { name: mentor.name, email: mentor.email },
        menteeName: ctx.actor!.name,
        programName: program.name,
        note: input.note,
        expiresAt,
        url: requestsUrl(ctx.config.publicUrl, program.organizationId),
        requestId: id,
      }),
    );
    return id;
  });
  return loadMatchRequestView(ctx.db, requestId);
}
