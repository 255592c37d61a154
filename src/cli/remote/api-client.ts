/**
 * The CLI as a client of the API: every remote command goes through here, so that it works while the
 * server holds the embedded database's lock, authenticates with a personal API token, validates the
 * response with the shared contract, and turns the API's error shape back into an AppError (and so into
 * the CLI's exit codes).
 */
import type { z } from 'zod';
import { ERROR_CODES, AppError, type AppErrorDetails, type ErrorCode } from '../../core/errors.ts';
import type { Credentials } from './credentials.ts';

export interface ApiCallOptions<T extends z.ZodType> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** A raw body (e.g. a CSV file) with its content type, instead of JSON. */
  rawBody?: { data: Uint8Array | string; contentType: string };
  query?: Record<string, string | number | boolean | undefined>;
  schema: T;
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Calls the API at `credentials.url` and returns the parsed response, or throws an AppError. */
export async function callApi<T extends z.ZodType>(
  credentials: Credentials,
  path: string,
  options: ApiCallOptions<T>,
): Promise<z.infer<T>> {
  const url = new URL(path, `${credentials.url}/`);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  const headers: Record<string, string> = {
    authorization: `Bearer ${credentials.token}`,
    accept: 'application/json',
  };
  let body: string | Uint8Array | undefined;
  if (options.rawBody) {
    headers['content-type'] = options.rawBody.contentType;
    body = options.rawBody.data;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      headers,
      body: body as BodyInit | undefined,
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new AppError(
      'UNAVAILABLE',
      `Cannot reach the Second Chair server at ${credentials.url} (${cause?.code ?? cause?.message ?? String(error)}). Is it running?`,
    );
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    throw new AppError(
      'UNAVAILABLE',
      `${credentials.url} answered ${response.status} with something that is not JSON: is it a Second Chair server?`,
    );
  }
  if (!response.ok) {
    const error = (json as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)
      ?.error;
    const code = isErrorCode(error?.code)
      ? error.code
      : response.status >= 500
        ? 'INTERNAL'
        : 'INVALID_STATE';
    const message =
      typeof error?.message === 'string' ? error.message : `The server answered ${response.status}`;
    throw new AppError(code, message, error?.details as AppErrorDetails | undefined);
  }
  const parsed = options.schema.safeParse(json);
  if (!parsed.success) {
    throw new AppError(
      'INTERNAL',
      `The server's answer to ${options.method ?? 'GET'} ${path} did not match this CLI's contract: is the CLI the same version as the server?`,
    );
  }
  return parsed.data;
}
