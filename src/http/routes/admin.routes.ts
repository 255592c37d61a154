/**
 * Installation administration for platform admins: the development outbox and delivery log of every
 * email the installation sent (GET /api/v1/admin/emails, GET /api/v1/admin/emails/:emailId).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { getEmail } from '../../app/email/get-email.ts';
import { findEmails } from '../../app/email/find-emails.ts';
import { EmailListResponse, EmailParams, EmailResponse, FindEmailsQuery } from '../../contracts/admin.ts';
import { STANDARD_ERRORS } from '../../contracts/common.ts';
import { presentEmail, presentEmailPage } from '../presenters/email.presenter.ts';
import { contextOf } from '../request-context.ts';

/** Platform-admin routes under /api/v1/admin. */
export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    '/api/v1/admin/emails',
    {
      schema: {
        tags: ['admin'],
        summary: 'Emails sent by this installation, newest first (platform admins)',
        description:
          'Without SMTP_URL this is the development outbox: messages are recorded here instead of being sent.',
        querystring: FindEmailsQuery,
        response: { 200: EmailListResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const { to, limit, after, before } = request.query;
      const page = await findEmails(contextOf(request), {
        to: to || undefined,
        limit,
        after: after ? new Date(after) : undefined,
        before: before ? new Date(before) : undefined,
      });
      return presentEmailPage(page);
    },
  );

  routes.get(
    '/api/v1/admin/emails/:emailId',
    {
      schema: {
        tags: ['admin'],
        summary: 'One email with its text and HTML (platform admins)',
        params: EmailParams,
        response: { 200: EmailResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const email = await getEmail(contextOf(request), { emailId: request.params.emailId });
      return { email: presentEmail(email) };
    },
  );
}
