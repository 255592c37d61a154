/**
 * Who may send invitation emails and how many: the inviter's address must be confirmed, and invitation
 * emails (new and resent) are limited per inviter per hour and per organization per day. The counts
 * come from the `emails` table, where every invitation email is recorded with its organization and
 * inviter, so the limits hold across app processes and restarts. Both invitation use cases call
 * `requireInvitationSender` before writing and `enqueueInvitationEmail` to send.
 */
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { assertCan } from '../../core/policies/index.ts';
import { canSendInvitationEmails } from '../../core/policies/organizations.ts';
import { emails, users } from '../../db/schema.ts';
import { requireActor, type OrganizationScope } from '../access.ts';
import type { AppContext, Queryable } from '../context.ts';
import { INVITATION_TEMPLATE, invitationEmail } from '../email/templates.ts';

const HOUR_SECONDS = 3600;
const DAY_SECONDS = 24 * HOUR_SECONDS;

/**
 * When the newest `limit` matching invitation emails of the last `windowSeconds` include the oldest
 * that still counts, the seconds until it stops counting; undefined while fewer than `limit` count.
 * Time is the database's (`now()`, the transaction's start), the clock the rows were stamped with.
 */
async function secondsUntilBelowLimit(
  db: Queryable,
  filter: SQL,
  limit: number,
  windowSeconds: number,
): Promise<number | undefined> {
  const window = sql`(${windowSeconds} * interval '1 second')`;
  const [row] = await db
    .select({
      retryAfterSeconds: sql<number>`ceil(extract(epoch from (${emails.createdAt} + ${window} - now())))::int`,
    })
    .from(emails)
    .where(
      and(eq(emails.template, INVITATION_TEMPLATE), sql`${emails.createdAt} > now() - ${window}`, filter),
    )
    .orderBy(desc(emails.createdAt))
    .offset(limit - 1)
    .limit(1);
  return row ? Math.max(1, Number(row.retryAfterSeconds)) : undefined;
}

function inWords(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  if (seconds < 90 * 60) return `${Math.ceil(seconds / 60)} minutes`;
  return `${Math.ceil(seconds / 3600)} hours`;
}

/**
 * Checks that the actor may send one more invitation email for `scope`'s organization now (call it
 * inside `ctx.transaction`, with the organization locked): FORBIDDEN until their email address is
 * confirmed, RATE_LIMITED (with `retryAfterSeconds`) over either limit. Locks the inviter's user row, so
 * their parallel invitations in different organizations are counted one after the other.
 */
export async function requireInvitationSender(ctx: AppContext, scope: OrganizationScope): Promise<void> {
  requireActor(ctx);
  const [account] = await ctx.db
    .select({ isEmailVerified: users.emailVerified })
    .from(users)
    .where(eq(users.id, ctx.actor.userId))
    .for('update');
  assertCan(canSendInvitationEmails({ isEmailVerified: account?.isEmailVerified ?? false }));

  const limits = ctx.config.invitationEmailLimits;
  const inviterWait = await secondsUntilBelowLimit(
    ctx.db,
    sql`${emails.metadata}->>'invitedByUserId' = ${ctx.actor.userId}`,
    limits.perInviterPerHour,
    HOUR_SECONDS,
  );
  if (inviterWait !== undefined) {
    throw new AppError(
      'RATE_LIMITED',
      `You have sent ${limits.perInviterPerHour} invitation emails in the last hour, the most allowed; try again in ${inWords(inviterWait)}`,
      { retryAfterSeconds: inviterWait },
    );
  }
  const organizationWait = await secondsUntilBelowLimit(
    ctx.db,
    sql`${emails.metadata}->>'organizationId' = ${scope.organizationId}`,
    limits.perOrganizationPerDay,
    DAY_SECONDS,
  );
  if (organizationWait !== undefined) {
    throw new AppError(
      'RATE_LIMITED',
      `${scope.organizationName} has sent ${limits.perOrganizationPerDay} invitation emails in the last 24 hours, the most allowed; try again in ${inWords(organizationWait)}`,
      { retryAfterSeconds: organizationWait },
    );
  }
}

/** Records the invitation email with the organization and inviter it counts against, and queues it. */
export async function enqueueInvitationEmail(
  ctx: AppContext,
  input: {
    scope: OrganizationScope;
    invitationId: string;
    to: string;
    role: string;
    url: string;
    expiresAt: Date;
    /** The program the invitation brings the person into (roster import, program invitations). */
    program?: { name: string; role: string };
  },
): Promise<void> {
  requireActor(ctx);
  const email = invitationEmail({
    to: input.to,
    organizationName: input.scope.organizationName,
    inviterName: ctx.actor.name,
    role: input.role,
    url: input.url,
    expiresAt: input.expiresAt,
    ...(input.program ? { program: input.program } : {}),
  });
  await ctx.mailer.enqueue({
    ...email,
    metadata: {
      ...email.metadata,
      organizationId: input.scope.organizationId,
      invitedByUserId: ctx.actor.userId,
      invitationId: input.invitationId,
    },
  });
}
