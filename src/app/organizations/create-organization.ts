import { randomUUID } from 'node:crypto';
import type { CreateOrganizationRequest } from '../../contracts/organizations.ts';
import { memberships, organizations } from '../../db/schema.ts';
import { requireActor } from '../access.ts';
import type { AppContext } from '../context.ts';
import type { OrganizationWithRole } from './records.ts';

export type CreateOrganizationInput = CreateOrganizationRequest;

/** Creates an organization whose creator becomes its first admin. */
export async function createOrganization(
  ctx: AppContext,
  input: CreateOrganizationInput,
): Promise<OrganizationWithRole> {
  requireActor(ctx);
  const { userId } = ctx.actor;
  const now = ctx.clock.now();
  const organization = {
    id: randomUUID(),
    name: input.name.trim(),
    kind: input.kind,
    // The same jurisdiction twice is a slip, not a meaning; keep the first occurrence's order.
    jurisdictions: [...new Set(input.jurisdictions)],
    timeZone: input.timeZone,
    createdAt: now,
  };
  // An organization without an admin could never be managed, so both rows commit or neither does.
  await ctx.transaction(async (tx) => {
    await tx.db.insert(organizations).values({ ...organization, updatedAt: now });
    await tx.db.insert(memberships).values({
      id: randomUUID(),
      organizationId: organization.id,
      userId,
      role: 'admin',
      createdAt: now,
      updatedAt: now,
    });
  });
  return { ...organization, role: 'admin' };
}
