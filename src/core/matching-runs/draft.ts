/**
 * What a coordinator does to a stored draft run before publishing it: check an edited pair (its score,
 * its explanation, every hard constraint it breaks with seats counted from the rest of the draft),
 * recompute the draft's summary after edits, and compare two runs side by side. Pure: the engine's
 * scoring and constraint code decide, so an edit is judged exactly like a solver's pair.
 */
import { explainExclusion, type ExclusionReason } from '../matching/constraints/constraints.ts';
import type { MatchingSettings, MenteeProfile, MentorProfile, PairIds } from '../matching/profile.ts';
import { explainScore, type ScoreExplanation } from '../matching/scoring/score.ts';

/** Bumped when a change to the engine could change a run's result; stored with every run. */
export const ENGINE_VERSION = 'second-chair-matching/1';

/** The verdict on one pair of a draft. */
export interface DraftPairCheck {
  score: number;
  explanation: ScoreExplanation;
  /** Every hard constraint the pair breaks (seats counted against the draft's other pairs); [] if none. */
  broken: ExclusionReason[];
}

export interface DraftInput {
  mentees: readonly MenteeProfile[];
  mentors: readonly MentorProfile[];
  settings: MatchingSettings;
}

function lookup<T extends { id: string }>(people: readonly T[], id: string, what: string): T {
  const person = people.find((candidate) => candidate.id === id);
  if (!person) throw new Error(`No ${what} ${id} in the run's input`);
  return person;
}

/**
 * Scores `pair` and lists every hard constraint it breaks when the draft also holds `otherPairs`
 * (their seats count against the mentor's capacity and the mentee's wanted mentors).
 */
export function checkDraftPair(
  input: DraftInput,
  otherPairs: readonly PairIds[],
  pair: PairIds,
): DraftPairCheck {
  const mentee = lookup(input.mentees, pair.menteeId, 'mentee');
  const mentor = lookup(input.mentors, pair.mentorId, 'mentor');
  let mentorSeats = 0;
  let menteeSeats = 0;
  for (const other of otherPairs) {
    if (other.menteeId === pair.menteeId && other.mentorId === pair.mentorId) continue;
    if (other.mentorId === pair.mentorId) mentorSeats += 1;
    if (other.menteeId === pair.menteeId) menteeSeats += 1;
  }
  const seatedMentor: MentorProfile = {
    ...mentor,
    seatsUsedElsewhere: mentor.seatsUsedElsewhere + mentorSeats,
  };
  const seatedMentee: MenteeProfile = {
    ...mentee,
    wantedMentors: Math.max(0, mentee.wantedMentors - menteeSeats),
  };
  const explanation = explainScore(mentee, mentor, input.settings);
  return {
    score: explanation.score,
    explanation,
    broken: explainExclusion(seatedMentee, seatedMentor, input.settings),
  };
}

/** A pair as runs are compared: who with whom, and how well. */
export interface ScoredPair extends PairIds {
  score: number;
}

export interface DraftSummary {
  menteeCount: number;
  matchedMentees: number;
  coverage: number;
  pairCount: number;
  totalScore: number;
  meanScore: number;
  minScore: number | null;
  /** Pair counts by score band: 0–99, 100–199, …, 900–1000. */
  distribution: number[];
}

/** The summary of a draft's pairs over `menteeCount` mentees who want a mentor (after edits, too). */
export function summarizeDraft(pairs: readonly ScoredPair[], menteeCount: number): DraftSummary {
  const matched = new Set(pairs.map((pair) => pair.menteeId)).size;
  const totalScore = pairs.reduce((sum, pair) => sum + pair.score, 0);
  const distribution = Array.from({ length: 10 }, () => 0);
  for (const pair of pairs) distribution[Math.min(9, Math.floor(pair.score / 100))] += 1;
  return {
    menteeCount,
    matchedMentees: matched,
    coverage: menteeCount === 0 ? 1 : matched / menteeCount,
    pairCount: pairs.length,
    totalScore,
    meanScore: pairs.length === 0 ? 0 : totalScore / pairs.length,
    minScore: pairs.length === 0 ? null : Math.min(...pairs.map((pair) => pair.score)),
    distribution,
  };
}

export interface RunComparison {
  /** Pairs both runs make. */
  same: ScoredPair[];
  /** Pairs only the first run makes. */
  onlyInFirst: ScoredPair[];
  /** Pairs only the second run makes. */
  onlyInSecond: ScoredPair[];
  /** Mentees whose mentors differ between the runs (matched in one and not the other included). */
  changedMentees: string[];
  /** Second minus first. */
  delta: {
    coverage: number;
    meanScore: number;
    minScore: number | null;
    totalScore: number;
    pairCount: number;
  };
}

const keyOf = (pair: PairIds) => `${pair.menteeId}\u0000${pair.mentorId}`;

/** Compares two runs over the same cohort: which pairs differ, and the score and coverage deltas. */
export function compareRuns(
  first: { pairs: readonly ScoredPair[]; summary: DraftSummary },
  second: { pairs: readonly ScoredPair[]; summary: DraftSummary },
): RunComparison {
  const secondKeys = new Map(second.pairs.map((pair) => [keyOf(pair), pair]));
  const firstKeys = new Set(first.pairs.map(keyOf));
  const same = first.pairs.filter((pair) => secondKeys.has(keyOf(pair)));
  const onlyInFirst = first.pairs.filter((pair) => !secondKeys.has(keyOf(pair)));
  const onlyInSecond = second.pairs.filter((pair) => !firstKeys.has(keyOf(pair)));
  const changedMentees = [...new Set([...onlyInFirst, ...onlyInSecond].map((pair) => pair.menteeId))].sort();
  const a = first.summary;
  const b = second.summary;
  return {
    same,
    onlyInFirst,
    onlyInSecond,
    changedMentees,
    delta: {
      coverage: b.coverage - a.coverage,
      meanScore: b.meanScore - a.meanScore,
      minScore: a.minScore === null || b.minScore === null ? null : b.minScore - a.minScore,
      totalScore: b.totalScore - a.totalScore,
      pairCount: b.pairCount - a.pairCount,
    },
  };
}
