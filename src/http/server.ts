/**
 * The HTTP server: the JSON API under /api/v1, better-auth under /api/auth, the OpenAPI document and
 * docs, and the web app (the built SPA in dist/web) for every other path.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
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
import { authPlugin } from './plugins/auth.ts';
import { adminRoutes } from './routes/admin.routes.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { sessionRoutes } from './routes/session.routes.ts';
import { organizationRoutes } from './routes/organizations.routes.ts';
import { profileRoutes } from './routes/profiles.routes.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The use-case context of this request; `actor` is set when a session cookie is valid. */
    appContext: AppContext;
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
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const CSRF_HEADER = 'x-csrf-token';

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
    trustProxy: false,
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
  await app.register(fastifyCookie, { secret: (await runtime.auth.$context).secret });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'secondchair.csrf',
    cookieOpts: {
      signed: true,
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
      secure: config.publicUrl.startsWith('https://'),
    },
    getToken: (request) => {
      const value = request.headers[CSRF_HEADER];
      return typeof value === 'string' ? value : undefined;
    },
  });
  // Cookie-authenticated writes to the API need the CSRF token (double submit, signed cookie). The
  // matched route decides, not the raw URL: the router decodes the path, so /api/%761/… reaches an
  // /api/v1 route without starting with '/api/v1/'.
  app.addHook('onRequest', (request, reply, done) => {
    if (UNSAFE_METHODS.has(request.method) && request.routeOptions.url?.startsWith('/api/v1/')) {
      app.csrfProtection(request, reply, done);
      return;
    }
    done();
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Second Chair API',
        version: VERSION,
        description:
          'Mentorship programs for lawyers early in their careers. Sign in through /api/auth; writes under /api/v1 need the x-csrf-token header from GET /api/v1/csrf-token. Errors have the shape { error: { code, message, details, requestId } }.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'secondchair.session_token' } },
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
