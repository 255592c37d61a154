import { asc, eq } from 'drizzle-orm';
import { memberships, organizations } from '../../db/schema.ts';
import { requireActor } from '../access.ts';
import type { AppContext } from '../context.ts';
import type { OrganizationWithRole } from './records.ts';

/** The organizations the actor belongs to, with the actor's role in each, by name. */
export async function listOrganizations(ctx: AppContext): Promise<OrganizationWithRole[]> {
  requireActor(ctx);
  // Scoped by the actor's own memberships: only organizations the actor belongs to can appear.
  return ctx.db
    .select({
      id: organizations.id,
      name: organizations.name,
      kind: organizations.kind,
      jurisdictions: organizations.jurisdictions,
      timeZone: organizations.timeZone,
      createdAt: organizations.createdAt,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, ctx.actor.userId))
    .orderBy(asc(organizations.name), asc(organizations.id));
}
