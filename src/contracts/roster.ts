/**
 * Roster import and program invitations: bringing people into a cohort of a program (issue 7, "Ways
 * in"). The roster is a CSV file sent as the request body (`Content-Type: text/csv`); its columns are
 * documented in docs/cli.md and src/core/roster/roster.ts.
 */
import { z } from 'zod';
import { PROGRAM_ROLES } from '../core/programs/vocabulary.ts';
import { ROSTER_ACTIONS } from '../core/roster/roster.ts';
import { IdParam, IdSchema, Timestamp } from './common.ts';

export { ProgramParams } from './programs.ts';
export const ProgramInvitationParams = z.object({ programId: IdParam, programInvitationId: IdParam });

const BooleanFlag = z
  .enum(['true', 'false'])
  .transform((value) => value === 'true')
  .describe('true or false');

export const RosterImportQuery = z
  .object({
    dryRun: BooleanFlag.default(false).describe('Preview only: validate and plan every row, write nothing'),
    cohortId: IdParam.optional().describe(
      "The cohort to bring people into; by default the program's only open one",
    ),
    status: z
      .enum(['approved', 'submitted'])
      .default('approved')
      .describe(
        'Status of the applications created: approved (you vouch for them) or submitted (review them)',
      ),
  })
  .strict();

export const RosterIssue = z.object({
  row: z.number().int().describe('Row of the file: 1 is the header, 2 the first person'),
  column: z.string().describe('The column, or "file"'),
  message: z.string(),
});
export type RosterIssue = z.infer<typeof RosterIssue>;

export const RosterAction = z
  .enum(ROSTER_ACTIONS)
  .describe(
    'create_application (a member), update_application (new answers), invite (no account or membership: organization invitation), update_invitation, unchanged',
  );

export const RosterImportResponse = z.object({
  programId: IdSchema,
  cohort: z.object({ id: IdSchema, name: z.string() }),
  status: z.string(),
  isDryRun: z.boolean(),
  isCommitted: z.boolean().describe('Whether anything was written (never on a dry run)'),
  rowCount: z.number().int(),
  issueCount: z.number().int().describe('Every problem found; `issues` lists the first 1,000'),
  issues: z.array(RosterIssue),
  unknownColumns: z.array(z.string()).describe('Columns the import does not know; ignored'),
  rows: z.array(
    z.object({
      row: z.number().int(),
      email: z.string(),
      name: z.string(),
      role: z.enum(PROGRAM_ROLES),
      action: RosterAction,
    }),
  ),
  counts: z.record(RosterAction, z.number().int()),
});
export type RosterImportResponse = z.infer<typeof RosterImportResponse>;

/** Most addresses in one invitation request. */
export const MAX_INVITED_EMAILS = 200;

export const InviteToProgramRequest = z
  .object({
    emails: z
      .array(z.string().trim().toLowerCase().pipe(z.email('must be an email address')))
      .min(1, 'name at least one address')
      .max(MAX_INVITED_EMAILS),
    role: z.enum(PROGRAM_ROLES).describe('mentor or mentee'),
    cohortId: IdParam.optional().describe("The cohort; by default the program's only open one"),
  })
  .strict();
export type InviteToProgramRequest = z.infer<typeof InviteToProgramRequest>;

export const InviteToProgramResponse = z.object({
  outcomes: z.array(
    z.object({ email: z.string(), outcome: z.enum(['invited', 'already_invited', 'already_applied']) }),
  ),
});

export const ListProgramInvitationsQuery = z.object({ cohortId: IdParam.optional() }).strict();

export const ProgramInvitation = z.object({
  id: IdSchema,
  cohort: z.object({ id: IdSchema, name: z.string() }),
  email: z.string(),
  name: z.string(),
  role: z.enum(PROGRAM_ROLES),
  source: z.enum(['roster', 'invitation']),
  status: z.enum(['pending', 'accepted', 'expired', 'revoked']),
  applicationId: IdSchema.nullable(),
  invitedBy: z.string().nullable(),
  createdAt: Timestamp,
  can: z.object({ revoke: z.boolean() }),
});
export type ProgramInvitation = z.infer<typeof ProgramInvitation>;

export const ProgramInvitationListResponse = z.object({ invitations: z.array(ProgramInvitation) });
export const RevokeProgramInvitationResponse = z.object({ ok: z.literal(true), id: IdSchema });
