/** `secondchair programs list` as a client of a running server: a table, --json, and exit codes on errors. */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, signedIn } from '../support/api.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { runCli, temporaryDirectory } from './support.ts';

let t: TestApp;
let url: string;
let secret: string;
let organizationId: string;
const home = temporaryDirectory('programs');
const env = () => ({ SECONDCHAIR_CONFIG_DIR: home.dir, SECONDCHAIR_URL: url, SECONDCHAIR_TOKEN: secret });

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const casey = await signedIn(t, 'Casey Cli', 'casey.cli@example.test');
  organizationId = (await createOrganization(casey, { name: 'Cascade Bar' })).id;
  const created = await casey.post(`/api/v1/organizations/${organizationId}/programs`, {
    name: 'New Lawyer Mentoring',
    format: 'one_to_one',
    cohort: { name: '2027 spring intake' },
  });
  expect(created.statusCode, created.body).toBe(201);
  secret = (await casey.post('/api/v1/me/api-tokens', { name: 'CLI test' })).json<{ secret: string }>()
    .secret;
});
afterAll(async () => {
  await t?.close();
  home.remove();
});

describe('secondchair programs list', () => {
  it('prints a table of the programs of every organization', { timeout: 120_000 }, async () => {
    const result = await runCli(['programs', 'list'], env());
    expect(result.code, result.stderr).toBe(0);
    const [header, rule, row] = result.stdout.trim().split('\n');
    expect(header).toMatch(
      /^ID\s+NAME\s+ORGANIZATION\s+FORMAT\s+CURRENT COHORT\s+APPLICATIONS\s+RELATIONSHIPS$/,
    );
    expect(rule).toMatch(/^-+/);
    expect(row).toContain('New Lawyer Mentoring');
    expect(row).toContain('Cascade Bar');
    expect(row).toContain('2027 spring intake (draft)');
  });

  it('prints JSON for one organization with --json', { timeout: 120_000 }, async () => {
    const result = await runCli(['programs', 'list', '--organization', organizationId, '--json'], env());
    expect(result.code, result.stderr).toBe(0);
    const { programs } = JSON.parse(result.stdout) as { programs: Array<Record<string, unknown>> };
    expect(programs).toHaveLength(1);
    expect(programs[0]).toMatchObject({
      name: 'New Lawyer Mentoring',
      organizationId,
      currentCohort: { name: '2027 spring intake', state: 'draft' },
      can: { edit: true },
    });
  });

  it(
    'exits non-zero: an unknown organization (4), a bad id (2), no login (3)',
    { timeout: 120_000 },
    async () => {
      const missing = await runCli(['programs', 'list', '--organization', 'no-such-organization'], env());
      expect(missing.code).toBe(4);
      expect(missing.stderr).toContain('Organization not found');
      const bad = await runCli(['programs', 'list', '--organization', 'not an id'], env());
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--organization');
      const anonymous = await runCli(['programs', 'list'], { SECONDCHAIR_CONFIG_DIR: home.dir });
      expect(anonymous.code).toBe(3);
    },
  );
});
