/** Roles inside one organization, from most to least powerful. */
export const MEMBER_ROLES = ['admin', 'coordinator', 'member'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

const RANK: Record<MemberRole, number> = { admin: 3, coordinator: 2, member: 1 };

/** Whether `role` is at least `required` (an admin can do what a coordinator can). */
export function hasRoleAtLeast(role: MemberRole, required: MemberRole): boolean {
  return RANK[role] >= RANK[required];
}

/** What each role may do in its organization; presenters attach these so the UI never re-derives them. */
export interface OrganizationPermissions {
  canEditSettings: boolean;
  canInviteMembers: boolean;
  canManageMembers: boolean;
  canViewMembers: boolean;
}

/** The permissions of a member with `role`. */
export function organizationPermissions(role: MemberRole): OrganizationPermissions {
  return {
    canEditSettings: role === 'admin',
    canInviteMembers: hasRoleAtLeast(role, 'coordinator'),
    canManageMembers: role === 'admin',
    canViewMembers: true,
  };
}
