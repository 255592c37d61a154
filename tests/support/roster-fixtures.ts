/**
 * Programs and cohorts for the roster tests, inserted directly (the programs use cases live on another
 * branch); and a member joined through the API.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { cohorts, programs } from '../../src/db/schema.ts';
import type { Queryable } from '../../src/app/context.ts';
import { invitationLink, signedIn, type SignedInClient } from './api.ts';
import type { TestApp } from './app.ts';

/** Inserts a program with one enrolling cohort into `organizationId`. */
export async function insertProgram(
  db: Queryable,
  organizationId: string,
  name = 'New Lawyer Mentoring 2027',
): Promise<{ programId: string; cohortId: string }> {
  const programId = randomUUID();
  const cohortId = randomUUID();
  await db.insert(programs).values({ id: programId, organizationId, name, format: 'one_to_one' });
  await db
    .insert(cohorts)
    .values({ id: cohortId, organizationId, programId, name: 'Spring intake', state: 'enrolling' });
  return { programId, cohortId };
}

/** Invites a new person to the organization with `role`, and accepts as them. */
export async function joinOrganization(
  t: TestApp,
  admin: SignedInClient,
  organizationId: string,
  name: string,
  role: 'member' | 'coordinator' | 'admin' = 'member',
): Promise<SignedInClient> {
  const client = await signedIn(t, name);
  const invited = await admin.post(`/api/v1/organizations/${organizationId}/invitations`, {
    email: client.email,
    role,
  });
  expect(invited.statusCode, invited.body).toBe(201);
  const { token } = await invitationLink(t, client.email);
  const accepted = await client.post(`/api/v1/invitations/${token}/accept`);
  expect(accepted.statusCode, accepted.body).toBe(200);
  return client;
}
