/**
 * `secondchair roster import` as a client of a running server: a table of the plan or of every row
 * problem, and a non-zero exit code when any row is wrong.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applications } from '../../src/db/schema.ts';
import { createOrganization, signedIn, type SignedInClient } from '../support/api.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { insertProgram, joinOrganization } from '../support/roster-fixtures.ts';
import { runCli, temporaryDirectory } from './support.ts';

let t: TestApp;
let url: string;
let secret: string;
let member: SignedInClient;
let programId: string;
let cohortId: string;
const home = temporaryDirectory('roster');
const env = () => ({ SECONDCHAIR_URL: url, SECONDCHAIR_TOKEN: secret, SECONDCHAIR_CONFIG_DIR: home.dir });

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const coordinator = await signedIn(t, 'Cora Cli');
  const organizationId = (await createOrganization(coordinator)).id;
  member = await joinOrganization(t, coordinator, organizationId, 'Max Mentee');
  ({ programId, cohortId } = await insertProgram(t.runtime.database.db, organizationId));
  const response = await coordinator.post('/api/v1/me/api-tokens', { name: 'roster CLI' });
  secret = response.json<{ secret: string }>().secret;
}, 180_000);
afterAll(async () => {
  await t?.close();
  home.remove();
});

function write(name: string, text: string): string {
  const file = path.join(home.dir, name);
  fs.writeFileSync(file, text);
  return file;
}

describe('secondchair roster import', { timeout: 180_000 }, () => {
  it('prints a table of every row problem and exits 2, writing nothing', async () => {
    const file = write(
      'bad.csv',
      'email,name,role,practice_areas\nnope,Bad Email,mentee,\nok@example.test,"=HYPERLINK(""x"")",mentor,\n',
    );
    for (const args of [['--dry-run'], []]) {
      const result = await runCli(['roster', 'import', programId, file, ...args], env());
      expect(result.code, result.stderr).toBe(2);
      expect(result.stdout).toMatch(/ROW\s+COLUMN\s+PROBLEM/);
      expect(result.stdout).toMatch(/2\s+email\s+"nope" is not an email address/);
      expect(result.stdout).toMatch(/3\s+name\s+starts with "="/);
    }
    expect(await t.runtime.database.db.select().from(applications)).toEqual([]);
  });

  it('previews, then imports, then finds nothing to do; --json for scripts', async () => {
    const file = write(
      'good.csv',
      `email,name,role,years_of_practice\n${member.email},Max Mentee,mentee,1\n`,
    );
    const preview = await runCli(
      ['roster', 'import', programId, file, '--dry-run', '--cohort', cohortId],
      env(),
    );
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toMatch(/WOULD/);
    expect(preview.stdout).toContain('create application');
    expect(preview.stdout).toContain('Nothing was written');

    const imported = await runCli(['roster', 'import', programId, file], env());
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('1 create application');
    const rows = await t.runtime.database.db
      .select()
      .from(applications)
      .where(eq(applications.userId, member.userId));
    expect(rows).toHaveLength(1);

    const again = await runCli(['roster', 'import', programId, file, '--json'], env());
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ isCommitted: true, counts: { unchanged: 1 } });
  });

  it('says when the program does not exist (exit 4) or the file cannot be read', async () => {
    const file = write('one.csv', 'email,name,role\na@example.test,A,mentee\n');
    const missing = await runCli(['roster', 'import', 'no-such-program', file], env());
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain('Program not found');
    const unreadable = await runCli(
      ['roster', 'import', programId, path.join(home.dir, 'absent.csv')],
      env(),
    );
    expect(unreadable.code).toBe(4);
    expect(unreadable.stderr).toContain('cannot read');
  });
});
