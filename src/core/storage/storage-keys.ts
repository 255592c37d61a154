/**
 * Keys of stored files: short relative paths the use cases make from ids (relationships/<id>/<id>), never
 * from what a user typed. The grammar leaves no way out of the store's root: no absolute paths, no `..`
 * or dot segments, no backslashes or control characters; every store (local disk, S3) accepts the same.
 */
import { AppError } from '../errors.ts';

export const STORAGE_KEY_MAX_LENGTH = 512;
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const MAX_SEGMENTS = 8;

/** Why `key` is not a storage key, or null when it is one. */
export function storageKeyProblem(key: string): string | null {
  if (key.length === 0) return 'is empty';
  if (key.length > STORAGE_KEY_MAX_LENGTH) return `is longer than ${STORAGE_KEY_MAX_LENGTH} characters`;
  const segments = key.split('/');
  if (segments.length > MAX_SEGMENTS) return `has more than ${MAX_SEGMENTS} segments`;
  const bad = segments.find((segment) => !SEGMENT.test(segment));
  if (bad !== undefined) {
    return bad === ''
      ? 'has an empty segment (leading, trailing or doubled /)'
      : `has a segment "${bad.slice(0, 40)}" that is not letters, digits, ".", "_" or "-" starting with a letter or digit`;
  }
  return null;
}

/** Throws INTERNAL when `key` is not a storage key: keys come from code, so a bad one is a bug. */
export function assertStorageKey(key: string): void {
  const problem = storageKeyProblem(key);
  if (problem !== null) throw new AppError('INTERNAL', `Storage key ${JSON.stringify(key)} ${problem}`);
}
