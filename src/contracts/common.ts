import { z } from 'zod';
import { ERROR_CODES } from '../core/errors.ts';

export const IdSchema = z.string().min(1).max(64).describe('An opaque identifier');

/**
 * An id taken from a URL. Ids are UUIDs made by the app, so anything but letters, digits, - and _ is
 * refused up front with the parameter named, before it can reach a query.
 */
export const IdParam = IdSchema.regex(/^[A-Za-z0-9_-]+$/, 'must be an identifier (letters, digits, - and _)');

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES).describe('Stable error code; see src/core/errors.ts'),
      message: z.string().describe('What went wrong, for people'),
      details: z
        .object({
          issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
        })
        .passthrough()
        .optional(),
      requestId: z.string().describe('Quote this when reporting a problem'),
    }),
  })
  .describe('Every error has this shape');

/** The error responses every authenticated route can return, for the OpenAPI document. */
export const STANDARD_ERRORS = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  429: ErrorResponse,
} as const;

export const OkResponse = z.object({ ok: z.literal(true) });

/** An ISO timestamp in responses. */
export const Timestamp = z.string().datetime().describe('ISO 8601 timestamp (UTC)');

/** A route without query parameters still refuses unknown ones, naming them. */
export const NoQuery = z.object({}).strict();
/** A POST/DELETE without a body arrives as null; `{}` is accepted too, for clients that always send JSON. */
export const NoBody = z.object({}).strict().nullish();
