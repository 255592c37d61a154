/** Enrolment: application forms, eligibility rules, applications and the review queue, rankings, the open sign-up link. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { decideApplication, decideApplications } from '../../app/enrolment/decide-applications.ts';
import { getEligibilityRules, updateEligibilityRules } from '../../app/enrolment/eligibility-rules.ts';
import { findApplications } from '../../app/enrolment/find-applications.ts';
import { getApplication } from '../../app/enrolment/get-application.ts';
import { getApplicationForms } from '../../app/enrolment/get-application-forms.ts';
import { getApplyContext } from '../../app/enrolment/get-apply-context.ts';
import { listMyApplications } from '../../app/enrolment/list-my-applications.ts';
import { createOpenLink, getOpenLinkPreview, joinByOpenLink } from '../../app/enrolment/open-link.ts';
import { getRankings, setRankings, type RankingsView } from '../../app/enrolment/rankings.ts';
import { reviewEligibilityRule } from '../../app/enrolment/review-eligibility-rule.ts';
import { saveApplicationForm } from '../../app/enrolment/save-application-form.ts';
import { submitApplication } from '../../app/enrolment/submit-application.ts';
import { updateApplication } from '../../app/enrolment/update-application.ts';
import { withdrawApplication } from '../../app/enrolment/withdraw-application.ts';
import { NoBody, NoQuery, STANDARD_ERRORS } from '../../contracts/common.ts';
import {
  ApplicationDetailResponse,
  ApplicationFormResponse,
  ApplicationFormsResponse,
  ApplicationParams,
  ApplicationQueueResponse,
  ApplicationResponse,
  ApplyContextResponse,
  ApplyQuery,
  BUILT_IN_CATALOGUE,
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
  ProgramParams,
  ProgramRoleParams,
  RankingsResponse,
  ReviewEligibilityRuleRequest,
  SaveApplicationFormRequest,
  SetRankingsRequest,
  SubmitApplicationRequest,
  UpdateApplicationRequest,
} from '../../contracts/enrolment.ts';
import {
  presentApplication,
  presentApplicationEvent,
  presentApplicationSummary,
  presentCohort,
  presentForm,
  presentForms,
  presentProgramSummary,
} from '../presenters/enrolment.presenter.ts';
import { contextOf } from '../request-context.ts';

const tags = ['enrolment'];

function presentRankings(view: RankingsView) {
  return {
    rankings: view.rankings,
    candidates: view.candidates,
    maxRankings: view.maxRankings,
    can: { edit: view.canEdit },
  };
}

export async function enrolmentRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    '/api/v1/programs/:programId/forms',
    {
      schema: {
        tags,
        summary: "The current application form of each role (coordinators' form builder)",
        params: ProgramParams,
        querystring: NoQuery,
        response: { 200: ApplicationFormsResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => presentForms(await getApplicationForms(contextOf(request), request.params)),
  );

  routes.put(
    '/api/v1/programs/:programId/forms/:role',
    {
      schema: {
        tags,
        summary: 'Save the form of a role as a new version (answers already given keep theirs)',
        params: ProgramRoleParams,
        body: SaveApplicationFormRequest,
        response: { 200: ApplicationFormResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const form = await saveApplicationForm(contextOf(request), { ...request.params, ...request.body });
      return { form: presentForm(form) };
    },
  );

  routes.get(
    '/api/v1/programs/:programId/apply',
    {
      schema: {
        tags,
        summary: 'What the apply page needs: the open cohort, the form, answers prefilled from your profile',
        params: ProgramParams,
        querystring: ApplyQuery,
        response: { 200: ApplyContextResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const context = await getApplyContext(contextOf(request), { ...request.params, ...request.query });
      return {
        program: presentProgramSummary(context.program),
        cohort: context.cohort ? presentCohort(context.cohort) : null,
        role: context.role,
        form: context.form ? presentForm(context.form) : null,
        catalogue: BUILT_IN_CATALOGUE,
        prefill: context.prefill,
        eligibilityRules: context.eligibilityRules,
        consentStatement: context.consentStatement,
        existing: context.existing ? presentApplication(context.existing) : null,
        enrolment: context.enrolment,
      };
    },
  );

  routes.get(
    '/api/v1/programs/:programId/applications',
    {
      schema: {
        tags,
        summary: 'The review queue: filtered, searched and paged applications with counts per status',
        params: ProgramParams,
        querystring: FindApplicationsQuery,
        response: { 200: ApplicationQueueResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const queue = await findApplications(contextOf(request), { ...request.params, ...request.query });
      return { ...queue, applications: queue.applications.map(presentApplicationSummary) };
    },
  );

  routes.post(
    '/api/v1/programs/:programId/applications',
    {
      schema: {
        tags,
        summary: 'Apply to the program as a mentor or mentee',
        params: ProgramParams,
        body: SubmitApplicationRequest,
        response: { 201: ApplicationResponse, ...STANDARD_ERRORS },
      },
    },
    async (request, reply) => {
      const record = await submitApplication(contextOf(request), { ...request.params, ...request.body });
      return reply.status(201).send({ application: presentApplication(record) });
    },
  );

  routes.post(
    '/api/v1/programs/:programId/applications/decisions',
    {
      schema: {
        tags,
        summary: 'Decide many applications at once: all of them change, or none',
        params: ProgramParams,
        body: BulkDecisionRequest,
        response: { 200: BulkDecisionResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const records = await decideApplications(contextOf(request), { ...request.params, ...request.body });
      return { applications: records.map(presentApplicationSummary) };
    },
  );

  routes.get(
    '/api/v1/applications/:applicationId',
    {
      schema: {
        tags,
        summary: 'One application with its answers, eligibility and audit trail (applicant and coordinators)',
        params: ApplicationParams,
        querystring: NoQuery,
        response: { 200: ApplicationDetailResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const detail = await getApplication(contextOf(request), request.params);
      return {
        application: presentApplication(detail.record),
        questions: detail.questions,
        events: detail.events.map(presentApplicationEvent),
      };
    },
  );

  routes.patch(
    '/api/v1/applications/:applicationId',
    {
      schema: {
        tags,
        summary: 'Change your answers while the application is submitted or sent back for changes',
        params: ApplicationParams,
        body: UpdateApplicationRequest,
        response: { 200: ApplicationResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const record = await updateApplication(contextOf(request), { ...request.params, ...request.body });
      return { application: presentApplication(record) };
    },
  );

  routes.post(
    '/api/v1/applications/:applicationId/decision',
    {
      schema: {
        tags,
        summary: 'Approve, reject, waitlist or send back an application (the applicant is emailed)',
        params: ApplicationParams,
        body: DecideApplicationRequest,
        response: { 200: ApplicationResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const record = await decideApplication(contextOf(request), { ...request.params, ...request.body });
      return { application: presentApplication(record) };
    },
  );

  routes.post(
    '/api/v1/applications/:applicationId/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraw your application',
        params: ApplicationParams,
        body: NoBody,
        response: { 200: ApplicationResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const record = await withdrawApplication(contextOf(request), request.params);
      return { application: presentApplication(record) };
    },
  );

  routes.post(
    '/api/v1/applications/:applicationId/eligibility/:ruleId',
    {
      schema: {
        tags,
        summary: 'Settle one eligibility rule of a mentor application as pass or fail, with a note',
        params: EligibilityRuleParams,
        body: ReviewEligibilityRuleRequest,
        response: { 200: ApplicationResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const record = await reviewEligibilityRule(contextOf(request), { ...request.params, ...request.body });
      return { application: presentApplication(record) };
    },
  );

  routes.get(
    '/api/v1/applications/:applicationId/rankings',
    {
      schema: {
        tags,
        summary: 'The rankings made from an application, and the candidates it may rank',
        params: ApplicationParams,
        querystring: NoQuery,
        response: { 200: RankingsResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => presentRankings(await getRankings(contextOf(request), request.params)),
  );

  routes.put(
    '/api/v1/applications/:applicationId/rankings',
    {
      schema: {
        tags,
        summary: 'Rank candidates from the approved pool, first choice first',
        params: ApplicationParams,
        body: SetRankingsRequest,
        response: { 200: RankingsResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) =>
      presentRankings(await setRankings(contextOf(request), { ...request.params, ...request.body })),
  );

  routes.get(
    '/api/v1/programs/:programId/eligibility-rules',
    {
      schema: {
        tags,
        summary: "The program's mentor eligibility rules",
        params: ProgramParams,
        querystring: NoQuery,
        response: { 200: EligibilityRulesResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const view = await getEligibilityRules(contextOf(request), request.params);
      return { rules: view.rules, can: { edit: view.canEdit } };
    },
  );

  routes.put(
    '/api/v1/programs/:programId/eligibility-rules',
    {
      schema: {
        tags,
        summary: "Replace the program's mentor eligibility rules",
        params: ProgramParams,
        body: EligibilityRules,
        response: { 200: EligibilityRulesResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const view = await updateEligibilityRules(contextOf(request), {
        ...request.params,
        rules: request.body,
      });
      return { rules: view.rules, can: { edit: view.canEdit } };
    },
  );

  routes.post(
    '/api/v1/programs/:programId/open-link',
    {
      schema: {
        tags,
        summary: 'Create (or replace) the open sign-up link of an open-link program',
        params: ProgramParams,
        body: NoBody,
        response: { 201: OpenLinkResponse, ...STANDARD_ERRORS },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createOpenLink(contextOf(request), request.params)),
  );

  routes.get(
    '/api/v1/enrol/:token',
    {
      schema: {
        tags,
        summary: 'The program behind an open sign-up link (no sign-in needed)',
        params: EnrolTokenParams,
        querystring: NoQuery,
        response: { 200: EnrolPreviewResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const preview = await getOpenLinkPreview(contextOf(request), request.params);
      return {
        organization: preview.organization,
        program: {
          id: preview.program.id,
          name: preview.program.name,
          description: preview.program.description,
          format: preview.program.format,
        },
        cohort: preview.cohort ? presentCohort(preview.cohort) : null,
        isMember: preview.isMember,
      };
    },
  );

  routes.post(
    '/api/v1/enrol/:token/join',
    {
      schema: {
        tags,
        summary: "Join the link's organization as a member, to apply to its program",
        params: EnrolTokenParams,
        body: NoBody,
        response: { 200: EnrolJoinResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => joinByOpenLink(contextOf(request), request.params),
  );

  routes.get(
    '/api/v1/me/applications',
    {
      schema: {
        tags,
        summary: 'Your applications, newest first',
        querystring: NoQuery,
        response: { 200: MyApplicationsResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => ({
      applications: (await listMyApplications(contextOf(request))).map(presentApplication),
    }),
  );
}
