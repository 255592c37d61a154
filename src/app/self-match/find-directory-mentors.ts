import {
  assertSelfMatchOpen,
  matchesDirectoryFilters,
  pageOf,
  type DirectoryFilters,
  type Page,
} from '../../core/self-match/index.ts';
import type { AppContext } from '../context.ts';
import { requireProgram } from '../programs/program-access.ts';
import { loadMentorPool, type PoolMentor, type SelfMatchStanding } from './mentor-pool.ts';
import { requireOwnMenteeApplication } from './self-match-data.ts';

export interface FindDirectoryMentorsInput extends DirectoryFilters {
  programId: string;
  page: number;
  pageSize: number;
}

/**
 * The mentor directory of the actor's cohort, filtered and paged by name: each mentor's public answers
 * and open seats. Only approved mentees look; nothing here names other mentees.
 */
export async function findDirectoryMentors(
  ctx: AppContext,
  input: FindDirectoryMentorsInput,
): Promise<Page<PoolMentor> & { standing: SelfMatchStanding }> {
  const { program } = await requireProgram(ctx, input.programId);
  const own = await requireOwnMenteeApplication(ctx.db, program, ctx.actor!.userId);
  assertSelfMatchOpen(program, own.cohort);
  const pool = await loadMentorPool(ctx.db, program, own, ctx.clock.now());
  const { programId: _programId, page, pageSize, ...filters } = input;
  const matching = pool.mentors.filter((mentor) => matchesDirectoryFilters(mentor, filters));
  return { ...pageOf(matching, page, pageSize), standing: pool.standing };
}
