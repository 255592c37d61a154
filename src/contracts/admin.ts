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

const MIN_QUERY_YEAR = 1970;
const MAX_QUERY_YEAR = 9999;

/**
 * An instant to filter by: ISO 8601 in UTC, in years an installation's records can have. The format
 * alone allows year 0000, which the database cannot represent.
 */
const QueryInstant = Timestamp.refine(
  (value) => {
    const year = new Date(value).getUTCFullYear();
    return year >= MIN_QUERY_YEAR && year <= MAX_QUERY_YEAR;
  },
  { message: `must be between the years ${MIN_QUERY_YEAR} and ${MAX_QUERY_YEAR}` },
);

export const FindEmailsQuery = z
  .object({
    to: z.string().trim().max(254).optional().describe('Only emails to this address'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    after: QueryInstant.optional().describe('Only emails created at or after this time'),
    before: QueryInstant.optional().describe('Only emails created before this time (paging)'),
  })
  .strict()
  .refine((query) => !query.after || !query.before || Date.parse(query.after) < Date.parse(query.before), {
    path: ['after'],
    message: 'must be earlier than before',
  });
export const EmailListResponse = z.object({
  emails: z.array(OutboxEmailSummary),
  nextBefore: Timestamp.nullable(),
});
export const EmailParams = z.object({ emailId: IdParam });
export const EmailResponse = z.object({ email: OutboxEmail });
