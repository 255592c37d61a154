import type { ErrorCode } from '../core/errors.ts';

/** Exit codes of the CLI, one per error code; 0 is success and 1 an unexpected failure. */
export const EXIT_CODES: Record<ErrorCode, number> = {
  INTERNAL: 1,
  VALIDATION_FAILED: 2,
  UNAUTHENTICATED: 3,
  FORBIDDEN: 3,
  NOT_FOUND: 4,
  CONFLICT: 5,
  INVALID_STATE: 5,
  CAPACITY_REACHED: 5,
  RATE_LIMITED: 6,
  PAYLOAD_TOO_LARGE: 2,
  UNAVAILABLE: 7,
};
