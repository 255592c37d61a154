import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { emails } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import { presentableEmail, requirePlatformAdmin, type EmailRecord } from './records.ts';

export interface FindEmailsInput {
  /** Only emails to this address (compared case-insensitively). */
  to?: string | undefined;
  /** Page size. */
  limit: number;
  /** Only emails created at or after this instant. */
  after?: Date | undefined;
  /** Only emails created before this instant: the `nextBefore` of the previous page. */
  before?: Date | undefined;
}

export interface EmailPage {
  emails: EmailRecord[];
  /** Pass as `before` for the next page; null on the last page. */
  nextBefore: Date | null;
}

// The page cursor is a millisecond timestamp (what JSON carries), so rows are compared at that
// precision; the database keeps microseconds.
const createdAtMs = sql`date_trunc('milliseconds', ${emails.createdAt})`;

/**
 * The recorded emails, newest first, one page at a time (platform admins only; an SMTP email without
 * its secret links, see presentableEmail). A page holds at most
 * `limit` emails, except when more than `limit` share one millisecond (emails queued in one
 * transaction share its timestamp): a timestamp cursor cannot split those, so they come together.
 */
export async function findEmails(ctx: AppContext, input: FindEmailsInput): Promise<EmailPage> {
  requirePlatformAdmin(ctx);
  const filters: SQL[] = [];
  if (input.to) filters.push(eq(sql`lower(${emails.to})`, input.to.toLowerCase()));
  if (input.after) filters.push(sql`${createdAtMs} >= ${input.after.toISOString()}::timestamptz`);
  const where = (...more: SQL[]) => and(...filters, ...more);
  const rows = await ctx.db
    .select()
    .from(emails)
    .where(where(...(input.before ? [sql`${createdAtMs} < ${input.before.toISOString()}::timestamptz`] : [])))
    .orderBy(desc(createdAtMs), desc(emails.id))
    .limit(input.limit + 1);
  if (rows.length <= input.limit) return { emails: rows.map(presentableEmail), nextBefore: null };

  // More rows follow. The next page asks for rows strictly before a timestamp, so rows sharing the
  // boundary millisecond with the first row left out must not be split across pages: they move to
  // the next page, whose cursor then includes that millisecond.
  const boundary = rows[input.limit].createdAt.getTime();
  const page = rows.slice(0, input.limit).filter((row) => row.createdAt.getTime() !== boundary);
  if (page.length > 0) return { emails: page.map(presentableEmail), nextBefore: new Date(boundary + 1) };

  const boundaryIso = new Date(boundary).toISOString();
  const tied = await ctx.db
    .select()
    .from(emails)
    .where(where(sql`${createdAtMs} = ${boundaryIso}::timestamptz`))
    .orderBy(desc(emails.id));
  const [older] = await ctx.db
    .select({ id: emails.id })
    .from(emails)
    .where(where(sql`${createdAtMs} < ${boundaryIso}::timestamptz`))
    .limit(1);
  return { emails: tied.map(presentableEmail), nextBefore: older ? new Date(boundary) : null };
}
