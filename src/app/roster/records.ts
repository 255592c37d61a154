/**
 * What the roster use cases share: the cohort an import or invitation goes into, the form an imported
 * application hangs on, the state of each person in the cohort, and the writes that bring them in.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { hasRoleAtLeast } from '../../core/roles.ts';
import type { ApplicationStatus, ProgramRole } from '../../core/programs/vocabulary.ts';
import { mergeAnswers, type RosterPersonState } from '../../core/roster/roster.ts';
import {
  applicationEvents,
  applicationForms,
  applications,
  cohorts,
  invitations,
  memberships,
  programInvitations,
  users,
} from '../../db/schema.ts';
import type { OrganizationScope } from '../access.ts';
import type { Queryable } from '../context.ts';
import { invitationStatus } from '../organizations/records.ts';
import type { ProgramScope } from '../programs/program-access.ts';

export type CohortRow = typeof cohorts.$inferSelect;
export type ProgramInvitationRow = typeof programInvitations.$inferSelect;

/** Rows per multi-row statement (well under the parameter limit of PostgreSQL). */
export const WRITE_BATCH = 500;

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size));
  return out;
}

/**
 * The cohort people are brought into: `cohortId` when given (NOT_FOUND unless it is this program's),
 * else the program's only open cohort. A closed cohort takes nobody.
 */
export async function resolveCohort(
  db: Queryable,
  scope: ProgramScope,
  cohortId: string | undefined,
): Promise<CohortRow> {
  let cohort: CohortRow | undefined;
  if (cohortId !== undefined) {
    [cohort] = await db
      .select()
      .from(cohorts)
      .where(and(eq(cohorts.programId, scope.program.id), eq(cohorts.id, cohortId)))
      .limit(1);
    if (!cohort) {
      const known = await db
        .select({ id: cohorts.id, name: cohorts.name, state: cohorts.state })
        .from(cohorts)
        .where(and(eq(cohorts.programId, scope.program.id), ne(cohorts.state, 'closed')))
        .orderBy(desc(cohorts.createdAt));
      const choices = known.map((entry) => `${entry.name} (${entry.id})`).join(', ');
      throw new AppError(
        'NOT_FOUND',
        `${scope.program.name} has no cohort ${cohortId}; ${
          choices ? `its cohorts open to imports: ${choices}` : 'it has no cohort open to imports'
        }`,
        { cohortId },
      );
    }
  } else {
    const open = await db
      .select()
      .from(cohorts)
      .where(and(eq(cohorts.programId, scope.program.id), ne(cohorts.state, 'closed')))
      .orderBy(desc(cohorts.createdAt))
      .limit(2);
    if (open.length !== 1) {
      throw AppError.validation([
        {
          path: 'cohortId',
          message:
            open.length === 0
              ? `${scope.program.name} has no open cohort; create one first`
              : `${scope.program.name} has several cohorts: choose one`,
        },
      ]);
    }
    cohort = open[0];
  }
  if (cohort.state === 'closed') {
    throw new AppError(
      'INVALID_STATE',
      `The cohort ${cohort.name} (${cohort.id}) of ${scope.program.name} is closed; it takes nobody new`,
      { cohortId: cohort.id, state: cohort.state },
    );
  }
  return cohort;
}

/**
 * The scope an organization invitation is issued under. A member made coordinator of this program only
 * invites people into it as members, with the program's authority.
 */
export function invitingScope(scope: ProgramScope): OrganizationScope {
  return hasRoleAtLeast(scope.role, 'coordinator') ? scope : { ...scope, role: 'coordinator' };
}

/**
 * The form version an imported application answers: the program's latest for the role, or, when the
 * program has none yet, an empty version 1 (the form builder makes the next version).
 */
export async function formFor(
  db: Queryable,
  place: { organizationId: string; programId: string },
  role: ProgramRole,
  actorUserId: string | null,
  now: Date,
): Promise<string> {
  const [latest] = await db
    .select({ id: applicationForms.id })
    .from(applicationForms)
    .where(and(eq(applicationForms.programId, place.programId), eq(applicationForms.role, role)))
    .orderBy(desc(applicationForms.version))
    .limit(1);
  if (latest) return latest.id;
  const id = randomUUID();
  await db.insert(applicationForms).values({
    id,
    organizationId: place.organizationId,
    programId: place.programId,
    role,
    version: 1,
    questions: [],
    createdByUserId: actorUserId,
    createdAt: now,
  });
  return id;
}

/** One person's row in the cohort, with the ids the writes need. */
export interface PersonInCohort extends RosterPersonState {
  userId?: string;
  membershipId?: string;
  applicationId?: string;
  programInvitationId?: string;
  invitationId?: string | null;
}

const key = (email: string, role: ProgramRole) => `${role}:${email}`;

/**
 * What the database holds about each (email, role) in the cohort: membership, live application,
 * pending program invitation. Looked up in batches, by lower-cased email.
 */
export async function loadPeopleInCohort(
  db: Queryable,
  place: { organizationId: string; cohortId: string },
  people: ReadonlyArray<{ email: string; role: ProgramRole }>,
  now: Date,
): Promise<(email: string, role: ProgramRole) => PersonInCohort> {
  const members = new Map<string, { userId: string; membershipId: string }>();
  const applicationsByKey = new Map<
    string,
    { id: string; answers: Record<string, unknown>; capacity: number | null }
  >();
  const invitationsByKey = new Map<
    string,
    PersonInCohort['invitation'] & { id: string; invitationId: string | null }
  >();
  const emails = [...new Set(people.map((person) => person.email))];
  for (const batch of chunks(emails, WRITE_BATCH)) {
    const found = await db
      .select({ userId: users.id, email: sql<string>`lower(${users.email})`, membershipId: memberships.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        and(eq(memberships.organizationId, place.organizationId), inArray(sql`lower(${users.email})`, batch)),
      );
    for (const row of found) members.set(row.email, { userId: row.userId, membershipId: row.membershipId });

    const pending = await db
      .select({ row: programInvitations, invitation: invitations })
      .from(programInvitations)
      .leftJoin(invitations, eq(invitations.id, programInvitations.invitationId))
      .where(
        and(
          eq(programInvitations.cohortId, place.cohortId),
          isNull(programInvitations.applicationId),
          inArray(sql`lower(${programInvitations.email})`, batch),
        ),
      );
    for (const { row, invitation } of pending) {
      invitationsByKey.set(key(row.email.toLowerCase(), row.role), {
        id: row.id,
        invitationId: row.invitationId,
        name: row.name,
        answers: row.answers,
        capacity: row.capacity,
        isInvitationOpen: invitation !== null && invitationStatus(invitation, now) === 'pending',
      });
    }
  }
  const userIds = [...members.values()].map((member) => member.userId);
  const emailOf = new Map([...members].map(([email, member]) => [member.userId, email]));
  for (const batch of chunks(userIds, WRITE_BATCH)) {
    const live = await db
      .select({
        id: applications.id,
        userId: applications.userId,
        role: applications.role,
        answers: applications.answers,
        capacity: applications.capacity,
      })
      .from(applications)
      .where(
        and(
          eq(applications.cohortId, place.cohortId),
          ne(applications.status, 'withdrawn'),
          inArray(applications.userId, batch),
        ),
      );
    for (const row of live) {
      applicationsByKey.set(key(emailOf.get(row.userId)!, row.role), {
        id: row.id,
        answers: row.answers,
        capacity: row.capacity,
      });
    }
  }
  return (email, role) => {
    const member = members.get(email);
    const application = applicationsByKey.get(key(email, role));
    const invitation = invitationsByKey.get(key(email, role));
    return {
      isMember: member !== undefined,
      ...(member ? { userId: member.userId, membershipId: member.membershipId } : {}),
      ...(application
        ? {
            application: { answers: application.answers, capacity: application.capacity },
            applicationId: application.id,
          }
        : {}),
      ...(invitation
        ? {
            invitation: {
              name: invitation.name,
              answers: invitation.answers,
              capacity: invitation.capacity,
              isInvitationOpen: invitation.isInvitationOpen,
            },
            programInvitationId: invitation.id,
            invitationId: invitation.invitationId,
          }
        : {}),
    };
  };
}

/** A new application brought in by a coordinator (roster or accepted invitation), with its event. */
export interface NewApplication {
  userId: string;
  membershipId: string | null;
  role: ProgramRole;
  answers: Record<string, unknown>;
  capacity: number | null;
  status: ApplicationStatus;
  /** For the audit trail, e.g. "Imported from roster row 12". */
  message: string;
}

/**
 * Inserts applications (and their `imported` events) into one cohort, in batches; returns their ids in
 * order. `decidedBy` is the coordinator who vouched for approved ones.
 */
export async function insertApplications(
  db: Queryable,
  place: { organizationId: string; programId: string; cohortId: string },
  forms: Readonly<Record<ProgramRole, string | undefined>>,
  items: readonly NewApplication[],
  actorUserId: string | null,
  now: Date,
): Promise<string[]> {
  const ids: string[] = [];
  for (const batch of chunks(items, WRITE_BATCH)) {
    const rows = batch.map((item) => {
      const id = randomUUID();
      ids.push(id);
      const isDecided = item.status !== 'submitted';
      return {
        id,
        organizationId: place.organizationId,
        programId: place.programId,
        cohortId: place.cohortId,
        userId: item.userId,
        membershipId: item.membershipId,
        role: item.role,
        formId: forms[item.role]!,
        answers: item.answers,
        status: item.status,
        capacity: item.capacity,
        decidedByUserId: isDecided ? actorUserId : null,
        decidedAt: isDecided ? now : null,
        submittedAt: now,
        updatedAt: now,
      };
    });
    await db.insert(applications).values(rows);
    await db.insert(applicationEvents).values(
      rows.map((row, index) => ({
        id: randomUUID(),
        organizationId: place.organizationId,
        applicationId: row.id,
        actorUserId,
        action: 'imported',
        fromStatus: null,
        toStatus: row.status,
        message: batch[index].message,
        createdAt: now,
      })),
    );
  }
  return ids;
}

/**
 * Turns the pending program invitations of `email` in `organizationId` into applications (the person
 * just became a member): each gets the invitation's answers and status, or is linked to the live
 * application the person already has. Runs inside the caller's transaction.
 */
export async function convertProgramInvitations(
  db: Queryable,
  person: { organizationId: string; userId: string; email: string; membershipId: string | null },
  now: Date,
): Promise<number> {
  const pending = await db
    .select()
    .from(programInvitations)
    .where(
      and(
        eq(programInvitations.organizationId, person.organizationId),
        isNull(programInvitations.applicationId),
        sql`lower(${programInvitations.email}) = ${person.email.toLowerCase()}`,
      ),
    );
  for (const invitation of pending) {
    const [live] = await db
      .select({ id: applications.id, answers: applications.answers })
      .from(applications)
      .where(
        and(
          eq(applications.cohortId, invitation.cohortId),
          eq(applications.userId, person.userId),
          eq(applications.role, invitation.role),
          ne(applications.status, 'withdrawn'),
        ),
      )
      .limit(1);
    let applicationId = live?.id;
    if (!applicationId) {
      const place = {
        organizationId: invitation.organizationId,
        programId: invitation.programId,
        cohortId: invitation.cohortId,
      };
      const formId = await formFor(db, place, invitation.role, invitation.createdByUserId, now);
      [applicationId] = await insertApplications(
        db,
        place,
        { mentor: formId, mentee: formId },
        [
          {
            userId: person.userId,
            membershipId: person.membershipId,
            role: invitation.role,
            answers: invitation.answers,
            capacity: invitation.capacity,
            status: invitation.applicationStatus,
            message: `Joined from a program invitation (${invitation.source === 'roster' ? 'roster import' : 'invitation email'})`,
          },
        ],
        invitation.createdByUserId,
        now,
      );
    } else if (Object.keys(invitation.answers).length > 0) {
      await db
        .update(applications)
        .set({ answers: mergeAnswers(live.answers, invitation.answers), updatedAt: now })
        .where(eq(applications.id, applicationId));
    }
    await db
      .update(programInvitations)
      .set({ applicationId, updatedAt: now })
      .where(eq(programInvitations.id, invitation.id));
  }
  return pending.length;
}
