/**
 * Member profiles: what a member tells their organization about their practice, for mentoring. Each
 * route validates with its contract, calls one use case (which checks membership and who may edit),
 * and answers through the profile presenter.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { getProfile } from '../../app/profiles/get-profile.ts';
import { updateProfile } from '../../app/profiles/update-profile.ts';
import { NoQuery, STANDARD_ERRORS } from '../../contracts/common.ts';
import { ProfileParams, ProfileResponse, UpdateProfileRequest } from '../../contracts/profiles.ts';
import { presentProfile } from '../presenters/profile.presenter.ts';
import { contextOf } from '../request-context.ts';

/** Member profile routes under /api/v1. */
export async function profileRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    '/api/v1/organizations/:organizationId/members/:membershipId/profile',
    {
      schema: {
        tags: ['members'],
        summary: "A member's profile (practice areas, admissions, mentoring role); any member may read it",
        params: ProfileParams,
        querystring: NoQuery,
        response: { 200: ProfileResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => ({ profile: presentProfile(await getProfile(contextOf(request), request.params)) }),
  );

  routes.put(
    '/api/v1/organizations/:organizationId/members/:membershipId/profile',
    {
      schema: {
        tags: ['members'],
        summary: "Replace a member's profile (the member themself, or an organization admin)",
        params: ProfileParams,
        body: UpdateProfileRequest,
        response: { 200: ProfileResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const view = await updateProfile(contextOf(request), { ...request.params, profile: request.body });
      return { profile: presentProfile(view) };
    },
  );
}
