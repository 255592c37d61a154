import { assertSelfMatchOpen, rankRecommendations } from '../../core/self-match/index.ts';
import type { AppContext } from '../context.ts';
import { requireProgram } from '../programs/program-access.ts';
import { loadMentorPool, type MentorPool } from './mentor-pool.ts';
import { requireOwnMenteeApplication } from './self-match-data.ts';

export interface GetRecommendedMentorsInput {
  programId: string;
  /** Most mentors to recommend. */
  limit: number;
}

/**
 * The mentors the engine scores best for the actor's own approved mentee application, with score and
 * reasons: full mentors and pairs that break a hard constraint are left out.
 */
export async function getRecommendedMentors(
  ctx: AppContext,
  input: GetRecommendedMentorsInput,
): Promise<MentorPool> {
  const { program } = await requireProgram(ctx, input.programId);
  const own = await requireOwnMenteeApplication(ctx.db, program, ctx.actor!.userId);
  assertSelfMatchOpen(program, own.cohort);
  const pool = await loadMentorPool(ctx.db, program, own, ctx.clock.now());
  const candidates = pool.mentors
    .filter((mentor) => mentor.remainingSeats > 0 && mentor.exclusions.length === 0)
    .map((mentor) => ({ ...mentor, id: mentor.applicationId, score: mentor.explanation.score }));
  return { standing: pool.standing, mentors: rankRecommendations(candidates, input.limit) };
}
