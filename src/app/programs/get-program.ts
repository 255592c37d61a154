import type { AppContext } from '../context.ts';
import { loadProgramView, requireVisibleProgram, type ProgramView } from './records.ts';

export interface GetProgramInput {
  programId: string;
}

/** One program with its cohorts, counts and the viewer's permissions; NOT_FOUND when they may not see it. */
export async function getProgram(ctx: AppContext, input: GetProgramInput): Promise<ProgramView> {
  const { scope } = await requireVisibleProgram(ctx, input.programId);
  return loadProgramView(ctx.db, scope, scope.program, ctx.actor?.email);
}
