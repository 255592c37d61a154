/** What the email use cases share: the record they return and who may read it. */
import { AppError } from '../../core/errors.ts';
import type { emails } from '../../db/schema.ts';
import { requireActor } from '../access.ts';
import type { AppContext } from '../context.ts';

/** A row of the `emails` table: the outbox and delivery record of one message. */
export type EmailRecord = typeof emails.$inferSelect;

/** Throws unless the actor is a platform admin: emails carry sign-in links for every organization. */
export function requirePlatformAdmin(ctx: AppContext): void {
  requireActor(ctx);
  if (!ctx.actor.isPlatformAdmin) {
    throw new AppError('FORBIDDEN', 'Only a platform admin may read the emails of this installation');
  }
}
