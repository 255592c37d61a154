/** GET /api/v1/admin/emails and /api/v1/admin/emails/:emailId: the outbox for platform admins. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emails, users } from '../../src/db/schema.ts';
import { createTestApp, TestClient, uniqueEmail, type TestApp } from '../support/app.ts';

let t: TestApp;
let admin: TestClient;
let member: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  admin = new TestClient(t.app);
  const adminUser = await admin.signUp({ name: 'Platform Admin', email: uniqueEmail('admin') });
  await t.runtime.database.db.update(users).set({ isPlatformAdmin: true }).where(eq(users.id, adminUser.id));
  member = new TestClient(t.app);
  await member.signUp({ name: 'Member', email: uniqueEmail('member') });
});
afterAll(async () => t.close());

describe('GET /api/v1/admin/emails', () => {
  it('needs a session', async () => {
    const anonymous = new TestClient(t.app);
    expect((await anonymous.get('/api/v1/admin/emails')).statusCode).toBe(401);
    const response = await anonymous.get('/api/v1/admin/emails/anything');
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('is forbidden to a user who is not a platform admin', async () => {
    const list = await member.get('/api/v1/admin/emails');
    expect(list.statusCode).toBe(403);
    expect(list.json().error.code).toBe('FORBIDDEN');
    const [someEmail] = await t.runtime.database.db.select().from(emails).limit(1);
    expect((await member.get(`/api/v1/admin/emails/${someEmail.id}`)).statusCode).toBe(403);
  });

  it('names the bad query field', async () => {
    for (const [query, field] of [
      ['limit=0', 'querystring.limit'],
      ['limit=201', 'querystring.limit'],
      ['limit=ten', 'querystring.limit'],
      ['before=yesterday', 'querystring.before'],
      ['sort=asc', 'querystring.sort'],
      // Well-formed, but outside what the database (or any record) can hold.
      ['before=0000-01-01T00:00:00Z', 'querystring.before'],
      ['after=0000-01-01T00:00:00Z', 'querystring.after'],
      ['before=1969-12-31T23:59:59Z', 'querystring.before'],
      ['after=after', 'querystring.after'],
      ['after=2026-02-01T00:00:00Z&before=2026-01-01T00:00:00Z', 'querystring.after'],
      ['after=2026-01-01T00:00:00Z&before=2026-01-01T00:00:00Z', 'querystring.after'],
    ] as const) {
      const response = await admin.get(`/api/v1/admin/emails?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.details.issues[0].path, query).toBe(field);
    }
  });

  it('names the bad email id (400)', async () => {
    const response = await admin.get(`/api/v1/admin/emails/${'x'.repeat(65)}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.issues[0].path).toBe('params.emailId');
  });

  it('answers 404 for an unknown email', async () => {
    const response = await admin.get('/api/v1/admin/emails/00000000-0000-0000-0000-000000000000');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
  });

  it('lists emails newest first, filters by recipient, and shows one with its body', async () => {
    const recipient = uniqueEmail('Recipient');
    const first = await t.runtime.mailer.enqueue({
      to: recipient,
      subject: 'First',
      text: 'first http://localhost:3000/first',
      html: '<p>first</p>',
      template: 'test',
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await t.runtime.mailer.enqueue({
      to: recipient,
      subject: 'Second',
      text: 'second',
      template: 'test',
    });
    await t.runtime.jobs.drain();

    const all = await admin.get('/api/v1/admin/emails');
    expect(all.statusCode).toBe(200);
    const body = all.json();
    // Sign-up verification emails of the admin and the member are there too.
    expect(body.emails.length).toBeGreaterThanOrEqual(4);
    expect(body.emails[0]).toMatchObject({ id: second.id, subject: 'Second' });
    expect(body.nextBefore).toBeNull();
    const times = body.emails.map((e: { createdAt: string }) => Date.parse(e.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const filtered = await admin.get(
      `/api/v1/admin/emails?to=${encodeURIComponent(recipient.toUpperCase())}`,
    );
    expect(filtered.json().emails.map((e: { id: string }) => e.id)).toEqual([second.id, first.id]);
    expect(filtered.json().emails[1]).toEqual({
      id: first.id,
      to: recipient,
      subject: 'First',
      template: 'test',
      status: 'sent',
      transport: 'outbox',
      attempts: 1,
      lastError: null,
      createdAt: expect.any(String),
      sentAt: expect.any(String),
    });
    expect(filtered.json().emails[1]).not.toHaveProperty('text');

    const one = await admin.get(`/api/v1/admin/emails/${first.id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json().email).toMatchObject({
      id: first.id,
      subject: 'First',
      text: 'first http://localhost:3000/first',
      html: '<p>first</p>',
      status: 'sent',
    });
    expect((await admin.get(`/api/v1/admin/emails/${second.id}`)).json().email.html).toBeNull();
  });

  it('lists the emails of a time range: at or after `after`, before `before`', async () => {
    const recipient = uniqueEmail('range');
    const base = Date.parse('2026-03-01T00:00:00.000Z');
    await t.runtime.database.db.insert(emails).values(
      [0, 1000, 2000, 3000].map((offset, i) => ({
        id: `range-${i}-${recipient}`,
        to: recipient,
        subject: `Range ${i}`,
        text: 'x',
        template: 'test',
        transport: 'outbox' as const,
        createdAt: new Date(base + offset),
      })),
    );
    const subjects = async (query: Record<string, string>) => {
      const response = await admin.get(
        `/api/v1/admin/emails?${new URLSearchParams({ to: recipient, ...query })}`,
      );
      expect(response.statusCode, response.body).toBe(200);
      return response.json().emails.map((email: { subject: string }) => email.subject);
    };
    const at = (offset: number) => new Date(base + offset).toISOString();
    expect(await subjects({ after: at(1000) })).toEqual(['Range 3', 'Range 2', 'Range 1']);
    expect(await subjects({ after: at(1000), before: at(3000) })).toEqual(['Range 2', 'Range 1']);
    expect(await subjects({ after: '1970-01-01T00:00:00Z', before: '9999-12-31T23:59:59Z' })).toHaveLength(4);
  });

  it('pages through every email exactly once, even emails created in the same millisecond', async () => {
    const recipient = uniqueEmail('pages');
    const base = Date.parse('2026-01-15T10:00:00.000Z');
    // Three share one millisecond; the page boundary falls among them.
    const createdAt = [0, 10, 10, 10, 20, 30, 40].map((offset) => new Date(base + offset));
    await t.runtime.database.db.insert(emails).values(
      createdAt.map((at, i) => ({
        id: `page-${i}-${recipient}`,
        to: recipient,
        subject: `Email ${i}`,
        text: 'x',
        template: 'test',
        transport: 'outbox',
        createdAt: at,
      })),
    );
    for (const limit of [1, 2, 3, 4, 7, 50]) {
      const seen: string[] = [];
      let before: string | null = null;
      for (let page = 0; page < 20; page += 1) {
        const query = new URLSearchParams({ to: recipient, limit: String(limit) });
        if (before) query.set('before', before);
        const response = await admin.get(`/api/v1/admin/emails?${query}`);
        expect(response.statusCode).toBe(200);
        const { emails: rows, nextBefore } = response.json();
        // A page exceeds the limit only to keep the three emails of one millisecond together.
        expect(rows.length).toBeLessThanOrEqual(Math.max(limit, 3));
        seen.push(...rows.map((row: { subject: string }) => row.subject));
        before = nextBefore;
        if (!before) break;
      }
      expect([...seen].sort(), `limit ${limit}`).toEqual(createdAt.map((_, i) => `Email ${i}`).sort());
      expect(seen.slice(0, 3)).toEqual(['Email 6', 'Email 5', 'Email 4']);
      expect(seen.at(-1)).toBe('Email 0');
    }
  });
});
