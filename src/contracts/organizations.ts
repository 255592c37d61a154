import { z } from 'zod';
import { IdParam, IdSchema, Timestamp } from './common.ts';
import { JurisdictionCode, MemberRole, OrganizationKind, TimeZone } from './vocabulary.ts';

// Defined in src/core/vocabulary.ts; re-exported for src/app/organizations/records.ts, which imports it here.
export { ORGANIZATION_KINDS } from '../core/vocabulary.ts';

export const OrganizationName = z.string().trim().min(2, 'must be at least 2 characters').max(120);

export const CreateOrganizationRequest = z
  .object({
    name: OrganizationName,
    kind: OrganizationKind,
    jurisdictions: z.array(JurisdictionCode).max(50).default([]),
    timeZone: TimeZone,
  })
  .strict();
export type CreateOrganizationRequest = z.infer<typeof CreateOrganizationRequest>;

export const UpdateOrganizationRequest = z
  .object({
    name: OrganizationName.optional(),
    kind: OrganizationKind.optional(),
    jurisdictions: z.array(JurisdictionCode).max(50).optional(),
    timeZone: TimeZone.optional(),
  })
  .strict();
export type UpdateOrganizationRequest = z.infer<typeof UpdateOrganizationRequest>;

export const OrganizationPermissions = z.object({
  edit: z.boolean().describe('Change the settings'),
  invite: z.boolean().describe('Invite people and see the invitations'),
  inviteRoles: z
    .array(MemberRole)
    .describe('The roles the signed-in user may invite people with, most powerful first'),
  changeRoles: z.boolean().describe("Change members' roles"),
  removeMembers: z.boolean().describe('Remove other members'),
  createPrograms: z.boolean().describe('Create mentorship programs in this organization'),
});

export const Organization = z.object({
  id: IdSchema,
  name: z.string(),
  kind: OrganizationKind,
  jurisdictions: z.array(z.string()),
  timeZone: z.string(),
  createdAt: Timestamp,
  role: MemberRole.describe("The signed-in user's role here"),
  can: OrganizationPermissions.describe('What the signed-in user may do here'),
});
export type Organization = z.infer<typeof Organization>;

export const OrganizationResponse = z.object({ organization: Organization });
export const OrganizationListResponse = z.object({ organizations: z.array(Organization) });

export const OrganizationParams = z.object({ organizationId: IdParam });

export const Member = z.object({
  id: IdSchema.describe('Membership id'),
  userId: IdSchema,
  name: z.string(),
  email: z.string(),
  role: MemberRole,
  joinedAt: Timestamp,
  can: z.object({ changeRole: z.boolean(), remove: z.boolean() }),
});
export type Member = z.infer<typeof Member>;
export const MemberListResponse = z.object({ members: z.array(Member) });
export const MemberParams = z.object({ organizationId: IdParam, membershipId: IdParam });
export const UpdateMemberRequest = z.object({ role: MemberRole }).strict();
export const MemberResponse = z.object({ member: Member });

export const CreateInvitationRequest = z
  .object({
    email: z.string().trim().toLowerCase().email('must be an email address').max(254),
    role: MemberRole.default('member'),
  })
  .strict();
export type CreateInvitationRequest = z.infer<typeof CreateInvitationRequest>;

export const InvitationStatus = z.enum(['pending', 'accepted', 'revoked', 'expired']);
export const Invitation = z.object({
  id: IdSchema,
  email: z.string(),
  role: MemberRole,
  status: InvitationStatus,
  invitedBy: z.string().nullable(),
  expiresAt: Timestamp,
  createdAt: Timestamp,
  can: z.object({ revoke: z.boolean(), resend: z.boolean() }),
});
export type Invitation = z.infer<typeof Invitation>;
export const InvitationResponse = z.object({ invitation: Invitation });
export const InvitationListResponse = z.object({ invitations: z.array(Invitation) });
export const InvitationParams = z.object({ organizationId: IdParam, invitationId: IdParam });
export const ListInvitationsQuery = z
  .object({
    status: InvitationStatus.optional().describe('Only invitations with this status; all when left out'),
  })
  .strict();
export type ListInvitationsQuery = z.infer<typeof ListInvitationsQuery>;

/** What the person holding an invitation link sees before accepting. */
export const InvitationPreview = z.object({
  organizationName: z.string(),
  role: MemberRole,
  email: z.string(),
  status: InvitationStatus,
  expiresAt: Timestamp,
});
export type InvitationPreview = z.infer<typeof InvitationPreview>;
export const InvitationTokenParams = z.object({ token: z.string().min(16).max(200) });
export const InvitationPreviewResponse = z.object({ invitation: InvitationPreview });
export const AcceptInvitationResponse = z.object({ organization: Organization });
