/**
 * The CLI as a client of a running server: `login` checks the token and saves it owner-only, `whoami`
 * and the other remote commands use it, and the API's errors become the CLI's exit codes.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { signedIn } from '../support/api.ts';
import { runCli, temporaryDirectory } from './support.ts';

let t: TestApp;
let url: string;
let secret: string;
const home = temporaryDirectory('remote');
const env = () => ({ SECONDCHAIR_CONFIG_DIR: home.dir });

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const ada = await signedIn(t, 'Ada Remote', 'ada.remote@example.test');
  const response = await ada.post('/api/v1/me/api-tokens', { name: 'CLI test' });
  secret = response.json<{ secret: string }>().secret;
});
afterAll(async () => {
  await t?.close();
  home.remove();
});

describe('secondchair login / whoami / logout', () => {
  it('refuses a wrong token with exit code 3 and saves nothing', async () => {
    const result = await runCli(['login', '--url', url, '--token', 'sct_wrong'], env());
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toContain('The API token is invalid, expired or revoked');
    expect(fs.existsSync(path.join(home.dir, 'credentials.json'))).toBe(false);
  });

  it('names a bad --url (exit 2)', async () => {
    const result = await runCli(['login', '--url', 'ftp://example.test', '--token', secret], env());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--url');
  });

  it('says the server cannot be reached (exit 7)', async () => {
    const result = await runCli(['login', '--url', 'http://127.0.0.1:9', '--token', secret], env());
    expect(result.code).toBe(7);
    expect(result.stderr).toContain('Cannot reach the Second Chair server at http://127.0.0.1:9');
  });

  it(
    'logs in, saves the token readable by its owner only, and whoami uses it',
    { timeout: 180_000 },
    async () => {
      const login = await runCli(['login', '--url', url, '--token', secret], env());
      expect(login.code, login.stderr).toBe(0);
      expect(login.stdout).toContain('Logged in to');
      expect(login.stdout).toContain('ada.remote@example.test');
      const file = path.join(home.dir, 'credentials.json');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);

      const whoami = await runCli(['whoami', '--json'], env());
      expect(whoami.code, whoami.stderr).toBe(0);
      expect(JSON.parse(whoami.stdout)).toMatchObject({ url, user: { email: 'ada.remote@example.test' } });

      const logout = await runCli(['logout'], env());
      expect(logout.code).toBe(0);
      expect(fs.existsSync(file)).toBe(false);
      const after = await runCli(['whoami'], env());
      expect(after.code).toBe(3);
      expect(after.stderr).toContain('Not logged in');
    },
  );

  it('takes SECONDCHAIR_URL and SECONDCHAIR_TOKEN instead of a saved login', async () => {
    const result = await runCli(['whoami'], { ...env(), SECONDCHAIR_URL: url, SECONDCHAIR_TOKEN: secret });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Ada Remote <ada.remote@example.test>');
  });
});
