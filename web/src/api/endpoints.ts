/**
 * Every API call the web app makes, one typed function each, built on the shared contracts. Request
 * bodies are typed with the request schemas (the server validates them again), responses are parsed
 * with the response schemas.
 */
import type { z } from 'zod';
import {
  AuthUserResponse,
  type RequestPasswordResetRequest,
  type ResetPasswordRequest,
  type SendVerificationEmailRequest,
  type SignInRequest,
  type SignUpRequest,
  SignUpResponse,
} from '../../../src/contracts/auth.ts';
import { EmailListResponse, EmailResponse, type FindEmailsQuery } from '../../../src/contracts/admin.ts';
import {
  AcceptInvitationResponse,
  InvitationListResponse,
  InvitationPreviewResponse,
  InvitationResponse,
  MemberListResponse,
  MemberResponse,
  OrganizationListResponse,
  OrganizationResponse,
  type CreateInvitationRequest,
  type CreateOrganizationRequest,
  type UpdateMemberRequest,
  type UpdateOrganizationRequest,
} from '../../../src/contracts/organizations.ts';
import { ProfileResponse, type UpdateProfileRequest } from '../../../src/contracts/profiles.ts';
import { MeResponse } from '../../../src/contracts/session.ts';
import {
  ApiTokenListResponse,
  CreateApiTokenResponse,
  type CreateApiTokenRequest,
} from '../../../src/contracts/api-tokens.ts';
import { apiRequest } from './client.ts';

export type Me = z.infer<typeof MeResponse>['user'];
export type OrganizationDto = z.infer<typeof OrganizationResponse>['organization'];
export type MemberDto = z.infer<typeof MemberResponse>['member'];
export type InvitationDto = z.infer<typeof InvitationResponse>['invitation'];
export type InvitationPreviewDto = z.infer<typeof InvitationPreviewResponse>['invitation'];
export type ProfileDto = z.infer<typeof ProfileResponse>['profile'];
export type EmailSummaryDto = z.infer<typeof EmailListResponse>['emails'][number];
export type ApiTokenDto = z.infer<typeof ApiTokenListResponse>['tokens'][number];
export type EmailDto = z.infer<typeof EmailResponse>['email'];

const enc = encodeURIComponent;
const org = (organizationId: string) => `/api/v1/organizations/${enc(organizationId)}`;

export const authApi = {
  me: () => apiRequest('/api/v1/me', { schema: MeResponse }).then((r) => r.user),
  signUp: (body: z.input<typeof SignUpRequest>) =>
    apiRequest('/api/auth/sign-up/email', { method: 'POST', body, schema: SignUpResponse }),
  signIn: (body: z.input<typeof SignInRequest>) =>
    apiRequest('/api/auth/sign-in/email', { method: 'POST', body, schema: AuthUserResponse }),
  signOut: () => apiRequest('/api/auth/sign-out', { method: 'POST', body: {} }),
  requestPasswordReset: (body: z.input<typeof RequestPasswordResetRequest>) =>
    apiRequest('/api/auth/request-password-reset', { method: 'POST', body }),
  resetPassword: (body: z.input<typeof ResetPasswordRequest>) =>
    apiRequest('/api/auth/reset-password', { method: 'POST', body }),
  sendVerificationEmail: (body: z.input<typeof SendVerificationEmailRequest>) =>
    apiRequest('/api/auth/send-verification-email', { method: 'POST', body }),
};

export const organizationsApi = {
  list: () =>
    apiRequest('/api/v1/organizations', { schema: OrganizationListResponse }).then((r) => r.organizations),
  get: (organizationId: string) =>
    apiRequest(org(organizationId), { schema: OrganizationResponse }).then((r) => r.organization),
  create: (body: z.input<typeof CreateOrganizationRequest>) =>
    apiRequest('/api/v1/organizations', { method: 'POST', body, schema: OrganizationResponse }).then(
      (r) => r.organization,
    ),
  update: (organizationId: string, body: z.input<typeof UpdateOrganizationRequest>) =>
    apiRequest(org(organizationId), { method: 'PATCH', body, schema: OrganizationResponse }).then(
      (r) => r.organization,
    ),
};

export const membersApi = {
  list: (organizationId: string) =>
    apiRequest(`${org(organizationId)}/members`, { schema: MemberListResponse }).then((r) => r.members),
  update: (organizationId: string, membershipId: string, body: z.input<typeof UpdateMemberRequest>) =>
    apiRequest(`${org(organizationId)}/members/${enc(membershipId)}`, {
      method: 'PATCH',
      body,
      schema: MemberResponse,
    }).then((r) => r.member),
  remove: (organizationId: string, membershipId: string) =>
    apiRequest(`${org(organizationId)}/members/${enc(membershipId)}`, { method: 'DELETE' }),
};

export const invitationsApi = {
  list: (organizationId: string) =>
    apiRequest(`${org(organizationId)}/invitations`, { schema: InvitationListResponse }).then(
      (r) => r.invitations,
    ),
  create: (organizationId: string, body: z.input<typeof CreateInvitationRequest>) =>
    apiRequest(`${org(organizationId)}/invitations`, {
      method: 'POST',
      body,
      schema: InvitationResponse,
    }).then((r) => r.invitation),
  revoke: (organizationId: string, invitationId: string) =>
    apiRequest(`${org(organizationId)}/invitations/${enc(invitationId)}/revoke`, {
      method: 'POST',
      schema: InvitationResponse,
    }).then((r) => r.invitation),
  resend: (organizationId: string, invitationId: string) =>
    apiRequest(`${org(organizationId)}/invitations/${enc(invitationId)}/resend`, {
      method: 'POST',
      schema: InvitationResponse,
    }).then((r) => r.invitation),
  preview: (token: string) =>
    apiRequest(`/api/v1/invitations/${enc(token)}`, { schema: InvitationPreviewResponse }).then(
      (r) => r.invitation,
    ),
  accept: (token: string) =>
    apiRequest(`/api/v1/invitations/${enc(token)}/accept`, {
      method: 'POST',
      schema: AcceptInvitationResponse,
    }).then((r) => r.organization),
};

export const profilesApi = {
  get: (organizationId: string, membershipId: string) =>
    apiRequest(`${org(organizationId)}/members/${enc(membershipId)}/profile`, {
      schema: ProfileResponse,
    }).then((r) => r.profile),
  update: (organizationId: string, membershipId: string, body: z.input<typeof UpdateProfileRequest>) =>
    apiRequest(`${org(organizationId)}/members/${enc(membershipId)}/profile`, {
      method: 'PUT',
      body,
      schema: ProfileResponse,
    }).then((r) => r.profile),
};

export const adminApi = {
  findEmails: (query: Partial<z.input<typeof FindEmailsQuery>> = {}) =>
    apiRequest('/api/v1/admin/emails', {
      query: { to: query.to, limit: query.limit as number | undefined, before: query.before },
      schema: EmailListResponse,
    }),
  getEmail: (emailId: string) =>
    apiRequest(`/api/v1/admin/emails/${enc(emailId)}`, { schema: EmailResponse }).then((r) => r.email),
};

export const apiTokensApi = {
  list: () => apiRequest('/api/v1/me/api-tokens', { schema: ApiTokenListResponse }).then((r) => r.tokens),
  create: (body: z.input<typeof CreateApiTokenRequest>) =>
    apiRequest('/api/v1/me/api-tokens', { method: 'POST', body, schema: CreateApiTokenResponse }),
  revoke: (tokenId: string) =>
    apiRequest(`/api/v1/me/api-tokens/${enc(tokenId)}`, {
      method: 'DELETE',
      schema: CreateApiTokenResponse.pick({ token: true }),
    }).then((r) => r.token),
};
