/**
 * The only place that maps error codes to HTTP statuses, and the one serializer of the error shape
 * `{ error: { code, message, details?, requestId } }`. Anything that is not an AppError or a known
 * client error becomes a logged 500 with a generic message.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import {
  AppError,
  isAppError,
  type AppErrorDetails,
  type ErrorCode,
  type FieldIssue,
} from '../core/errors.ts';

export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_STATE: 409,
  CAPACITY_REACHED: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** Retry-After of a 429 whose limiter did not say (the usual window). */
const DEFAULT_RETRY_AFTER_SECONDS = 60;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: AppErrorDetails; requestId: string };
}

function issuePath(prefix: string, path: ReadonlyArray<PropertyKey> | string | undefined): string {
  const tail = Array.isArray(path)
    ? path.map(String).join('.')
    : typeof path === 'string'
      ? path.replace(/^\//, '').replaceAll('/', '.')
      : '';
  return [prefix, tail].filter(Boolean).join('.');
}

/** Converts anything thrown while handling a request into an AppError a client can act on. */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const fastifyError = error as FastifyError & { validation?: unknown; validationContext?: string };
  if (hasZodFastifySchemaValidationErrors(fastifyError)) {
    const context = fastifyError.validationContext ?? 'body';
    const issues: FieldIssue[] = fastifyError.validation.map((v) => {
      // fastify-type-provider-zod puts the zod issue code in `keyword` and its other fields in `params`.
      const params = v.params as { keys?: string[] };
      let path = issuePath(context === 'body' ? '' : context, v.instancePath);
      if (v.keyword === 'unrecognized_keys' && params.keys?.length) {
        path = [path, params.keys[0]].filter(Boolean).join('.');
      }
      return { path: path || context, message: v.message ?? 'is invalid' };
    });
    return AppError.validation(issues);
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return AppError.validation([{ path: 'body', message: `Malformed JSON: ${fastifyError.message}` }]);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return AppError.validation([{ path: 'content-type', message: fastifyError.message }]);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return AppError.validation([{ path: 'content-length', message: fastifyError.message }]);
    case 'FST_CSRF_INVALID_TOKEN':
    case 'FST_CSRF_MISSING_SECRET':
      return new AppError(
        'FORBIDDEN',
        'Missing or invalid CSRF token: send the x-csrf-token header from GET /api/v1/csrf-token',
      );
    case 'FST_ERR_RATE_LIMITED':
      return new AppError('RATE_LIMITED', 'Too many requests; try again later', {
        retryAfterSeconds: DEFAULT_RETRY_AFTER_SECONDS,
      });
    default:
      break;
  }
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) {
    return AppError.validation([{ path: 'body', message: `Malformed JSON: ${error.message}` }]);
  }
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (status === 404) return new AppError('NOT_FOUND', 'Not found');
    if (status === 413) return new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large');
    if (status === 429) {
      return new AppError('RATE_LIMITED', 'Too many requests; try again later', {
        retryAfterSeconds: DEFAULT_RETRY_AFTER_SECONDS,
      });
    }
    return AppError.validation([{ path: 'request', message: fastifyError.message }]);
  }
  return new AppError('INTERNAL', 'Something went wrong on our side; it has been logged');
}

/** Fastify error handler: one shape for every error, 500s logged with their stack. */
export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const appError = toAppError(error);
  const status = HTTP_STATUS[appError.code];
  if (status >= 500 || isResponseSerializationError(error)) {
    request.log.error({ err: error }, 'request failed');
  } else {
    request.log.info({ code: appError.code, message: appError.message }, 'request rejected');
  }
  let details = appError.details;
  if (status === 429) {
    // Every 429 says when to come back, in the header and the body alike, whichever limiter produced it.
    const header = Number(reply.getHeader('retry-after'));
    const retryAfterSeconds =
      Number.isInteger(header) && header > 0
        ? header
        : typeof details?.retryAfterSeconds === 'number'
          ? details.retryAfterSeconds
          : DEFAULT_RETRY_AFTER_SECONDS;
    reply.header('retry-after', retryAfterSeconds);
    details = { ...details, retryAfterSeconds };
  }
  const body: ErrorBody = {
    error: {
      code: appError.code,
      message: appError.message,
      ...(details && status < 500 ? { details } : {}),
      requestId: String(request.id),
    },
  };
  return reply.status(status).type('application/json').send(body);
}
