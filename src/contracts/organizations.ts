import { z } from 'zod';
import { MEMBER_ROLES } from '../core/roles.ts';
import { IdParam, IdSchema, Timestamp } from './common.ts';

export const ORGANIZATION_KINDS = [
  'law_firm',
  'bar_association',
  'law_school',
  'legal_aid',
  'court',
  'other',
] as const;
export const OrganizationKind = z
  .enum(ORGANIZATION_KINDS)
  .describe('What kind of organization runs the programs');
export const MemberRole = z
  .enum(MEMBER_ROLES)
  .describe('admin: everything; coordinator: runs programs and invites; member: takes part');

/** Jurisdiction codes: ISO 3166-1 alpha-2 country, a hyphen, and a subdivision (US-OR, GB-ENG, AU-NSW). */
export const JurisdictionCode = z
  .string()
  .regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'must look like US-OR, GB-ENG or AU-NSW')
  .describe('Jurisdiction code such as US-OR, GB-ENG or AU-NSW');

export const TimeZone = z
  .string()
  .min(1)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as America/Los_Angeles')
  .describe('IANA time zone, e.g. America/Los_Angeles, Europe/London, Australia/Sydney');

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
  canEditSettings: z.boolean(),
  canInviteMembers: z.boolean(),
  canManageMembers: z.boolean(),
  canViewMembers: z.boolean(),
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
