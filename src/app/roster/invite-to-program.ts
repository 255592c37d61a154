import { randomUUID } from 'node:crypto';
import { AppError } from '../../core/errors.ts';
import type { ProgramRole } from '../../core/programs/vocabulary.ts';
import { programInvitations } from '../../db/schema.ts';
import { requireActor } from '../access.ts';
import type { AppContext } from '../context.ts';
import { programInvitationEmail } from '../email/templates.ts';
import { lockOrganization } from '../organizations/records.ts';
import { requireProgram } from '../programs/program-access.ts';
import { openInvitationFor } from './import-roster.ts';
import { eq } from 'drizzle-orm';
import { invitingScope, loadPeopleInCohort, resolveCohort } from './records.ts';

export interface InviteToProgramInput {
  programId: string;
  cohortId?: string;
  emails: string[];
  role: ProgramRole;
}

/** What happened to each address. */
export interface ProgramInvitationOutcome {
  email: string;
  /** invited: emailed now; already_invited: a pending invitation stands; already_applied: has an application. */
  outcome: 'invited' | 'already_invited' | 'already_applied';
}

/** The link a member follows to apply: the program's page in the web app. */
export function programUrl(publicUrl: string, organizationId: string, programId: string): string {
  return `${publicUrl}/o/${organizationId}/programs/${programId}`;
}

/**
 * Invites people into a cohort by email (a program's coordinators): members are emailed the program's
 * link; anyone else gets an organization invitation that names the program. Both get a program
 * invitation, which becomes their application when a non-member accepts (ADR 018). All or nothing.
 */
export async function inviteToProgram(
  ctx: AppContext,
  input: InviteToProgramInput,
): Promise<ProgramInvitationOutcome[]> {
  requireActor(ctx);
  const scope = await requireProgram(ctx, input.programId, { manage: true });
  const cohort = await resolveCohort(ctx.db, scope, input.cohortId);
  const emails = [...new Set(input.emails.map((email) => email.trim().toLowerCase()))];
  if (emails.length === 0)
    throw AppError.validation([{ path: 'emails', message: 'name at least one address' }]);
  return ctx.transaction(async (tx) => {
    await lockOrganization(tx.db, scope.organizationId);
    const now = tx.clock.now();
    const lookup = await loadPeopleInCohort(
      tx.db,
      { organizationId: scope.organizationId, cohortId: cohort.id },
      emails.map((email) => ({ email, role: input.role })),
      now,
    );
    const outcomes: ProgramInvitationOutcome[] = [];
    for (const email of emails) {
      const state = lookup(email, input.role);
      if (state.application) {
        outcomes.push({ email, outcome: 'already_applied' });
        continue;
      }
      if (state.invitation && (state.isMember || state.invitation.isInvitationOpen)) {
        outcomes.push({ email, outcome: 'already_invited' });
        continue;
      }
      let invitationId: string | null = null;
      if (state.isMember) {
        await tx.mailer.enqueue(
          programInvitationEmail({
            to: email,
            organizationName: scope.organizationName,
            inviterName: tx.actor.name,
            programName: scope.program.name,
            role: input.role,
            url: programUrl(tx.config.publicUrl, scope.organizationId, scope.program.id),
          }),
        );
      } else {
        invitationId = await openInvitationFor(
          tx,
          invitingScope(scope),
          { email, role: input.role },
          scope.program.name,
        );
      }
      if (state.programInvitationId) {
        await tx.db
          .update(programInvitations)
          .set({ invitationId, updatedAt: now })
          .where(eq(programInvitations.id, state.programInvitationId));
      } else {
        await tx.db.insert(programInvitations).values({
          id: randomUUID(),
          organizationId: scope.organizationId,
          programId: scope.program.id,
          cohortId: cohort.id,
          email,
          role: input.role,
          source: 'invitation',
          applicationStatus: 'submitted',
          invitationId,
          createdByUserId: tx.actor.userId,
          createdAt: now,
          updatedAt: now,
        });
      }
      outcomes.push({ email, outcome: 'invited' });
    }
    return outcomes;
  });
}
