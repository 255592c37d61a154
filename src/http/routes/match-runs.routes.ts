/** The matching workflow: match runs (drafts, edits, compare, publish, discard) and relationships. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { compareMatchRuns } from '../../app/match-runs/compare-match-runs.ts';
import { createMatchRun } from '../../app/match-runs/create-match-run.ts';
import { discardMatchRun } from '../../app/match-runs/discard-match-run.ts';
import { editMatchRun } from '../../app/match-runs/edit-match-run.ts';
import { findRelationships } from '../../app/relationships/find-relationships.ts';
import { getMatchRun } from '../../app/match-runs/get-match-run.ts';
import { listMatchRuns } from '../../app/match-runs/list-match-runs.ts';
import { publishMatchRun } from '../../app/match-runs/publish-match-run.ts';
import { NoBody, NoQuery, STANDARD_ERRORS } from '../../contracts/common.ts';
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
  ProgramParams,
  PublishMatchRunResponse,
  RelationshipListResponse,
} from '../../contracts/match-runs.ts';
import {
  presentComparison,
  presentMatchRun,
  presentMatchRunDetail,
  presentRelationship,
} from '../presenters/match-run.presenter.ts';
import { contextOf } from '../request-context.ts';

export async function matchRunRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['match runs'];

  routes.get(
    '/api/v1/programs/:programId/match-runs',
    {
      schema: {
        tags,
        summary: 'A program’s match runs, newest first (program coordinators)',
        params: ProgramParams,
        querystring: NoQuery,
        response: { 200: MatchRunListResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const runs = await listMatchRuns(contextOf(request), request.params);
      return { runs: runs.map(presentMatchRun) };
    },
  );

  routes.post(
    '/api/v1/programs/:programId/match-runs',
    {
      schema: {
        tags,
        summary: 'Run the matching engine over a cohort and store the result as a draft',
        params: ProgramParams,
        body: CreateMatchRunRequest,
        response: { 201: MatchRunResponse, ...STANDARD_ERRORS },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const run = await createMatchRun(ctx, { ...request.body, programId: request.params.programId });
      const detail = await getMatchRun(ctx, { runId: run.id });
      return reply.status(201).send({ run: presentMatchRunDetail(detail) });
    },
  );

  routes.get(
    '/api/v1/match-runs/:runId',
    {
      schema: {
        tags,
        summary: 'One match run with its pairs, reasons, unmatched mentees and audit trail',
        params: MatchRunParams,
        querystring: NoQuery,
        response: { 200: MatchRunResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => ({
      run: presentMatchRunDetail(await getMatchRun(contextOf(request), request.params)),
    }),
  );

  routes.post(
    '/api/v1/match-runs/:runId/pairs',
    {
      schema: {
        tags,
        summary:
          'Edit a draft: add, remove, replace or swap pairs; answers with the new scores and broken constraints',
        params: MatchRunParams,
        body: EditMatchRunRequest,
        response: { 200: EditMatchRunResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const edited = await editMatchRun(contextOf(request), { ...request.body, runId: request.params.runId });
      return {
        isApplied: edited.isApplied,
        checks: edited.checks as never,
        run: presentMatchRunDetail(edited.run),
      };
    },
  );

  routes.get(
    '/api/v1/match-runs/:runId/compare/:otherRunId',
    {
      schema: {
        tags,
        summary: 'Compare two runs of a program: the pairs that differ, score and coverage deltas',
        params: CompareMatchRunsParams,
        querystring: NoQuery,
        response: { 200: CompareMatchRunsResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => presentComparison(await compareMatchRuns(contextOf(request), request.params)),
  );

  routes.post(
    '/api/v1/match-runs/:runId/publish',
    {
      schema: {
        tags,
        summary: 'Publish a draft: relationships for every pair and emails to both sides, in one transaction',
        params: MatchRunParams,
        body: NoBody,
        response: { 200: PublishMatchRunResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const published = await publishMatchRun(contextOf(request), request.params);
      return { ...published, run: presentMatchRun(published.run) };
    },
  );

  routes.post(
    '/api/v1/match-runs/:runId/discard',
    {
      schema: {
        tags,
        summary: 'Discard a draft (it stays as an audit record)',
        params: MatchRunParams,
        body: NoBody,
        response: { 200: MatchRunSummaryResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => ({ run: presentMatchRun(await discardMatchRun(contextOf(request), request.params)) }),
  );

  routes.get(
    '/api/v1/programs/:programId/relationships',
    {
      schema: {
        tags: ['relationships'],
        summary: 'A program’s relationships (coordinators see all; a participant sees their own)',
        params: ProgramParams,
        querystring: NoQuery,
        response: { 200: RelationshipListResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => ({
      relationships: (await findRelationships(contextOf(request), request.params)).map(presentRelationship),
    }),
  );

  routes.get(
    '/api/v1/me/relationships',
    {
      schema: {
        tags: ['relationships'],
        summary: 'The signed-in user’s own relationships, in every organization',
        querystring: NoQuery,
        response: { 200: RelationshipListResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => ({
      relationships: (await findRelationships(contextOf(request), { mine: true })).map(presentRelationship),
    }),
  );
}
