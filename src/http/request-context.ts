import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../app/context.ts';

/** The use-case context of a request: runtime services plus the signed-in actor (resolved by the auth plugin). */
export function contextOf(request: FastifyRequest): AppContext {
  return request.appContext;
}
