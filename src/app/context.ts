import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Clock } from '../core/clock.ts';
import type { Database, Executor } from '../db/client.ts';

/** The signed-in person a use case acts for. */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  isPlatformAdmin: boolean;
  /** How the request proved who it is: a browser session cookie or a personal API token. */
  authenticatedBy?: 'session' | 'api-token';
}

/** An email to send; the mailer records it and delivers it from a background job. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** What the email is about: `invitation`, `password-reset`, `email-verification` ... */
  template: string;
  metadata?: Record<string, unknown>;
  /**
   * Links in the body that grant access (reset, verification, invitation tokens). Once the email is
   * handed to the SMTP server they are erased from the stored copy. `metadata.url`, where templates
   * put their action link, always counts as one.
   */
  secretLinks?: string[];
}

export interface Mailer {
  /** Records the email (inside the caller's transaction when `executor` is given) and queues delivery. */
  enqueue(email: OutgoingEmail, executor?: Executor): Promise<{ id: string }>;
}

/** What every use case receives: the database, the clock, services, and (when signed in) the actor. */
export interface AppContext {
  db: Database;
  config: Config;
  clock: Clock;
  mailer: Mailer;
  logger: Logger;
  actor: Actor | null;
}

/** A context with a signed-in actor. */
export type AuthenticatedContext = AppContext & { actor: Actor };
