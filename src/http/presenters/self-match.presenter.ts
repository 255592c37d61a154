/** The only way self-match data leaves the server: mentors with their public answers, requests with `can`. */
import type { MatchRequestView } from '../../app/self-match/match-request-views.ts';
import type { PoolMentor, SelfMatchStanding } from '../../app/self-match/mentor-pool.ts';
import type {
  DirectoryMentor,
  MatchRequest,
  RecommendedMentor,
  SelfMatchStanding as SelfMatchStandingContract,
} from '../../contracts/self-match.ts';
import { matchRequestPermissions } from '../../core/policies/self-match.ts';
import { effectiveRequestStatus } from '../../core/self-match/index.ts';

/** A mentor card of the directory. */
export function presentDirectoryMentor(mentor: PoolMentor): DirectoryMentor {
  return {
    applicationId: mentor.applicationId,
    name: mentor.name,
    answers: mentor.answers as DirectoryMentor['answers'],
    capacity: mentor.capacity,
    remainingSeats: mentor.remainingSeats,
    requestStatus: mentor.requestStatus,
    unavailableReason: mentor.unavailableReason,
    can: { request: mentor.canRequest },
  };
}

/** A recommended mentor: the card, the score and the engine's reasons. */
export function presentRecommendedMentor(mentor: PoolMentor): RecommendedMentor {
  return {
    ...presentDirectoryMentor(mentor),
    score: mentor.explanation.score,
    reasons: mentor.explanation.contributions,
  };
}

export function presentStanding(standing: SelfMatchStanding): SelfMatchStandingContract {
  return { ...standing };
}

/** A request as `viewerUserId` sees it at `now`. */
export function presentMatchRequest(
  view: MatchRequestView,
  viewer: { userId: string; canManageProgram: boolean },
  now: Date,
): MatchRequest {
  const { request } = view;
  const parties = { ...request, menteeUserId: view.mentee.userId, mentorUserId: view.mentor.userId };
  return {
    id: request.id,
    organizationId: request.organizationId,
    programId: request.programId,
    programName: view.programName,
    cohortId: request.cohortId,
    status: effectiveRequestStatus(request, now),
    direction:
      viewer.userId === view.mentor.userId
        ? 'incoming'
        : viewer.userId === view.mentee.userId
          ? 'outgoing'
          : 'other',
    mentee: { name: view.mentee.name, applicationId: view.mentee.applicationId },
    mentor: { name: view.mentor.name, applicationId: view.mentor.applicationId },
    note: request.note,
    responseMessage: request.responseMessage,
    createdAt: request.createdAt.toISOString(),
    expiresAt: request.expiresAt.toISOString(),
    decidedAt: request.decidedAt?.toISOString() ?? null,
    can: matchRequestPermissions(viewer, parties, now),
  };
}
