import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../core/errors.ts';
import { assertStorageKey } from '../../core/storage/storage-keys.ts';
import type { FileStore, PutOptions, StoredFile } from './file-store.ts';

/** The folder of uploaded files in the data directory (beside the embedded database's `pglite/`). */
export function localFileStoreRoot(dataDir: string): string {
  return path.join(dataDir, 'files');
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`
    : `${Math.ceil(bytes / 1024)} KB`;
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

/**
 * Files on the local disk under `root`. A write goes to `root/.tmp` first (the same file system) and is
 * flushed and renamed into place, so it is atomic; a key that is not a storage key, or that would resolve
 * outside `root`, is refused before any file is touched.
 */
export function createLocalFileStore(options: { root: string }): FileStore {
  const root = path.resolve(options.root);
  const tmpDir = path.join(root, '.tmp');

  function pathOf(key: string): string {
    assertStorageKey(key);
    const target = path.resolve(root, key);
    if (!target.startsWith(root + path.sep)) {
      throw new AppError('INTERNAL', `Storage key ${JSON.stringify(key)} leaves the store`);
    }
    return target;
  }

  return {
    async put(key, content, putOptions: PutOptions): Promise<StoredFile> {
      const target = pathOf(key);
      await mkdir(tmpDir, { recursive: true });
      await mkdir(path.dirname(target), { recursive: true });
      const temporary = path.join(tmpDir, `${randomUUID()}.part`);
      const hash = createHash('sha256');
      let size = 0;
      const limit = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          size += chunk.length;
          if (size > putOptions.maxBytes) {
            callback(
              new AppError(
                'PAYLOAD_TOO_LARGE',
                `${JSON.stringify(putOptions.label ?? key)} is larger than the ${formatBytes(putOptions.maxBytes)} limit`,
                { maxBytes: putOptions.maxBytes },
              ),
            );
            return;
          }
          hash.update(chunk);
          callback(null, chunk);
        },
      });
      try {
        await pipeline(content, limit, createWriteStream(temporary, { flags: 'wx', mode: 0o600 }));
        const handle = await open(temporary, 'r');
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temporary, target);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
      return { key, size, sha256: hash.digest('hex') };
    },

    async get(key) {
      const target = pathOf(key);
      try {
        const handle = await open(target, 'r');
        const { size } = await handle.stat();
        return { stream: handle.createReadStream(), size };
      } catch (error) {
        if (isMissing(error)) throw AppError.notFound('File');
        throw error;
      }
    },

    async delete(key) {
      const target = pathOf(key);
      try {
        await stat(target);
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
      await rm(target, { force: true });
      return true;
    },

    async exists(key) {
      const target = pathOf(key);
      try {
        return (await stat(target)).isFile();
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    },
  };
}
