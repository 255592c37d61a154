import { AppError } from '../../core/errors.ts';
import { canViewMatchRequest } from '../../core/policies/self-match.ts';
import type { AppContext } from '../context.ts';
import { requireMatchRequest, type MatchRequestView } from './match-request-views.ts';

/**
 * One request, for its mentee, its mentor or the program's coordinators; another organization's reads
 * as NOT_FOUND, another member's as FORBIDDEN.
 */
export async function getMatchRequest(
  ctx: AppContext,
  input: { requestId: string },
): Promise<{ view: MatchRequestView; canManageProgram: boolean }> {
  const { view, scope } = await requireMatchRequest(ctx, input.requestId);
  const viewer = { userId: ctx.actor!.userId, canManageProgram: scope.canManage };
  if (
    !canViewMatchRequest(viewer, {
      ...view.request,
      menteeUserId: view.mentee.userId,
      mentorUserId: view.mentor.userId,
    })
  ) {
    throw new AppError(
      'FORBIDDEN',
      'Only the mentee, the mentor and the program’s coordinators see a request',
    );
  }
  return { view, canManageProgram: scope.canManage };
}
