/**
 * The shapes the organization use cases return and the scoped queries several of them share. Presenters
 * turn these records into the contracts in src/contracts/organizations.ts.
 */
import { and, asc, count, desc, eq } from 'drizzle-orm';
import type { ORGANIZATION_KINDS } from '../../contracts/organizations.ts';
import { AppError } from '../../core/errors.ts';
import { assertCan } from '../../core/policies/index.ts';
import {
  canResendInvitation,
  canRevokeInvitation,
  type InvitationStatus,
} from '../../core/policies/organizations.ts';
import type { MemberRole } from '../../core/roles.ts';
import { invitations, memberships, organizations, users } from '../../db/schema.ts';
import { inOrganization, requireMembership, type OrganizationScope } from '../access.ts';
import type { AppContext, Queryable } from '../context.ts';

export type OrganizationKindValue = (typeof ORGANIZATION_KINDS)[number];

/** An organization as the signed-in actor sees it, with the actor's role there. */
export interface OrganizationWithRole {
  id: string;
  name: string;
  kind: OrganizationKindValue;
  jurisdictions: string[];
  timeZone: string;
  createdAt: Date;
  role: MemberRole;
}

/** Who is looking at a member list: decides what the presenter allows (`can`). */
export interface Viewer {
  membershipId: string;
  role: MemberRole;
  organizationName: string;
}

/** One membership with the member's name and email. */
export interface MemberRecord {
  id: string;
  userId: string;
  name: string;
  email: string;
  role: MemberRole;
  joinedAt: Date;
}

/** Members plus what the presenter needs to decide `can` (the last admin can be neither demoted nor removed). */
export interface MemberListing {
  viewer: Viewer;
  adminCount: number;
  members: MemberRecord[];
}

export type InvitationStatusValue = InvitationStatus;

/** One invitation with its status as of the use case's clock. */
export interface InvitationRecord {
  id: string;
  organizationId: string;
  email: string;
  role: MemberRole;
  status: InvitationStatusValue;
  invitedBy: string | null;
  expiresAt: Date;
  createdAt: Date;
}

/** An invitation plus the role of the actor looking at it (the presenter derives `can` from it). */
export interface InvitationView {
  viewerRole: MemberRole;
  invitation: InvitationRecord;
}

/** The status of an invitation row at `now`: accepted and revoked are final; otherwise the expiry decides. */
export function invitationStatus(
  row: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now: Date,
): InvitationStatusValue {
  if (row.acceptedAt) return 'accepted';
  if (row.revokedAt) return 'revoked';
  return row.expiresAt.getTime() <= now.getTime() ? 'expired' : 'pending';
}

/**
 * Locks the organization row until the transaction ends. Membership and invitation writes take it
 * first, so two admins demoting each other at once cannot leave an organization without an admin.
 */
export async function lockOrganization(db: Queryable, organizationId: string): Promise<void> {
  await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .for('update');
}

/** The organization `organizationId` as seen by someone with `role` in it. */
export async function loadOrganization(
  db: Queryable,
  organizationId: string,
  role: MemberRole,
): Promise<OrganizationWithRole> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, organizationId));
  // Callers have just found the organization through a membership; only a concurrent delete gets here.
  if (!row) throw AppError.notFound('Organization');
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    jurisdictions: row.jurisdictions,
    timeZone: row.timeZone,
    createdAt: row.createdAt,
    role,
  };
}

const memberColumns = {
  id: memberships.id,
  userId: memberships.userId,
  name: users.name,
  email: users.email,
  role: memberships.role,
  joinedAt: memberships.createdAt,
};

/** The members of the scope's organization, ordered by name. */
export async function selectMembers(db: Queryable, scope: OrganizationScope): Promise<MemberRecord[]> {
  return db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(inOrganization(scope, memberships.organizationId))
    .orderBy(asc(users.name), asc(memberships.id));
}

/** One membership of the scope's organization, or undefined (also when it belongs to another one). */
export async function findMember(
  db: Queryable,
  scope: OrganizationScope,
  membershipId: string,
): Promise<MemberRecord | undefined> {
  const [row] = await db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(inOrganization(scope, memberships.organizationId, eq(memberships.id, membershipId)))
    .limit(1);
  return row;
}

/** How many admins the scope's organization has. */
export async function countAdmins(db: Queryable, scope: OrganizationScope): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(memberships)
    .where(inOrganization(scope, memberships.organizationId, eq(memberships.role, 'admin')));
  return Number(row?.value ?? 0);
}

const invitationColumns = {
  id: invitations.id,
  organizationId: invitations.organizationId,
  email: invitations.email,
  role: invitations.role,
  invitedBy: users.name,
  expiresAt: invitations.expiresAt,
  createdAt: invitations.createdAt,
  acceptedAt: invitations.acceptedAt,
  revokedAt: invitations.revokedAt,
};

type InvitationRow = {
  id: string;
  organizationId: string;
  email: string;
  role: MemberRole;
  invitedBy: string | null;
  expiresAt: Date;
  createdAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
};

function toInvitationRecord(row: InvitationRow, now: Date): InvitationRecord {
  return {
    id: row.id,
    organizationId: row.organizationId,
    email: row.email,
    role: row.role,
    status: invitationStatus(row, now),
    invitedBy: row.invitedBy,
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
  };
}

/** The invitations of the scope's organization, newest first, with their status at `now`. */
export async function selectInvitations(
  db: Queryable,
  scope: OrganizationScope,
  now: Date,
): Promise<InvitationRecord[]> {
  const rows = await db
    .select(invitationColumns)
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedByUserId))
    .where(inOrganization(scope, invitations.organizationId))
    .orderBy(desc(invitations.createdAt), desc(invitations.id));
  return rows.map((row) => toInvitationRecord(row, now));
}

/** One invitation of the scope's organization, or undefined (also when it belongs to another one). */
export async function findInvitation(
  db: Queryable,
  scope: OrganizationScope,
  invitationId: string,
  now: Date,
): Promise<InvitationRecord | undefined> {
  const [row] = await db
    .select(invitationColumns)
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedByUserId))
    .where(and(inOrganization(scope, invitations.organizationId), eq(invitations.id, invitationId)))
    .limit(1);
  return row ? toInvitationRecord(row, now) : undefined;
}

/** An open invitation that the actor may manage, with the actor's scope and the time it was checked at. */
export interface ManageableInvitation {
  scope: OrganizationScope;
  invitation: InvitationRecord;
  now: Date;
}

/**
 * Locks the organization and loads an invitation that the actor may `action` (call it inside
 * `ctx.transaction`): NOT_FOUND outside the actor's organizations, then the policy's answer
 * (FORBIDDEN for an admin invitation and a coordinator, INVALID_STATE once it was accepted or revoked).
 */
export async function requireManageableInvitation(
  ctx: AppContext,
  input: { organizationId: string; invitationId: string },
  action: 'revoke' | 'resend',
): Promise<ManageableInvitation> {
  await lockOrganization(ctx.db, input.organizationId);
  const scope = await requireMembership(ctx, input.organizationId);
  const now = ctx.clock.now();
  const invitation = await findInvitation(ctx.db, scope, input.invitationId, now);
  if (!invitation) throw AppError.notFound('Invitation');
  assertCan(
    action === 'revoke' ? canRevokeInvitation(scope, invitation) : canResendInvitation(scope, invitation),
  );
  return { scope, invitation, now };
}
