/**
 * The one scoping helper. Every organization-scoped use case starts with `requireMembership`, and
 * every organization-scoped query filters with `inOrganization`. A resource of an organization the
 * actor does not belong to reads as NOT_FOUND, never FORBIDDEN, so its existence never leaks.
 */
import { and, eq, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { AppError } from '../core/errors.ts';
import { hasRoleAtLeast, type MemberRole } from '../core/roles.ts';
import { memberships, organizations } from '../db/schema.ts';
import type { AppContext, AuthenticatedContext } from './context.ts';

/** The actor's standing in one organization, returned by requireMembership. */
export interface OrganizationScope {
  organizationId: string;
  organizationName: string;
  role: MemberRole;
  membershipId: string;
}

/** Throws UNAUTHENTICATED unless someone is signed in. */
export function requireActor(ctx: AppContext): asserts ctx is AuthenticatedContext {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED', 'Sign in to continue');
}

/**
 * Resolves the actor's membership of `organizationId`: NOT_FOUND when the organization does not exist
 * or the actor is not a member; FORBIDDEN when a member lacks `minimumRole`.
 */
export async function requireMembership(
  ctx: AppContext,
  organizationId: string,
  options: { minimumRole?: MemberRole } = {},
): Promise<OrganizationScope> {
  requireActor(ctx);
  const [row] = await ctx.db
    .select({
      membershipId: memberships.id,
      role: memberships.role,
      organizationName: organizations.name,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, ctx.actor.userId)))
    .limit(1);
  if (!row) throw AppError.notFound('Organization');
  if (options.minimumRole && !hasRoleAtLeast(row.role, options.minimumRole)) {
    throw new AppError('FORBIDDEN', `This needs the ${options.minimumRole} role in ${row.organizationName}`);
  }
  return {
    organizationId,
    organizationName: row.organizationName,
    role: row.role,
    membershipId: row.membershipId,
  };
}

/** The filter that keeps a query inside the scope's organization; combine with the query's own filter. */
export function inOrganization(
  scope: OrganizationScope,
  column: PgColumn,
  ...rest: Array<SQL | undefined>
): SQL {
  return and(eq(column, scope.organizationId), ...rest) as SQL;
}
