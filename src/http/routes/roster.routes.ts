/**
 * Roster import and program invitations (ADR 018). The roster arrives as the raw request body with
 * `Content-Type: text/csv`; a content-type parser hands the route the body as a stream (never buffered),
 * and the use case reads it after checking the program, counting bytes against the limit.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { importRoster, previewRosterImport } from '../../app/roster/import-roster.ts';
import { inviteToProgram } from '../../app/roster/invite-to-program.ts';
import { listProgramInvitations } from '../../app/roster/list-program-invitations.ts';
import { MAX_ROSTER_BYTES } from '../../app/roster/read-roster.ts';
import { revokeProgramInvitation } from '../../app/roster/revoke-program-invitation.ts';
import { NoBody, STANDARD_ERRORS } from '../../contracts/common.ts';
import {
  InviteToProgramRequest,
  InviteToProgramResponse,
  ListProgramInvitationsQuery,
  ProgramInvitationListResponse,
  ProgramInvitationParams,
  ProgramParams,
  RevokeProgramInvitationResponse,
  RosterImportQuery,
  RosterImportResponse,
} from '../../contracts/roster.ts';
import { AppError } from '../../core/errors.ts';
import { presentProgramInvitation } from '../presenters/program-invitation.presenter.ts';
import { contextOf } from '../request-context.ts';

/**
 * The uploaded file. The stream is a private field, so that hooks walking the body (the NUL check)
 * see an empty object rather than the socket.
 */
class CsvUpload {
  readonly #stream: AsyncIterable<Uint8Array>;
  constructor(stream: AsyncIterable<Uint8Array>) {
    this.#stream = stream;
  }
  get stream(): AsyncIterable<Uint8Array> {
    return this.#stream;
  }
}

const tooLarge = () =>
  new AppError(
    'PAYLOAD_TOO_LARGE',
    `The roster is larger than ${MAX_ROSTER_BYTES / 1024 / 1024} MB; split it into several files`,
    { limitBytes: MAX_ROSTER_BYTES },
  );

/** A body that is not a CSV file: refused when read, that is after the program check. */
async function* missingFile(): AsyncIterable<Uint8Array> {
  yield* [];
  throw AppError.validation(
    [{ path: 'content-type', message: 'send the roster as the request body with Content-Type: text/csv' }],
    'Send the roster CSV file as the request body with Content-Type: text/csv',
  );
}

export async function rosterRoutes(app: FastifyInstance): Promise<void> {
  // Scoped to this plugin: only these routes take CSV.
  app.addContentTypeParser('text/csv', (request, payload, done) => {
    const length = Number(request.headers['content-length']);
    // Refused before a byte is read when the client says how large it is; counted while read otherwise.
    if (Number.isFinite(length) && length > MAX_ROSTER_BYTES) {
      payload.resume();
      done(tooLarge(), undefined);
      return;
    }
    done(null, new CsvUpload(payload));
  });
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.post(
    '/api/v1/programs/:programId/roster-imports',
    {
      schema: {
        tags: ['roster'],
        summary:
          'Import a roster CSV (body, Content-Type: text/csv, at most 10 MB) into a cohort; ?dryRun=true previews every row',
        description:
          'Columns: email, name, role (mentor|mentee) required; practice_areas, career_goals, jurisdictions_of_admission, practice_jurisdictions, languages (;-separated), years_of_practice, admission_date, location, time_zone, meeting_format, communication_style, capacity optional. A dry run answers 200 with every row problem in `issues` and the plan in `rows`; an import with any problem answers 400 naming each row and column (`rows[N].column`) and writes nothing; otherwise 200 with `isCommitted: true`, all rows written in one transaction.',
        params: ProgramParams,
        querystring: RosterImportQuery,
        response: {
          200: RosterImportResponse,
          413: STANDARD_ERRORS[400],
          ...STANDARD_ERRORS,
        },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const body: unknown = request.body;
      const input = {
        programId: request.params.programId,
        ...(request.query.cohortId ? { cohortId: request.query.cohortId } : {}),
        status: request.query.status,
        file: body instanceof CsvUpload ? body.stream : missingFile(),
      };
      if (request.query.dryRun) return reply.status(200).send(await previewRosterImport(ctx, input));
      return reply.status(200).send(await importRoster(ctx, input));
    },
  );

  routes.get(
    '/api/v1/programs/:programId/invitations',
    {
      schema: {
        tags: ['roster'],
        summary: "A program's invitations (roster imports and invitation emails), newest first",
        params: ProgramParams,
        querystring: ListProgramInvitationsQuery,
        response: { 200: ProgramInvitationListResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const list = await listProgramInvitations(ctx, {
        programId: request.params.programId,
        ...(request.query.cohortId ? { cohortId: request.query.cohortId } : {}),
      });
      return { invitations: list.map(presentProgramInvitation) };
    },
  );

  routes.post(
    '/api/v1/programs/:programId/invitations',
    {
      schema: {
        tags: ['roster'],
        summary:
          'Invite people into a cohort by email: members get the program link, anyone else an organization invitation naming the program',
        params: ProgramParams,
        body: InviteToProgramRequest,
        response: { 201: InviteToProgramResponse, ...STANDARD_ERRORS },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const outcomes = await inviteToProgram(ctx, {
        programId: request.params.programId,
        emails: request.body.emails,
        role: request.body.role,
        ...(request.body.cohortId ? { cohortId: request.body.cohortId } : {}),
      });
      return reply.status(201).send({ outcomes });
    },
  );

  routes.delete(
    '/api/v1/programs/:programId/invitations/:programInvitationId',
    {
      schema: {
        tags: ['roster'],
        summary: 'Take back a program invitation that has not become an application',
        params: ProgramInvitationParams,
        body: NoBody,
        response: { 200: RevokeProgramInvitationResponse, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const revoked = await revokeProgramInvitation(ctx, request.params);
      return { ok: true as const, id: revoked.id };
    },
  );
}
