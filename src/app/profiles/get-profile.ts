import { requireMembership } from '../access.ts';
import type { AppContext } from '../context.ts';
import { selectProfile, type ProfileView } from './profile-records.ts';

export interface GetProfileInput {
  organizationId: string;
  membershipId: string;
}

/** A member's profile in an organization; every member of that organization may read it. */
export async function getProfile(ctx: AppContext, input: GetProfileInput): Promise<ProfileView> {
  const scope = await requireMembership(ctx, input.organizationId);
  const profile = await selectProfile(ctx.db, scope, input.membershipId);
  return { profile, viewer: { membershipId: scope.membershipId, role: scope.role } };
}
