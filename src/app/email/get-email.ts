import { eq } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { emails } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import { presentableEmail, requirePlatformAdmin, type EmailRecord } from './records.ts';

export interface GetEmailInput {
  emailId: string;
}

/** One recorded email with its body (platform admins only; SMTP emails without secret links); NOT_FOUND for an unknown id. */
export async function getEmail(ctx: AppContext, input: GetEmailInput): Promise<EmailRecord> {
  requirePlatformAdmin(ctx);
  const [email] = await ctx.db.select().from(emails).where(eq(emails.id, input.emailId)).limit(1);
  if (!email) throw AppError.notFound('Email');
  return presentableEmail(email);
}
