import { eq } from 'drizzle-orm';
import type { UpdateOrganizationRequest } from '../../contracts/organizations.ts';
import { organizations } from '../../db/schema.ts';
import { assertCan } from '../../core/policies/index.ts';
import { canEditOrganization } from '../../core/policies/organizations.ts';
import { requireMembership } from '../access.ts';
import type { AppContext } from '../context.ts';
import { loadOrganization, type OrganizationWithRole } from './records.ts';

export interface UpdateOrganizationInput {
  organizationId: string;
  changes: UpdateOrganizationRequest;
}

/** Changes an organization's settings (admins only); fields left out stay as they are. */
export async function updateOrganization(
  ctx: AppContext,
  input: UpdateOrganizationInput,
): Promise<OrganizationWithRole> {
  const scope = await requireMembership(ctx, input.organizationId);
  assertCan(canEditOrganization(scope));
  const { name, kind, jurisdictions, timeZone } = input.changes;
  const changes = {
    ...(name !== undefined ? { name: name.trim() } : {}),
    ...(kind !== undefined ? { kind } : {}),
    ...(jurisdictions !== undefined ? { jurisdictions: [...new Set(jurisdictions)] } : {}),
    ...(timeZone !== undefined ? { timeZone } : {}),
  };
  if (Object.keys(changes).length > 0) {
    await ctx.db
      .update(organizations)
      .set({ ...changes, updatedAt: ctx.clock.now() })
      .where(eq(organizations.id, scope.organizationId));
  }
  return loadOrganization(ctx.db, scope.organizationId, scope.role);
}
