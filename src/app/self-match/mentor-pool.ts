/**
 * The mentors a mentee may look at, as the directory and the recommendations both need them: public
 * answers, seats across every program, the engine's score and reasons, and any hard constraint that
 * rules the pair out. Scored in one prepared pool (one mentee, every mentor of the cohort).
 */
import { and, eq, inArray } from 'drizzle-orm';
import {
  createConstraintIndex,
  createScorer,
  EXCLUSION_SUMMARIES,
  exclusionReasons,
  explainPairScore,
  preparePool,
  type ExclusionReason,
  type ScoreExplanation,
} from '../../core/matching/index.ts';
import {
  effectiveRequestStatus,
  publicAnswers,
  remainingRequests,
  remainingSeats,
  type PublicAnswers,
} from '../../core/self-match/index.ts';
import { matchRequests } from '../../db/schema.ts';
import type { Queryable } from '../context.ts';
import type { ProgramRow } from '../programs/program-access.ts';
import { countMentorSeats, listMatchedMentees, mentorCapacity } from '../relationships/mentor-seats.ts';
import {
  countOpenRequests,
  listApprovedMentors,
  menteeProfileOf,
  mentorEligibility,
  mentorProfileOf,
  selfMatchSettings,
  type OwnMenteeApplication,
} from './self-match-data.ts';

/** Where the mentee stands in the program. */
export interface SelfMatchStanding {
  cohortId: string;
  pendingRequests: number;
  maxPendingRequests: number;
  remainingRequests: number;
  hasMentor: boolean;
  requestExpiryDays: number;
}

/** One mentor as the mentee sees them. */
export interface PoolMentor {
  applicationId: string;
  userId: string;
  name: string;
  answers: PublicAnswers;
  capacity: number;
  remainingSeats: number;
  requestStatus: 'pending' | 'accepted' | null;
  /** Hard constraints other than full seats; empty when the pair is allowed. */
  exclusions: ExclusionReason[];
  unavailableReason: string | null;
  explanation: ScoreExplanation;
  canRequest: boolean;
}

export interface MentorPool {
  standing: SelfMatchStanding;
  mentors: PoolMentor[];
}

/**
 * The explanation a mentee reads. Affinity answers were given for matching, not for showing: a reason
 * such as "both are veterans" would tell the mentee the mentor's answer, so those reasons are left out
 * (their points stay in the score, which is the engine's).
 */
function withoutAffinity(explanation: ScoreExplanation): ScoreExplanation {
  return {
    ...explanation,
    contributions: explanation.contributions.filter((c) => !c.criterion.startsWith('affinity-')),
  };
}

/** Loads and scores every approved, eligible mentor of the mentee's cohort for that mentee. */
export async function loadMentorPool(
  db: Queryable,
  program: ProgramRow,
  own: OwnMenteeApplication,
  now: Date,
): Promise<MentorPool> {
  const mentee = own.application;
  const applicants = (await listApprovedMentors(db, own.cohort.id))
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.application.id.localeCompare(b.application.id))
    .filter(
      // Never your own mentor; and a mentor the program has not cleared is not listed at all.
      (row) => row.application.userId !== mentee.userId && mentorEligibility(row.application) === 'eligible',
    );
  const seats = await countMentorSeats(
    db,
    applicants.map((row) => row.application.userId),
  );
  const pending = await countOpenRequests(db, mentee.id, now);
  const hasMentor = (await listMatchedMentees(db, [mentee.id])).has(mentee.id);
  const standing: SelfMatchStanding = {
    cohortId: own.cohort.id,
    pendingRequests: pending,
    maxPendingRequests: program.maxPendingRequests,
    remainingRequests: remainingRequests(pending, program.maxPendingRequests),
    hasMentor,
    requestExpiryDays: program.requestExpiryDays,
  };
  const mine =
    applicants.length === 0
      ? []
      : await db
          .select()
          .from(matchRequests)
          .where(
            and(
              eq(matchRequests.menteeApplicationId, mentee.id),
              inArray(matchRequests.status, ['pending', 'accepted']),
            ),
          );
  const requestStatusByMentor = new Map<string, 'pending' | 'accepted'>();
  for (const request of mine) {
    const status = effectiveRequestStatus(request, now);
    if (status === 'pending' || status === 'accepted') {
      requestStatusByMentor.set(request.mentorApplicationId, status);
    }
  }

  const settings = selfMatchSettings(program, now);
  const menteeProfile = menteeProfileOf(mentee, now);
  const mentorProfiles = applicants.map((row) =>
    mentorProfileOf(row.application, program, seats.get(row.application.userId) ?? 0, now),
  );
  const pool = preparePool([menteeProfile], mentorProfiles, settings);
  const scorer = createScorer(pool);
  const index = createConstraintIndex(pool);

  const mentors = applicants.map((row, j): PoolMentor => {
    const application = row.application;
    const capacity = mentorCapacity(application, program);
    const open = remainingSeats(capacity, seats.get(application.userId) ?? 0);
    const exclusions = exclusionReasons(index, 0, j).filter(
      (reason) => reason.code !== 'mentor-no-open-seats' && reason.code !== 'mentee-needs-no-mentor',
    );
    const requestStatus = requestStatusByMentor.get(application.id) ?? null;
    return {
      applicationId: application.id,
      userId: application.userId,
      name: row.name,
      answers: publicAnswers(application.answers),
      capacity,
      remainingSeats: open,
      requestStatus,
      exclusions,
      unavailableReason:
        exclusions.length === 0
          ? null
          : `A rule of this program rules this mentor out for you: ${EXCLUSION_SUMMARIES[exclusions[0].code]}`,
      explanation: withoutAffinity(explainPairScore(scorer, 0, j)),
      canRequest:
        !hasMentor &&
        standing.remainingRequests > 0 &&
        open > 0 &&
        requestStatus === null &&
        exclusions.length === 0,
    };
  });
  return { standing, mentors };
}
