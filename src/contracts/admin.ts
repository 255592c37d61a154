import { z } from 'zod';
import { IdParam, IdSchema, Timestamp } from './common.ts';
import { EmailStatus, EmailTransport } from './vocabulary.ts';

export const OutboxEmailSummary = z.object({
  id: IdSchema,
  to: z.string(),
  subject: z.string(),
  template: z.string(),
  status: EmailStatus,
  transport: EmailTransport,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: Timestamp,
  sentAt: Timestamp.nullable(),
});
export const OutboxEmail = OutboxEmailSummary.extend({ text: z.string(), html: z.string().nullable() });

export const FindEmailsQuery = z
  .object({
    to: z.string().trim().max(254).optional().describe('Only emails to this address'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: Timestamp.optional().describe('Only emails created before this time (paging)'),
  })
  .strict();
export const EmailListResponse = z.object({
  emails: z.array(OutboxEmailSummary),
  nextBefore: Timestamp.nullable(),
});
export const EmailParams = z.object({ emailId: IdParam });
export const EmailResponse = z.object({ email: OutboxEmail });
