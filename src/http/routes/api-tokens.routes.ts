/** Personal API tokens of the signed-in user (managed from a browser session; used by the CLI). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createApiToken } from '../../app/api-tokens/create-api-token.ts';
import { listApiTokens } from '../../app/api-tokens/list-api-tokens.ts';
import { revokeApiToken } from '../../app/api-tokens/revoke-api-token.ts';
import {
  ApiTokenListResponse,
  ApiTokenParams,
  CreateApiTokenRequest,
  CreateApiTokenResponse,
  RevokeApiTokenResponse,
} from '../../contracts/api-tokens.ts';
import { NoBody, NoQuery, STANDARD_ERRORS } from '../../contracts/common.ts';
import { presentApiToken } from '../presenters/api-token.presenter.ts';
import { contextOf } from '../request-context.ts';

/** GET/POST /api/v1/me/api-tokens and DELETE /api/v1/me/api-tokens/:tokenId. */
export async function apiTokenRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    '/api/v1/me/api-tokens',
    {
      schema: {
        tags: ['api tokens'],
        summary: "The signed-in user's personal API tokens (never the tokens themselves)",
        querystring: NoQuery,
        response: { 200: ApiTokenListResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const now = ctx.clock.now();
      return { tokens: (await listApiTokens(ctx)).map((token) => presentApiToken(token, now)) };
    },
  );

  routes.post(
    '/api/v1/me/api-tokens',
    {
      schema: {
        tags: ['api tokens'],
        summary: 'Create a personal API token; the response carries the token once',
        body: CreateApiTokenRequest,
        response: { 201: CreateApiTokenResponse, ...STANDARD_ERRORS },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const created = await createApiToken(ctx, request.body);
      return reply
        .status(201)
        .send({ token: presentApiToken(created.token, ctx.clock.now()), secret: created.secret });
    },
  );

  routes.delete(
    '/api/v1/me/api-tokens/:tokenId',
    {
      schema: {
        tags: ['api tokens'],
        summary: 'Revoke one of your API tokens (it stops working at once)',
        params: ApiTokenParams,
        body: NoBody,
        response: { 200: RevokeApiTokenResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const token = await revokeApiToken(ctx, request.params);
      return { token: presentApiToken(token, ctx.clock.now()) };
    },
  );
}
