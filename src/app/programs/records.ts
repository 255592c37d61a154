/**
 * What the program use cases share: loading a program's cohorts and counts, and turning rows into the
 * views presenters read (with the viewer's permissions and each cohort's available moves).
 */
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { canViewProgram, programPermissions, type ProgramPermissions } from '../../core/policies/programs.ts';
import {
  availableCohortTransitions,
  currentCohortIndex,
  type AvailableTransition,
  type CohortTransitionFacts,
} from '../../core/programs/cohort-states.ts';
import type { ProgramSettings } from '../../core/programs/settings.ts';
import {
  APPLICATION_STATUSES,
  type ApplicationStatus,
  type ProgramRole,
} from '../../core/programs/vocabulary.ts';
import {
  applicationForms,
  applications,
  cohorts,
  matchRuns,
  programInvitations,
  relationships,
} from '../../db/schema.ts';
import type { AppContext, Queryable } from '../context.ts';
import { requireProgram, type ProgramRow, type ProgramScope } from './program-access.ts';

export type CohortRow = typeof cohorts.$inferSelect;

/** Counts of one cohort, for its transitions and the overview. */
export interface CohortCountsValue {
  applications: Record<ProgramRole, Record<ApplicationStatus, number>>;
  draftRuns: number;
  publishedRuns: number;
  relationships: number;
}

/** A cohort as the viewer sees it: the row, its counts, the moves the machine offers, and rights. */
export interface CohortView {
  cohort: CohortRow;
  counts: CohortCountsValue;
  transitions: AvailableTransition[];
  can: { edit: boolean; transition: boolean };
}

/** A program as the viewer sees it. */
export interface ProgramView {
  program: ProgramRow;
  /** Newest first. */
  cohorts: CohortRow[];
  counts: { cohorts: number; applications: number; relationships: number };
  can: ProgramPermissions;
}

/** Today as an ISO date (UTC); cohort dates are calendar dates. */
export function today(ctx: AppContext): string {
  return ctx.clock.now().toISOString().slice(0, 10);
}

/** A program's cohorts, newest first. */
export async function selectCohorts(db: Queryable, programId: string): Promise<CohortRow[]> {
  return db
    .select()
    .from(cohorts)
    .where(eq(cohorts.programId, programId))
    .orderBy(desc(cohorts.createdAt), desc(cohorts.id));
}

const zeroByStatus = () =>
  Object.fromEntries(APPLICATION_STATUSES.map((status) => [status, 0])) as Record<ApplicationStatus, number>;
/** Counts of a cohort with nothing in it yet. */
export const emptyCohortCounts = (): CohortCountsValue => ({
  applications: { mentor: zeroByStatus(), mentee: zeroByStatus() },
  draftRuns: 0,
  publishedRuns: 0,
  relationships: 0,
});

/** Applications by role and status, match runs by status and relationships, per cohort of a program. */
export async function selectCohortCounts(
  db: Queryable,
  programId: string,
): Promise<Map<string, CohortCountsValue>> {
  const counts = new Map<string, CohortCountsValue>();
  const of = (cohortId: string) => {
    let value = counts.get(cohortId);
    if (!value) counts.set(cohortId, (value = emptyCohortCounts()));
    return value;
  };
  const [applicationRows, runRows, relationshipRows] = await Promise.all([
    db
      .select({
        cohortId: applications.cohortId,
        role: applications.role,
        status: applications.status,
        count: sql<number>`count(*)::int`,
      })
      .from(applications)
      .where(eq(applications.programId, programId))
      .groupBy(applications.cohortId, applications.role, applications.status),
    db
      .select({ cohortId: matchRuns.cohortId, status: matchRuns.status, count: sql<number>`count(*)::int` })
      .from(matchRuns)
      .where(eq(matchRuns.programId, programId))
      .groupBy(matchRuns.cohortId, matchRuns.status),
    db
      .select({ cohortId: relationships.cohortId, count: sql<number>`count(*)::int` })
      .from(relationships)
      .where(eq(relationships.programId, programId))
      .groupBy(relationships.cohortId),
  ]);
  for (const row of applicationRows) of(row.cohortId).applications[row.role][row.status] = row.count;
  for (const row of runRows) {
    if (row.status === 'draft') of(row.cohortId).draftRuns = row.count;
    if (row.status === 'published') of(row.cohortId).publishedRuns = row.count;
  }
  for (const row of relationshipRows) of(row.cohortId).relationships = row.count;
  return counts;
}

/** Form versions per role of a program. */
export async function selectFormCounts(
  db: Queryable,
  programId: string,
): Promise<Record<ProgramRole, number>> {
  const rows = await db
    .select({ role: applicationForms.role, count: sql<number>`count(*)::int` })
    .from(applicationForms)
    .where(eq(applicationForms.programId, programId))
    .groupBy(applicationForms.role);
  const forms: Record<ProgramRole, number> = { mentor: 0, mentee: 0 };
  for (const row of rows) forms[row.role] = row.count;
  return forms;
}

/** Applications that count (not withdrawn) of a cohort's counts. */
export function liveApplications(counts: CohortCountsValue): number {
  let total = 0;
  for (const role of ['mentor', 'mentee'] as const) {
    for (const status of APPLICATION_STATUSES)
      if (status !== 'withdrawn') total += counts.applications[role][status];
  }
  return total;
}

/** The facts the state machine's guards read for one cohort. */
export function transitionFacts(
  ctx: AppContext,
  program: ProgramRow,
  cohort: CohortRow,
  counts: CohortCountsValue,
): CohortTransitionFacts {
  return {
    isProgramArchived: program.archivedAt !== null,
    startsOn: cohort.startsOn,
    enrolmentClosesOn: cohort.enrolmentClosesOn,
    today: today(ctx),
    applicationCount: liveApplications(counts),
    relationshipCount: counts.relationships,
    publishedRunCount: counts.publishedRuns,
  };
}

/** A cohort with its counts, moves and rights for a viewer with `permissions`. */
export function cohortView(
  ctx: AppContext,
  program: ProgramRow,
  cohort: CohortRow,
  counts: CohortCountsValue | undefined,
  permissions: ProgramPermissions,
): CohortView {
  const value = counts ?? emptyCohortCounts();
  return {
    cohort,
    counts: value,
    transitions: permissions.transition
      ? availableCohortTransitions(cohort.state, transitionFacts(ctx, program, cohort, value))
      : [],
    can: { edit: permissions.edit && cohort.state !== 'closed', transition: permissions.transition },
  };
}

/** The viewer's permissions on a program with `cohortRows`. */
export function permissionsOf(
  scope: ProgramScope,
  program: ProgramRow,
  cohortRows: CohortRow[],
  invitedCohortIds: ReadonlySet<string> = new Set(),
): ProgramPermissions {
  return programPermissions(
    { role: scope.role, isProgramCoordinator: scope.isProgramCoordinator },
    {
      isArchived: program.archivedAt !== null,
      cohorts: cohortRows,
      enrolmentMode: program.enrolmentMode,
      invitedCohortIds,
    },
  );
}

/**
 * Resolves a program the actor may see: managers see every program, members only programs past draft.
 * A program they may not see reads as NOT_FOUND, like one of another organization.
 */
export async function requireVisibleProgram(
  ctx: AppContext,
  programId: string,
  options: { manage?: boolean } = {},
): Promise<{ scope: ProgramScope; cohorts: CohortRow[] }> {
  const scope = await requireProgram(ctx, programId);
  const cohortRows = await selectCohorts(ctx.db, scope.program.id);
  const viewer = { role: scope.role, isProgramCoordinator: scope.isProgramCoordinator };
  if (!canViewProgram(viewer, { isArchived: scope.program.archivedAt !== null, cohorts: cohortRows })) {
    throw AppError.notFound('Program');
  }
  if (options.manage && !scope.canManage) {
    throw new AppError('FORBIDDEN', `Only coordinators of ${scope.program.name} may do this`);
  }
  return { scope, cohorts: cohortRows };
}

/** Throws INVALID_STATE when the program is archived (it no longer changes). */
export function assertNotArchived(program: ProgramRow): void {
  if (program.archivedAt) {
    throw new AppError('INVALID_STATE', `${program.name} is archived; duplicate it to run it again`);
  }
}

/**
 * Loads the view of programs `programIds` for a viewer (counts batched). `invitedEmail`: the viewer's
 * address, to find the cohorts they were invited to (invitation-only programs open to them only there).
 */
export async function loadProgramViews(
  db: Queryable,
  rows: ProgramRow[],
  permissions: (
    program: ProgramRow,
    cohortRows: CohortRow[],
    invitedCohortIds: ReadonlySet<string>,
  ) => ProgramPermissions,
  invitedEmail?: string,
): Promise<ProgramView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const inviteOnly = rows.filter((row) => row.enrolmentMode === 'invitation_only').map((row) => row.id);
  const invited =
    invitedEmail !== undefined && inviteOnly.length > 0
      ? await db
          .select({ programId: programInvitations.programId, cohortId: programInvitations.cohortId })
          .from(programInvitations)
          .where(
            and(
              inArray(programInvitations.programId, inviteOnly),
              sql`lower(${programInvitations.email}) = ${invitedEmail.toLowerCase()}`,
            ),
          )
      : [];
  const [cohortRows, applicationRows, relationshipRows] = await Promise.all([
    db
      .select()
      .from(cohorts)
      .where(inArray(cohorts.programId, ids))
      .orderBy(desc(cohorts.createdAt), desc(cohorts.id)),
    db
      .select({ programId: applications.programId, count: sql<number>`count(*)::int` })
      .from(applications)
      .where(and(inArray(applications.programId, ids), ne(applications.status, 'withdrawn')))
      .groupBy(applications.programId),
    db
      .select({ programId: relationships.programId, count: sql<number>`count(*)::int` })
      .from(relationships)
      .where(inArray(relationships.programId, ids))
      .groupBy(relationships.programId),
  ]);
  return rows.map((program) => {
    const own = cohortRows.filter((cohort) => cohort.programId === program.id);
    return {
      program,
      cohorts: own,
      counts: {
        cohorts: own.length,
        applications: applicationRows.find((row) => row.programId === program.id)?.count ?? 0,
        relationships: relationshipRows.find((row) => row.programId === program.id)?.count ?? 0,
      },
      can: permissions(
        program,
        own,
        new Set(invited.filter((row) => row.programId === program.id).map((row) => row.cohortId)),
      ),
    };
  });
}

/** One program's view for the scope's viewer (`invitedEmail`: see loadProgramViews). */
export async function loadProgramView(
  db: Queryable,
  scope: ProgramScope,
  program: ProgramRow,
  invitedEmail?: string,
): Promise<ProgramView> {
  const [view] = await loadProgramViews(
    db,
    [program],
    (row, cohortRows, invitedCohortIds) => permissionsOf(scope, row, cohortRows, invitedCohortIds),
    invitedEmail,
  );
  return view;
}

/** The cohort the program is at (see currentCohortIndex), from cohorts newest first. */
export function currentCohort(cohortRows: CohortRow[]): CohortRow | null {
  const index = currentCohortIndex(cohortRows.map((cohort) => cohort.state));
  return index >= 0 ? cohortRows[index] : null;
}

/** The settings of a program row, as core validates them. */
export function settingsOf(program: ProgramRow): ProgramSettings {
  return {
    name: program.name,
    format: program.format,
    groupSize: program.groupSize,
    allowsCoMentors: program.allowsCoMentors,
    isEvergreen: program.isEvergreen,
    startsOn: program.startsOn,
    endsOn: program.endsOn,
    meetingCadence: program.meetingCadence,
    meetingLengthMinutes: program.meetingLengthMinutes,
    minimumMeetings: program.minimumMeetings,
    relationshipMonths: program.relationshipMonths,
    defaultMentorCapacity: program.defaultMentorCapacity,
    insideOutsideRule: program.insideOutsideRule,
    enrolmentMode: program.enrolmentMode,
    matchingMode: program.matchingMode,
    maxPendingRequests: program.maxPendingRequests,
    requestExpiryDays: program.requestExpiryDays,
    rankingsEnabled: program.rankingsEnabled,
    mentorsRank: program.mentorsRank,
    maxRankings: program.maxRankings,
    objectives: program.objectives,
  };
}

/** A cohort of the program, or NOT_FOUND. */
export async function requireCohort(
  db: Queryable,
  program: ProgramRow,
  cohortId: string,
): Promise<CohortRow> {
  const [cohort] = await db
    .select()
    .from(cohorts)
    .where(
      and(
        eq(cohorts.programId, program.id),
        eq(cohorts.organizationId, program.organizationId),
        eq(cohorts.id, cohortId),
      ),
    )
    .orderBy(asc(cohorts.id))
    .limit(1);
  if (!cohort) throw AppError.notFound('Cohort');
  return cohort;
}
