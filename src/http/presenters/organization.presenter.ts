/**
 * The only way organization, member and invitation records leave the server: each becomes its
 * contract shape with `can`, what the signed-in user may do with it, so the web app never re-derives
 * permissions. Every flag is a policy of src/core/policies/organizations.ts, the same one the use
 * case asserts.
 */
import type { GetInvitationPreviewResult } from '../../app/organizations/get-invitation-preview.ts';
import {
  type InvitationRecord,
  type MemberRecord,
  type OrganizationWithRole,
  type Viewer,
} from '../../app/organizations/records.ts';
import { canCreateProgram } from '../../core/policies/programs.ts';
import type { Invitation, InvitationPreview, Member, Organization } from '../../contracts/organizations.ts';
import { isAllowed } from '../../core/policies/index.ts';
import {
  canChangeMemberRole,
  canChangeRoles,
  canEditOrganization,
  canInvite,
  canRemoveMember,
  canRemoveOthers,
  canResendInvitation,
  canRevokeInvitation,
  invitableRoles,
} from '../../core/policies/organizations.ts';
import type { MemberRole } from '../../core/roles.ts';

/** An organization with the viewer's role and permissions there. */
export function presentOrganization(organization: OrganizationWithRole): Organization {
  const viewer = { role: organization.role };
  return {
    id: organization.id,
    name: organization.name,
    kind: organization.kind,
    jurisdictions: organization.jurisdictions,
    timeZone: organization.timeZone,
    createdAt: organization.createdAt.toISOString(),
    role: organization.role,
    can: {
      edit: isAllowed(canEditOrganization(viewer)),
      invite: isAllowed(canInvite(viewer)),
      inviteRoles: invitableRoles(viewer),
      changeRoles: isAllowed(canChangeRoles(viewer)),
      removeMembers: isAllowed(canRemoveOthers(viewer)),
      createPrograms: canCreateProgram(viewer.role),
    },
  };
}

/** A member as `viewer` sees them (the last admin can be neither demoted nor removed). */
export function presentMember(member: MemberRecord, context: { viewer: Viewer; adminCount: number }): Member {
  const { viewer } = context;
  return {
    id: member.id,
    userId: member.userId,
    name: member.name,
    email: member.email,
    role: member.role,
    joinedAt: member.joinedAt.toISOString(),
    can: {
      changeRole: isAllowed(canChangeMemberRole(viewer, member, context)),
      remove: isAllowed(canRemoveMember(viewer, member, context)),
    },
  };
}

/** An invitation as someone with `viewerRole` sees it. */
export function presentInvitation(invitation: InvitationRecord, viewerRole: MemberRole): Invitation {
  const viewer = { role: viewerRole };
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    status: invitation.status,
    invitedBy: invitation.invitedBy,
    expiresAt: invitation.expiresAt.toISOString(),
    createdAt: invitation.createdAt.toISOString(),
    can: {
      revoke: isAllowed(canRevokeInvitation(viewer, invitation)),
      resend: isAllowed(canResendInvitation(viewer, invitation)),
    },
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
