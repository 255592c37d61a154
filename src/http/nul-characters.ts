/**
 * PostgreSQL text cannot hold the NUL character: a string with one fails at the protocol level, as a
 * 500. Rather than guard every schema, one hook refuses NUL anywhere in a request's params, query or
 * body, naming the field.
 */
import { AppError } from '../core/errors.ts';

/** The path of the first string containing NUL inside `value`, or undefined. */
export function findNulCharacter(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'value' : undefined;
  if (depth > 32 || value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (key.includes('\u0000')) return path ? `${path}.${key}` : key;
    const found = findNulCharacter(child, path ? `${path}.${key}` : key, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Throws VALIDATION_FAILED when params, query or body contain NUL. */
export function rejectNulCharacters(request: { params: unknown; query: unknown; body: unknown }): void {
  const path =
    findNulCharacter(request.params, 'params') ??
    findNulCharacter(request.query, 'querystring') ??
    findNulCharacter(request.body, '');
  if (path) throw AppError.validation([{ path, message: 'must not contain the NUL character' }]);
}
