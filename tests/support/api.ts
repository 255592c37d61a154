/**
 * What the API tests share on top of tests/support/app.ts: signed-in clients, an organization to work
 * in, the invitation link as its email carries it, and assertions on the error shape.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { emails } from '../../src/db/schema.ts';
import { TestClient, uniqueEmail, type TestApp } from './app.ts';

/** A client signed in as a new user, carrying that user's email and id. */
export type SignedInClient = TestClient & { email: string; userId: string };

/**
 * Signs up a new user named `name` (with an email derived from it unless given) and keeps the session.
 * The user then confirms their address through the link of the confirmation email, as people who use
 * the app have (sending invitations needs it); `confirmEmail: false` leaves it unconfirmed.
 */
export async function signedIn(
  t: TestApp,
  name: string,
  email = uniqueEmail(name.toLowerCase().replace(/\W+/g, '.')),
  options: { confirmEmail?: boolean } = {},
): Promise<SignedInClient> {
  const client = new TestClient(t.app);
  const user = await client.signUp({ name, email });
  if (options.confirmEmail ?? true) await confirmEmail(t, user.email);
  return Object.assign(client, { email: user.email, userId: user.id });
}

/**
 * Opens the link of the newest confirmation email to `to` (from a browser without a session, as the
 * link works wherever it is opened), which marks the address confirmed.
 */
export async function confirmEmail(t: TestApp, to: string): Promise<void> {
  const [email] = await t.runtime.database.db
    .select()
    .from(emails)
    .where(and(eq(emails.to, to.toLowerCase()), eq(emails.template, 'email-verification')))
    .orderBy(desc(emails.createdAt))
    .limit(1);
  expect(email, `no confirmation email to ${to}`).toBeDefined();
  const link = new URL(/https?:\/\/\S+\/api\/auth\/verify-email\S+/.exec(email.text)![0]);
  const opened = await new TestClient(t.app).get(`${link.pathname}${link.search}`);
  expect(opened.statusCode, opened.body).toBe(302);
}

/** The organization most tests work in; override any field. */
export const LAW_FIRM = {
  name: 'Hollis & Pratt LLP',
  kind: 'law_firm',
  jurisdictions: ['US-OR', 'US-WA'],
  timeZone: 'America/Los_Angeles',
};

/** Creates an organization through the API (its creator becomes admin) and returns it. */
export async function createOrganization(
  client: TestClient,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; name: string }> {
  const response = await client.post('/api/v1/organizations', { ...LAW_FIRM, ...overrides });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().organization as { id: string; name: string };
}

/** The link in the newest invitation email to `to`, read from the outbox like a person reads their inbox. */
export async function invitationLink(t: TestApp, to: string): Promise<{ url: string; token: string }> {
  const [email] = await t.runtime.database.db
    .select()
    .from(emails)
    .where(and(eq(emails.to, to), eq(emails.template, 'invitation')))
    .orderBy(desc(emails.createdAt))
    .limit(1);
  expect(email, `no invitation email to ${to}`).toBeDefined();
  const url = /https?:\/\/\S+\/invitations\/[\w-]+/.exec(email.text)![0];
  return { url, token: url.split('/invitations/')[1] };
}

/** Asserts the error shape with its status and code. */
export function expectError(response: LightMyRequestResponse, status: number, code: string): void {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.json().error).toMatchObject({ code, requestId: expect.any(String) });
}

/** Asserts a 400 that names `path` among its issues. */
export function expectField(response: LightMyRequestResponse, path: string): void {
  expectError(response, 400, 'VALIDATION_FAILED');
  expect(response.json().error.details.issues.map((i: { path: string }) => i.path)).toContain(path);
}
