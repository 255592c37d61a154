/**
 * Who may do what with a self-match request. Presenters turn these into `can` flags and the use cases
 * call the same functions, so the buttons a person sees and what the server allows cannot disagree.
 */
import { effectiveRequestStatus, type RequestState } from '../self-match/requests.ts';

/** A request with the people on each side. */
export interface RequestParties extends RequestState {
  menteeUserId: string;
  mentorUserId: string;
}

/** The viewer: the signed-in user, and whether they manage the request's program. */
export interface RequestViewer {
  userId: string;
  canManageProgram: boolean;
}

/** The mentee, the mentor and the program's coordinators may see a request; nobody else. */
export function canViewMatchRequest(viewer: RequestViewer, request: RequestParties): boolean {
  return (
    viewer.userId === request.menteeUserId ||
    viewer.userId === request.mentorUserId ||
    viewer.canManageProgram
  );
}

const isOpen = (request: RequestState, now: Date) => effectiveRequestStatus(request, now) === 'pending';

/** Only the mentor addressed may accept, and only while the request is pending. */
export function canAcceptMatchRequest(viewer: RequestViewer, request: RequestParties, now: Date): boolean {
  return viewer.userId === request.mentorUserId && isOpen(request, now);
}

/** Only the mentor addressed may decline, and only while the request is pending. */
export function canDeclineMatchRequest(viewer: RequestViewer, request: RequestParties, now: Date): boolean {
  return viewer.userId === request.mentorUserId && isOpen(request, now);
}

/** Only the mentee who sent it may withdraw, and only while it is pending. */
export function canWithdrawMatchRequest(viewer: RequestViewer, request: RequestParties, now: Date): boolean {
  return viewer.userId === request.menteeUserId && isOpen(request, now);
}

/** The `can` flags of a request for its viewer. */
export function matchRequestPermissions(
  viewer: RequestViewer,
  request: RequestParties,
  now: Date,
): { accept: boolean; decline: boolean; withdraw: boolean } {
  return {
    accept: canAcceptMatchRequest(viewer, request, now),
    decline: canDeclineMatchRequest(viewer, request, now),
    withdraw: canWithdrawMatchRequest(viewer, request, now),
  };
}
