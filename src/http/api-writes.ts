import type { FastifyRequest } from 'fastify';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Whether the request is a write to the JSON API (CSRF-checked and rate limited). The matched route
 * decides, not the raw URL: the router decodes the path, so /api/%761/… reaches an /api/v1 route
 * without starting with '/api/v1/'.
 */
export function isApiWrite(request: FastifyRequest): boolean {
  return UNSAFE_METHODS.has(request.method) && (request.routeOptions.url?.startsWith('/api/v1/') ?? false);
}
