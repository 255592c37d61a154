/**
 * Every API endpoint a client calls, in one table: the method, the path template and the zod schemas of
 * its params, query, body and response — the very objects the server's route validates with.
 * tests/api/endpoints.test.ts checks each entry against the server's real route table, that every
 * /api/v1 route is listed, and that the web app names no API path outside this table. The web client
 * (web/src/api/client.ts `callApi`) takes its URL and its types from an entry, so a new route is one line
 * here and one call there.
 */
import { z } from 'zod';
import { EmailListResponse, EmailParams, EmailResponse, FindEmailsQuery } from './admin.ts';
import {
  AuthUserResponse,
  RequestPasswordResetRequest,
  ResetPasswordRequest,
  SendVerificationEmailRequest,
  SignInRequest,
  SignUpRequest,
  SignUpResponse,
} from './auth.ts';
import {
  ApiTokenListResponse,
  ApiTokenParams,
  CreateApiTokenRequest,
  CreateApiTokenResponse,
  RevokeApiTokenResponse,
} from './api-tokens.ts';
import { OkResponse } from './common.ts';
import {
  ApplicationDetailResponse,
  ApplicationFormResponse,
  ApplicationFormsResponse,
  ApplicationParams,
  ApplicationQueueResponse,
  ApplicationResponse,
  ApplyContextResponse,
  ApplyQuery,
  BulkDecisionRequest,
  BulkDecisionResponse,
  DecideApplicationRequest,
  EligibilityRuleParams,
  EligibilityRules,
  EligibilityRulesResponse,
  EnrolJoinResponse,
  EnrolPreviewResponse,
  EnrolTokenParams,
  FindApplicationsQuery,
  MyApplicationsResponse,
  OpenLinkResponse,
  ProgramRoleParams,
  RankingsResponse,
  ReviewEligibilityRuleRequest,
  SaveApplicationFormRequest,
  SetRankingsRequest,
  SubmitApplicationRequest,
  UpdateApplicationRequest,
} from './enrolment.ts';
import {
  CompareMatchRunsParams,
  CompareMatchRunsResponse,
  CreateMatchRunRequest,
  EditMatchRunRequest,
  EditMatchRunResponse,
  MatchRunListResponse,
  MatchRunParams,
  MatchRunResponse,
  MatchRunSummaryResponse,
  PublishMatchRunResponse,
  RelationshipListResponse,
} from './match-runs.ts';
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
} from './organizations.ts';
import { ProfileParams, ProfileResponse, UpdateProfileRequest } from './profiles.ts';
import {
  AddProgramCoordinatorRequest,
  CohortInput,
  CohortListResponse,
  CohortParams,
  CohortResponse,
  CreateProgramRequest,
  DuplicateProgramRequest,
  FindProgramsQuery,
  OrganizationProgramsParams,
  ProgramCoordinatorListResponse,
  ProgramCoordinatorParams,
  ProgramCoordinatorResponse,
  ProgramListResponse,
  ProgramOverviewResponse,
  ProgramParams,
  ProgramResponse,
  TransitionCohortRequest,
  UpdateCohortRequest,
  UpdateProgramRequest,
} from './programs.ts';
import {
  CreateMatchRequestRequest,
  DirectoryResponse,
  FindDirectoryMentorsQuery,
  ListMyMatchRequestsQuery,
  MatchRequestListResponse,
  MatchRequestParams,
  MatchRequestResponse,
  RecommendedMentorsQuery,
  RecommendedMentorsResponse,
  RespondToMatchRequestRequest,
  RespondToMatchRequestResponse,
  WithdrawMatchRequestRequest,
} from './self-match.ts';
import {
  InviteToProgramRequest,
  InviteToProgramResponse,
  ListProgramInvitationsQuery,
  ProgramInvitationListResponse,
  ProgramInvitationParams,
  RevokeProgramInvitationResponse,
  RosterImportQuery,
  RosterImportResponse,
} from './roster.ts';
import { CsrfTokenResponse, MeResponse } from './session.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The schemas of one endpoint; a part the endpoint does not take is left out. */
export interface EndpointSchemas {
  /** The path parameters (`:name` in the path), as the route validates them. */
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The success response. */
  response: z.ZodType;
}

/** One API endpoint: how to call it and what it answers. */
export interface Endpoint<
  Method extends HttpMethod = HttpMethod,
  Path extends string = string,
> extends EndpointSchemas {
  method: Method;
  /** Fastify's path template: `/api/v1/organizations/:organizationId`. */
  path: Path;
}

function endpoint<
  const Method extends HttpMethod,
  const Path extends string,
  const Schemas extends EndpointSchemas,
>(method: Method, path: Path, schemas: Schemas): { method: Method; path: Path } & Schemas {
  return { method, path, ...schemas };
}

/** A write without fields that still sends `{}` (the route refuses an absent body). */
const EmptyBody = z.object({}).strict();

/** The API, by use: `API.getOrganization` is `GET /api/v1/organizations/:organizationId`. */
export const API = {
  // Session and sign-in
  me: endpoint('GET', '/api/v1/me', { response: MeResponse }),
  getCsrfToken: endpoint('GET', '/api/v1/csrf-token', { response: CsrfTokenResponse }),
  signUp: endpoint('POST', '/api/auth/sign-up/email', { body: SignUpRequest, response: SignUpResponse }),
  signIn: endpoint('POST', '/api/auth/sign-in/email', { body: SignInRequest, response: AuthUserResponse }),
  signOut: endpoint('POST', '/api/auth/sign-out', { body: EmptyBody, response: OkResponse }),
  requestPasswordReset: endpoint('POST', '/api/auth/request-password-reset', {
    body: RequestPasswordResetRequest,
    response: OkResponse,
  }),
  resetPassword: endpoint('POST', '/api/auth/reset-password', {
    body: ResetPasswordRequest,
    response: OkResponse,
  }),
  sendVerificationEmail: endpoint('POST', '/api/auth/send-verification-email', {
    body: SendVerificationEmailRequest,
    response: OkResponse,
  }),

  // Organizations
  listOrganizations: endpoint('GET', '/api/v1/organizations', { response: OrganizationListResponse }),
  createOrganization: endpoint('POST', '/api/v1/organizations', {
    body: CreateOrganizationRequest,
    response: OrganizationResponse,
  }),
  getOrganization: endpoint('GET', '/api/v1/organizations/:organizationId', {
    params: OrganizationParams,
    response: OrganizationResponse,
  }),
  updateOrganization: endpoint('PATCH', '/api/v1/organizations/:organizationId', {
    params: OrganizationParams,
    body: UpdateOrganizationRequest,
    response: OrganizationResponse,
  }),

  // Members and their profiles
  listMembers: endpoint('GET', '/api/v1/organizations/:organizationId/members', {
    params: OrganizationParams,
    response: MemberListResponse,
  }),
  updateMember: endpoint('PATCH', '/api/v1/organizations/:organizationId/members/:membershipId', {
    params: MemberParams,
    body: UpdateMemberRequest,
    response: MemberResponse,
  }),
  removeMember: endpoint('DELETE', '/api/v1/organizations/:organizationId/members/:membershipId', {
    params: MemberParams,
    response: OkResponse,
  }),
  getProfile: endpoint('GET', '/api/v1/organizations/:organizationId/members/:membershipId/profile', {
    params: ProfileParams,
    response: ProfileResponse,
  }),
  updateProfile: endpoint('PUT', '/api/v1/organizations/:organizationId/members/:membershipId/profile', {
    params: ProfileParams,
    body: UpdateProfileRequest,
    response: ProfileResponse,
  }),

  // Invitations
  listInvitations: endpoint('GET', '/api/v1/organizations/:organizationId/invitations', {
    params: OrganizationParams,
    query: ListInvitationsQuery,
    response: InvitationListResponse,
  }),
  createInvitation: endpoint('POST', '/api/v1/organizations/:organizationId/invitations', {
    params: OrganizationParams,
    body: CreateInvitationRequest,
    response: InvitationResponse,
  }),
  revokeInvitation: endpoint(
    'POST',
    '/api/v1/organizations/:organizationId/invitations/:invitationId/revoke',
    {
      params: InvitationParams,
      response: InvitationResponse,
    },
  ),
  resendInvitation: endpoint(
    'POST',
    '/api/v1/organizations/:organizationId/invitations/:invitationId/resend',
    {
      params: InvitationParams,
      response: InvitationResponse,
    },
  ),
  getInvitationPreview: endpoint('GET', '/api/v1/invitations/:token', {
    params: InvitationTokenParams,
    response: InvitationPreviewResponse,
  }),
  acceptInvitation: endpoint('POST', '/api/v1/invitations/:token/accept', {
    params: InvitationTokenParams,
    response: AcceptInvitationResponse,
  }),

  // Platform administration
  findEmails: endpoint('GET', '/api/v1/admin/emails', {
    query: FindEmailsQuery,
    response: EmailListResponse,
  }),
  getEmail: endpoint('GET', '/api/v1/admin/emails/:emailId', {
    params: EmailParams,
    response: EmailResponse,
  }),

  // Personal API tokens
  listApiTokens: endpoint('GET', '/api/v1/me/api-tokens', { response: ApiTokenListResponse }),
  createApiToken: endpoint('POST', '/api/v1/me/api-tokens', {
    body: CreateApiTokenRequest,
    response: CreateApiTokenResponse,
  }),
  revokeApiToken: endpoint('DELETE', '/api/v1/me/api-tokens/:tokenId', {
    params: ApiTokenParams,
    response: RevokeApiTokenResponse,
  }),

  // Programs, cohorts and program coordinators
  findPrograms: endpoint('GET', '/api/v1/organizations/:organizationId/programs', {
    params: OrganizationProgramsParams,
    query: FindProgramsQuery,
    response: ProgramListResponse,
  }),
  createProgram: endpoint('POST', '/api/v1/organizations/:organizationId/programs', {
    params: OrganizationProgramsParams,
    body: CreateProgramRequest,
    response: ProgramResponse,
  }),
  getProgram: endpoint('GET', '/api/v1/programs/:programId', {
    params: ProgramParams,
    response: ProgramResponse,
  }),
  updateProgram: endpoint('PATCH', '/api/v1/programs/:programId', {
    params: ProgramParams,
    body: UpdateProgramRequest,
    response: ProgramResponse,
  }),
  duplicateProgram: endpoint('POST', '/api/v1/programs/:programId/duplicate', {
    params: ProgramParams,
    body: DuplicateProgramRequest,
    response: ProgramResponse,
  }),
  archiveProgram: endpoint('POST', '/api/v1/programs/:programId/archive', {
    params: ProgramParams,
    response: ProgramResponse,
  }),
  getProgramOverview: endpoint('GET', '/api/v1/programs/:programId/overview', {
    params: ProgramParams,
    response: ProgramOverviewResponse,
  }),
  listCohorts: endpoint('GET', '/api/v1/programs/:programId/cohorts', {
    params: ProgramParams,
    response: CohortListResponse,
  }),
  createCohort: endpoint('POST', '/api/v1/programs/:programId/cohorts', {
    params: ProgramParams,
    body: CohortInput,
    response: CohortResponse,
  }),
  updateCohort: endpoint('PATCH', '/api/v1/programs/:programId/cohorts/:cohortId', {
    params: CohortParams,
    body: UpdateCohortRequest,
    response: CohortResponse,
  }),
  transitionCohort: endpoint('POST', '/api/v1/programs/:programId/cohorts/:cohortId/transition', {
    params: CohortParams,
    body: TransitionCohortRequest,
    response: CohortResponse,
  }),
  listProgramCoordinators: endpoint('GET', '/api/v1/programs/:programId/coordinators', {
    params: ProgramParams,
    response: ProgramCoordinatorListResponse,
  }),
  addProgramCoordinator: endpoint('POST', '/api/v1/programs/:programId/coordinators', {
    params: ProgramParams,
    body: AddProgramCoordinatorRequest,
    response: ProgramCoordinatorResponse,
  }),
  removeProgramCoordinator: endpoint('DELETE', '/api/v1/programs/:programId/coordinators/:membershipId', {
    params: ProgramCoordinatorParams,
    response: OkResponse,
  }),
  // Enrolment
  getApplicationForms: endpoint('GET', '/api/v1/programs/:programId/forms', {
    params: ProgramParams,
    response: ApplicationFormsResponse,
  }),
  saveApplicationForm: endpoint('PUT', '/api/v1/programs/:programId/forms/:role', {
    params: ProgramRoleParams,
    body: SaveApplicationFormRequest,
    response: ApplicationFormResponse,
  }),
  getApplyContext: endpoint('GET', '/api/v1/programs/:programId/apply', {
    params: ProgramParams,
    query: ApplyQuery,
    response: ApplyContextResponse,
  }),
  findApplications: endpoint('GET', '/api/v1/programs/:programId/applications', {
    params: ProgramParams,
    query: FindApplicationsQuery,
    response: ApplicationQueueResponse,
  }),
  submitApplication: endpoint('POST', '/api/v1/programs/:programId/applications', {
    params: ProgramParams,
    body: SubmitApplicationRequest,
    response: ApplicationResponse,
  }),
  decideApplications: endpoint('POST', '/api/v1/programs/:programId/applications/decisions', {
    params: ProgramParams,
    body: BulkDecisionRequest,
    response: BulkDecisionResponse,
  }),
  getApplication: endpoint('GET', '/api/v1/applications/:applicationId', {
    params: ApplicationParams,
    response: ApplicationDetailResponse,
  }),
  updateApplication: endpoint('PATCH', '/api/v1/applications/:applicationId', {
    params: ApplicationParams,
    body: UpdateApplicationRequest,
    response: ApplicationResponse,
  }),
  decideApplication: endpoint('POST', '/api/v1/applications/:applicationId/decision', {
    params: ApplicationParams,
    body: DecideApplicationRequest,
    response: ApplicationResponse,
  }),
  withdrawApplication: endpoint('POST', '/api/v1/applications/:applicationId/withdraw', {
    params: ApplicationParams,
    response: ApplicationResponse,
  }),
  reviewEligibilityRule: endpoint('POST', '/api/v1/applications/:applicationId/eligibility/:ruleId', {
    params: EligibilityRuleParams,
    body: ReviewEligibilityRuleRequest,
    response: ApplicationResponse,
  }),
  getRankings: endpoint('GET', '/api/v1/applications/:applicationId/rankings', {
    params: ApplicationParams,
    response: RankingsResponse,
  }),
  setRankings: endpoint('PUT', '/api/v1/applications/:applicationId/rankings', {
    params: ApplicationParams,
    body: SetRankingsRequest,
    response: RankingsResponse,
  }),
  getEligibilityRules: endpoint('GET', '/api/v1/programs/:programId/eligibility-rules', {
    params: ProgramParams,
    response: EligibilityRulesResponse,
  }),
  updateEligibilityRules: endpoint('PUT', '/api/v1/programs/:programId/eligibility-rules', {
    params: ProgramParams,
    body: EligibilityRules,
    response: EligibilityRulesResponse,
  }),
  createOpenLink: endpoint('POST', '/api/v1/programs/:programId/open-link', {
    params: ProgramParams,
    response: OpenLinkResponse,
  }),
  getOpenLinkPreview: endpoint('GET', '/api/v1/enrol/:token', {
    params: EnrolTokenParams,
    response: EnrolPreviewResponse,
  }),
  joinByOpenLink: endpoint('POST', '/api/v1/enrol/:token/join', {
    params: EnrolTokenParams,
    response: EnrolJoinResponse,
  }),
  listMyApplications: endpoint('GET', '/api/v1/me/applications', { response: MyApplicationsResponse }),
  // Self-match: mentor directory, recommendations, requests
  findDirectoryMentors: endpoint('GET', '/api/v1/programs/:programId/mentor-directory', {
    params: ProgramParams,
    query: FindDirectoryMentorsQuery,
    response: DirectoryResponse,
  }),
  getRecommendedMentors: endpoint('GET', '/api/v1/programs/:programId/recommended-mentors', {
    params: ProgramParams,
    query: RecommendedMentorsQuery,
    response: RecommendedMentorsResponse,
  }),
  createMatchRequest: endpoint('POST', '/api/v1/programs/:programId/match-requests', {
    params: ProgramParams,
    body: CreateMatchRequestRequest,
    response: MatchRequestResponse,
  }),
  listMyMatchRequests: endpoint('GET', '/api/v1/me/match-requests', {
    query: ListMyMatchRequestsQuery,
    response: MatchRequestListResponse,
  }),
  getMatchRequest: endpoint('GET', '/api/v1/match-requests/:requestId', {
    params: MatchRequestParams,
    response: MatchRequestResponse,
  }),
  acceptMatchRequest: endpoint('POST', '/api/v1/match-requests/:requestId/accept', {
    params: MatchRequestParams,
    body: RespondToMatchRequestRequest,
    response: RespondToMatchRequestResponse,
  }),
  declineMatchRequest: endpoint('POST', '/api/v1/match-requests/:requestId/decline', {
    params: MatchRequestParams,
    body: RespondToMatchRequestRequest,
    response: RespondToMatchRequestResponse,
  }),
  withdrawMatchRequest: endpoint('POST', '/api/v1/match-requests/:requestId/withdraw', {
    params: MatchRequestParams,
    body: WithdrawMatchRequestRequest,
    response: MatchRequestResponse,
  }),
  // Match runs and relationships
  listMatchRuns: endpoint('GET', '/api/v1/programs/:programId/match-runs', {
    params: ProgramParams,
    response: MatchRunListResponse,
  }),
  createMatchRun: endpoint('POST', '/api/v1/programs/:programId/match-runs', {
    params: ProgramParams,
    body: CreateMatchRunRequest,
    response: MatchRunResponse,
  }),
  getMatchRun: endpoint('GET', '/api/v1/match-runs/:runId', {
    params: MatchRunParams,
    response: MatchRunResponse,
  }),
  editMatchRun: endpoint('POST', '/api/v1/match-runs/:runId/pairs', {
    params: MatchRunParams,
    body: EditMatchRunRequest,
    response: EditMatchRunResponse,
  }),
  compareMatchRuns: endpoint('GET', '/api/v1/match-runs/:runId/compare/:otherRunId', {
    params: CompareMatchRunsParams,
    response: CompareMatchRunsResponse,
  }),
  publishMatchRun: endpoint('POST', '/api/v1/match-runs/:runId/publish', {
    params: MatchRunParams,
    response: PublishMatchRunResponse,
  }),
  discardMatchRun: endpoint('POST', '/api/v1/match-runs/:runId/discard', {
    params: MatchRunParams,
    response: MatchRunSummaryResponse,
  }),
  findProgramRelationships: endpoint('GET', '/api/v1/programs/:programId/relationships', {
    params: ProgramParams,
    response: RelationshipListResponse,
  }),
  findMyRelationships: endpoint('GET', '/api/v1/me/relationships', { response: RelationshipListResponse }),
  // Roster import and program invitations (ADR 018). The roster is the raw CSV body (text/csv).
  importRoster: endpoint('POST', '/api/v1/programs/:programId/roster-imports', {
    params: ProgramParams,
    query: RosterImportQuery,
    response: RosterImportResponse,
  }),
  listProgramInvitations: endpoint('GET', '/api/v1/programs/:programId/invitations', {
    params: ProgramParams,
    query: ListProgramInvitationsQuery,
    response: ProgramInvitationListResponse,
  }),
  inviteToProgram: endpoint('POST', '/api/v1/programs/:programId/invitations', {
    params: ProgramParams,
    body: InviteToProgramRequest,
    response: InviteToProgramResponse,
  }),
  revokeProgramInvitation: endpoint(
    'DELETE',
    '/api/v1/programs/:programId/invitations/:programInvitationId',
    {
      params: ProgramInvitationParams,
      response: RevokeProgramInvitationResponse,
    },
  ),
} satisfies Record<string, Endpoint>;

export type ApiEndpointName = keyof typeof API;

type ParamNames<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : Path extends `${string}:${infer Name}`
    ? Name
    : never;

/** The path parameters of a path template: `{ organizationId: string }` for `/…/:organizationId`. */
export type PathParams<Path extends string> = { [Name in ParamNames<Path>]: string };

/** The body a caller sends to an endpoint (the schema's input), or never when it takes none. */
export type EndpointBody<E extends Endpoint> = E extends { body: infer Body extends z.ZodType }
  ? z.input<Body>
  : never;

/** The query a caller may send to an endpoint (the schema's input), or never when it takes none. */
export type EndpointQuery<E extends Endpoint> = E extends { query: infer Query extends z.ZodType }
  ? z.input<Query>
  : never;

/** What an endpoint answers, parsed. */
export type EndpointResponse<E extends Endpoint> = z.output<E['response']>;

/** The names in a path template, in order: `['organizationId', 'membershipId']`. */
export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/:(\w+)/g)].map((match) => match[1]);
}

/** The URL path of an endpoint with its parameters filled in (each one URL-encoded). */
export function endpointPath(endpoint: Pick<Endpoint, 'path'>, params: Record<string, string> = {}): string {
  return endpoint.path.replace(/:(\w+)/g, (_match, name: string) => {
    const value = params[name];
    // An empty id would silently address another route (`/organizations/` is the list).
    if (!value) throw new Error(`${endpoint.path} needs the parameter ${name}`);
    return encodeURIComponent(value);
  });
}
