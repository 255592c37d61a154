/**
 * What the match-run use cases share: finding a run through the program scope (another organization's
 * run reads as missing), reading a run with its pairs, unmatched mentees and audit trail, and turning the
 * stored snapshot back into the engine's input for edits.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import type { MatchingSettings, MenteeProfile, MentorProfile, PairIds } from '../../core/matching/index.ts';
import type { DraftInput, DraftSummary } from '../../core/matching-runs/draft.ts';
import {
  applications,
  cohorts,
  matchRunEvents,
  matchRunPairs,
  matchRunUnmatched,
  matchRuns,
  users,
} from '../../db/schema.ts';
import { requireActor } from '../access.ts';
import type { AppContext, Queryable } from '../context.ts';
import { requireProgram, type ProgramScope } from '../programs/program-access.ts';

export type MatchRunRow = typeof matchRuns.$inferSelect;
export type MatchRunPairRow = typeof matchRunPairs.$inferSelect;
export type MatchRunUnmatchedRow = typeof matchRunUnmatched.$inferSelect;
export type MatchRunEventRow = typeof matchRunEvents.$inferSelect;

/** Someone named in a run: an application and its applicant. */
export interface NamedApplicant {
  applicationId: string;
  userId: string;
  name: string;
}

/** A run as the list shows it. */
export interface MatchRunView {
  run: MatchRunRow;
  cohortName: string;
  createdBy: string | null;
  publishedBy: string | null;
  canManage: boolean;
}

/** A run with everything in it. */
export interface MatchRunDetailView extends MatchRunView {
  pairs: MatchRunPairRow[];
  unmatched: MatchRunUnmatchedRow[];
  events: Array<MatchRunEventRow & { actorName: string | null }>;
  applicants: Map<string, NamedApplicant>;
}

/** The engine's input as stored with the run (`match_runs.input_snapshot`). */
export interface InputSnapshot {
  mentees: MenteeProfile[];
  mentors: MentorProfile[];
  existingPairs: PairIds[];
  rankings: { mentees: Record<string, string[]>; mentors: Record<string, string[]> };
}

/** The settings as stored with the run (`match_runs.settings`): what the coordinator saw, and the engine's. */
export interface StoredRunSettings {
  objective: string;
  minScore: number;
  weights: Record<string, number>;
  constraints: {
    organizationRule: string;
    jurisdictionRule: string;
    minSeniorityGapYears: number | null;
    maxTimeZoneDifferenceHours: number | null;
    allowedMentorStatuses: string[];
  };
  pinned: Array<{ menteeApplicationId: string; mentorApplicationId: string }>;
  excluded: Array<{ menteeApplicationId: string; mentorApplicationId: string }>;
  referenceDate: string;
  /** The full engine settings (with the reference date as ISO text). */
  engine: Omit<MatchingSettings, 'referenceDate'> & { referenceDate: string };
}

/** What `match_runs.summary` holds. */
export interface StoredRunSummary extends DraftSummary {
  mentorCount: number;
  circleCount: number | null;
  isProvenOptimal: boolean | null;
  blockingPairs: number | null;
  isEdited: boolean;
  timings: Record<string, number>;
  warnings: string[];
}

/**
 * The run `runId` and the actor's standing in its program: NOT_FOUND for a missing run or another
 * organization's, FORBIDDEN for a member who may not manage the program (`manage`, the default).
 */
export async function requireMatchRun(
  ctx: AppContext,
  runId: string,
  options: { manage?: boolean; forUpdate?: boolean } = {},
): Promise<{ run: MatchRunRow; scope: ProgramScope }> {
  requireActor(ctx);
  const query = ctx.db.select().from(matchRuns).where(eq(matchRuns.id, runId)).limit(1);
  const [run] = options.forUpdate ? await query.for('update') : await query;
  if (!run) throw AppError.notFound('Match run');
  let scope: ProgramScope;
  try {
    scope = await requireProgram(ctx, run.programId, { manage: options.manage ?? true });
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw AppError.notFound('Match run');
    throw error;
  }
  return { run, scope };
}

/** Refuses any change to a run that is not a draft: published runs are immutable, discarded ones dead. */
export function requireDraft(run: MatchRunRow): void {
  if (run.status !== 'draft') {
    throw new AppError(
      'INVALID_STATE',
      `This match run is ${run.status}; only a draft can be changed (published runs are immutable)`,
      { status: run.status, allowed: ['draft'] },
    );
  }
}

async function namesOf(db: Queryable, userIds: Array<string | null>): Promise<Map<string, string>> {
  const ids = [...new Set(userIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Runs as lists show them: cohort name, who ran and who published. */
export async function viewMatchRuns(
  db: Queryable,
  runs: MatchRunRow[],
  canManage: boolean,
): Promise<MatchRunView[]> {
  if (runs.length === 0) return [];
  const cohortIds = [...new Set(runs.map((run) => run.cohortId))];
  const cohortRows = await db
    .select({ id: cohorts.id, name: cohorts.name })
    .from(cohorts)
    .where(inArray(cohorts.id, cohortIds));
  const cohortNames = new Map(cohortRows.map((row) => [row.id, row.name]));
  const names = await namesOf(
    db,
    runs.flatMap((run) => [run.createdByUserId, run.publishedByUserId]),
  );
  return runs.map((run) => ({
    run,
    cohortName: cohortNames.get(run.cohortId) ?? '',
    createdBy: run.createdByUserId ? (names.get(run.createdByUserId) ?? null) : null,
    publishedBy: run.publishedByUserId ? (names.get(run.publishedByUserId) ?? null) : null,
    canManage,
  }));
}

/** The applicants of a cohort by application id, with their names. */
export async function applicantsOf(
  db: Queryable,
  organizationId: string,
  cohortId: string,
): Promise<Map<string, NamedApplicant>> {
  const rows = await db
    .select({ applicationId: applications.id, userId: applications.userId, name: users.name })
    .from(applications)
    .innerJoin(users, eq(users.id, applications.userId))
    .where(and(eq(applications.organizationId, organizationId), eq(applications.cohortId, cohortId)));
  return new Map(rows.map((row) => [row.applicationId, row]));
}

/** A run with its pairs, unmatched mentees, audit trail and names. */
export async function viewMatchRunDetail(
  db: Queryable,
  run: MatchRunRow,
  canManage: boolean,
): Promise<MatchRunDetailView> {
  const [view] = await viewMatchRuns(db, [run], canManage);
  const pairs = await db
    .select()
    .from(matchRunPairs)
    .where(eq(matchRunPairs.runId, run.id))
    .orderBy(asc(matchRunPairs.circle), asc(matchRunPairs.menteeApplicationId));
  const unmatched = await db
    .select()
    .from(matchRunUnmatched)
    .where(eq(matchRunUnmatched.runId, run.id))
    .orderBy(asc(matchRunUnmatched.menteeApplicationId));
  const events = await db
    .select()
    .from(matchRunEvents)
    .where(eq(matchRunEvents.runId, run.id))
    .orderBy(asc(matchRunEvents.createdAt), asc(matchRunEvents.id));
  const actorNames = await namesOf(
    db,
    events.map((event) => event.actorUserId),
  );
  return {
    ...view,
    pairs,
    unmatched,
    events: events.map((event) => ({
      ...event,
      actorName: event.actorUserId ? (actorNames.get(event.actorUserId) ?? null) : null,
    })),
    applicants: await applicantsOf(db, run.organizationId, run.cohortId),
  };
}

/** The stored snapshot and settings as the engine's input again (for checking edits). */
export function draftInputOf(run: MatchRunRow): DraftInput {
  const snapshot = run.inputSnapshot as unknown as InputSnapshot;
  const settings = run.settings as unknown as StoredRunSettings;
  return {
    mentees: snapshot.mentees,
    mentors: snapshot.mentors,
    settings: { ...settings.engine, referenceDate: new Date(settings.engine.referenceDate) },
  };
}
