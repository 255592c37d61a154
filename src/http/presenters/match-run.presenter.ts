/** The only way match runs and relationships leave the server, with what the caller may do to them. */
import type { ScoredPair as ComparedPairRecord } from '../../core/matching-runs/draft.ts';
import type { MatchRunComparison } from '../../app/match-runs/compare-match-runs.ts';
import type { RelationshipView } from '../../app/relationships/find-relationships.ts';
import type {
  MatchRunDetailView,
  MatchRunView,
  NamedApplicant,
  StoredRunSettings,
  StoredRunSummary,
} from '../../app/match-runs/records.ts';
import type {
  CompareMatchRunsResponse,
  MatchRun,
  MatchRunDetail,
  MatchRunPair,
  MatchRunSettings,
  MatchRunSummary,
  Relationship,
} from '../../contracts/match-runs.ts';
import type { MatchObjective } from '../../core/matching/index.ts';

function person(applicants: Map<string, NamedApplicant>, applicationId: string) {
  const found = applicants.get(applicationId);
  return { applicationId, userId: found?.userId ?? '', name: found?.name ?? 'Unknown applicant' };
}

function presentSettings(stored: StoredRunSettings): MatchRunSettings {
  return {
    objective: stored.objective as MatchObjective,
    minScore: stored.minScore,
    weights: stored.weights,
    constraints: stored.constraints,
    pinned: stored.pinned,
    excluded: stored.excluded,
    referenceDate: stored.referenceDate,
  };
}

function presentSummary(stored: StoredRunSummary): MatchRunSummary {
  return {
    menteeCount: stored.menteeCount,
    mentorCount: stored.mentorCount,
    matchedMentees: stored.matchedMentees,
    coverage: stored.coverage,
    pairCount: stored.pairCount,
    totalScore: stored.totalScore,
    meanScore: Math.round(stored.meanScore * 10) / 10,
    minScore: stored.minScore,
    distribution: stored.distribution,
    circleCount: stored.circleCount ?? null,
    isProvenOptimal: stored.isProvenOptimal ?? null,
    blockingPairs: stored.blockingPairs ?? null,
    isEdited: stored.isEdited ?? false,
    timings: stored.timings ?? {},
    warnings: stored.warnings ?? [],
  };
}

/** A run as lists show it; `can` says whether the caller may still edit, publish or discard it. */
export function presentMatchRun(view: MatchRunView): MatchRun {
  const { run } = view;
  const isDraft = run.status === 'draft';
  return {
    id: run.id,
    programId: run.programId,
    cohortId: run.cohortId,
    cohortName: view.cohortName,
    status: run.status,
    objective: run.objective as MatchObjective,
    isIncremental: run.isIncremental,
    settings: presentSettings(run.settings as unknown as StoredRunSettings),
    summary: presentSummary(run.summary as unknown as StoredRunSummary),
    engineVersion: run.engineVersion,
    createdBy: view.createdBy,
    createdAt: run.createdAt.toISOString(),
    publishedBy: view.publishedBy,
    publishedAt: run.publishedAt?.toISOString() ?? null,
    can: {
      edit: isDraft && view.canManage,
      publish: isDraft && view.canManage,
      discard: isDraft && view.canManage,
    },
  };
}

/** A run with its pairs (names, scores, reasons), unmatched mentees and audit trail. */
export function presentMatchRunDetail(view: MatchRunDetailView): MatchRunDetail {
  const pairs: MatchRunPair[] = view.pairs.map((pair) => ({
    id: pair.id,
    mentee: person(view.applicants, pair.menteeApplicationId),
    mentor: person(view.applicants, pair.mentorApplicationId),
    circle: pair.circle,
    score: pair.score,
    reasons: pair.reasons as MatchRunPair['reasons'],
    origin: pair.origin as MatchRunPair['origin'],
    brokenConstraints: pair.brokenConstraints as MatchRunPair['brokenConstraints'],
    overrideReason: pair.overrideReason,
  }));
  return {
    ...presentMatchRun(view),
    pairs,
    unmatched: view.unmatched.map((entry) => ({
      mentee: person(view.applicants, entry.menteeApplicationId),
      reason: entry.reason,
      detail: entry.detail,
    })),
    events: view.events.map((event) => ({
      id: event.id,
      action: event.action,
      actorName: event.actorName,
      details: event.details,
      createdAt: event.createdAt.toISOString(),
    })),
  };
}

/** Two runs compared: the pairs that differ, with names, and the deltas. */
export function presentComparison(comparison: MatchRunComparison): CompareMatchRunsResponse {
  const named = (pair: ComparedPairRecord) => ({
    mentee: person(comparison.applicants, pair.menteeId),
    mentor: person(comparison.applicants, pair.mentorId),
    score: pair.score,
  });
  return {
    first: presentMatchRun(comparison.first),
    second: presentMatchRun(comparison.second),
    same: comparison.same.length,
    onlyInFirst: comparison.onlyInFirst.map(named),
    onlyInSecond: comparison.onlyInSecond.map(named),
    changedMentees: comparison.changedMentees.length,
    delta: comparison.delta,
  };
}

/** A relationship with its participants' names and the caller's own side. */
export function presentRelationship(view: RelationshipView): Relationship {
  return { ...view, startedAt: view.startedAt.toISOString() };
}
