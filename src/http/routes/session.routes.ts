import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorResponse } from '../../contracts/common.ts';
import { CsrfTokenResponse, MeResponse } from '../../contracts/session.ts';
import { AppError } from '../../core/errors.ts';
import { issueCsrfToken } from '../plugins/csrf.ts';

/** The signed-in user and the CSRF token the web app sends on writes. */
export async function sessionRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.get(
    '/api/v1/me',
    {
      schema: {
        tags: ['session'],
        summary: 'The signed-in user',
        response: { 200: MeResponse, 401: ErrorResponse },
      },
    },
    async (request) => {
      if (!request.sessionUser) throw new AppError('UNAUTHENTICATED', 'Sign in to continue');
      const { id, name, email, emailVerified, isPlatformAdmin } = request.sessionUser;
      return { user: { id, name, email, emailVerified, isPlatformAdmin } };
    },
  );
  routes.get(
    '/api/v1/csrf-token',
    {
      schema: {
        tags: ['session'],
        summary: 'A CSRF token for the x-csrf-token header, bound to the current session',
        response: { 200: CsrfTokenResponse },
      },
    },
    async (request, reply) => ({ token: issueCsrfToken(request, reply) }),
  );
}
