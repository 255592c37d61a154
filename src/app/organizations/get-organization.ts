import { requireMembership } from '../access.ts';
import type { AppContext } from '../context.ts';
import { loadOrganization, type OrganizationWithRole } from './records.ts';

export interface GetOrganizationInput {
  organizationId: string;
}

/** One organization the actor belongs to (NOT_FOUND otherwise). */
export async function getOrganization(
  ctx: AppContext,
  input: GetOrganizationInput,
): Promise<OrganizationWithRole> {
  const scope = await requireMembership(ctx, input.organizationId);
  return loadOrganization(ctx.db, scope.organizationId, scope.role);
}
