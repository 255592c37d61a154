import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { MeResponse } from '../../contracts/session.ts';
import { AppError } from '../../core/errors.ts';
import { callApi } from '../remote/api-client.ts';
import {
  credentialsPath,
  deleteCredentials,
  resolveCredentials,
  saveCredentials,
} from '../remote/credentials.ts';
import { printJson } from '../remote/output.ts';
import { say } from '../support.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

/** Registers `secondchair login`, `logout` and `whoami`: the CLI as a client of a running server. */
export function registerLoginCommands(program: Command): void {
  program
    .command('login')
    .description('Remember a Second Chair server and your personal API token for the remote commands')
    .requiredOption('--url <url>', 'the server, e.g. http://localhost:3000')
    .requiredOption(
      '--token <token>',
      'a personal API token (web app: your menu → API tokens); - reads it from stdin',
    )
    .addHelpText(
      'after',
      `
The token is checked against the server, then saved (owner-only) in ~/.config/secondchair/credentials.json
(SECONDCHAIR_CONFIG_DIR elsewhere). SECONDCHAIR_URL and SECONDCHAIR_TOKEN override the saved login.

Examples:
  $ secondchair login --url http://localhost:3000 --token sct_…
  $ pass show secondchair | secondchair login --url https://mentoring.example.org --token -`,
    )
    .action(async (options: { url: string; token: string }) => {
      const config = loadConfig();
      let url: URL;
      try {
        url = new URL(options.url);
        if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
      } catch {
        throw AppError.validation([
          { path: '--url', message: 'must be an http(s) URL such as http://localhost:3000' },
        ]);
      }
      const token = options.token === '-' ? await readStdin() : options.token.trim();
      if (!token) throw AppError.validation([{ path: '--token', message: 'must not be empty' }]);
      const base = url.origin + url.pathname.replace(/\/$/, '');
      const { user } = await callApi({ url: base, token }, '/api/v1/me', { schema: MeResponse });
      const file = saveCredentials(config, { url: base, token, email: user.email });
      say(`Logged in to ${base} as ${user.name} <${user.email}>.`, `Saved in ${file}.`);
    });

  program
    .command('logout')
    .description('Forget the saved server and token (revoke the token in the web app to end it everywhere)')
    .action(() => {
      const config = loadConfig();
      const removed = deleteCredentials(config);
      say(
        removed
          ? `Removed ${credentialsPath(config)}. The token itself still works until you revoke it in the web app (API tokens).`
          : 'Not logged in; nothing to remove.',
      );
    });

  program
    .command('whoami')
    .description('Show which server and account the remote commands use')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const credentials = resolveCredentials(loadConfig());
      const { user } = await callApi(credentials, '/api/v1/me', { schema: MeResponse });
      if (options.json) printJson({ url: credentials.url, user });
      else say(`${user.name} <${user.email}> on ${credentials.url}`);
    });
}
