/**
 * How recorded emails leave the server (the development outbox and delivery log for platform
 * admins). Emails are read-only records, so there is no `can`: the only permission, reading them, is
 * what the route already checked.
 */
import type { EmailPage } from '../../app/email/find-emails.ts';
import type { EmailRecord } from '../../app/email/records.ts';
import type { EmailListResponse, OutboxEmail, OutboxEmailSummary } from '../../contracts/admin.ts';
import type { z } from 'zod';

/** An email in a list: who, what, and how its delivery went, without the body. */
export function presentEmailSummary(email: EmailRecord): z.infer<typeof OutboxEmailSummary> {
  return {
    id: email.id,
    to: email.to,
    subject: email.subject,
    template: email.template,
    status: email.status,
    transport: email.transport === 'smtp' ? 'smtp' : 'outbox',
    attempts: email.attempts,
    lastError: email.lastError,
    createdAt: email.createdAt.toISOString(),
    sentAt: email.sentAt?.toISOString() ?? null,
  };
}

/** One email with its text and HTML body. */
export function presentEmail(email: EmailRecord): z.infer<typeof OutboxEmail> {
  return { ...presentEmailSummary(email), text: email.text, html: email.html };
}

/** One page of emails, with the cursor of the next. */
export function presentEmailPage(page: EmailPage): z.infer<typeof EmailListResponse> {
  return {
    emails: page.emails.map(presentEmailSummary),
    nextBefore: page.nextBefore?.toISOString() ?? null,
  };
}
