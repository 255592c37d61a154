/**
 * The HTTP server: the JSON API under /api/v1, better-auth under /api/auth, the OpenAPI document and
 * docs, and the web app (the built SPA in dist/web) for every other path.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance, type FastifySchema } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.ts';
import { AppError } from '../core/errors.ts';
import type { Runtime } from '../runtime.ts';
import { handleError } from './errors.ts';
import { rejectNulCharacters } from './nul-characters.ts';
import { authPlugin, resolveSessions } from './plugins/auth.ts';
import { csrfPlugin } from './plugins/csrf.ts';
import { apiWriteRateLimitPlugin } from './plugins/rate-limit.ts';
import { adminRoutes } from './routes/admin.routes.ts';
import { apiTokenRoutes } from './routes/api-tokens.routes.ts';
import { enrolmentRoutes } from './routes/enrolment.routes.ts';
import { matchRunRoutes } from './routes/match-runs.routes.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { sessionRoutes } from './routes/session.routes.ts';
import { organizationRoutes } from './routes/organizations.routes.ts';
import { profileRoutes } from './routes/profiles.routes.ts';
import { programRoutes } from './routes/programs.routes.ts';
import { selfMatchRoutes } from './routes/self-match.routes.ts';
import { rosterRoutes } from './routes/roster.routes.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The use-case context of this request; `actor` is set when a session cookie is valid. */
    appContext: AppContext;
    /** The id of the session whose cookie came with the request (CSRF tokens are bound to it). */
    sessionId?: string;
    sessionUser?: {
      id: string;
      name: string;
      email: string;
      emailVerified: boolean;
      isPlatformAdmin: boolean;
    };
  }
  interface FastifyInstance {
    /**
     * Every route registered, as `{ method, url, schema }` (the OpenAPI test checks each is documented;
     * the endpoints test checks the contracts' endpoint table against it).
     */
    routeTable: RouteTableEntry[];
  }
}

export interface RouteTableEntry {
  method: string;
  url: string;
  schema: FastifySchema | undefined;
}

export const VERSION = '0.1.0';

/** Where the built web app lives (`npm run build:web`). */
export const WEB_DIST_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export interface BuildServerOptions {
  /** Serve the built web app when it exists (default true). */
  serveWeb?: boolean;
  webDir?: string;
}

/** Builds the Fastify app around a runtime; `listen` is the caller's business. */
export async function buildServer(
  runtime: Runtime,
  options: BuildServerOptions = {},
): Promise<FastifyInstance> {
  const { config } = runtime;
  const app = Fastify({
    loggerInstance: runtime.logger.child({ component: 'http' }),
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w-]{8,100}$/.test(incoming) ? incoming : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    // Whom to believe about the client's address: rate limits (ours and better-auth's) key on it.
    trustProxy: config.trustProxy,
    logController: new LogController({ disableRequestLogging: config.env === 'test' }),
  }).withTypeProvider<ZodTypeProvider>() as unknown as FastifyInstance;

  const routeTable: RouteTableEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat())
      routeTable.push({ method, url: route.url, schema: route.schema });
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);

  // Before schema validation, so better-auth's routes and ours are covered alike.
  app.addHook('preValidation', async (request) => rejectNulCharacters(request));

  app.addHook('onRequest', async (request, reply) => {
    request.appContext = runtime.context(null);
    reply.header('x-request-id', request.id);
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine injects its CSS variables at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.publicUrl.startsWith('https://') ? [] : null,
      },
    },
    strictTransportSecurity: config.publicUrl.startsWith('https://'),
  });
  const authContext = await runtime.auth.$context;
  const isHttps = config.publicUrl.startsWith('https://');
  await app.register(fastifyCookie, { secret: authContext.secret });

  // In this order: who is signed in, then the write limit (keyed on the user), then CSRF (bound to
  // the session).
  resolveSessions(app, runtime.auth);
  await apiWriteRateLimitPlugin(app, {
    db: runtime.database.db,
    clock: runtime.clock,
    max: config.apiWriteRateLimit.max,
    windowSeconds: config.apiWriteRateLimit.windowSeconds,
  });
  await csrfPlugin(app, {
    isHttps,
    secret: authContext.secret,
    sessionCookieName: authContext.authCookies.sessionToken.name,
  });

  // What a signed-in person sees (and what sign-in answers) must not stay in a shared or browser
  // cache; the web app's files keep their caching.
  app.addHook('onSend', async (request, reply, payload) => {
    const pathname = request.url.split('?')[0] ?? '';
    const isApi = pathname.startsWith('/api/') && !pathname.startsWith('/api/docs');
    if (request.sessionUser || isApi) reply.header('cache-control', 'no-store');
    return payload;
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Second Chair API',
        version: VERSION,
        description:
          'Mentorship programs for lawyers early in their careers. Sign in through /api/auth; cookie-authenticated writes under /api/v1 need the x-csrf-token header from GET /api/v1/csrf-token (bound to the session: fetch a new one after signing in). Scripts and the CLI use a personal API token instead: `Authorization: Bearer sct_…` (no CSRF token needed). Writes are rate limited per user (429 with Retry-After). Errors have the shape { error: { code, message, details, requestId } }.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: authContext.authCookies.sessionToken.name },
          apiToken: { type: 'http', scheme: 'bearer', description: 'A personal API token (sct_…)' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await authPlugin(app, { auth: runtime.auth, publicUrl: config.publicUrl });
  await app.register(healthRoutes, { runtime });
  await app.register(sessionRoutes);
  await app.register(organizationRoutes);
  await app.register(profileRoutes);
  await app.register(adminRoutes);
  await app.register(apiTokenRoutes);
  await app.register(programRoutes);
  await app.register(enrolmentRoutes);
  await app.register(selfMatchRoutes);
  await app.register(matchRunRoutes);
  await app.register(rosterRoutes);

  const webDir = options.webDir ?? WEB_DIST_DIR;
  const serveWeb = options.serveWeb !== false && fs.existsSync(path.join(webDir, 'index.html'));
  if (serveWeb) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: false });
  }
  app.setNotFoundHandler(async (request, reply) => {
    const pathname = request.url.split('?')[0] ?? '';
    // A missing asset (an old tab after a rebuild) must be a 404, not index.html served as JavaScript.
    const isAsset = pathname.startsWith('/assets/') || /\.[a-z0-9]{1,8}$/i.test(pathname);
    if (pathname.startsWith('/api/') || request.method !== 'GET' || !serveWeb || isAsset) {
      throw new AppError('NOT_FOUND', `No route for ${request.method} ${pathname}`);
    }
    // Client-side routes of the single-page app.
    return reply.type('text/html').sendFile('index.html');
  });

  return app;
}
