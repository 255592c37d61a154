/**
 * Enrolment calls (forms, applying, the review queue, eligibility rules, rankings, the open sign-up
 * link), each through an entry of the contracts' endpoint table, and the query options the pages share.
 */
import { queryOptions } from '@tanstack/react-query';
import {
  API,
  type EndpointBody,
  type EndpointQuery,
  type EndpointResponse,
} from '../../../src/contracts/endpoints.ts';
import { callApi } from './client.ts';

type Answer<Name extends keyof typeof API> = EndpointResponse<(typeof API)[Name]>;
type Body<Name extends keyof typeof API> = EndpointBody<(typeof API)[Name]>;

export type ApplicationFormsDto = Answer<'getApplicationForms'>;
export type ApplyContextDto = Answer<'getApplyContext'>;
export type ApplicationDto = Answer<'getApplication'>['application'];
export type ApplicationDetailDto = Answer<'getApplication'>;
export type ApplicationQueueDto = Answer<'findApplications'>;
export type ApplicationSummaryDto = ApplicationQueueDto['applications'][number];
export type EligibilityRulesDto = Answer<'getEligibilityRules'>['rules'];
export type RankingsDto = Answer<'getRankings'>;
export type FormQuestionDto = ApplicationFormsDto['forms']['mentor'] extends infer F
  ? F extends { questions: Array<infer Q> }
    ? Q
    : never
  : never;
export type CatalogueEntryDto = ApplicationFormsDto['catalogue'][number];
export type ProgramRoleName = 'mentor' | 'mentee';
export type DecisionName = Body<'decideApplication'>['decision'];
export type FindApplicationsFilters = EndpointQuery<typeof API.findApplications>;

export const enrolmentApi = {
  forms: (programId: string) => callApi(API.getApplicationForms, { params: { programId } }),
  saveForm: (programId: string, role: ProgramRoleName, body: Body<'saveApplicationForm'>) =>
    callApi(API.saveApplicationForm, { params: { programId, role }, body }).then((r) => r.form),
  applyContext: (programId: string, role?: ProgramRoleName) =>
    callApi(API.getApplyContext, { params: { programId }, query: role ? { role } : {} }),
  find: (programId: string, query: FindApplicationsFilters) =>
    callApi(API.findApplications, { params: { programId }, query }),
  submit: (programId: string, body: Body<'submitApplication'>) =>
    callApi(API.submitApplication, { params: { programId }, body }).then((r) => r.application),
  decideMany: (programId: string, body: Body<'decideApplications'>) =>
    callApi(API.decideApplications, { params: { programId }, body }).then((r) => r.applications),
  get: (applicationId: string) => callApi(API.getApplication, { params: { applicationId } }),
  update: (applicationId: string, body: Body<'updateApplication'>) =>
    callApi(API.updateApplication, { params: { applicationId }, body }).then((r) => r.application),
  decide: (applicationId: string, body: Body<'decideApplication'>) =>
    callApi(API.decideApplication, { params: { applicationId }, body }).then((r) => r.application),
  withdraw: (applicationId: string) =>
    callApi(API.withdrawApplication, { params: { applicationId } }).then((r) => r.application),
  reviewRule: (
    applicationId: string,
    ruleId: Answer<'getApplication'>['application']['eligibility'] extends infer E
      ? E extends { rules: Array<{ id: infer I }> }
        ? I
        : never
      : never,
    body: Body<'reviewEligibilityRule'>,
  ) =>
    callApi(API.reviewEligibilityRule, { params: { applicationId, ruleId }, body }).then(
      (r) => r.application,
    ),
  rankings: (applicationId: string) => callApi(API.getRankings, { params: { applicationId } }),
  setRankings: (applicationId: string, rankedApplicationIds: string[]) =>
    callApi(API.setRankings, { params: { applicationId }, body: { rankedApplicationIds } }),
  eligibilityRules: (programId: string) => callApi(API.getEligibilityRules, { params: { programId } }),
  updateEligibilityRules: (programId: string, body: Body<'updateEligibilityRules'>) =>
    callApi(API.updateEligibilityRules, { params: { programId }, body }),
  openLinkPreview: (token: string) => callApi(API.getOpenLinkPreview, { params: { token } }),
  joinByOpenLink: (token: string) => callApi(API.joinByOpenLink, { params: { token } }),
  myApplications: () => callApi(API.listMyApplications).then((r) => r.applications),
};

export const enrolmentKeys = {
  forms: (programId: string) => ['programs', programId, 'forms'] as const,
  apply: (programId: string, role: string) => ['programs', programId, 'apply', role] as const,
  queue: (programId: string) => ['programs', programId, 'applications'] as const,
  application: (applicationId: string) => ['applications', applicationId] as const,
  rules: (programId: string) => ['programs', programId, 'eligibility-rules'] as const,
  rankings: (applicationId: string) => ['applications', applicationId, 'rankings'] as const,
  mine: ['me', 'applications'] as const,
  openLink: (token: string) => ['enrol', token] as const,
};

export const formsQuery = (programId: string) =>
  queryOptions({ queryKey: enrolmentKeys.forms(programId), queryFn: () => enrolmentApi.forms(programId) });
export const applyContextQuery = (programId: string, role: ProgramRoleName) =>
  queryOptions({
    queryKey: enrolmentKeys.apply(programId, role),
    queryFn: () => enrolmentApi.applyContext(programId, role),
  });
export const applicationQuery = (applicationId: string) =>
  queryOptions({
    queryKey: enrolmentKeys.application(applicationId),
    queryFn: () => enrolmentApi.get(applicationId),
  });
export const myApplicationsQuery = queryOptions({
  queryKey: enrolmentKeys.mine,
  queryFn: enrolmentApi.myApplications,
});

export const STATUS_LABELS: Record<string, string> = {
  submitted: 'Submitted',
  approved: 'Approved',
  rejected: 'Rejected',
  waitlisted: 'Waitlisted',
  changes_requested: 'Changes requested',
  withdrawn: 'Withdrawn',
};
export const DECISION_LABELS: Record<DecisionName, string> = {
  approve: 'Approve',
  reject: 'Reject',
  waitlist: 'Waitlist',
  request_changes: 'Request changes',
};
