/**
 * Seeds the journey server's data directory, before the server takes its lock, with a self-match
 * program: an organization, a mentor and a mentee who sign in with a password, and their approved
 * applications (the programs and enrolment use cases live on other branches). Run by serve.mjs when
 * E2E_SEED_SELF_MATCH is set; the ids and logins are the constants below, which the spec imports.
 */
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { insertPasswordUser } from '../../../src/app/accounts/password-users.ts';
import { loadConfig } from '../../../src/config.ts';
import { memberships, organizations } from '../../../src/db/schema.ts';
import { createRuntime } from '../../../src/runtime.ts';
import { insertApplication, insertSelfMatchProgram } from '../../support/self-match-fixtures.ts';

export const SELF_MATCH_SEED = {
  organizationId: 'e2e-self-match-org',
  programId: 'e2e-self-match-program',
  password: 'correct-horse-battery-staple',
  mentor: { name: 'Mira Mentor', email: 'mira.mentor@self-match.example' },
  mentee: { name: 'Milo Mentee', email: 'milo.mentee@self-match.example' },
} as const;

async function seed(): Promise<void> {
  const config = loadConfig(process.env);
  const runtime = await createRuntime({ config, logger: pino({ level: 'warn' }), startWorkers: false });
  try {
    const { password } = await runtime.auth.$context;
    const db = runtime.database.db;
    const now = new Date();
    const { organizationId } = SELF_MATCH_SEED;
    await db.insert(organizations).values({
      id: organizationId,
      name: 'Self-Match Bar Association',
      kind: 'bar_association',
      jurisdictions: ['US-OR'],
      timeZone: 'America/Los_Angeles',
    });
    const program = await insertSelfMatchProgram(db, organizationId, {
      programId: SELF_MATCH_SEED.programId,
      name: 'Self-match mentoring',
    });
    for (const role of ['mentor', 'mentee'] as const) {
      const person = SELF_MATCH_SEED[role];
      const userId = await insertPasswordUser(
        db,
        {
          name: person.name,
          email: person.email,
          passwordHash: await password.hash(SELF_MATCH_SEED.password),
          isEmailVerified: true,
          isPlatformAdmin: false,
        },
        now,
      );
      await db.insert(memberships).values({ id: randomUUID(), organizationId, userId, role: 'member' });
      await insertApplication(db, program, { role, userId });
    }
  } finally {
    await runtime.close();
  }
}

if (process.argv[1]?.endsWith('seed-self-match.ts')) await seed();
