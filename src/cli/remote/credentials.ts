/**
 * Where the CLI keeps the server it talks to and the API token (`secondchair login`): a JSON file
 * readable by its owner only. SECONDCHAIR_URL / SECONDCHAIR_TOKEN override it (for CI and scripts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import { AppError } from '../../core/errors.ts';

export const Credentials = z.object({
  url: z.string().url(),
  token: z.string().min(1),
  /** Who the token belongs to, for `whoami` without a round trip and for messages. */
  email: z.string().optional(),
});
export type Credentials = z.infer<typeof Credentials>;

/** The credentials file. */
export function credentialsPath(config: Config): string {
  return path.join(config.remote.configDir, 'credentials.json');
}

/** Saves the credentials with owner-only permissions (0600 file in a 0700 directory). */
export function saveCredentials(config: Config, credentials: Credentials): string {
  const file = credentialsPath(config);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temporary, file);
  return file;
}

/** Removes saved credentials; whether there were any. */
export function deleteCredentials(config: Config): boolean {
  const file = credentialsPath(config);
  if (!fs.existsSync(file)) return false;
  fs.rmSync(file);
  return true;
}

/** The server and token to use: the environment first, then the saved login; UNAUTHENTICATED if neither. */
export function resolveCredentials(config: Config): Credentials {
  if (config.remote.url && config.remote.token) return { url: config.remote.url, token: config.remote.token };
  const file = credentialsPath(config);
  let saved: Credentials | undefined;
  if (fs.existsSync(file)) {
    const parsed = Credentials.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) {
      throw new AppError(
        'UNAUTHENTICATED',
        `${file} is not a valid credentials file; run secondchair login again`,
      );
    }
    saved = parsed.data;
  }
  const url = config.remote.url ?? saved?.url;
  const token = config.remote.token ?? saved?.token;
  if (!url || !token) {
    throw new AppError(
      'UNAUTHENTICATED',
      'Not logged in: run `secondchair login --url <server> --token <api token>` (create a token in the web app under API tokens), or set SECONDCHAIR_URL and SECONDCHAIR_TOKEN',
    );
  }
  return { url: url.replace(/\/$/, ''), token, email: saved?.email };
}
