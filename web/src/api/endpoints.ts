/**
 * Every API call the web app makes, one typed function each. Each goes through an entry of the
 * contracts' endpoint table (src/contracts/endpoints.ts), which gives its method, path and schemas:
 * bodies are typed with the request schemas (the server validates them again), responses are parsed
 * with the response schemas. No path is written here.
 */
import {
  API,
  type EndpointBody,
  type EndpointQuery,
  type EndpointResponse,
} from '../../../src/contracts/endpoints.ts';
import { callApi } from './client.ts';

type Answer<Name extends keyof typeof API> = EndpointResponse<(typeof API)[Name]>;

export type Me = Answer<'me'>['user'];
export type OrganizationDto = Answer<'getOrganization'>['organization'];
export type MemberDto = Answer<'updateMember'>['member'];
export type InvitationDto = Answer<'createInvitation'>['invitation'];
export type InvitationPreviewDto = Answer<'getInvitationPreview'>['invitation'];
export type ProfileDto = Answer<'getProfile'>['profile'];
export type EmailSummaryDto = Answer<'findEmails'>['emails'][number];
export type EmailDto = Answer<'getEmail'>['email'];
export type ApiTokenDto = Answer<'listApiTokens'>['tokens'][number];

type Body<Name extends keyof typeof API> = EndpointBody<(typeof API)[Name]>;

export const authApi = {
  me: () => callApi(API.me).then((r) => r.user),
  signUp: (body: Body<'signUp'>) => callApi(API.signUp, { body }),
  signIn: (body: Body<'signIn'>) => callApi(API.signIn, { body }),
  signOut: () => callApi(API.signOut, { body: {} }),
  requestPasswordReset: (body: Body<'requestPasswordReset'>) => callApi(API.requestPasswordReset, { body }),
  resetPassword: (body: Body<'resetPassword'>) => callApi(API.resetPassword, { body }),
  sendVerificationEmail: (body: Body<'sendVerificationEmail'>) =>
    callApi(API.sendVerificationEmail, { body }),
};

export const organizationsApi = {
  list: () => callApi(API.listOrganizations).then((r) => r.organizations),
  get: (organizationId: string) =>
    callApi(API.getOrganization, { params: { organizationId } }).then((r) => r.organization),
  create: (body: Body<'createOrganization'>) =>
    callApi(API.createOrganization, { body }).then((r) => r.organization),
  update: (organizationId: string, body: Body<'updateOrganization'>) =>
    callApi(API.updateOrganization, { params: { organizationId }, body }).then((r) => r.organization),
};

export const membersApi = {
  list: (organizationId: string) =>
    callApi(API.listMembers, { params: { organizationId } }).then((r) => r.members),
  update: (organizationId: string, membershipId: string, body: Body<'updateMember'>) =>
    callApi(API.updateMember, { params: { organizationId, membershipId }, body }).then((r) => r.member),
  remove: (organizationId: string, membershipId: string) =>
    callApi(API.removeMember, { params: { organizationId, membershipId } }),
};

export const invitationsApi = {
  list: (organizationId: string) =>
    callApi(API.listInvitations, { params: { organizationId } }).then((r) => r.invitations),
  create: (organizationId: string, body: Body<'createInvitation'>) =>
    callApi(API.createInvitation, { params: { organizationId }, body }).then((r) => r.invitation),
  revoke: (organizationId: string, invitationId: string) =>
    callApi(API.revokeInvitation, { params: { organizationId, invitationId } }).then((r) => r.invitation),
  resend: (organizationId: string, invitationId: string) =>
    callApi(API.resendInvitation, { params: { organizationId, invitationId } }).then((r) => r.invitation),
  preview: (token: string) =>
    callApi(API.getInvitationPreview, { params: { token } }).then((r) => r.invitation),
  accept: (token: string) => callApi(API.acceptInvitation, { params: { token } }).then((r) => r.organization),
};

export const profilesApi = {
  get: (organizationId: string, membershipId: string) =>
    callApi(API.getProfile, { params: { organizationId, membershipId } }).then((r) => r.profile),
  update: (organizationId: string, membershipId: string, body: Body<'updateProfile'>) =>
    callApi(API.updateProfile, { params: { organizationId, membershipId }, body }).then((r) => r.profile),
};

export const adminApi = {
  findEmails: (query: EndpointQuery<typeof API.findEmails> = {}) => callApi(API.findEmails, { query }),
  getEmail: (emailId: string) => callApi(API.getEmail, { params: { emailId } }).then((r) => r.email),
};

export const apiTokensApi = {
  list: () => callApi(API.listApiTokens).then((r) => r.tokens),
  create: (body: Body<'createApiToken'>) => callApi(API.createApiToken, { body }),
  revoke: (tokenId: string) => callApi(API.revokeApiToken, { params: { tokenId } }).then((r) => r.token),
};

export type ProgramDto = Answer<'getProgram'>['program'];
export type ProgramPageDto = Answer<'findPrograms'>;
export type CohortDto = Answer<'listCohorts'>['cohorts'][number];
export type ProgramOverviewDto = Answer<'getProgramOverview'>;
export type ProgramCoordinatorDto = Answer<'listProgramCoordinators'>['coordinators'][number];
export type CreateProgramBody = Body<'createProgram'>;
export type UpdateProgramBody = Body<'updateProgram'>;

export const programsApi = {
  find: (organizationId: string, query: EndpointQuery<typeof API.findPrograms> = {}) =>
    callApi(API.findPrograms, { params: { organizationId }, query }),
  create: (organizationId: string, body: Body<'createProgram'>) =>
    callApi(API.createProgram, { params: { organizationId }, body }).then((r) => r.program),
  get: (programId: string) => callApi(API.getProgram, { params: { programId } }).then((r) => r.program),
  update: (programId: string, body: Body<'updateProgram'>) =>
    callApi(API.updateProgram, { params: { programId }, body }).then((r) => r.program),
  duplicate: (programId: string, body: Body<'duplicateProgram'> = {}) =>
    callApi(API.duplicateProgram, { params: { programId }, body }).then((r) => r.program),
  archive: (programId: string) =>
    callApi(API.archiveProgram, { params: { programId } }).then((r) => r.program),
  overview: (programId: string) => callApi(API.getProgramOverview, { params: { programId } }),
  createCohort: (programId: string, body: Body<'createCohort'>) =>
    callApi(API.createCohort, { params: { programId }, body }).then((r) => r.cohort),
  updateCohort: (programId: string, cohortId: string, body: Body<'updateCohort'>) =>
    callApi(API.updateCohort, { params: { programId, cohortId }, body }).then((r) => r.cohort),
  transitionCohort: (programId: string, cohortId: string, body: Body<'transitionCohort'>) =>
    callApi(API.transitionCohort, { params: { programId, cohortId }, body }).then((r) => r.cohort),
  listCoordinators: (programId: string) =>
    callApi(API.listProgramCoordinators, { params: { programId } }).then((r) => r.coordinators),
  addCoordinator: (programId: string, membershipId: string) =>
    callApi(API.addProgramCoordinator, { params: { programId }, body: { membershipId } }).then(
      (r) => r.coordinator,
    ),
  removeCoordinator: (programId: string, membershipId: string) =>
    callApi(API.removeProgramCoordinator, { params: { programId, membershipId } }),
};
