// The role vocabulary and its order. What each role may do is decided in src/core/policies/.

/** Roles inside one organization, from most to least powerful. */
export const MEMBER_ROLES = ['admin', 'coordinator', 'member'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

const RANK: Record<MemberRole, number> = { admin: 3, coordinator: 2, member: 1 };

/** Whether `role` is at least `required` (an admin can do what a coordinator can). */
export function hasRoleAtLeast(role: MemberRole, required: MemberRole): boolean {
  return RANK[role] >= RANK[required];
}
