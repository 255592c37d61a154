import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { HealthResponse } from '../../contracts/session.ts';
import { pingDatabase } from '../../db/client.ts';
import type { Runtime } from '../../runtime.ts';
import { VERSION } from '../server.ts';

/** GET /api/health: whether the server and its database answer (503 when the database does not). */
export async function healthRoutes(app: FastifyInstance, { runtime }: { runtime: Runtime }): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Health of the server and its database',
        response: { 200: HealthResponse, 503: HealthResponse },
      },
    },
    async (_request, reply) => {
      const isReachable = await pingDatabase(runtime.database);
      return reply.status(isReachable ? 200 : 503).send({
        status: isReachable ? 'ok' : 'degraded',
        database: { kind: runtime.database.kind, isReachable },
        version: VERSION,
      });
    },
  );
}
