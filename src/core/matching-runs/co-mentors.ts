/**
 * Co-mentors for a group program's circles (issue 7: "one mentor (or two co-mentors) with several
 * mentees"). The engine fills each circle with one mentor; this places a second mentor in a circle from
 * the mentors who lead none, judged by the engine's own scoring and hard constraints: a co-mentor breaks
 * no hard constraint with any of the circle's mentees and has a seat for each of them, and among those
 * the one with the best total score against the circle's mentees is chosen. Pure.
 */
import {
  createConstraintIndex,
  exclusionReasons,
  type ExclusionCode,
} from '../matching/constraints/constraints.ts';
import type { MatchingSettings, MenteeProfile, MentorProfile } from '../matching/profile.ts';
import { preparePool } from '../matching/scoring/prepare.ts';
import { createScorer, explainPairScore, type ScoreExplanation } from '../matching/scoring/score.ts';

/** A circle as the engine filled it: its number, the mentor leading it, and its mentees. */
export interface Circle {
  circle: number;
  mentorId: string;
  menteeIds: readonly string[];
}

/** A co-mentor placed in a circle, with a scored pair for each of the circle's mentees. */
export interface CoMentorPlacement {
  circle: number;
  mentorId: string;
  totalScore: number;
  pairs: Array<{ menteeId: string; mentorId: string; score: number; explanation: ScoreExplanation }>;
}

export interface CoMentorInput {
  mentees: readonly MenteeProfile[];
  mentors: readonly MentorProfile[];
  settings: MatchingSettings;
}

/**
 * Seat codes are about the pair alone in an empty pool (the lead mentor already takes the mentee's one
 * wanted seat); the co-mentor's seats are checked against the whole circle instead.
 */
const SEAT_CODES: ReadonlySet<ExclusionCode> = new Set(['mentor-no-open-seats', 'mentee-needs-no-mentor']);

/**
 * A co-mentor for as many `circles` as can have one: every pairing of a circle with a mentor who leads
 * no circle is considered when that mentor breaks no hard constraint with any of its mentees and has
 * open seats for all of them (capacity less seats used elsewhere); the best totals are taken first,
 * each mentor and each circle at most once (ties: lower circle number, then mentor id). A circle with no
 * such mentor keeps its one mentor. Greedy by total, not a proven optimum over all circles.
 */
export function placeCoMentors(input: CoMentorInput, circles: readonly Circle[]): CoMentorPlacement[] {
  const leading = new Set(circles.map((circle) => circle.mentorId));
  const candidates = input.mentors.filter((mentor) => !leading.has(mentor.id));
  const menteeIds = new Set(circles.flatMap((circle) => circle.menteeIds));
  const mentees = input.mentees.filter((mentee) => menteeIds.has(mentee.id));
  if (candidates.length === 0 || mentees.length === 0) return [];

  const pool = preparePool(mentees, candidates, input.settings);
  const index = createConstraintIndex(pool);
  const scorer = createScorer(pool);
  const menteeIndex = new Map(mentees.map((mentee, i) => [mentee.id, i]));

  const options: CoMentorPlacement[] = [];
  for (const circle of circles) {
    const rows = circle.menteeIds.map((id) => {
      const i = menteeIndex.get(id);
      if (i === undefined) throw new Error(`No mentee ${id} in the run's input`);
      return i;
    });
    if (rows.length === 0) continue;
    candidates.forEach((mentor, j) => {
      if (mentor.capacity - mentor.seatsUsedElsewhere < rows.length) return;
      const isAllowed = rows.every((i) =>
        exclusionReasons(index, i, j).every((reason) => SEAT_CODES.has(reason.code)),
      );
      if (!isAllowed) return;
      const pairs = rows.map((i) => {
        const explanation = explainPairScore(scorer, i, j);
        return { menteeId: mentees[i].id, mentorId: mentor.id, score: explanation.score, explanation };
      });
      options.push({
        circle: circle.circle,
        mentorId: mentor.id,
        totalScore: pairs.reduce((sum, pair) => sum + pair.score, 0),
        pairs,
      });
    });
  }

  options.sort(
    (a, b) =>
      b.totalScore - a.totalScore ||
      a.circle - b.circle ||
      (a.mentorId < b.mentorId ? -1 : a.mentorId > b.mentorId ? 1 : 0),
  );
  const placed: CoMentorPlacement[] = [];
  const filledCircles = new Set<number>();
  const usedMentors = new Set<string>();
  for (const option of options) {
    if (filledCircles.has(option.circle) || usedMentors.has(option.mentorId)) continue;
    placed.push(option);
    filledCircles.add(option.circle);
    usedMentors.add(option.mentorId);
  }
  return placed.sort((a, b) => a.circle - b.circle);
}
