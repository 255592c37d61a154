import { randomUUID } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { AppError, type FieldIssue } from '../../core/errors.ts';
import type { ApplicationStatus, ProgramRole } from '../../core/programs/vocabulary.ts';
import {
  mergeAnswers,
  planRosterRow,
  ROSTER_ACTIONS,
  type RosterAction,
  type RosterIssue,
  type RosterRow,
} from '../../core/roster/roster.ts';
import { applicationEvents, applications, invitations, programInvitations } from '../../db/schema.ts';
import { requireActor } from '../access.ts';
import type { AppContext, AuthenticatedContext, Queryable } from '../context.ts';
import { issueInvitation } from '../organizations/create-invitation.ts';
import { requireInvitationSender } from '../organizations/invitation-emails.ts';
import { lockOrganization } from '../organizations/records.ts';
import { requireProgram, type ProgramScope } from '../programs/program-access.ts';
import { readRoster, type RosterReading } from './read-roster.ts';
import {
  formFor,
  insertApplications,
  invitingScope,
  loadPeopleInCohort,
  resolveCohort,
  type CohortRow,
  type NewApplication,
  type PersonInCohort,
} from './records.ts';

export interface ImportRosterInput {
  programId: string;
  /** The cohort to bring people into; by default the program's only open cohort. */
  cohortId?: string;
  /** The status of the applications created: approved (the coordinator vouches) or submitted. */
  status?: Extract<ApplicationStatus, 'approved' | 'submitted'>;
  /** The CSV file's bytes, streamed. */
  file: AsyncIterable<Uint8Array | string>;
  maxBytes?: number;
}

/** One row of the plan: who, and what the import does (or did) with them. */
export interface RosterPlanRow {
  row: number;
  email: string;
  name: string;
  role: ProgramRole;
  action: RosterAction;
}

export interface RosterImportResult {
  programId: string;
  cohort: { id: string; name: string };
  status: ApplicationStatus;
  isDryRun: boolean;
  isCommitted: boolean;
  rowCount: number;
  issueCount: number;
  issues: RosterIssue[];
  unknownColumns: string[];
  rows: RosterPlanRow[];
  counts: Record<RosterAction, number>;
}

interface Planned {
  person: RosterRow;
  state: PersonInCohort;
  action: RosterAction;
}

async function plan(db: Queryable, cohort: CohortRow, people: RosterRow[], now: Date): Promise<Planned[]> {
  const lookup = await loadPeopleInCohort(
    db,
    { organizationId: cohort.organizationId, cohortId: cohort.id },
    people,
    now,
  );
  return people.map((person) => {
    const state = lookup(person.email, person.role);
    return { person, state, action: planRosterRow(person, state) };
  });
}

function summarize(
  scope: ProgramScope,
  cohort: CohortRow,
  status: ApplicationStatus,
  reading: RosterReading,
  planned: Planned[],
  flags: { isDryRun: boolean; isCommitted: boolean },
): RosterImportResult {
  const counts = Object.fromEntries(ROSTER_ACTIONS.map((action) => [action, 0])) as Record<
    RosterAction,
    number
  >;
  for (const entry of planned) counts[entry.action] += 1;
  return {
    programId: scope.program.id,
    cohort: { id: cohort.id, name: cohort.name },
    status,
    ...flags,
    rowCount: reading.rowCount,
    issueCount: reading.issueCount,
    issues: reading.issues,
    unknownColumns: reading.unknownColumns,
    rows: planned.map(({ person, action }) => ({
      row: person.row,
      email: person.email,
      name: person.name,
      role: person.role,
      action,
    })),
    counts,
  };
}

/** The path of a roster problem in an error's issues: `rows[12].email`, `header.role`, `file`. */
export function rosterIssuePath(issue: RosterIssue): string {
  if (issue.column === 'file' && issue.row <= 0) return 'file';
  return issue.row === 1 ? `header.${issue.column}` : `rows[${issue.row}].${issue.column}`;
}

async function begin(ctx: AppContext, input: ImportRosterInput) {
  requireActor(ctx);
  // The program and cohort first: another organization's program is a 404 whatever the file holds.
  const scope = await requireProgram(ctx, input.programId, { manage: true });
  const cohort = await resolveCohort(ctx.db, scope, input.cohortId);
  const reading = await readRoster(input.file, input.maxBytes ? { maxBytes: input.maxBytes } : {});
  return { scope, cohort, reading, status: input.status ?? 'approved' };
}

/**
 * The dry run: reads and validates the whole file, and says per row what the import would do, without
 * writing anything. Row problems are in `issues`, not thrown, so that all of them can be shown.
 */
export async function previewRosterImport(
  ctx: AppContext,
  input: ImportRosterInput,
): Promise<RosterImportResult> {
  const { scope, cohort, reading, status } = await begin(ctx, input);
  const planned = await plan(ctx.db, cohort, reading.people, ctx.clock.now());
  return summarize(scope, cohort, status, reading, planned, { isDryRun: true, isCommitted: false });
}

/**
 * Imports a roster into a cohort: one streamed pass validates every row (any problem refuses the whole
 * file, VALIDATION_FAILED naming row and column), then one transaction writes every row or none.
 * Idempotent: people are matched by email (case-insensitively), so the same file twice changes nothing.
 * Members get an application (`imported` event); anyone else an organization invitation that names
 * the program and a program invitation that becomes their application when they accept (ADR 018).
 */
export async function importRoster(ctx: AppContext, input: ImportRosterInput): Promise<RosterImportResult> {
  const { scope, cohort, reading, status } = await begin(ctx, input);
  if (reading.issueCount > 0) {
    const issues: FieldIssue[] = reading.issues.map((issue) => ({
      path: rosterIssuePath(issue),
      message: issue.message,
    }));
    const first = reading.issues[0];
    throw new AppError(
      'VALIDATION_FAILED',
      `The roster has ${reading.issueCount} problem${reading.issueCount === 1 ? '' : 's'}; nothing was imported. First: row ${first.row}, ${first.column}: ${first.message}`,
      { issues, issueCount: reading.issueCount, rows: reading.issues },
    );
  }
  requireActor(ctx);
  return ctx.transaction(async (tx) => {
    // Invitations are written under the organization lock (src/app/organizations), and so is the plan
    // made: a concurrent import of the same file waits and then finds everything unchanged.
    await lockOrganization(tx.db, scope.organizationId);
    const now = tx.clock.now();
    const planned = await plan(tx.db, cohort, reading.people, now);
    await write(tx, scope, cohort, status, planned, now);
    return summarize(scope, cohort, status, reading, planned, { isDryRun: false, isCommitted: true });
  });
}

async function write(
  tx: AuthenticatedContext,
  scope: ProgramScope,
  cohort: CohortRow,
  status: ApplicationStatus,
  planned: Planned[],
  now: Date,
): Promise<void> {
  const actorUserId = tx.actor.userId;
  const place = { organizationId: scope.organizationId, programId: scope.program.id, cohortId: cohort.id };
  const forms: Record<ProgramRole, string | undefined> = { mentor: undefined, mentee: undefined };
  const created: Array<{ item: NewApplication; programInvitationId?: string }> = [];
  const inviteScope = invitingScope(scope);

  for (const { person, state, action } of planned) {
    switch (action) {
      case 'unchanged':
        break;
      case 'create_application':
        forms[person.role] ??= await formFor(tx.db, place, person.role, actorUserId, now);
        created.push({
          item: {
            userId: state.userId!,
            membershipId: state.membershipId ?? null,
            role: person.role,
            answers: person.answers,
            capacity: person.capacity,
            status,
            message: `Imported from a roster (row ${person.row})`,
          },
          ...(state.programInvitationId ? { programInvitationId: state.programInvitationId } : {}),
        });
        break;
      case 'update_application': {
        const answers = mergeAnswers(state.application!.answers, person.answers);
        await tx.db
          .update(applications)
          .set({ answers, capacity: person.capacity ?? state.application!.capacity, updatedAt: now })
          .where(eq(applications.id, state.applicationId!));
        await tx.db.insert(applicationEvents).values({
          id: randomUUID(),
          organizationId: scope.organizationId,
          applicationId: state.applicationId!,
          actorUserId,
          action: 'imported',
          message: `Answers updated from a roster (row ${person.row})`,
          createdAt: now,
        });
        break;
      }
      case 'invite': {
        const invitationId = await openInvitationFor(tx, inviteScope, person, scope.program.name);
        const values = {
          name: person.name,
          answers: mergeAnswers(state.invitation?.answers ?? {}, person.answers),
          capacity: person.capacity ?? state.invitation?.capacity ?? null,
          applicationStatus: status,
          invitationId,
          updatedAt: now,
        };
        if (state.programInvitationId) {
          await tx.db
            .update(programInvitations)
            .set(values)
            .where(eq(programInvitations.id, state.programInvitationId));
        } else {
          await tx.db.insert(programInvitations).values({
            id: randomUUID(),
            ...place,
            email: person.email,
            role: person.role,
            source: 'roster',
            createdByUserId: actorUserId,
            createdAt: now,
            ...values,
          });
        }
        break;
      }
      case 'update_invitation':
        await tx.db
          .update(programInvitations)
          .set({
            name: person.name || state.invitation!.name,
            answers: mergeAnswers(state.invitation!.answers, person.answers),
            capacity: person.capacity ?? state.invitation!.capacity,
            applicationStatus: status,
            updatedAt: now,
          })
          .where(eq(programInvitations.id, state.programInvitationId!));
        break;
    }
  }

  const ids = await insertApplications(
    tx.db,
    place,
    forms,
    created.map((entry) => entry.item),
    actorUserId,
    now,
  );
  for (const [index, entry] of created.entries()) {
    if (!entry.programInvitationId) continue;
    await tx.db
      .update(programInvitations)
      .set({ applicationId: ids[index], updatedAt: now })
      .where(eq(programInvitations.id, entry.programInvitationId));
  }
}

/**
 * The organization invitation a non-member joins through: the open one they already have (no second
 * email, the link they hold keeps working), else a new one that names the program.
 */
// The transactions whose inviter passed requireInvitationSender (checked once per import, not per row).
const checkedSenders = new WeakSet<object>();

export async function openInvitationFor(
  tx: AuthenticatedContext,
  scope: ReturnType<typeof invitingScope>,
  person: { email: string; role: ProgramRole },
  programName: string,
): Promise<string> {
  const [open] = await tx.db
    .select({ id: invitations.id })
    .from(invitations)
    .where(
      and(
        eq(invitations.organizationId, scope.organizationId),
        sql`lower(${invitations.email}) = ${person.email}`,
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, tx.clock.now()),
      ),
    )
    .limit(1);
  if (open) return open.id;
  // The sender must have a confirmed address and be within the invitation email limits when the import
  // (one coordinator action) starts inviting; its invitations then count towards the limits like any.
  if (!checkedSenders.has(tx)) {
    await requireInvitationSender(tx, scope);
    checkedSenders.add(tx);
  }
  const created = await issueInvitation(tx, scope, {
    email: person.email,
    role: 'member',
    program: { name: programName, role: person.role },
  });
  return created.invitation.id;
}
