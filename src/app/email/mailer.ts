/**
 * Email: every message is recorded in `emails` and delivered by a background job, so a slow or broken
 * mail server never slows down or breaks the request that sent it, and a failed delivery is retried.
 * With SMTP_URL the job sends through nodemailer; without it the job is the development outbox: the
 * message stays in the table (readable by a platform admin) and its link is logged for the developer.
 * Token-bearing links sent by SMTP are erased from the stored copy once the job is done with it (see
 * withoutSecretLinks in records.ts): the development outbox keeps them, as showing them is its purpose.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { Clock } from '../../core/clock.ts';
import type { Database, Executor } from '../../db/client.ts';
import { emails } from '../../db/schema.ts';
import type { Mailer, OutgoingEmail } from '../context.ts';
import { metadataToStore, withoutSecretLinks, type EmailRecord } from './records.ts';

/** Which attempt a delivery is (the job queue knows; the mailer decides when to give up). */
export interface DeliveryAttempt {
  attempt: number;
  maxAttempts: number;
  isFinalAttempt: boolean;
}

export type DeliveryOutcome = 'sent' | 'already-sent' | 'missing';

export interface MailerService extends Mailer {
  /** Records the email and its delivery job inside `executor`'s transaction (else in a new one). */
  enqueue(email: OutgoingEmail, executor?: Executor): Promise<{ id: string }>;
  /** Opens the SMTP transport (when configured) and says where email goes. */
  start(): Promise<void>;
  /** Closes the SMTP transport. */
  stop(): Promise<void>;
  /**
   * Delivers a recorded email (the send-email job calls this). Throws when delivery failed, after
   * recording the attempt, so the job is retried; the last failed attempt marks the email failed.
   */
  deliver(emailId: string, attempt: DeliveryAttempt): Promise<DeliveryOutcome>;
}

export interface MailerDependencies {
  db: Database;
  config: Config;
  logger: Logger;
  clock: Clock;
  /** Queues the delivery job of an email inside `executor`'s transaction (see src/jobs). */
  queueDelivery(emailId: string, executor: Executor): Promise<void>;
}

/** How long an unresponsive mail server may hold up one delivery attempt. */
const SMTP_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };
const MAX_ERROR_LENGTH = 2000;

/** The first web address in an email, which is what a developer needs from a reset or invitation. */
export function firstLink(text: string): string | undefined {
  return /https?:\/\/[^\s<>"')]+/.exec(text)?.[0];
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > MAX_ERROR_LENGTH ? `${message.slice(0, MAX_ERROR_LENGTH)}…` : message;
}

/** Where the SMTP server is, without its credentials, for logs. */
function smtpLocation(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'the configured SMTP server';
  }
}

/** Builds the mailer: records and queues on `enqueue`, delivers on `deliver`. */
export function createMailer(deps: MailerDependencies): MailerService {
  const { config, logger } = deps;
  const smtpUrl = config.smtpUrl;
  const transport = smtpUrl ? 'smtp' : 'outbox';
  let transporter: Transporter | undefined;

  function smtp(): Transporter {
    if (!smtpUrl) throw new Error('SMTP_URL is not configured');
    transporter ??= nodemailer.createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS });
    return transporter;
  }

  async function record(email: OutgoingEmail, executor: Executor): Promise<string> {
    const id = randomUUID();
    await executor.insert(emails).values({
      id,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      template: email.template,
      transport,
      metadata: metadataToStore(email),
    });
    // The job goes into the same transaction as the row: it can never run for an email that was
    // rolled back, and an email is never recorded without its delivery job.
    await deps.queueDelivery(id, executor);
    return id;
  }

  /** Records one more attempt, and that it delivered the email; SMTP's copy loses its secret links. */
  async function markSent(email: EmailRecord, transport: 'outbox' | 'smtp'): Promise<void> {
    await deps.db
      .update(emails)
      .set({
        status: 'sent',
        transport,
        attempts: sql`${emails.attempts} + 1`,
        lastError: null,
        sentAt: deps.clock.now(),
        ...(transport === 'smtp' ? withoutSecretLinks(email) : {}),
      })
      .where(eq(emails.id, email.id));
  }

  return {
    async enqueue(email, executor) {
      const id = executor
        ? await record(email, executor)
        : await deps.db.transaction((tx) => record(email, tx));
      logger.debug({ emailId: id, to: email.to, template: email.template }, 'email queued');
      return { id };
    },

    async deliver(emailId, attempt) {
      const [email] = await deps.db.select().from(emails).where(eq(emails.id, emailId)).limit(1);
      if (!email) {
        // Only possible if the row was deleted after it was queued: there is nothing left to send.
        logger.warn({ emailId }, 'email to deliver no longer exists');
        return 'missing';
      }
      // A job can run twice (a worker that died after sending); never send the same email twice.
      if (email.status === 'sent') return 'already-sent';

      if (!smtpUrl) {
        await markSent(email, 'outbox');
        const link = firstLink(email.text);
        logger.info(
          { emailId, to: email.to, subject: email.subject, template: email.template, link },
          `Development outbox (no SMTP_URL): "${email.subject}" to ${email.to}${link ? ` — ${link}` : ''}`,
        );
        return 'sent';
      }

      try {
        await smtp().sendMail({
          from: config.mailFrom,
          to: email.to,
          subject: email.subject,
          text: email.text,
          ...(email.html ? { html: email.html } : {}),
          headers: { 'X-Second-Chair-Email-Id': email.id },
        });
      } catch (error) {
        const lastError = describeError(error);
        await deps.db
          .update(emails)
          .set({
            status: attempt.isFinalAttempt ? 'failed' : 'queued',
            transport: 'smtp',
            attempts: sql`${emails.attempts} + 1`,
            lastError,
            // A retry needs the links; after the last attempt nobody does (a new link is requested).
            ...(attempt.isFinalAttempt ? withoutSecretLinks(email) : {}),
          })
          .where(eq(emails.id, emailId));
        const context = { emailId, to: email.to, attempt: attempt.attempt, maxAttempts: attempt.maxAttempts };
        if (attempt.isFinalAttempt)
          logger.error({ ...context, lastError }, 'email delivery failed; giving up');
        else logger.warn({ ...context, lastError }, 'email delivery failed; it will be retried');
        throw error;
      }
      await markSent(email, 'smtp');
      logger.info(
        { emailId, to: email.to, template: email.template, attempt: attempt.attempt },
        'email sent',
      );
      return 'sent';
    },

    async start() {
      if (smtpUrl) {
        smtp();
        logger.info({ smtp: smtpLocation(smtpUrl) }, `Email is sent through ${smtpLocation(smtpUrl)}`);
      } else {
        logger.info(
          'Email goes to the development outbox (no SMTP_URL): links are logged here and messages are listed at GET /api/v1/admin/emails',
        );
      }
    },

    async stop() {
      transporter?.close();
      transporter = undefined;
    },
  };
}
