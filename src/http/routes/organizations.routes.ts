import type { FastifyInstance } from 'fastify';

/** Organization, member and invitation routes (being built). */
export async function organizationRoutes(_app: FastifyInstance): Promise<void> {}
