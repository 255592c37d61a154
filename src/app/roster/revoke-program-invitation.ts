import { and, eq, isNull, ne } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { invitations, programInvitations } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import { lockOrganization } from '../organizations/records.ts';
import { requireProgram } from '../programs/program-access.ts';

/**
 * Takes back a program invitation that has not become an application. Its organization invitation is
 * revoked too when nothing else waits on it (the person was invited for this program only).
 */
export async function revokeProgramInvitation(
  ctx: AppContext,
  input: { programId: string; programInvitationId: string },
): Promise<{ id: string }> {
  const scope = await requireProgram(ctx, input.programId, { manage: true });
  return ctx.transaction(async (tx) => {
    await lockOrganization(tx.db, scope.organizationId);
    const [row] = await tx.db
      .select()
      .from(programInvitations)
      .where(
        and(
          eq(programInvitations.organizationId, scope.organizationId),
          eq(programInvitations.programId, scope.program.id),
          eq(programInvitations.id, input.programInvitationId),
        ),
      );
    if (!row) throw AppError.notFound('Program invitation');
    if (row.applicationId) {
      throw new AppError(
        'INVALID_STATE',
        `${row.email} has already applied; withdraw or reject the application in the review queue instead`,
      );
    }
    await tx.db.delete(programInvitations).where(eq(programInvitations.id, row.id));
    if (row.invitationId) {
      const [other] = await tx.db
        .select({ id: programInvitations.id })
        .from(programInvitations)
        .where(and(eq(programInvitations.invitationId, row.invitationId), ne(programInvitations.id, row.id)))
        .limit(1);
      if (!other) {
        await tx.db
          .update(invitations)
          .set({ revokedAt: tx.clock.now() })
          .where(
            and(
              eq(invitations.id, row.invitationId),
              isNull(invitations.acceptedAt),
              isNull(invitations.revokedAt),
            ),
          );
      }
    }
    return { id: row.id };
  });
}
