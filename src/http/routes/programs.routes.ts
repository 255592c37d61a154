/** Programs, their cohorts and program coordinators (issue 7 §1). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { addProgramCoordinator } from '../../app/programs/add-program-coordinator.ts';
import { archiveProgram } from '../../app/programs/archive-program.ts';
import { createCohort } from '../../app/programs/create-cohort.ts';
import { createProgram } from '../../app/programs/create-program.ts';
import { duplicateProgram } from '../../app/programs/duplicate-program.ts';
import { findPrograms } from '../../app/programs/find-programs.ts';
import { getProgram } from '../../app/programs/get-program.ts';
import { getProgramOverview } from '../../app/programs/get-program-overview.ts';
import { listCohorts } from '../../app/programs/list-cohorts.ts';
import { listProgramCoordinators } from '../../app/programs/list-program-coordinators.ts';
import { removeProgramCoordinator } from '../../app/programs/remove-program-coordinator.ts';
import { transitionCohort } from '../../app/programs/transition-cohort.ts';
import { updateCohort } from '../../app/programs/update-cohort.ts';
import { updateProgram } from '../../app/programs/update-program.ts';
import { NoBody, NoQuery, OkResponse, STANDARD_ERRORS } from '../../contracts/common.ts';
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
} from '../../contracts/programs.ts';
import {
  presentCohort,
  presentProgram,
  presentProgramCoordinator,
  presentProgramOverview,
} from '../presenters/program.presenter.ts';
import { contextOf } from '../request-context.ts';
import type { AppContext } from '../../app/context.ts';

const tags = ['programs'];

/** The program view after a write, read again so that counts and `can` are current. */
async function programResponse(ctx: AppContext, programId: string) {
  return { program: presentProgram(await getProgram(ctx, { programId })) };
}

/** The cohort view after a write (with its moves). */
async function cohortResponse(ctx: AppContext, programId: string, cohortId: string) {
  const views = await listCohorts(ctx, { programId });
  return { cohort: presentCohort(views.find((view) => view.cohort.id === cohortId)!) };
}

export async function programRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    '/api/v1/organizations/:organizationId/programs',
    {
      schema: {
        tags,
        summary:
          "The organization's programs you may see, filtered and paged (members: programs open to them)",
        params: OrganizationProgramsParams,
        querystring: FindProgramsQuery,
        response: { 200: ProgramListResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const page = await findPrograms(contextOf(request), {
        organizationId: request.params.organizationId,
        query: request.query,
      });
      return { ...page, programs: page.programs.map(presentProgram) };
    },
  );

  routes.post(
    '/api/v1/organizations/:organizationId/programs',
    {
      schema: {
        tags,
        summary: 'Create a program with its first (draft) cohort; organization admins and coordinators',
        params: OrganizationProgramsParams,
        body: CreateProgramRequest,
        response: { 201: ProgramResponse, ...STANDARD_ERRORS },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const program = await createProgram(ctx, {
        organizationId: request.params.organizationId,
        program: request.body,
      });
      return reply.status(201).send(await programResponse(ctx, program.id));
    },
  );

  routes.get(
    '/api/v1/programs/:programId',
    {
      schema: {
        tags,
        summary: 'One program with its settings, current cohort, counts and what you may do',
        params: ProgramParams,
        querystring: NoQuery,
        response: { 200: ProgramResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => programResponse(contextOf(request), request.params.programId),
  );

  routes.patch(
    '/api/v1/programs/:programId',
    {
      schema: {
        tags,
        summary: "Change a program's settings; fields left out stay as they are",
        params: ProgramParams,
        body: UpdateProgramRequest,
        response: { 200: ProgramResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      await updateProgram(ctx, { programId: request.params.programId, changes: request.body });
      return programResponse(ctx, request.params.programId);
    },
  );

  routes.post(
    '/api/v1/programs/:programId/duplicate',
    {
      schema: {
        tags,
        summary:
          'Copy a program as next year’s template: settings, forms, expectations; no people, one draft cohort',
        params: ProgramParams,
        body: DuplicateProgramRequest,
        response: { 201: ProgramResponse, ...STANDARD_ERRORS },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const copy = await duplicateProgram(ctx, {
        programId: request.params.programId,
        options: request.body,
      });
      return reply.status(201).send(await programResponse(ctx, copy.id));
    },
  );

  routes.post(
    '/api/v1/programs/:programId/archive',
    {
      schema: {
        tags,
        summary: 'Archive a program (no cohort may be enrolling, matching or running)',
        params: ProgramParams,
        body: NoBody,
        response: { 200: ProgramResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => ({
      program: presentProgram(await archiveProgram(contextOf(request), request.params)),
    }),
  );

  routes.get(
    '/api/v1/programs/:programId/overview',
    {
      schema: {
        tags,
        summary:
          'The program at a glance: cohorts with counts, forms, and what the coordinator should do next',
        params: ProgramParams,
        querystring: NoQuery,
        response: { 200: ProgramOverviewResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => presentProgramOverview(await getProgramOverview(contextOf(request), request.params)),
  );

  routes.get(
    '/api/v1/programs/:programId/cohorts',
    {
      schema: {
        tags,
        summary: "A program's cohorts, newest first, with the moves each may make",
        params: ProgramParams,
        querystring: NoQuery,
        response: { 200: CohortListResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => ({
      cohorts: (await listCohorts(contextOf(request), request.params)).map(presentCohort),
    }),
  );

  routes.post(
    '/api/v1/programs/:programId/cohorts',
    {
      schema: {
        tags,
        summary: 'Add a draft cohort (an intake with its own dates and enrolment window)',
        params: ProgramParams,
        body: CohortInput,
        response: { 201: CohortResponse, ...STANDARD_ERRORS },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const cohort = await createCohort(ctx, { programId: request.params.programId, cohort: request.body });
      return reply.status(201).send(await cohortResponse(ctx, request.params.programId, cohort.id));
    },
  );

  routes.patch(
    '/api/v1/programs/:programId/cohorts/:cohortId',
    {
      schema: {
        tags,
        summary: 'Rename a cohort or change its dates',
        params: CohortParams,
        body: UpdateCohortRequest,
        response: { 200: CohortResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      await updateCohort(ctx, { ...request.params, changes: request.body });
      return cohortResponse(ctx, request.params.programId, request.params.cohortId);
    },
  );

  routes.post(
    '/api/v1/programs/:programId/cohorts/:cohortId/transition',
    {
      schema: {
        tags,
        summary: 'Move a cohort to another state; INVALID_STATE names the current state and what is allowed',
        params: CohortParams,
        body: TransitionCohortRequest,
        response: { 200: CohortResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => ({
      cohort: presentCohort(
        await transitionCohort(contextOf(request), { ...request.params, to: request.body.to }),
      ),
    }),
  );

  routes.get(
    '/api/v1/programs/:programId/coordinators',
    {
      schema: {
        tags,
        summary: 'Members made coordinator of this program only',
        params: ProgramParams,
        querystring: NoQuery,
        response: { 200: ProgramCoordinatorListResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const listing = await listProgramCoordinators(contextOf(request), request.params);
      return {
        coordinators: listing.coordinators.map((coordinator) =>
          presentProgramCoordinator(coordinator, listing.canManage),
        ),
      };
    },
  );

  routes.post(
    '/api/v1/programs/:programId/coordinators',
    {
      schema: {
        tags,
        summary: 'Make a member coordinator of this program only (organization admins and coordinators)',
        params: ProgramParams,
        body: AddProgramCoordinatorRequest,
        response: { 201: ProgramCoordinatorResponse, ...STANDARD_ERRORS },
      },
    },
    async (request, reply) => {
      const coordinator = await addProgramCoordinator(contextOf(request), {
        programId: request.params.programId,
        membershipId: request.body.membershipId,
      });
      return reply.status(201).send({ coordinator: presentProgramCoordinator(coordinator, true) });
    },
  );

  routes.delete(
    '/api/v1/programs/:programId/coordinators/:membershipId',
    {
      schema: {
        tags,
        summary: "Take away a member's coordinator role in this program",
        params: ProgramCoordinatorParams,
        body: NoBody,
        response: { 200: OkResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      await removeProgramCoordinator(contextOf(request), request.params);
      return { ok: true as const };
    },
  );
}
