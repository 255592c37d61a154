/**
 * Where uploaded files live, behind one interface: the local disk under DATA_DIR in embedded mode today;
 * an S3-compatible bucket can implement the same four operations (ADR 019). Keys are made by use cases
 * from ids (see src/core/storage/storage-keys.ts); metadata (name, type, size, owner) lives in the database.
 */
import type { Readable } from 'node:stream';

/** What put stored. */
export interface StoredFile {
  key: string;
  /** Bytes written. */
  size: number;
  /** Hex SHA-256 of the content, for integrity checks and de-duplication. */
  sha256: string;
}

export interface PutOptions {
  /** Refuse (PAYLOAD_TOO_LARGE) and store nothing once the content passes this many bytes. */
  maxBytes: number;
  /** How to name the file in an error (the uploaded file's name); defaults to the key. */
  label?: string;
}

export interface FileStore {
  /**
   * Stores the stream's bytes under `key`, all or nothing: a reader sees the old content or the whole new
   * content, never part of it; past `maxBytes`, or on any error, nothing is left behind.
   */
  put(key: string, content: Readable | AsyncIterable<Uint8Array>, options: PutOptions): Promise<StoredFile>;
  /** The content under `key` as a stream, with its size; NOT_FOUND when there is none. */
  get(key: string): Promise<{ stream: Readable; size: number }>;
  /** Removes `key`; whether there was anything to remove. */
  delete(key: string): Promise<boolean>;
  exists(key: string): Promise<boolean>;
}
