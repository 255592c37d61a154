/**
 * Who may do what in an organization: its settings, its members, its invitations. Pure functions of
 * the viewer's membership and the target; use cases assert them, presenters turn them into `can`.
 */
import { hasRoleAtLeast, MEMBER_ROLES, type MemberRole } from '../roles.ts';
import { ALLOW, deny, denyInState, isAllowed, type Decision } from './index.ts';

/** The viewer's standing in the organization (an OrganizationScope fits). */
export interface OrganizationViewer {
  role: MemberRole;
  /** Used in the reasons; "this organization" when absent. */
  organizationName?: string;
}

/** A viewer whose own membership matters (leaving is removing oneself). */
export interface MemberViewer extends OrganizationViewer {
  membershipId: string;
}

/** A member as a target: which membership, their role, their name (for the reasons). */
export interface MemberTarget {
  id: string;
  role: MemberRole;
  name: string;
}

/** How many admins the organization has: the last one can be neither demoted nor removed. */
export interface AdminCount {
  adminCount: number;
}

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

/** An invitation as a target: the role it grants and its status. */
export interface InvitationTarget {
  role: MemberRole;
  status: InvitationStatus;
}

/** The account behind the viewer, for what needs more than a role (sending email in its name). */
export interface AccountStanding {
  isEmailVerified: boolean;
}

function organizationOf(viewer: OrganizationViewer): string {
  return viewer.organizationName ?? 'this organization';
}

function isLastAdmin(member: MemberTarget, context: AdminCount): boolean {
  return member.role === 'admin' && context.adminCount <= 1;
}

/** Change the organization's settings: admins. */
export function canEditOrganization(viewer: OrganizationViewer): Decision {
  return viewer.role === 'admin'
    ? ALLOW
    : deny(`Only admins of ${organizationOf(viewer)} may change its settings`);
}

/** See who the members are: every member. */
export function canListMembers(_viewer: OrganizationViewer): Decision {
  return ALLOW;
}

/** Change members' roles at all: admins. */
export function canChangeRoles(viewer: OrganizationViewer): Decision {
  return viewer.role === 'admin'
    ? ALLOW
    : deny(`Only admins of ${organizationOf(viewer)} may change members' roles`);
}

/** Remove members other than oneself at all: admins. */
export function canRemoveOthers(viewer: OrganizationViewer): Decision {
  return viewer.role === 'admin'
    ? ALLOW
    : deny(`Only admins of ${organizationOf(viewer)} may remove other members`);
}

/**
 * Change `member`'s role (to `newRole`, or to any other role when not given): admins, except that the
 * last admin cannot stop being one.
 */
export function canChangeMemberRole(
  viewer: MemberViewer,
  member: MemberTarget,
  context: AdminCount,
  newRole?: MemberRole,
): Decision {
  const byRole = canChangeRoles(viewer);
  if (!byRole.allowed) return byRole;
  if (isLastAdmin(member, context) && newRole !== 'admin') {
    return denyInState(
      `${member.name} is the last admin of ${organizationOf(viewer)}; make another member an admin first`,
    );
  }
  return ALLOW;
}

/** Remove `member`: admins remove anyone, everyone may leave; never the last admin. */
export function canRemoveMember(viewer: MemberViewer, member: MemberTarget, context: AdminCount): Decision {
  const isSelf = member.id === viewer.membershipId;
  if (!isSelf) {
    const byRole = canRemoveOthers(viewer);
    if (!byRole.allowed) return byRole;
  }
  if (isLastAdmin(member, context)) {
    return denyInState(
      isSelf
        ? `You are the last admin of ${organizationOf(viewer)}; make another member an admin before leaving`
        : `${member.name} is the last admin of ${organizationOf(viewer)} and cannot be removed`,
    );
  }
  return ALLOW;
}

/** See the organization's invitations: coordinators and admins. */
export function canListInvitations(viewer: OrganizationViewer): Decision {
  return hasRoleAtLeast(viewer.role, 'coordinator')
    ? ALLOW
    : deny(`Only coordinators and admins of ${organizationOf(viewer)} may see its invitations`);
}

/**
 * Invite someone (with `role`, or with some role when not given): coordinators and admins; only
 * admins grant the admin role.
 */
export function canInvite(viewer: OrganizationViewer, role?: MemberRole): Decision {
  if (!hasRoleAtLeast(viewer.role, 'coordinator')) {
    return deny(`Only coordinators and admins of ${organizationOf(viewer)} may invite people`);
  }
  if (role !== undefined && !hasRoleAtLeast(viewer.role, role)) {
    return deny(`Only admins of ${organizationOf(viewer)} may invite admins`);
  }
  return ALLOW;
}

/** The roles `viewer` may invite people with, most powerful first (empty: may not invite). */
export function invitableRoles(viewer: OrganizationViewer): MemberRole[] {
  return MEMBER_ROLES.filter((role) => isAllowed(canInvite(viewer, role)));
}

/** Whether an invitation can still be revoked or resent (it was neither used nor revoked). */
export function isInvitationOpen(status: InvitationStatus): boolean {
  return status === 'pending' || status === 'expired';
}

/**
 * Revoke or resend an invitation: whoever could have sent it (coordinators and admins; only admins for
 * admin invitations), while it is open.
 */
function canManageInvitation(
  viewer: OrganizationViewer,
  invitation: InvitationTarget,
  action: 'revoke' | 'resend',
): Decision {
  if (!hasRoleAtLeast(viewer.role, 'coordinator')) {
    return deny(`Only coordinators and admins of ${organizationOf(viewer)} may ${action} invitations`);
  }
  if (!hasRoleAtLeast(viewer.role, invitation.role)) {
    return deny(`Only admins of ${organizationOf(viewer)} may ${action} admin invitations`);
  }
  if (!isInvitationOpen(invitation.status)) {
    return denyInState(`This invitation was already ${invitation.status}`);
  }
  return ALLOW;
}

/** Revoke an open invitation (see canManageInvitation). */
export function canRevokeInvitation(viewer: OrganizationViewer, invitation: InvitationTarget): Decision {
  return canManageInvitation(viewer, invitation, 'revoke');
}

/** Resend an open invitation (see canManageInvitation). */
export function canResendInvitation(viewer: OrganizationViewer, invitation: InvitationTarget): Decision {
  return canManageInvitation(viewer, invitation, 'resend');
}

/**
 * Replace an open invitation to the same address with a new one: it takes the old one back, so only
 * someone who could revoke it may.
 */
export function canReplaceInvitation(
  viewer: OrganizationViewer,
  invitation: { role: MemberRole; email: string },
): Decision {
  return hasRoleAtLeast(viewer.role, invitation.role)
    ? ALLOW
    : deny(
        `${invitation.email} has a pending admin invitation; only admins of ${organizationOf(viewer)} may replace it`,
      );
}

/**
 * Send invitation emails at all: only from an account whose email address is confirmed, so that the
 * platform does not mail strangers on behalf of an address nobody has shown to own.
 */
export function canSendInvitationEmails(account: AccountStanding): Decision {
  return account.isEmailVerified
    ? ALLOW
    : deny(
        'Confirm your email address before sending invitations: open the confirmation link we emailed you, or ask for a new one from the banner at the top of the page',
      );
}
