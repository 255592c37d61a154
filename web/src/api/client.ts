/**
 * The one way the web app talks to the server: same-origin fetch with the session cookie, the CSRF
 * header on writes under /api/v1, responses parsed with the zod contracts, and every failure turned
 * into an ApiError carrying the server's `{ error: { code, message, details, requestId } }`.
 */
import type { z } from 'zod';
import { ErrorResponse } from '../../../src/contracts/common.ts';
import {
  API,
  endpointPath,
  type Endpoint,
  type EndpointBody,
  type EndpointQuery,
  type EndpointResponse,
  type PathParams,
} from '../../../src/contracts/endpoints.ts';
import type { ErrorCode } from '../../../src/core/errors.ts';

export interface FieldIssue {
  path: string;
  message: string;
}

/** A failed API call, with what the server said (or what went wrong on the way). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'NETWORK' | 'BAD_RESPONSE';
  readonly issues: FieldIssue[];
  readonly requestId: string | undefined;

  constructor(options: {
    status: number;
    code: ApiError['code'];
    message: string;
    issues?: FieldIssue[];
    requestId?: string;
  }) {
    super(options.message);
    this.name = 'ApiError';
    this.status = options.status;
    this.code = options.code;
    this.issues = options.issues ?? [];
    this.requestId = options.requestId;
  }
}

/** Whether `error` is an ApiError with one of `codes`. */
export function isApiError(error: unknown, ...codes: ApiError['code'][]): error is ApiError {
  return error instanceof ApiError && (codes.length === 0 || codes.includes(error.code));
}

/** A sentence to show a person for any error thrown by a request. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong. Please try again.';
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
let csrfToken: Promise<string> | null = null;

async function fetchCsrfToken(): Promise<string> {
  const response = await fetch(API.getCsrfToken.path, {
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
  });
  if (!response.ok) throw await toApiError(response);
  return API.getCsrfToken.response.parse(await response.json()).token;
}

function csrf(refresh = false): Promise<string> {
  if (refresh || !csrfToken) {
    csrfToken = fetchCsrfToken();
    // A failed fetch must not be cached forever.
    csrfToken.catch(() => {
      csrfToken = null;
    });
  }
  return csrfToken;
}

/** Forgets the CSRF token (after sign-in or sign-out the server may issue a new one). */
export function resetCsrfToken(): void {
  csrfToken = null;
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: a proxy or the network answered, not the API.
  }
  const parsed = ErrorResponse.safeParse(body);
  if (parsed.success) {
    const { code, message, details, requestId } = parsed.data.error;
    return new ApiError({ status: response.status, code, message, issues: details?.issues, requestId });
  }
  return new ApiError({
    status: response.status,
    code: response.status >= 500 ? 'INTERNAL' : 'BAD_RESPONSE',
    message:
      response.status >= 500
        ? 'The server is not answering properly. Please try again in a moment.'
        : `The server answered ${response.status} ${response.statusText}`.trim(),
  });
}

function isCsrfFailure(error: ApiError): boolean {
  return error.status === 403 && error.code === 'FORBIDDEN' && /csrf/i.test(error.message);
}

export interface RequestOptions<Schema extends z.ZodType> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** A file sent as the body with its own content type (a roster CSV), instead of JSON. */
  rawBody?: { data: Blob | string; contentType: string };
  /** Query parameters; undefined, null and empty values are left out. */
  query?: Record<string, unknown>;
  /** The response contract; omitted for responses the caller ignores (204, `{ ok: true }`). */
  schema?: Schema;
  signal?: AbortSignal;
}

function withQuery(path: string, query: RequestOptions<z.ZodType>['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new TypeError(`query parameter ${key} must be a string, number or boolean`);
    }
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function send(path: string, options: RequestOptions<z.ZodType>, freshCsrf: boolean): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.rawBody) headers['content-type'] = options.rawBody.contentType;
  else if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (UNSAFE_METHODS.has(method) && path.startsWith('/api/v1/')) {
    headers['x-csrf-token'] = await csrf(freshCsrf);
  }
  try {
    return await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.rawBody
        ? options.rawBody.data
        : options.body === undefined
          ? undefined
          : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({
      status: 0,
      code: 'NETWORK',
      message: 'Could not reach the server. Check your connection and try again.',
    });
  }
}

/** Calls the API and returns the response parsed with `schema`. */
export async function apiRequest<Schema extends z.ZodType>(
  path: string,
  options: RequestOptions<Schema> & { schema: Schema },
): Promise<z.infer<Schema>>;
export async function apiRequest(path: string, options?: RequestOptions<z.ZodType>): Promise<void>;
export async function apiRequest(path: string, options: RequestOptions<z.ZodType> = {}): Promise<unknown> {
  let response = await send(path, options, false);
  if (!response.ok) {
    const error = await toApiError(response);
    // The CSRF secret cookie may have expired or been replaced: fetch a new token and try once more.
    if (!isCsrfFailure(error)) throw error;
    response = await send(path, options, true);
    if (!response.ok) throw await toApiError(response);
  }
  if (!options.schema || response.status === 204) return undefined;
  const body: unknown = await response.json().catch(() => null);
  const parsed = options.schema.safeParse(body);
  if (!parsed.success) {
    console.error('Unexpected response from', path, parsed.error.issues);
    throw new ApiError({
      status: response.status,
      code: 'BAD_RESPONSE',
      message: 'The server sent a response this page does not understand. Reload the page and try again.',
    });
  }
  return parsed.data;
}

type HasNoParams<E extends Endpoint> = keyof PathParams<E['path']> extends never ? true : false;

/** What a call to endpoint E takes: its path parameters, body and query, each only when it has them. */
export type CallOptions<E extends Endpoint> = (HasNoParams<E> extends true
  ? { params?: undefined }
  : { params: PathParams<E['path']> }) &
  (E extends { body: z.ZodType } ? { body: EndpointBody<E> } : { body?: undefined }) &
  (E extends { query: z.ZodType } ? { query?: EndpointQuery<E> } : { query?: undefined }) & {
    signal?: AbortSignal;
    /** A file as the body (endpoints that take one, e.g. API.importRoster with text/csv). */
    rawBody?: RequestOptions<z.ZodType>['rawBody'];
  };

/** The options argument is required only when the endpoint has params or a body. */
type CallArguments<E extends Endpoint> =
  object extends CallOptions<E> ? [options?: CallOptions<E>] : [options: CallOptions<E>];

/**
 * Calls an endpoint of the contracts' table (`API` in src/contracts/endpoints.ts): its method and path,
 * the body and query typed by its schemas, the answer parsed with its response schema.
 */
export async function callApi<E extends Endpoint>(
  endpoint: E,
  ...[options]: CallArguments<E>
): Promise<EndpointResponse<E>> {
  const call = (options ?? {}) as {
    params?: Record<string, string>;
    body?: unknown;
    query?: Record<string, unknown>;
    signal?: AbortSignal;
    rawBody?: RequestOptions<z.ZodType>['rawBody'];
  };
  return (await apiRequest(endpointPath(endpoint, call.params), {
    method: endpoint.method,
    body: call.body,
    rawBody: call.rawBody,
    query: call.query,
    signal: call.signal,
    schema: endpoint.response,
  })) as EndpointResponse<E>;
}
