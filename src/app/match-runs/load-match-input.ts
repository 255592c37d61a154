/**
 * The load phase of a match run, kept apart so that the benchmark can time it: a cohort's approved
 * applications become the engine's profiles (through `applicationMatchingProfile`, the only way an
 * application becomes a profile), with each mentor's capacity, the seats they already hold in every
 * program, their eligibility, the program's inside/outside rule and jurisdictions as constraints, the
 * pairs who were together before in the program (never repeated), the relationships an incremental run
 * keeps, and the rankings the stable objective reads.
 * Nothing here reads member profiles or demo data.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { RunConstraints } from '../../contracts/match-runs.ts';
import { ProgramMatchingSettings } from '../../contracts/matching-profiles.ts';
import {
  applicationMatchingProfile,
  type AnswerConsent,
  type MatchableApplication,
} from '../../core/enrolment/matching-profile.ts';
import type { StoredAnswers } from '../../core/enrolment/built-in-questions.ts';
import {
  defaultMatchingSettings,
  type CriterionId,
  type MatchingSettings,
  type MatchObjective,
  type MenteeProfile,
  type MentorEligibilityStatus,
  type MentorProfile,
  type OrganizationRule,
  type PairIds,
} from '../../core/matching/index.ts';
import type { InsideOutsideRule } from '../../core/programs/vocabulary.ts';
import {
  applications,
  type cohorts,
  organizations,
  rankings,
  relationshipParticipants,
  relationships,
  users,
} from '../../db/schema.ts';
import type { Queryable } from '../context.ts';
import type { ProgramRow } from '../programs/program-access.ts';
import { countMentorSeats, listMatchedMentees, mentorCapacity } from '../relationships/mentor-seats.ts';

export type CohortRow = typeof cohorts.$inferSelect;

/** Who an application belongs to, for names in results and emails. */
export interface Applicant {
  applicationId: string;
  userId: string;
  name: string;
  email: string;
  role: 'mentor' | 'mentee';
}

/** What the coordinator chose for this run, over the program's defaults. */
export interface RunChoices {
  objective?: MatchObjective;
  weights?: Partial<Record<CriterionId, number>>;
  constraints?: RunConstraints;
  minScore?: number;
  pinned: PairIds[];
  excluded: PairIds[];
}

export interface MatchInput {
  mentees: MenteeProfile[];
  mentors: MentorProfile[];
  settings: MatchingSettings;
  objective: MatchObjective;
  minScore: number;
  pinned: PairIds[];
  excluded: PairIds[];
  /** Incremental runs: the running relationships of the cohort, as pairs to keep. */
  existingPairs: PairIds[];
  /** Stable objective: application id → ranked application ids, first choice first. */
  rankings: { mentees: Record<string, string[]>; mentors: Record<string, string[]> };
  applicants: Map<string, Applicant>;
}

const ORGANIZATION_RULES: Record<InsideOutsideRule, OrganizationRule> = {
  must_be_inside: 'same-required',
  must_be_outside: 'same-forbidden',
  either: 'allowed',
};

/** The mentor's eligibility as the enrolment branch stores it: null means no rules, so eligible. */
export function eligibilityOf(stored: Record<string, unknown> | null): MentorEligibilityStatus {
  if (!stored) return 'eligible';
  const status = stored['status'];
  return status === 'eligible' || status === 'pending' || status === 'ineligible' ? status : 'pending';
}

/** The program's stored matching defaults, as far as they are valid (a bad entry is ignored). */
function programDefaults(program: ProgramRow): Partial<ProgramMatchingSettings> {
  const parsed = ProgramMatchingSettings.partial().safeParse(program.matchingDefaults);
  return parsed.success ? parsed.data : {};
}

/** The settings a run uses: engine defaults, then the program's rule and defaults, then the coordinator's. */
export function resolveSettings(
  program: ProgramRow,
  choices: RunChoices,
  referenceDate: Date,
): { settings: MatchingSettings; objective: MatchObjective; minScore: number } {
  const base = defaultMatchingSettings(referenceDate);
  const defaults = programDefaults(program);
  const constraints = {
    ...base.constraints,
    organizationRule: ORGANIZATION_RULES[program.insideOutsideRule],
    jurisdictionRule: program.jurisdictions.length > 0 ? ('any' as const) : ('off' as const),
    ...(defaults.constraints ?? {}),
    ...(choices.constraints ?? {}),
  };
  constraints.doNotMatch = [...(defaults.constraints?.doNotMatch ?? []), ...choices.excluded];
  const settings: MatchingSettings = {
    scoring: {
      ...base.scoring,
      ...(defaults.scoring ?? {}),
      weights: { ...base.scoring.weights, ...(defaults.scoring?.weights ?? {}), ...(choices.weights ?? {}) },
    },
    constraints,
    referenceDate,
  };
  return {
    settings,
    objective: choices.objective ?? defaults.objective ?? 'quality',
    minScore: choices.minScore ?? defaults.minScore ?? 0,
  };
}

/**
 * The engine's previous pairs: for every relationship of the program (any cohort, any state) except the
 * ones an incremental run keeps, each (mentee user, mentor user) of it, mapped onto the current cohort's
 * applications of those two people.
 */
async function loadPreviousPairs(
  db: Queryable,
  program: ProgramRow,
  rows: ReadonlyArray<{ id: string; userId: string; role: 'mentor' | 'mentee' }>,
  keptRelationshipIds: readonly string[],
): Promise<PairIds[]> {
  const userIds = [...new Set(rows.map((row) => row.userId))];
  if (userIds.length === 0) return [];
  const participants = await db
    .select({
      relationshipId: relationshipParticipants.relationshipId,
      userId: relationshipParticipants.userId,
      role: relationshipParticipants.role,
    })
    .from(relationshipParticipants)
    .innerJoin(relationships, eq(relationships.id, relationshipParticipants.relationshipId))
    .where(
      and(
        eq(relationships.organizationId, program.organizationId),
        eq(relationships.programId, program.id),
        inArray(relationshipParticipants.userId, userIds),
      ),
    );
  const kept = new Set(keptRelationshipIds);
  const byRelationship = new Map<string, { mentees: Set<string>; mentors: Set<string> }>();
  for (const participant of participants) {
    if (kept.has(participant.relationshipId)) continue;
    const entry = byRelationship.get(participant.relationshipId) ?? {
      mentees: new Set(),
      mentors: new Set(),
    };
    (participant.role === 'mentee' ? entry.mentees : entry.mentors).add(participant.userId);
    byRelationship.set(participant.relationshipId, entry);
  }
  const applicationsOf = (role: 'mentor' | 'mentee') => {
    const byUser = new Map<string, string[]>();
    for (const row of rows)
      if (row.role === role) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row.id]);
    return byUser;
  };
  const menteeApplications = applicationsOf('mentee');
  const mentorApplications = applicationsOf('mentor');
  const seen = new Set<string>();
  const pairs: PairIds[] = [];
  for (const entry of byRelationship.values()) {
    for (const menteeUser of entry.mentees) {
      for (const mentorUser of entry.mentors) {
        for (const menteeId of menteeApplications.get(menteeUser) ?? []) {
          for (const mentorId of mentorApplications.get(mentorUser) ?? []) {
            const key = `${menteeId}|${mentorId}`;
            if (seen.has(key)) continue;
            seen.add(key);
            pairs.push({ menteeId, mentorId });
          }
        }
      }
    }
  }
  return pairs;
}

/** Loads the cohort's approved applications, seats, rankings and kept relationships as engine input. */
export async function loadMatchInput(
  db: Queryable,
  program: ProgramRow,
  cohort: CohortRow,
  choices: RunChoices,
  options: { referenceDate: Date; isIncremental: boolean },
): Promise<MatchInput> {
  const { settings, objective, minScore } = resolveSettings(program, choices, options.referenceDate);
  const [organization] = await db
    .select({ timeZone: organizations.timeZone })
    .from(organizations)
    .where(eq(organizations.id, program.organizationId));
  const fallbackTimeZone = organization?.timeZone ?? 'UTC';

  const rows = await db
    .select({
      id: applications.id,
      userId: applications.userId,
      role: applications.role,
      answers: applications.answers,
      consents: applications.consents,
      eligibility: applications.eligibility,
      capacity: applications.capacity,
      name: users.name,
      email: users.email,
    })
    .from(applications)
    .innerJoin(users, eq(users.id, applications.userId))
    .where(
      and(
        eq(applications.organizationId, program.organizationId),
        eq(applications.cohortId, cohort.id),
        eq(applications.status, 'approved'),
      ),
    )
    .orderBy(applications.submittedAt, applications.id);

  const applicants = new Map<string, Applicant>();
  for (const row of rows) {
    applicants.set(row.id, {
      applicationId: row.id,
      userId: row.userId,
      name: row.name,
      email: row.email,
      role: row.role,
    });
  }

  // Relationships of this cohort that are still running: kept by an incremental run, and (either way)
  // not counted as "elsewhere", because the kept pairs take their seats themselves.
  const existingPairs: PairIds[] = [];
  const keptRelationshipIds: string[] = [];
  if (options.isIncremental) {
    const participants = await db
      .select({
        relationshipId: relationshipParticipants.relationshipId,
        applicationId: relationshipParticipants.applicationId,
        role: relationshipParticipants.role,
      })
      .from(relationshipParticipants)
      .innerJoin(relationships, eq(relationships.id, relationshipParticipants.relationshipId))
      .where(
        and(
          eq(relationships.organizationId, program.organizationId),
          eq(relationships.cohortId, cohort.id),
          eq(relationshipParticipants.isActive, true),
        ),
      );
    const byRelationship = new Map<string, { mentees: string[]; mentors: string[] }>();
    for (const participant of participants) {
      if (!applicants.has(participant.applicationId)) continue;
      const entry = byRelationship.get(participant.relationshipId) ?? { mentees: [], mentors: [] };
      (participant.role === 'mentee' ? entry.mentees : entry.mentors).push(participant.applicationId);
      byRelationship.set(participant.relationshipId, entry);
    }
    for (const [relationshipId, entry] of byRelationship) {
      keptRelationshipIds.push(relationshipId);
      for (const menteeId of entry.mentees)
        for (const mentorId of entry.mentors) existingPairs.push({ menteeId, mentorId });
    }
  }

  // Pairs who were together before in this program (any cohort, any relationship state, however it
  // started: a published run or a self-match request) are never proposed again. People, not
  // applications, were paired: map each earlier pair of users onto their current applications.
  const previousPairs = await loadPreviousPairs(db, program, rows, keptRelationshipIds);
  settings.constraints = { ...settings.constraints, previousPairs };

  // Seats a mentor already holds: mentees in their running relationships, in every program of every
  // organization (capacity is the person's, not the program's).
  const mentorUserIds = [...new Set(rows.filter((row) => row.role === 'mentor').map((row) => row.userId))];
  const seatsByUser = await countMentorSeats(db, mentorUserIds, {
    exceptRelationshipIds: keptRelationshipIds,
  });

  // A full run over a cohort still matching leaves out mentees who already have a mentor (a self-match
  // request accepted since enrolment): pairing them again would only be refused at publication.
  const alreadyMatched = options.isIncremental
    ? new Set<string>()
    : await listMatchedMentees(
        db,
        rows.filter((row) => row.role === 'mentee').map((row) => row.id),
      );

  const isGroup = program.format === 'group';
  const groupSize = program.groupSize ?? 1;
  const mentees: MenteeProfile[] = [];
  const mentors: MentorProfile[] = [];
  for (const row of rows) {
    const answers = row.answers as StoredAnswers;
    const application: MatchableApplication = {
      applicationId: row.id,
      // The engine compares employers (built-in `employer` answer, else a legacy custom one, else the
      // program's organization): src/core/enrolment/employer.ts, shared with self-match.
      organizationId: program.organizationId,
      fallbackTimeZone,
      answers,
      consents: row.consents as Record<string, AnswerConsent | undefined>,
    };
    if (row.role === 'mentee') {
      if (alreadyMatched.has(row.id)) continue;
      const profile = applicationMatchingProfile(application, {
        side: 'mentee',
        referenceDate: options.referenceDate,
        wantedMentors: 1,
      });
      // A mentee who named no practice jurisdiction practises where the program runs.
      if (profile.practiceJurisdictions.length === 0 && program.jurisdictions.length > 0) {
        mentees.push({ ...profile, practiceJurisdictions: [...program.jurisdictions] });
      } else {
        mentees.push(profile);
      }
      continue;
    }
    const seatsUsedElsewhere = seatsByUser.get(row.userId) ?? 0;
    const offered = mentorCapacity(row, program);
    // A group mentor leads one circle: never more new mentees than the group size.
    const capacity = isGroup ? Math.min(offered, seatsUsedElsewhere + groupSize) : offered;
    mentors.push(
      applicationMatchingProfile(application, {
        side: 'mentor',
        referenceDate: options.referenceDate,
        capacity,
        seatsUsedElsewhere,
        eligibility: eligibilityOf(row.eligibility),
      }),
    );
  }

  const rankingsOut = { mentees: {} as Record<string, string[]>, mentors: {} as Record<string, string[]> };
  if (objective === 'stable' && rows.length > 0) {
    const ranked = await db
      .select({
        applicationId: rankings.applicationId,
        rankedApplicationId: rankings.rankedApplicationId,
        rank: rankings.rank,
      })
      .from(rankings)
      .where(
        and(
          eq(rankings.organizationId, program.organizationId),
          inArray(
            rankings.applicationId,
            rows.map((row) => row.id),
          ),
        ),
      )
      .orderBy(rankings.applicationId, rankings.rank);
    for (const entry of ranked) {
      const own = applicants.get(entry.applicationId);
      const other = applicants.get(entry.rankedApplicationId);
      if (!own || !other || own.role === other.role) continue;
      if (alreadyMatched.has(entry.applicationId) || alreadyMatched.has(entry.rankedApplicationId)) continue;
      if (own.role === 'mentor' && !program.mentorsRank) continue;
      const target = own.role === 'mentee' ? rankingsOut.mentees : rankingsOut.mentors;
      (target[entry.applicationId] ??= []).push(entry.rankedApplicationId);
    }
  }

  return {
    mentees,
    mentors,
    settings,
    objective,
    minScore,
    pinned: choices.pinned,
    excluded: choices.excluded,
    existingPairs,
    rankings: rankingsOut,
    applicants,
  };
}
