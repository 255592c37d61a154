import { and, eq, ne } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import {
  assertMentorHasSeat,
  assertRequestTransition,
  assertSelfMatchOpen,
} from '../../core/self-match/index.ts';
import { applications, cohorts, matchRequests } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import { createRelationships } from '../relationships/create-relationships.ts';
import { countMentorSeats, listMatchedMentees, mentorCapacity } from '../relationships/mentor-seats.ts';
import { lockPeople } from '../relationships/person-locks.ts';
import {
  matchRequestAcceptedEmails,
  matchRequestDeclinedEmail,
  matchRequestWithdrawnEmail,
  requestsUrl,
} from './emails.ts';
import {
  loadMatchRequestView,
  requireMatchRequest,
  listPendingViewsOfMentee,
  type MatchRequestView,
} from './match-request-views.ts';

export interface RespondToMatchRequestInput {
  requestId: string;
  response: 'accept' | 'decline';
  /** A message to the mentee. */
  message: string;
}

export interface MatchRequestResponded {
  view: MatchRequestView;
  /** The relationship an acceptance started. */
  relationshipId: string | null;
}

/**
 * The mentor addressed accepts or declines a pending request. Accepting runs in one transaction under
 * both people's advisory locks (ADR 017): it re-reads the request, re-counts the mentor's seats (active
 * mentees across every program; CAPACITY_REACHED when full) and the mentee's mentors (INVALID_STATE when they
 * have one), creates the relationship with both seats, withdraws the mentee's other pending requests,
 * and emails both sides.
 */
export async function respondToMatchRequest(
  ctx: AppContext,
  input: RespondToMatchRequestInput,
): Promise<MatchRequestResponded> {
  const { view, scope } = await requireMatchRequest(ctx, input.requestId);
  const { program } = scope;
  if (ctx.actor!.userId !== view.mentor.userId) {
    throw new AppError('FORBIDDEN', 'Only the mentor a request is addressed to can answer it');
  }
  const url = requestsUrl(ctx.config.publicUrl, program.organizationId);
  const relationshipId = await ctx.transaction(async (tx) => {
    const now = tx.clock.now();
    await lockPeople(tx.db, [view.mentor.userId, view.mentee.userId]);
    // Re-read under the locks: another transaction may have decided it while this one waited.
    const [request] = await tx.db.select().from(matchRequests).where(eq(matchRequests.id, view.request.id));
    assertRequestTransition(request, input.response, now);
    if (input.response === 'decline') {
      await tx.db
        .update(matchRequests)
        .set({ status: 'declined', decidedAt: now, responseMessage: input.message || null })
        .where(and(eq(matchRequests.id, request.id), eq(matchRequests.status, 'pending')));
      await tx.mailer.enqueue(
        matchRequestDeclinedEmail({
          mentee: view.mentee,
          mentorName: view.mentor.name,
          programName: program.name,
          message: input.message,
          url,
          requestId: request.id,
        }),
      );
      return null;
    }

    const [cohort] = await tx.db.select().from(cohorts).where(eq(cohorts.id, request.cohortId));
    assertSelfMatchOpen(program, cohort);
    const [mentorApplication] = await tx.db
      .select()
      .from(applications)
      .where(eq(applications.id, request.mentorApplicationId));
    if (mentorApplication.status !== 'approved') {
      throw new AppError(
        'INVALID_STATE',
        `Your application in ${program.name} is ${mentorApplication.status}`,
        {
          state: mentorApplication.status,
        },
      );
    }
    const seats = (await countMentorSeats(tx.db, [view.mentor.userId])).get(view.mentor.userId) ?? 0;
    assertMentorHasSeat(mentorCapacity(mentorApplication, program), seats);
    if ((await listMatchedMentees(tx.db, [request.menteeApplicationId])).has(request.menteeApplicationId)) {
      throw new AppError('INVALID_STATE', `${view.mentee.name} already has a mentor in ${program.name}`, {
        state: 'matched',
      });
    }
    const [accepted] = await tx.db
      .update(matchRequests)
      .set({ status: 'accepted', decidedAt: now, responseMessage: input.message || null })
      .where(and(eq(matchRequests.id, request.id), eq(matchRequests.status, 'pending')))
      .returning({ id: matchRequests.id });
    if (!accepted)
      throw new AppError('INVALID_STATE', 'This request is no longer pending', { state: 'changed' });
    const [id] = await createRelationships(tx.db, {
      organizationId: program.organizationId,
      programId: program.id,
      cohortId: request.cohortId,
      origin: { matchRequestId: request.id },
      startedAt: now,
      relationships: [
        {
          mentors: [{ applicationId: request.mentorApplicationId, userId: view.mentor.userId }],
          mentees: [{ applicationId: request.menteeApplicationId, userId: view.mentee.userId }],
        },
      ],
    });
    // The first acceptance wins: the mentee's other pending requests are withdrawn.
    const others = (await listPendingViewsOfMentee(tx.db, request.menteeApplicationId)).filter(
      (other) => other.request.id !== request.id,
    );
    await tx.db
      .update(matchRequests)
      .set({ status: 'withdrawn', decidedAt: now })
      .where(
        and(
          eq(matchRequests.menteeApplicationId, request.menteeApplicationId),
          eq(matchRequests.status, 'pending'),
          ne(matchRequests.id, request.id),
        ),
      );
    for (const email of matchRequestAcceptedEmails({
      mentee: view.mentee,
      mentor: view.mentor,
      programName: program.name,
      message: input.message,
      url,
      requestId: request.id,
    })) {
      await tx.mailer.enqueue(email);
    }
    for (const other of others) {
      await tx.mailer.enqueue(
        matchRequestWithdrawnEmail({
          mentor: other.mentor,
          menteeName: view.mentee.name,
          programName: other.programName,
          url,
          requestId: other.request.id,
        }),
      );
    }
    return id;
  });
  return { view: await loadMatchRequestView(ctx.db, input.requestId), relationshipId };
}
