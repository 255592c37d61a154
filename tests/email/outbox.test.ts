/**
 * Without SMTP_URL email goes to the development outbox: recorded, marked sent with transport
 * 'outbox', and its link logged so that a developer can follow it from the console.
 */
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer, firstLink } from '../../src/app/email/mailer.ts';
import { emails } from '../../src/db/schema.ts';
import { createTestApp, TestClient, uniqueEmail, type TestApp } from '../support/app.ts';

interface LogLine {
  level: number;
  msg: string;
  to?: string;
  subject?: string;
  link?: string;
  emailId?: string;
}

const lines: LogLine[] = [];
let t: TestApp;
beforeAll(async () => {
  const logger = pino(
    { level: 'info' },
    { write: (line: string) => lines.push(JSON.parse(line) as LogLine) },
  );
  t = await createTestApp({ logger });
});
afterAll(async () => t.close());

describe('the development outbox', () => {
  it('marks the email sent through the outbox and logs its recipient, subject and link', async () => {
    const address = uniqueEmail('outbox');
    await new TestClient(t.app).signUp({ name: 'Thurgood Marshall', email: address });
    const [queued] = await t.runtime.database.db.select().from(emails).where(eq(emails.to, address));
    expect(queued).toMatchObject({ status: 'queued', transport: 'outbox', attempts: 0, sentAt: null });
    expect(lines.some((line) => line.emailId === queued.id && line.link)).toBe(false);

    expect(await t.runtime.jobs.drain()).toMatchObject({ completed: 1 });

    const [sent] = await t.runtime.database.db.select().from(emails).where(eq(emails.id, queued.id));
    expect(sent).toMatchObject({ status: 'sent', transport: 'outbox', attempts: 1, lastError: null });
    expect(sent.sentAt).toBeInstanceOf(Date);

    const link = firstLink(sent.text);
    expect(link).toMatch(/\/api\/auth\/verify-email\?token=/);
    const logged = lines.find((line) => line.emailId === sent.id && line.link);
    expect(logged).toMatchObject({
      level: 30,
      to: address,
      subject: 'Confirm your email address for Second Chair',
      link,
    });
    // Readable in the plain console too, not only as JSON fields.
    expect(logged!.msg).toContain(address);
    expect(logged!.msg).toContain('Confirm your email address for Second Chair');
    expect(logged!.msg).toContain(link);

    // The logged link works.
    const url = new URL(link!);
    expect((await new TestClient(t.app).get(`${url.pathname}${url.search}`)).statusCode).toBe(302);
  });

  it('delivers a job twice only once', async () => {
    const address = uniqueEmail('twice');
    const { id } = await t.runtime.mailer.enqueue({
      to: address,
      subject: 'Once',
      text: 'Only once',
      template: 'test',
    });
    await t.runtime.jobs.drain();
    const attempt = { attempt: 1, maxAttempts: 1, isFinalAttempt: true };
    // A worker that died after delivering leaves its job to be run again.
    expect(await t.runtime.mailer.deliver(id, attempt)).toBe('already-sent');
    const [row] = await t.runtime.database.db.select().from(emails).where(eq(emails.id, id));
    expect(row.attempts).toBe(1);
    expect(await t.runtime.mailer.deliver('no-such-email', attempt)).toBe('missing');
  });
});

describe('queuing', () => {
  it('records no email when its delivery job cannot be queued (one transaction)', async () => {
    const mailer = createMailer({
      db: t.runtime.database.db,
      config: t.config,
      logger: pino({ level: 'silent' }),
      clock: t.runtime.clock,
      queueDelivery: async () => {
        throw new Error('the job queue is down');
      },
    });
    const address = uniqueEmail('no-queue');
    await expect(
      mailer.enqueue({ to: address, subject: 'Hi', text: 'Hi', template: 'test' }),
    ).rejects.toThrow('the job queue is down');
    expect(await t.runtime.database.db.select().from(emails).where(eq(emails.to, address))).toEqual([]);
  });
});

describe('firstLink', () => {
  it('finds the first address and stops at whitespace and markup', () => {
    expect(firstLink('Hello\n\nhttps://a.example/x?y=1&z=2\n\nhttp://b.example')).toBe(
      'https://a.example/x?y=1&z=2',
    );
    expect(firstLink('<a href="http://c.example/p">')).toBe('http://c.example/p');
    expect(firstLink('no link here')).toBeUndefined();
  });
});
