import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { EditMatchRunRequest } from '../../contracts/match-runs.ts';
import { AppError, type FieldIssue } from '../../core/errors.ts';
import type { PairIds } from '../../core/matching/index.ts';
import { checkDraftPair, summarizeDraft } from '../../core/matching-runs/draft.ts';
import { matchRunEvents, matchRunPairs, matchRunUnmatched, matchRuns } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import {
  draftInputOf,
  requireDraft,
  requireMatchRun,
  viewMatchRunDetail,
  type MatchRunDetailView,
  type MatchRunPairRow,
  type StoredRunSummary,
} from './records.ts';

export type EditMatchRunInput = EditMatchRunRequest & { runId: string };

/** The verdict on one pair an edit makes. */
export interface EditCheck {
  menteeApplicationId: string;
  mentorApplicationId: string;
  score: number;
  reasons: unknown[];
  broken: Array<{ code: string; message: string }>;
}

export interface EditedMatchRun {
  isApplied: boolean;
  checks: EditCheck[];
  run: MatchRunDetailView;
}

const same = (a: PairIds, b: PairIds) => a.menteeId === b.menteeId && a.mentorId === b.mentorId;

/** What an edit takes away and adds, as pairs of application ids, with the paths its fields have. */
function planOf(input: EditMatchRunInput): { removed: PairIds[]; added: PairIds[]; paths: string[] } {
  switch (input.action) {
    case 'add':
      return {
        removed: [],
        added: [{ menteeId: input.menteeApplicationId, mentorId: input.mentorApplicationId }],
        paths: [''],
      };
    case 'remove':
      return {
        removed: [{ menteeId: input.menteeApplicationId, mentorId: input.mentorApplicationId }],
        added: [],
        paths: [''],
      };
    case 'replace':
      return {
        removed: [{ menteeId: input.menteeApplicationId, mentorId: input.mentorApplicationId }],
        added: [{ menteeId: input.menteeApplicationId, mentorId: input.newMentorApplicationId }],
        paths: [''],
      };
    case 'swap': {
      const { first, second } = input;
      return {
        removed: [
          { menteeId: first.menteeApplicationId, mentorId: first.mentorApplicationId },
          { menteeId: second.menteeApplicationId, mentorId: second.mentorApplicationId },
        ],
        added: [
          { menteeId: first.menteeApplicationId, mentorId: second.mentorApplicationId },
          { menteeId: second.menteeApplicationId, mentorId: first.mentorApplicationId },
        ],
        paths: ['first.', 'second.'],
      };
    }
  }
}

/**
 * Adds, removes, replaces or swaps pairs of a draft run. Each new pair is scored and checked against
 * every hard constraint with the draft's other pairs taking their seats; a break is refused (CONFLICT,
 * naming `overrideReason`) unless the coordinator gives a reason, which is stored on the pair and in the
 * audit trail. A preview answers with the checks and changes nothing.
 */
export async function editMatchRun(ctx: AppContext, input: EditMatchRunInput): Promise<EditedMatchRun> {
  return ctx.transaction(async (tx) => {
    const { run, scope } = await requireMatchRun(tx, input.runId, { forUpdate: true });
    requireDraft(run);
    const draft = draftInputOf(run);
    const { removed, added, paths } = planOf(input);

    const issues: FieldIssue[] = [];
    const menteeIds = new Set(draft.mentees.map((m) => m.id));
    const mentorIds = new Set(draft.mentors.map((m) => m.id));
    if (input.action === 'swap') {
      (['first', 'second'] as const).forEach((side) => {
        if (!menteeIds.has(input[side].menteeApplicationId))
          issues.push({ path: `${side}.menteeApplicationId`, message: 'is not a mentee of this run' });
        if (!mentorIds.has(input[side].mentorApplicationId))
          issues.push({ path: `${side}.mentorApplicationId`, message: 'is not a mentor of this run' });
      });
    } else {
      if (!menteeIds.has(input.menteeApplicationId))
        issues.push({ path: 'menteeApplicationId', message: 'is not a mentee of this run' });
      if (!mentorIds.has(input.mentorApplicationId))
        issues.push({ path: 'mentorApplicationId', message: 'is not a mentor of this run' });
      if (input.action === 'replace' && !mentorIds.has(input.newMentorApplicationId))
        issues.push({ path: 'newMentorApplicationId', message: 'is not a mentor of this run' });
    }
    if (issues.length > 0) throw AppError.validation(issues);

    const current = await tx.db.select().from(matchRunPairs).where(eq(matchRunPairs.runId, run.id));
    const asIds = (row: MatchRunPairRow): PairIds => ({
      menteeId: row.menteeApplicationId,
      mentorId: row.mentorApplicationId,
    });
    const removedRows: MatchRunPairRow[] = [];
    removed.forEach((pair, k) => {
      const row = current.find((candidate) => same(asIds(candidate), pair));
      if (!row) {
        throw new AppError('NOT_FOUND', `This run has no pair ${pair.menteeId}–${pair.mentorId}`, {
          issues: [{ path: `${paths[k] ?? ''}mentorApplicationId`, message: 'no such pair in this run' }],
        });
      }
      if (row.origin === 'existing') {
        throw new AppError(
          'INVALID_STATE',
          'This pair is a published relationship that an incremental run keeps; end the relationship instead',
        );
      }
      removedRows.push(row);
    });
    const remaining = current.filter((row) => !removedRows.includes(row)).map(asIds);
    for (const pair of added) {
      if (remaining.some((other) => same(other, pair))) {
        throw new AppError('CONFLICT', `The run already pairs ${pair.menteeId} with ${pair.mentorId}`);
      }
    }

    const checks: EditCheck[] = added.map((pair) => {
      const others = [...remaining, ...added.filter((other) => !same(other, pair))];
      const check = checkDraftPair(draft, others, pair);
      return {
        menteeApplicationId: pair.menteeId,
        mentorApplicationId: pair.mentorId,
        score: check.score,
        reasons: check.explanation.contributions,
        broken: check.broken,
      };
    });
    const isBreaking = checks.some((check) => check.broken.length > 0);
    const overrideReason = 'overrideReason' in input ? input.overrideReason : undefined;
    if (input.preview) {
      return { isApplied: false, checks, run: await viewMatchRunDetail(tx.db, run, scope.canManage) };
    }
    if (isBreaking && !overrideReason) {
      const broken = checks.flatMap((check) => check.broken.map((reason) => reason.message));
      throw new AppError(
        'CONFLICT',
        `This edit breaks ${broken.length === 1 ? 'a hard constraint' : `${broken.length} hard constraints`}: ${broken.join(' ')} Give an override reason to make it anyway.`,
        {
          issues: [{ path: 'overrideReason', message: 'is required to break a hard constraint' }],
          checks,
        },
      );
    }

    const now = tx.clock.now();
    const actorUserId = tx.actor?.userId ?? null;
    if (removedRows.length > 0) {
      await tx.db.delete(matchRunPairs).where(
        inArray(
          matchRunPairs.id,
          removedRows.map((row) => row.id),
        ),
      );
    }
    const isGroup = current.some((row) => row.circle !== null) || scope.program.format === 'group';
    const circleOfMentor = new Map<string, number>();
    for (const row of current) {
      if (row.circle !== null && !removedRows.includes(row))
        circleOfMentor.set(row.mentorApplicationId, row.circle);
    }
    let nextCircle = Math.max(0, ...current.map((row) => row.circle ?? 0)) + 1;
    if (added.length > 0) {
      await tx.db.insert(matchRunPairs).values(
        checks.map((check) => {
          let circle: number | null = null;
          if (isGroup) {
            circle = circleOfMentor.get(check.mentorApplicationId) ?? nextCircle++;
            circleOfMentor.set(check.mentorApplicationId, circle);
          }
          return {
            id: randomUUID(),
            organizationId: run.organizationId,
            runId: run.id,
            menteeApplicationId: check.menteeApplicationId,
            mentorApplicationId: check.mentorApplicationId,
            circle,
            score: check.score,
            reasons: check.reasons,
            origin: 'edited',
            brokenConstraints: check.broken,
            overrideReason: check.broken.length > 0 ? (overrideReason ?? null) : null,
            editedByUserId: actorUserId,
            createdAt: now,
          };
        }),
      );
    }

    // Who is matched now: mentees of new pairs leave the unmatched list, mentees left without a pair join it.
    const after = [...remaining, ...added];
    const matched = new Set(after.map((pair) => pair.menteeId));
    const nowMatched = [...new Set(added.map((pair) => pair.menteeId))];
    if (nowMatched.length > 0) {
      await tx.db
        .delete(matchRunUnmatched)
        .where(
          and(
            eq(matchRunUnmatched.runId, run.id),
            inArray(matchRunUnmatched.menteeApplicationId, nowMatched),
          ),
        );
    }
    const nowUnmatched = [...new Set(removed.map((pair) => pair.menteeId))].filter((id) => !matched.has(id));
    if (nowUnmatched.length > 0) {
      await tx.db
        .insert(matchRunUnmatched)
        .values(
          nowUnmatched.map((menteeApplicationId) => ({
            organizationId: run.organizationId,
            runId: run.id,
            menteeApplicationId,
            reason: 'removed',
            detail: `Removed from their pair by ${tx.actor?.name ?? 'a coordinator'}.`,
          })),
        )
        .onConflictDoNothing();
    }

    const scores = new Map(
      current.map((row) => [`${row.menteeApplicationId}|${row.mentorApplicationId}`, row.score]),
    );
    for (const check of checks)
      scores.set(`${check.menteeApplicationId}|${check.mentorApplicationId}`, check.score);
    const stored = run.summary as unknown as StoredRunSummary;
    const recomputed = summarizeDraft(
      after.map((pair) => ({ ...pair, score: scores.get(`${pair.menteeId}|${pair.mentorId}`) ?? 0 })),
      stored.menteeCount,
    );
    const summary: StoredRunSummary = {
      ...stored,
      ...recomputed,
      circleCount: isGroup ? new Set(after.map((pair) => pair.mentorId)).size : stored.circleCount,
      isEdited: true,
    };
    const [updated] = await tx.db
      .update(matchRuns)
      .set({ summary: summary as unknown as Record<string, unknown> })
      .where(eq(matchRuns.id, run.id))
      .returning();

    const action = {
      add: 'pair_added',
      remove: 'pair_removed',
      replace: 'pair_replaced',
      swap: 'pair_swapped',
    }[input.action];
    await tx.db.insert(matchRunEvents).values({
      id: randomUUID(),
      organizationId: run.organizationId,
      runId: run.id,
      actorUserId,
      action: isBreaking ? 'override' : action,
      details: {
        edit: input.action,
        removed: removed.map((p) => ({ menteeApplicationId: p.menteeId, mentorApplicationId: p.mentorId })),
        added: checks.map((check) => ({
          menteeApplicationId: check.menteeApplicationId,
          mentorApplicationId: check.mentorApplicationId,
          score: check.score,
          broken: check.broken,
        })),
        ...(isBreaking ? { overrideReason } : {}),
      },
      createdAt: now,
    });
    return { isApplied: true, checks, run: await viewMatchRunDetail(tx.db, updated, scope.canManage) };
  });
}
