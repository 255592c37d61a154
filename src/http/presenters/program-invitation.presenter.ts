import type { ProgramInvitationView } from '../../app/roster/list-program-invitations.ts';
import type { ProgramInvitation } from '../../contracts/roster.ts';

/** A program invitation for its coordinators (who alone may list them), with what they may do. */
export function presentProgramInvitation(view: ProgramInvitationView): ProgramInvitation {
  return {
    ...view,
    createdAt: view.createdAt.toISOString(),
    can: { revoke: view.applicationId === null },
  };
}
