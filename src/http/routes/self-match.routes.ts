/** Self-match: the mentor directory, recommended mentors, and requests with their answers (issue 7 §3). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createMatchRequest } from '../../app/self-match/create-match-request.ts';
import { findDirectoryMentors } from '../../app/self-match/find-directory-mentors.ts';
import { getMatchRequest } from '../../app/self-match/get-match-request.ts';
import { getRecommendedMentors } from '../../app/self-match/get-recommended-mentors.ts';
import { listMyMatchRequests } from '../../app/self-match/list-my-match-requests.ts';
import { respondToMatchRequest } from '../../app/self-match/respond-to-match-request.ts';
import { withdrawMatchRequest } from '../../app/self-match/withdraw-match-request.ts';
import { requireActor } from '../../app/access.ts';
import { NoQuery, STANDARD_ERRORS } from '../../contracts/common.ts';
import {
  CreateMatchRequestRequest,
  DirectoryResponse,
  FindDirectoryMentorsQuery,
  ListMyMatchRequestsQuery,
  MatchRequestListResponse,
  MatchRequestParams,
  MatchRequestResponse,
  ProgramParams,
  RecommendedMentorsQuery,
  RecommendedMentorsResponse,
  RespondToMatchRequestRequest,
  RespondToMatchRequestResponse,
  WithdrawMatchRequestRequest,
} from '../../contracts/self-match.ts';
import {
  presentDirectoryMentor,
  presentMatchRequest,
  presentRecommendedMentor,
  presentStanding,
} from '../presenters/self-match.presenter.ts';
import { contextOf } from '../request-context.ts';

const TAGS = ['self-match'];

export async function selfMatchRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    '/api/v1/programs/:programId/mentor-directory',
    {
      schema: {
        tags: TAGS,
        summary: "The mentor directory of your cohort: mentors' public answers and open seats, filtered",
        params: ProgramParams,
        querystring: FindDirectoryMentorsQuery,
        response: { 200: DirectoryResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const result = await findDirectoryMentors(contextOf(request), {
        programId: request.params.programId,
        ...request.query,
      });
      return {
        mentors: result.items.map(presentDirectoryMentor),
        total: result.total,
        page: result.page,
        pageSize: result.pageSize,
        standing: presentStanding(result.standing),
      };
    },
  );

  routes.get(
    '/api/v1/programs/:programId/recommended-mentors',
    {
      schema: {
        tags: TAGS,
        summary: 'Mentors the matching engine scores best for you, with the reasons',
        params: ProgramParams,
        querystring: RecommendedMentorsQuery,
        response: { 200: RecommendedMentorsResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const result = await getRecommendedMentors(contextOf(request), {
        programId: request.params.programId,
        limit: request.query.limit,
      });
      return {
        mentors: result.mentors.map(presentRecommendedMentor),
        standing: presentStanding(result.standing),
      };
    },
  );

  routes.post(
    '/api/v1/programs/:programId/match-requests',
    {
      schema: {
        tags: TAGS,
        summary: 'Ask a mentor of the directory to mentor you, with a note',
        params: ProgramParams,
        body: CreateMatchRequestRequest,
        response: { 201: MatchRequestResponse, ...STANDARD_ERRORS },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const view = await createMatchRequest(ctx, { programId: request.params.programId, ...request.body });
      const viewer = { userId: ctx.actor!.userId, canManageProgram: false };
      return reply.status(201).send({ request: presentMatchRequest(view, viewer, ctx.clock.now()) });
    },
  );

  routes.get(
    '/api/v1/me/match-requests',
    {
      schema: {
        tags: TAGS,
        summary: 'Your requests: incoming as mentor, outgoing as mentee',
        querystring: ListMyMatchRequestsQuery,
        response: { 200: MatchRequestListResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      requireActor(ctx);
      const { incoming, outgoing } = await listMyMatchRequests(ctx, request.query);
      const viewer = { userId: ctx.actor.userId, canManageProgram: false };
      const now = ctx.clock.now();
      return {
        incoming: incoming.map((view) => presentMatchRequest(view, viewer, now)),
        outgoing: outgoing.map((view) => presentMatchRequest(view, viewer, now)),
      };
    },
  );

  routes.get(
    '/api/v1/match-requests/:requestId',
    {
      schema: {
        tags: TAGS,
        summary: 'One request (its mentee, its mentor and the program’s coordinators)',
        params: MatchRequestParams,
        querystring: NoQuery,
        response: { 200: MatchRequestResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const { view, canManageProgram } = await getMatchRequest(ctx, request.params);
      return {
        request: presentMatchRequest(view, { userId: ctx.actor!.userId, canManageProgram }, ctx.clock.now()),
      };
    },
  );

  for (const response of ['accept', 'decline'] as const) {
    routes.post(
      `/api/v1/match-requests/:requestId/${response}`,
      {
        schema: {
          tags: TAGS,
          summary:
            response === 'accept'
              ? 'Accept a request addressed to you: starts the relationship and withdraws the mentee’s other requests'
              : 'Decline a request addressed to you',
          params: MatchRequestParams,
          body: RespondToMatchRequestRequest,
          response: { 200: RespondToMatchRequestResponse, ...STANDARD_ERRORS },
        },
      },
      async (request) => {
        const ctx = contextOf(request);
        const result = await respondToMatchRequest(ctx, {
          requestId: request.params.requestId,
          response,
          message: request.body.message,
        });
        const viewer = { userId: ctx.actor!.userId, canManageProgram: false };
        return {
          request: presentMatchRequest(result.view, viewer, ctx.clock.now()),
          ...(result.relationshipId ? { relationshipId: result.relationshipId } : {}),
        };
      },
    );
  }

  routes.post(
    '/api/v1/match-requests/:requestId/withdraw',
    {
      schema: {
        tags: TAGS,
        summary: 'Withdraw a pending request you sent',
        params: MatchRequestParams,
        body: WithdrawMatchRequestRequest,
        response: { 200: MatchRequestResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const view = await withdrawMatchRequest(ctx, request.params);
      return {
        request: presentMatchRequest(
          view,
          { userId: ctx.actor!.userId, canManageProgram: false },
          ctx.clock.now(),
        ),
      };
    },
  );
}
