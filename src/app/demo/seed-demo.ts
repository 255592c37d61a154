/**
 * Seeds the demo installation (src/app/demo/demo-data.ts) in one transaction. Ids are derived from the
 * demo's keys, so every seeded database holds the same ids and a second run can tell the demo is there.
 */
import { createHash } from 'node:crypto';
import { count, inArray } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { memberProfiles, memberships, organizations, users } from '../../db/schema.ts';
import { insertPasswordUser, type PasswordHasher } from '../accounts/password-users.ts';
import type { AppContext, Queryable } from '../context.ts';
import { seedDemoPrograms } from './seed-demo-programs.ts';
import {
  DEMO_ORGANIZATIONS,
  DEMO_PASSWORD,
  DEMO_PEOPLE,
  type DemoOrganizationKey,
  type DemoPerson,
} from './demo-data.ts';

/** A stable UUID-shaped id for a demo record, the same in every installation. */
export function demoId(kind: string, key: string): string {
  const hex = createHash('sha256').update(`secondchair-demo/${kind}/${key}`).digest('hex');
  // Shaped like a version-4 UUID so it looks like every other id in the database.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export type SeedDemoResult =
  | {
      status: 'seeded';
      organizations: Array<{ id: string; name: string }>;
      userCount: number;
      membershipCount: number;
      programCount: number;
      password: string;
    }
  | { status: 'already-present'; organizations: Array<{ id: string; name: string }> };

export interface SeedDemoInput {
  /** better-auth's hasher, so demo passwords are hashed exactly as a sign-up would hash them. */
  hashPassword: PasswordHasher;
}

/** Whether the database holds no users and no organizations (a new installation). */
export async function isDatabaseEmpty(db: Queryable): Promise<boolean> {
  const [userRows] = await db.select({ value: count() }).from(users);
  const [organizationRows] = await db.select({ value: count() }).from(organizations);
  return Number(userRows.value) === 0 && Number(organizationRows.value) === 0;
}

/** The demo organizations present in the database (empty when the demo was never seeded). */
export async function findDemoOrganizations(db: Queryable): Promise<Array<{ id: string; name: string }>> {
  const ids = DEMO_ORGANIZATIONS.map((organization) => demoId('organization', organization.key));
  return db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, ids))
    .orderBy(organizations.name);
}

function profileFor(person: DemoPerson, organization: DemoOrganizationKey) {
  const membership = person.memberships.find((candidate) => candidate.organization === organization);
  return { ...person.profile, ...membership?.profile };
}

/**
 * Creates the demo organizations, people, memberships and profiles, all or nothing. When the demo is
 * already there it changes nothing and says so; when a demo email belongs to someone else it refuses.
 */
export async function seedDemo(ctx: AppContext, input: SeedDemoInput): Promise<SeedDemoResult> {
  const existing = await findDemoOrganizations(ctx.db);
  if (existing.length > 0) return { status: 'already-present', organizations: existing };

  // better-auth's scrypt runs in JavaScript on this thread (~0.2 s per hash), so the shared, published
  // demo password is hashed once; a salt per person would protect nothing that is not already public.
  const passwordHash = await input.hashPassword(DEMO_PASSWORD);

  const now = ctx.clock.now();
  return ctx.transaction(async (tx) => {
    // Checked again inside the transaction: another process may have seeded meanwhile.
    const present = await findDemoOrganizations(tx.db);
    if (present.length > 0) return { status: 'already-present' as const, organizations: present };
    const emails = DEMO_PEOPLE.map((person) => person.email.toLowerCase());
    const taken = await tx.db.select({ email: users.email }).from(users).where(inArray(users.email, emails));
    if (taken.length > 0) {
      throw new AppError(
        'CONFLICT',
        `Cannot seed the demo: ${taken.map((row) => row.email).join(', ')} already belongs to an account in this database`,
      );
    }

    for (const organization of DEMO_ORGANIZATIONS) {
      await tx.db.insert(organizations).values({
        id: demoId('organization', organization.key),
        name: organization.name,
        kind: organization.kind,
        jurisdictions: organization.jurisdictions,
        timeZone: organization.timeZone,
        createdAt: now,
        updatedAt: now,
      });
    }
    let membershipCount = 0;
    for (const person of DEMO_PEOPLE) {
      const userId = await insertPasswordUser(
        tx.db,
        {
          id: demoId('user', person.key),
          credentialAccountId: demoId('account', person.key),
          name: person.name,
          email: person.email,
          passwordHash,
          isEmailVerified: true,
          isPlatformAdmin: person.isPlatformAdmin,
        },
        now,
      );
      for (const membership of person.memberships) {
        const organizationId = demoId('organization', membership.organization);
        const membershipId = demoId('membership', `${membership.organization}/${person.key}`);
        await tx.db.insert(memberships).values({
          id: membershipId,
          organizationId,
          userId,
          role: membership.role,
          createdAt: now,
          updatedAt: now,
        });
        await tx.db.insert(memberProfiles).values({
          membershipId,
          organizationId,
          ...profileFor(person, membership.organization),
          updatedAt: now,
        });
        membershipCount += 1;
      }
    }
    const seededPrograms = await seedDemoPrograms(tx, { passwordHash });
    membershipCount += seededPrograms.generatedPeople;
    ctx.logger.info(
      {
        users: DEMO_PEOPLE.length + seededPrograms.generatedPeople,
        memberships: membershipCount,
        ...seededPrograms,
      },
      'demo data seeded',
    );
    return {
      status: 'seeded' as const,
      organizations: DEMO_ORGANIZATIONS.map((organization) => ({
        id: demoId('organization', organization.key),
        name: organization.name,
      })).sort((a, b) => a.name.localeCompare(b.name)),
      userCount: DEMO_PEOPLE.length + seededPrograms.generatedPeople,
      membershipCount,
      programCount: seededPrograms.programs,
      password: DEMO_PASSWORD,
    };
  });
}

/** The membership id of a demo person in a demo organization (for tests and docs). */
export function demoMembershipId(organization: DemoOrganizationKey, personKey: string): string {
  return demoId('membership', `${organization}/${personKey}`);
}

/** The user id of a demo person. */
export function demoUserId(personKey: string): string {
  return demoId('user', personKey);
}
