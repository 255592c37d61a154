import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { CreateMatchRunRequest } from '../../contracts/match-runs.ts';
import { AppError, isAppError } from '../../core/errors.ts';
import { matchProgram, type MatchProgramResult, type PairIds } from '../../core/matching/index.ts';
import { ENGINE_VERSION } from '../../core/matching-runs/draft.ts';
import { cohorts, matchRunEvents, matchRunPairs, matchRunUnmatched, matchRuns } from '../../db/schema.ts';
import type { AppContext, Queryable } from '../context.ts';
import { requireProgram, type ProgramRow } from '../programs/program-access.ts';
import { loadMatchInput, type CohortRow, type MatchInput } from './load-match-input.ts';
import type { InputSnapshot, MatchRunRow, StoredRunSettings, StoredRunSummary } from './records.ts';

export type CreateMatchRunInput = CreateMatchRunRequest & { programId: string };

/** Rows per INSERT when storing a large draft. */
const CHUNK = 500;

const toPairIds = (pairs: CreateMatchRunRequest['pinned']): PairIds[] =>
  (pairs ?? []).map((pair) => ({ menteeId: pair.menteeApplicationId, mentorId: pair.mentorApplicationId }));

/**
 * The cohort a run matches: the one named (it must belong to the program), or the program's newest
 * cohort in the matching state, or else its newest running one (an incremental run).
 */
export async function resolveCohort(
  db: Queryable,
  program: ProgramRow,
  cohortId: string | undefined,
): Promise<CohortRow> {
  if (cohortId) {
    const [cohort] = await db
      .select()
      .from(cohorts)
      .where(and(eq(cohorts.programId, program.id), eq(cohorts.id, cohortId)))
      .limit(1);
    if (!cohort) throw AppError.notFound('Cohort');
    return cohort;
  }
  const candidates = await db
    .select()
    .from(cohorts)
    .where(and(eq(cohorts.programId, program.id), inArray(cohorts.state, ['matching', 'running'])))
    .orderBy(desc(cohorts.createdAt));
  const cohort = candidates.find((c) => c.state === 'matching') ?? candidates[0];
  if (!cohort) {
    throw new AppError(
      'INVALID_STATE',
      `${program.name} has no cohort in the matching state (or running, for an incremental run); move a cohort to matching first`,
      { allowed: ['matching', 'running'] },
    );
  }
  return cohort;
}

/** Renames the engine's field paths (menteeId) to the request's (menteeApplicationId). */
function renameIssues(error: unknown): never {
  if (isAppError(error) && error.code === 'VALIDATION_FAILED' && error.details?.issues) {
    const issues = error.details.issues.map((issue) => ({
      ...issue,
      path: issue.path
        .replace(/\.menteeId$/, '.menteeApplicationId')
        .replace(/\.mentorId$/, '.mentorApplicationId'),
    }));
    throw new AppError('VALIDATION_FAILED', error.message, { ...error.details, issues });
  }
  throw error;
}

/** Runs the engine over loaded input; separate so that the benchmark can time it. */
export function solveMatchInput(input: MatchInput, isIncremental: boolean): MatchProgramResult {
  try {
    return matchProgram(
      {
        mentees: input.mentees,
        mentors: input.mentors,
        settings: input.settings,
        objective: input.objective,
        minScore: input.minScore,
        pinned: input.pinned,
        ...(isIncremental ? { incremental: { existingPairs: input.existingPairs } } : {}),
        ...(input.objective === 'stable' ? { rankings: input.rankings } : {}),
      },
      { clock: () => performance.now() },
    );
  } catch (error) {
    renameIssues(error);
  }
}

/** Circle numbers of a group program: one circle per mentor, numbered in the order of the pairs. */
function circlesOf(result: MatchProgramResult, isGroup: boolean): Map<string, number> {
  const circles = new Map<string, number>();
  if (!isGroup) return circles;
  const mentors = [...new Set(result.pairs.map((pair) => pair.mentorId))].sort();
  mentors.forEach((mentorId, index) => circles.set(mentorId, index + 1));
  return circles;
}

/** Stores the engine's result as a draft, every row in the caller's transaction. */
export async function storeDraft(
  tx: AppContext,
  args: {
    program: ProgramRow;
    cohort: CohortRow;
    input: MatchInput;
    result: MatchProgramResult;
    isIncremental: boolean;
    loadMs: number;
    actorUserId: string | null;
  },
): Promise<MatchRunRow> {
  const started = performance.now();
  const { program, cohort, input, result } = args;
  const now = tx.clock.now();
  const runId = randomUUID();
  const circles = circlesOf(result, program.format === 'group');
  const snapshot: InputSnapshot = {
    mentees: input.mentees,
    mentors: input.mentors,
    existingPairs: input.existingPairs,
    rankings: input.rankings,
  };
  const constraints = input.settings.constraints;
  const settings: StoredRunSettings = {
    objective: input.objective,
    minScore: input.minScore,
    weights: { ...input.settings.scoring.weights },
    constraints: {
      organizationRule: constraints.organizationRule,
      jurisdictionRule: constraints.jurisdictionRule,
      minSeniorityGapYears: constraints.minSeniorityGapYears,
      maxTimeZoneDifferenceHours: constraints.maxTimeZoneDifferenceHours,
      allowedMentorStatuses: [...constraints.allowedMentorStatuses],
    },
    pinned: input.pinned.map((p) => ({ menteeApplicationId: p.menteeId, mentorApplicationId: p.mentorId })),
    excluded: input.excluded.map((p) => ({
      menteeApplicationId: p.menteeId,
      mentorApplicationId: p.mentorId,
    })),
    referenceDate: input.settings.referenceDate.toISOString(),
    engine: { ...input.settings, referenceDate: input.settings.referenceDate.toISOString() },
  };
  const s = result.summary;
  const summary: StoredRunSummary = {
    menteeCount: s.menteeCount,
    mentorCount: s.mentorCount,
    matchedMentees: s.matchedMentees,
    coverage: s.coverage,
    pairCount: s.pairCount,
    totalScore: s.totalScore,
    meanScore: s.meanScore,
    minScore: s.minScore,
    distribution: s.distribution,
    circleCount: program.format === 'group' ? circles.size : null,
    isProvenOptimal: s.isProvenOptimal ?? null,
    blockingPairs: s.blockingPairs ?? null,
    isEdited: false,
    timings: {
      loadMs: args.loadMs,
      ...(result.timings ? { ...result.timings } : {}),
    },
    warnings: result.warnings.map((warning) => warning.message),
  };
  const [run] = await tx.db
    .insert(matchRuns)
    .values({
      id: runId,
      organizationId: program.organizationId,
      programId: program.id,
      cohortId: cohort.id,
      status: 'draft',
      objective: input.objective,
      settings: settings as unknown as Record<string, unknown>,
      inputSnapshot: snapshot as unknown as Record<string, unknown>,
      summary: summary as unknown as Record<string, unknown>,
      engineVersion: ENGINE_VERSION,
      isIncremental: args.isIncremental,
      createdByUserId: args.actorUserId,
      createdAt: now,
    })
    .returning();
  const pairRows = result.pairs.map((pair) => ({
    id: randomUUID(),
    organizationId: program.organizationId,
    runId,
    menteeApplicationId: pair.menteeId,
    mentorApplicationId: pair.mentorId,
    circle: circles.get(pair.mentorId) ?? null,
    score: pair.score,
    reasons: pair.explanation.contributions,
    origin: pair.origin,
    createdAt: now,
  }));
  for (let k = 0; k < pairRows.length; k += CHUNK) {
    await tx.db.insert(matchRunPairs).values(pairRows.slice(k, k + CHUNK));
  }
  const unmatchedRows = result.unmatched.map((entry) => ({
    organizationId: program.organizationId,
    runId,
    menteeApplicationId: entry.menteeId,
    reason: entry.reason,
    detail: entry.message,
  }));
  for (let k = 0; k < unmatchedRows.length; k += CHUNK) {
    await tx.db.insert(matchRunUnmatched).values(unmatchedRows.slice(k, k + CHUNK));
  }
  await tx.db.insert(matchRunEvents).values({
    id: randomUUID(),
    organizationId: program.organizationId,
    runId,
    actorUserId: args.actorUserId,
    action: 'created',
    details: {
      objective: input.objective,
      isIncremental: args.isIncremental,
      pairCount: s.pairCount,
      coverage: s.coverage,
    },
    createdAt: now,
  });
  // The store phase's own time goes into the summary too (same transaction).
  summary.timings.storeMs = performance.now() - started;
  const [stored] = await tx.db
    .update(matchRuns)
    .set({ summary: summary as unknown as Record<string, unknown> })
    .where(eq(matchRuns.id, runId))
    .returning();
  return stored ?? run;
}

/**
 * Runs the engine over a cohort's approved applications with the coordinator's weights, constraints,
 * objective, minimum score, pins and exclusions, and stores the result as a draft (one transaction).
 * The cohort must be matching, or running for an incremental run that keeps its relationships.
 */
export async function createMatchRun(ctx: AppContext, input: CreateMatchRunInput): Promise<MatchRunRow> {
  const scope = await requireProgram(ctx, input.programId, { manage: true });
  const program = scope.program;
  const cohort = await resolveCohort(ctx.db, program, input.cohortId);
  if (cohort.state !== 'matching' && cohort.state !== 'running') {
    throw new AppError(
      'INVALID_STATE',
      `Cohort ${cohort.name} is ${cohort.state}; a match run needs it in matching (or running, for an incremental run)`,
      { state: cohort.state, allowed: ['matching', 'running'] },
    );
  }
  const isIncremental = cohort.state === 'running';
  const loadStarted = performance.now();
  const loaded = await loadMatchInput(
    ctx.db,
    program,
    cohort,
    {
      ...(input.objective ? { objective: input.objective } : {}),
      ...(input.weights ? { weights: input.weights } : {}),
      ...(input.constraints ? { constraints: input.constraints } : {}),
      ...(input.minScore === undefined ? {} : { minScore: input.minScore }),
      pinned: toPairIds(input.pinned),
      excluded: toPairIds(input.excluded),
    },
    { referenceDate: ctx.clock.now(), isIncremental },
  );
  const loadMs = performance.now() - loadStarted;
  const result = solveMatchInput(loaded, isIncremental);
  return ctx.transaction((tx) =>
    storeDraft(tx, {
      program,
      cohort,
      input: loaded,
      result,
      isIncremental,
      loadMs,
      actorUserId: ctx.actor?.userId ?? null,
    }),
  );
}
