/**
 * `secondchair match run` and `match publish` as clients of a running server: human tables by default,
 * JSON with --json, and the API's errors as exit codes.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, signedIn } from '../support/api.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createCohortFixture, createPoolFixture, createProgramFixture } from '../support/match-fixtures.ts';
import { runCli, temporaryDirectory } from './support.ts';

let t: TestApp;
let env: Record<string, string>;
let programId: string;
const home = temporaryDirectory('match-remote');

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const cora = await signedIn(t, 'Cora Remote');
  const organization = await createOrganization(cora, { name: 'Remote Bar Association' });
  const db = t.runtime.database.db;
  const fixture = await createProgramFixture(db, organization.id);
  const cohort = await createCohortFixture(db, fixture.program, 'matching');
  await createPoolFixture(db, fixture, cohort, { mentees: 6, mentors: 3 });
  programId = fixture.program.id;
  const token = await cora.post('/api/v1/me/api-tokens', { name: 'CLI match test' });
  env = {
    SECONDCHAIR_CONFIG_DIR: home.dir,
    SECONDCHAIR_URL: url,
    SECONDCHAIR_TOKEN: token.json<{ secret: string }>().secret,
  };
});
afterAll(async () => {
  await t?.close();
  home.remove();
});

describe('secondchair match run / match publish', { timeout: 180_000 }, () => {
  it('runs a draft (table), runs again as JSON, publishes it, and refuses to publish twice', async () => {
    const human = await runCli(['match', 'run', programId, '--objective', 'coverage'], env);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/Objective coverage: [1-9]\d* pairs, \d+ of 6 mentees matched/);
    expect(human.stdout).toMatch(/Mentee\s+Mentor\s+Score\s+Top reason/);
    expect(human.stdout).toContain('secondchair match publish');

    const json = await runCli(['match', 'run', programId, '--json'], env);
    expect(json.code, json.stderr).toBe(0);
    const run = JSON.parse(json.stdout) as { id: string; status: string; pairs: unknown[] };
    expect(run.status).toBe('draft');
    expect(run.pairs.length).toBeGreaterThan(0);

    const published = await runCli(['match', 'publish', run.id, '--json'], env);
    expect(published.code, published.stderr).toBe(0);
    expect(JSON.parse(published.stdout)).toMatchObject({
      relationshipsCreated: run.pairs.length, // one relationship per pair (one-to-one)
      run: { status: 'published' },
    });

    const again = await runCli(['match', 'publish', run.id], env);
    expect(again.code).toBe(5);
    expect(again.stderr).toContain('published');
  });

  it('names a bad --min-score and an unknown program with their exit codes', async () => {
    const bad = await runCli(['match', 'run', programId, '--min-score', '2000'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--min-score');
    const missing = await runCli(['match', 'run', 'no-such-program'], env);
    expect(missing.code).toBe(4);
  });
});
