import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { Database, Executor } from '../../db/client.ts';
import { emails } from '../../db/schema.ts';
import type { Mailer, OutgoingEmail } from '../context.ts';

export interface MailerService extends Mailer {
  /** Starts background delivery. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Records every email; without SMTP_URL the record is the development outbox. */
export function createMailer(deps: { db: Database; config: Config; logger: Logger }): MailerService {
  const transport = deps.config.smtpUrl ? 'smtp' : 'outbox';
  return {
    async enqueue(email: OutgoingEmail, executor?: Executor) {
      const id = randomUUID();
      await (executor ?? deps.db).insert(emails).values({
        id,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        template: email.template,
        transport,
        metadata: email.metadata,
      });
      deps.logger.info(
        { emailId: id, to: email.to, subject: email.subject, template: email.template },
        'email queued',
      );
      return { id };
    },
    async start() {},
    async stop() {},
  };
}
