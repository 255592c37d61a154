import { and, desc, eq } from 'drizzle-orm';
import type { ProgramRole } from '../../core/programs/vocabulary.ts';
import { cohorts, invitations, programInvitations, users } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import { invitationStatus } from '../organizations/records.ts';
import { requireProgram } from '../programs/program-access.ts';

/** A program invitation as its coordinators see it. */
export interface ProgramInvitationView {
  id: string;
  cohort: { id: string; name: string };
  email: string;
  name: string;
  role: ProgramRole;
  source: 'roster' | 'invitation';
  /** pending: not yet an application; accepted: became one; expired/revoked: its organization invitation did. */
  status: 'pending' | 'accepted' | 'expired' | 'revoked';
  applicationId: string | null;
  invitedBy: string | null;
  createdAt: Date;
}

/** Most program invitations listed at once (newest first). */
export const MAX_LISTED_PROGRAM_INVITATIONS = 1000;

/** The program invitations of a program, newest first (its coordinators only). */
export async function listProgramInvitations(
  ctx: AppContext,
  input: { programId: string; cohortId?: string },
): Promise<ProgramInvitationView[]> {
  const scope = await requireProgram(ctx, input.programId, { manage: true });
  const now = ctx.clock.now();
  const rows = await ctx.db
    .select({
      row: programInvitations,
      cohortName: cohorts.name,
      invitation: invitations,
      invitedBy: users.name,
    })
    .from(programInvitations)
    .innerJoin(cohorts, eq(cohorts.id, programInvitations.cohortId))
    .leftJoin(invitations, eq(invitations.id, programInvitations.invitationId))
    .leftJoin(users, eq(users.id, programInvitations.createdByUserId))
    .where(
      and(
        eq(programInvitations.organizationId, scope.organizationId),
        eq(programInvitations.programId, scope.program.id),
        input.cohortId ? eq(programInvitations.cohortId, input.cohortId) : undefined,
      ),
    )
    .orderBy(desc(programInvitations.createdAt), programInvitations.email)
    .limit(MAX_LISTED_PROGRAM_INVITATIONS);
  return rows.map(({ row, cohortName, invitation, invitedBy }) => {
    let status: ProgramInvitationView['status'] = 'pending';
    if (row.applicationId) status = 'accepted';
    else if (invitation) {
      const organizationStatus = invitationStatus(invitation, now);
      if (organizationStatus === 'expired' || organizationStatus === 'revoked') status = organizationStatus;
    }
    return {
      id: row.id,
      cohort: { id: row.cohortId, name: cohortName },
      email: row.email,
      name: row.name,
      role: row.role,
      source: row.source === 'roster' ? 'roster' : 'invitation',
      status,
      applicationId: row.applicationId,
      invitedBy,
      createdAt: row.createdAt,
    };
  });
}
