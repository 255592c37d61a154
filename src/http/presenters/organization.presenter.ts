/**
 * The only way organization, member and invitation records leave the server: each becomes its
 * contract shape with `can`, what the signed-in user may do with it, so the web app never re-derives
 * permissions.
 */
import type { GetInvitationPreviewResult } from '../../app/organizations/get-invitation-preview.ts';
import {
  canManageInvitation,
  isInvitationOpen,
  type InvitationRecord,
  type MemberRecord,
  type OrganizationWithRole,
  type Viewer,
} from '../../app/organizations/records.ts';
import type { Invitation, InvitationPreview, Member, Organization } from '../../contracts/organizations.ts';
import { organizationPermissions, type MemberRole } from '../../core/roles.ts';

/** An organization with the viewer's role and permissions there. */
export function presentOrganization(organization: OrganizationWithRole): Organization {
  return {
    id: organization.id,
    name: organization.name,
    kind: organization.kind,
    jurisdictions: organization.jurisdictions,
    timeZone: organization.timeZone,
    createdAt: organization.createdAt.toISOString(),
    role: organization.role,
    can: organizationPermissions(organization.role),
  };
}

/**
 * A member as `viewer` sees them. The last admin can be neither demoted nor removed, so the
 * buttons are not offered; admins manage everyone, and everyone may leave.
 */
export function presentMember(member: MemberRecord, context: { viewer: Viewer; adminCount: number }): Member {
  const isLastAdmin = member.role === 'admin' && context.adminCount <= 1;
  const isAdminViewer = organizationPermissions(context.viewer.role).canManageMembers;
  const isSelf = member.id === context.viewer.membershipId;
  return {
    id: member.id,
    userId: member.userId,
    name: member.name,
    email: member.email,
    role: member.role,
    joinedAt: member.joinedAt.toISOString(),
    can: {
      changeRole: isAdminViewer && !isLastAdmin,
      remove: (isAdminViewer || isSelf) && !isLastAdmin,
    },
  };
}

/** An invitation as someone with `viewerRole` sees it. */
export function presentInvitation(invitation: InvitationRecord, viewerRole: MemberRole): Invitation {
  const canManage = canManageInvitation(viewerRole, invitation.role) && isInvitationOpen(invitation.status);
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    status: invitation.status,
    invitedBy: invitation.invitedBy,
    expiresAt: invitation.expiresAt.toISOString(),
    createdAt: invitation.createdAt.toISOString(),
    can: { revoke: canManage, resend: canManage },
  };
}

/** What the holder of an invitation link sees. */
export function presentInvitationPreview(preview: GetInvitationPreviewResult): InvitationPreview {
  return {
    organizationName: preview.organizationName,
    role: preview.role,
    email: preview.email,
    status: preview.status,
    expiresAt: preview.expiresAt.toISOString(),
  };
}
