/**
 * Organizations, their members and invitations. Each route validates with its contract, calls one use
 * case (which checks membership and role), and answers through the organization presenters.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { acceptInvitation } from '../../app/organizations/accept-invitation.ts';
import { createInvitation } from '../../app/organizations/create-invitation.ts';
import { createOrganization } from '../../app/organizations/create-organization.ts';
import { getInvitationPreview } from '../../app/organizations/get-invitation-preview.ts';
import { getOrganization } from '../../app/organizations/get-organization.ts';
import { listInvitations } from '../../app/organizations/list-invitations.ts';
import { listMembers } from '../../app/organizations/list-members.ts';
import { listOrganizations } from '../../app/organizations/list-organizations.ts';
import { removeMember } from '../../app/organizations/remove-member.ts';
import { resendInvitation } from '../../app/organizations/resend-invitation.ts';
import { revokeInvitation } from '../../app/organizations/revoke-invitation.ts';
import { updateMemberRole } from '../../app/organizations/update-member-role.ts';
import { updateOrganization } from '../../app/organizations/update-organization.ts';
import { NoBody, NoQuery, OkResponse, STANDARD_ERRORS } from '../../contracts/common.ts';
import {
  AcceptInvitationResponse,
  CreateInvitationRequest,
  CreateOrganizationRequest,
  InvitationListResponse,
  InvitationParams,
  InvitationPreviewResponse,
  InvitationResponse,
  InvitationTokenParams,
  ListInvitationsQuery,
  MemberListResponse,
  MemberParams,
  MemberResponse,
  OrganizationListResponse,
  OrganizationParams,
  OrganizationResponse,
  UpdateMemberRequest,
  UpdateOrganizationRequest,
} from '../../contracts/organizations.ts';
import {
  presentInvitation,
  presentInvitationPreview,
  presentMember,
  presentOrganization,
} from '../presenters/organization.presenter.ts';
import { contextOf } from '../request-context.ts';

/** Organization, member and invitation routes under /api/v1. */
export async function organizationRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  // --- Organizations -----------------------------------------------------------------------------

  routes.get(
    '/api/v1/organizations',
    {
      schema: {
        tags: ['organizations'],
        summary: 'The organizations the signed-in user belongs to, with their role in each',
        querystring: NoQuery,
        response: { 200: OrganizationListResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const organizations = await listOrganizations(contextOf(request));
      return { organizations: organizations.map(presentOrganization) };
    },
  );

  routes.post(
    '/api/v1/organizations',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Create an organization; the creator becomes its admin',
        body: CreateOrganizationRequest,
        response: { 201: OrganizationResponse, ...STANDARD_ERRORS },
      },
    },
    async (request, reply) => {
      const organization = await createOrganization(contextOf(request), request.body);
      return reply.status(201).send({ organization: presentOrganization(organization) });
    },
  );

  routes.get(
    '/api/v1/organizations/:organizationId',
    {
      schema: {
        tags: ['organizations'],
        summary: 'One organization the signed-in user belongs to',
        params: OrganizationParams,
        querystring: NoQuery,
        response: { 200: OrganizationResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const organization = await getOrganization(contextOf(request), request.params);
      return { organization: presentOrganization(organization) };
    },
  );

  routes.patch(
    '/api/v1/organizations/:organizationId',
    {
      schema: {
        tags: ['organizations'],
        summary: "Change an organization's name, kind, jurisdictions or time zone (admins)",
        params: OrganizationParams,
        body: UpdateOrganizationRequest,
        response: { 200: OrganizationResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const organization = await updateOrganization(contextOf(request), {
        organizationId: request.params.organizationId,
        changes: request.body,
      });
      return { organization: presentOrganization(organization) };
    },
  );

  // --- Members -----------------------------------------------------------------------------------

  routes.get(
    '/api/v1/organizations/:organizationId/members',
    {
      schema: {
        tags: ['members'],
        summary: 'The members of an organization with their roles',
        params: OrganizationParams,
        querystring: NoQuery,
        response: { 200: MemberListResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const listing = await listMembers(contextOf(request), request.params);
      return { members: listing.members.map((member) => presentMember(member, listing)) };
    },
  );

  routes.patch(
    '/api/v1/organizations/:organizationId/members/:membershipId',
    {
      schema: {
        tags: ['members'],
        summary: "Change a member's role (admins; the last admin cannot be demoted)",
        params: MemberParams,
        body: UpdateMemberRequest,
        response: { 200: MemberResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const updated = await updateMemberRole(contextOf(request), {
        ...request.params,
        role: request.body.role,
      });
      return { member: presentMember(updated.member, updated) };
    },
  );

  routes.delete(
    '/api/v1/organizations/:organizationId/members/:membershipId',
    {
      schema: {
        tags: ['members'],
        summary: 'Remove a member (admins), or leave (your own membership); never the last admin',
        params: MemberParams,
        response: { 200: OkResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      await removeMember(contextOf(request), request.params);
      return { ok: true as const };
    },
  );

  // --- Invitations -------------------------------------------------------------------------------

  routes.get(
    '/api/v1/organizations/:organizationId/invitations',
    {
      schema: {
        tags: ['invitations'],
        summary: "An organization's invitations, newest first (coordinators and admins)",
        params: OrganizationParams,
        querystring: ListInvitationsQuery,
        response: { 200: InvitationListResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const listing = await listInvitations(contextOf(request), {
        organizationId: request.params.organizationId,
        status: request.query.status,
      });
      return {
        invitations: listing.invitations.map((invitation) =>
          presentInvitation(invitation, listing.viewerRole),
        ),
      };
    },
  );

  routes.post(
    '/api/v1/organizations/:organizationId/invitations',
    {
      schema: {
        tags: ['invitations'],
        summary:
          'Invite someone by email (coordinators and admins; only admins invite admins); replaces a pending invitation to the same address',
        params: OrganizationParams,
        body: CreateInvitationRequest,
        response: { 201: InvitationResponse, ...STANDARD_ERRORS },
      },
    },
    async (request, reply) => {
      const created = await createInvitation(contextOf(request), {
        organizationId: request.params.organizationId,
        ...request.body,
      });
      return reply
        .status(201)
        .send({ invitation: presentInvitation(created.invitation, created.viewerRole) });
    },
  );

  routes.post(
    '/api/v1/organizations/:organizationId/invitations/:invitationId/revoke',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Revoke an unused invitation so that its link stops working',
        params: InvitationParams,
        body: NoBody,
        response: { 200: InvitationResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const revoked = await revokeInvitation(contextOf(request), request.params);
      return { invitation: presentInvitation(revoked.invitation, revoked.viewerRole) };
    },
  );

  routes.post(
    '/api/v1/organizations/:organizationId/invitations/:invitationId/resend',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Email an unused invitation again with a new link and a new 7-day expiry',
        params: InvitationParams,
        body: NoBody,
        response: { 200: InvitationResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const resent = await resendInvitation(contextOf(request), request.params);
      return { invitation: presentInvitation(resent.invitation, resent.viewerRole) };
    },
  );

  routes.get(
    '/api/v1/invitations/:token',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Preview an invitation from its emailed link (no sign-in needed)',
        params: InvitationTokenParams,
        querystring: NoQuery,
        response: { 200: InvitationPreviewResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const preview = await getInvitationPreview(contextOf(request), request.params);
      return { invitation: presentInvitationPreview(preview) };
    },
  );

  routes.post(
    '/api/v1/invitations/:token/accept',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Accept an invitation as the signed-in user (whose email must be the invited one)',
        params: InvitationTokenParams,
        body: NoBody,
        response: { 200: AcceptInvitationResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const organization = await acceptInvitation(contextOf(request), request.params);
      return { organization: presentOrganization(organization) };
    },
  );
}
