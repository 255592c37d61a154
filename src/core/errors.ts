/**
 * The one error type of Second Chair. Use cases, core and the CLI throw AppError; only src/http maps
 * codes to HTTP statuses and only src/cli maps them to exit codes.
 *
 * Codes:
 * - VALIDATION_FAILED: input failed validation; `details.issues` names each field (path) and problem.
 * - UNAUTHENTICATED: no valid session or credentials.
 * - FORBIDDEN: the actor is known but may not do this (never used to hide another organization's data).
 * - NOT_FOUND: no such resource, or it belongs to another organization.
 * - CONFLICT: the write collides with existing state (duplicate email, slug taken ...).
 * - INVALID_STATE: the resource is not in a state that allows this (expired invitation, last admin ...).
 * - CAPACITY_REACHED: a limit was reached (mentor capacity, seats ...).
 * - RATE_LIMITED: too many attempts; `details.retryAfterSeconds` (also the Retry-After header) says when
 *   to try again.
 * - PAYLOAD_TOO_LARGE: the request or file is larger than allowed.
 * - UNAVAILABLE: a dependency (database, mailer) is not available.
 * - INTERNAL: a bug; never shown with details to a user.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_STATE',
  'CAPACITY_REACHED',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'UNAVAILABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with one field (or row, or position in a file). */
export interface FieldIssue {
  /** Where the problem is: a field path such as `jurisdictions.1` or `scores.data[1234]`. */
  path: string;
  message: string;
}

export interface AppErrorDetails {
  issues?: FieldIssue[];
  [key: string]: unknown;
}

/** A failure a caller can act on, carrying a stable code and optional structured details. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: AppErrorDetails | undefined;

  constructor(code: ErrorCode, message: string, details?: AppErrorDetails) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  /** A VALIDATION_FAILED error whose message names the first problem. */
  static validation(issues: FieldIssue[], message?: string): AppError {
    const first = issues[0];
    const text = message ?? (first ? `${first.path || 'input'}: ${first.message}` : 'Invalid input');
    return new AppError('VALIDATION_FAILED', text, { issues });
  }

  static notFound(what: string): AppError {
    return new AppError('NOT_FOUND', `${what} not found`);
  }
}

/** Whether a thrown value is an AppError (also across module copies). */
export function isAppError(value: unknown): value is AppError {
  return (
    value instanceof AppError || (value instanceof Error && value.name === 'AppError' && 'code' in value)
  );
}
