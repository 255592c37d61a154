import { and, count, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestRuntime } from '../../../tests/support/app.ts';
import { UpdateProfileRequest } from '../../contracts/profiles.ts';
import { CreateOrganizationRequest } from '../../contracts/organizations.ts';
import { isPracticeAreaId } from '../../core/taxonomy.ts';
import {
  applications,
  cohorts,
  matchRunPairs,
  matchRuns,
  memberProfiles,
  memberships,
  organizations,
  programs,
  relationships,
  users,
} from '../../db/schema.ts';
import type { Runtime } from '../../runtime.ts';
import { DEMO_ORGANIZATIONS, DEMO_PASSWORD, DEMO_PEOPLE } from './demo-data.ts';
import { DEMO_GENERATED_MENTEES, DEMO_GENERATED_MENTORS } from './seed-demo-programs.ts';
import { demoId, demoMembershipId, findDemoOrganizations, isDatabaseEmpty, seedDemo } from './seed-demo.ts';

const runtimes: Runtime[] = [];
afterEach(async () => {
  while (runtimes.length > 0) await runtimes.pop()!.close();
});

async function freshRuntime(): Promise<Runtime> {
  const runtime = await createTestRuntime();
  runtimes.push(runtime);
  return runtime;
}

async function seed(runtime: Runtime) {
  const { password } = await runtime.auth.$context;
  return seedDemo(runtime.context(null), { hashPassword: password.hash });
}

async function rowCounts(runtime: Runtime) {
  const db = runtime.database.db;
  const [u] = await db.select({ value: count() }).from(users);
  const [o] = await db.select({ value: count() }).from(organizations);
  const [m] = await db.select({ value: count() }).from(memberships);
  const [p] = await db.select({ value: count() }).from(memberProfiles);
  return { users: u.value, organizations: o.value, memberships: m.value, profiles: p.value };
}

describe('the demo data', () => {
  it('passes the same contracts and taxonomy a person filling in the forms would', () => {
    for (const { key: _key, ...organization } of DEMO_ORGANIZATIONS) {
      expect(CreateOrganizationRequest.safeParse(organization).error?.issues).toBeUndefined();
    }
    for (const person of DEMO_PEOPLE) {
      for (const membership of person.memberships) {
        const profile = { ...person.profile, ...membership.profile };
        const parsed = UpdateProfileRequest.safeParse(profile);
        expect(parsed.error?.issues, `${person.key} in ${membership.organization}`).toBeUndefined();
        for (const area of profile.practiceAreas) expect(isPracticeAreaId(area), area).toBe(true);
      }
    }
    const roles = new Set(DEMO_PEOPLE.map((person) => person.profile.mentoringRole));
    expect(roles).toEqual(new Set(['mentor', 'mentee', 'both', 'none']));
    // Some people belong to both organizations, and each organization has an admin and a coordinator.
    expect(DEMO_PEOPLE.filter((person) => person.memberships.length === 2).length).toBeGreaterThanOrEqual(2);
    for (const organization of DEMO_ORGANIZATIONS) {
      const roleHere = (role: string) =>
        DEMO_PEOPLE.some((person) =>
          person.memberships.some((m) => m.organization === organization.key && m.role === role),
        );
      expect(roleHere('admin') && roleHere('coordinator')).toBe(true);
    }
  });
});

const GENERATED = DEMO_GENERATED_MENTEES + DEMO_GENERATED_MENTORS;

describe('seedDemo', () => {
  it('seeds an empty database once, with verified accounts that sign in with the demo password', async () => {
    const runtime = await freshRuntime();
    expect(await isDatabaseEmpty(runtime.database.db)).toBe(true);
    const result = await seed(runtime);
    expect(result).toMatchObject({
      status: 'seeded',
      userCount: DEMO_PEOPLE.length + GENERATED,
      programCount: 2,
      password: DEMO_PASSWORD,
    });
    expect(await isDatabaseEmpty(runtime.database.db)).toBe(false);
    const memberships = DEMO_PEOPLE.reduce((sum, person) => sum + person.memberships.length, 0) + GENERATED;
    expect(await rowCounts(runtime)).toEqual({
      users: DEMO_PEOPLE.length + GENERATED,
      organizations: DEMO_ORGANIZATIONS.length,
      memberships,
      profiles: memberships,
    });

    const signedIn = await runtime.auth.api.signInEmail({
      body: { email: 'sofia.delgado@haleward.example', password: DEMO_PASSWORD },
    });
    expect(signedIn.user).toMatchObject({
      name: 'Sofia Delgado',
      emailVerified: true,
      isPlatformAdmin: false,
    });
    const admin = await runtime.auth.api.signInEmail({
      body: { email: 'dana.whitfield@secondchair.example', password: DEMO_PASSWORD },
    });
    expect(admin.user).toMatchObject({ isPlatformAdmin: true });

    // The same person describes themself differently in each organization.
    const sofiaInBar = await runtime.database.db.query.memberProfiles.findFirst({
      where: (profiles, { eq }) =>
        eq(profiles.membershipId, demoMembershipId('cascadia-bar', 'sofia-delgado')),
    });
    expect(sofiaInBar?.mentoringRole).toBe('mentor');

    const again = await seed(runtime);
    expect(again.status).toBe('already-present');
    expect(await rowCounts(runtime)).toEqual({
      users: DEMO_PEOPLE.length + GENERATED,
      organizations: DEMO_ORGANIZATIONS.length,
      memberships,
      profiles: memberships,
    });
  });

  it('seeds the bar program ready to match (60+ mentees, 25+ mentors, a draft run) and the firm program running', async () => {
    const runtime = await freshRuntime();
    await seed(runtime);
    const db = runtime.database.db;
    const programRows = await db.select().from(programs);
    const bar = programRows.find(
      (program) => program.organizationId === demoId('organization', 'cascadia-bar'),
    )!;
    const firm = programRows.find(
      (program) => program.organizationId === demoId('organization', 'hale-ward'),
    )!;
    const stateOf = async (programId: string) =>
      (await db.select({ state: cohorts.state }).from(cohorts).where(eq(cohorts.programId, programId)))[0]
        .state;
    expect(await stateOf(bar.id)).toBe('matching');
    expect(await stateOf(firm.id)).toBe('running');

    const approved = async (programId: string, role: 'mentor' | 'mentee') =>
      (
        await db
          .select({ id: applications.id })
          .from(applications)
          .where(
            and(
              eq(applications.programId, programId),
              eq(applications.role, role),
              eq(applications.status, 'approved'),
            ),
          )
      ).length;
    expect(await approved(bar.id, 'mentee')).toBeGreaterThanOrEqual(60);
    expect(await approved(bar.id, 'mentor')).toBeGreaterThanOrEqual(25);

    const runs = await db.select().from(matchRuns);
    expect(runs.filter((run) => run.programId === bar.id).map((run) => run.status)).toEqual(['draft']);
    expect(runs.filter((run) => run.programId === firm.id).map((run) => run.status)).toEqual(['published']);
    const firmRelationships = await db
      .select()
      .from(relationships)
      .where(eq(relationships.programId, firm.id));
    expect(firmRelationships.length).toBe(4);
    const barPairs = await db
      .select({ id: matchRunPairs.id })
      .from(matchRunPairs)
      .where(eq(matchRunPairs.runId, runs.find((run) => run.programId === bar.id)!.id));
    expect(barPairs.length).toBeGreaterThanOrEqual(60);
  });

  it('gives the same ids in every installation', async () => {
    const first = await freshRuntime();
    const second = await freshRuntime();
    await seed(first);
    await seed(second);
    const ids = async (runtime: Runtime) =>
      (await runtime.database.db.select({ id: memberships.id }).from(memberships))
        .map((row) => row.id)
        .sort();
    expect(await ids(first)).toEqual(await ids(second));
    expect(await findDemoOrganizations(first.database.db)).toEqual(
      await findDemoOrganizations(second.database.db),
    );
  });

  it('refuses, writing nothing, when a demo email already belongs to someone', async () => {
    const runtime = await freshRuntime();
    await runtime.database.db
      .insert(users)
      .values({ id: 'someone', name: 'Someone Else', email: 'grace.liu@students.example' });
    await expect(seed(runtime)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('grace.liu@students.example'),
    });
    expect(await rowCounts(runtime)).toEqual({ users: 1, organizations: 0, memberships: 0, profiles: 0 });
  });
});
