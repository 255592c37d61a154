import { and, desc, eq } from 'drizzle-orm';
import { applications, memberships } from '../../db/schema.ts';
import { requireActor } from '../access.ts';
import type { AppContext } from '../context.ts';
import { selectApplicationRecords, type ApplicationRecord } from './records.ts';

/** The signed-in person's applications in every organization they belong to, newest first. */
export async function listMyApplications(ctx: AppContext): Promise<ApplicationRecord[]> {
  requireActor(ctx);
  const userId = ctx.actor.userId;
  const rows = await selectApplicationRecords(ctx.db)
    // Only while they still belong to the organization (a removed member no longer sees its programs).
    .innerJoin(
      memberships,
      and(
        eq(memberships.organizationId, applications.organizationId),
        eq(memberships.userId, applications.userId),
      ),
    )
    .where(eq(applications.userId, userId))
    .orderBy(desc(applications.submittedAt), desc(applications.id));
  return rows.map(({ application, program, cohortName, applicant, formVersion }) => ({
    application,
    program,
    cohortName,
    applicant,
    formVersion,
    // The applicant's own view: coordinator rights are not needed to read one's own applications.
    viewer: { userId, canManageProgram: false },
  }));
}
