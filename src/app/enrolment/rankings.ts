import { and, asc, eq, ne } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { canRankFrom } from '../../core/policies/enrolment.ts';
import { applications, rankings, users } from '../../db/schema.ts';
import type { AppContext, Queryable } from '../context.ts';
import { loadApplication, type ApplicationRecord } from './records.ts';

export interface RankingCandidate {
  applicationId: string;
  name: string;
}

export interface RankingsView {
  rankings: Array<RankingCandidate & { rank: number }>;
  candidates: RankingCandidate[];
  maxRankings: number;
  canEdit: boolean;
}

/** The approved applications of the other side in the same cohort: whom this application may rank. */
async function candidatesFor(db: Queryable, record: ApplicationRecord): Promise<RankingCandidate[]> {
  const application = record.application;
  return db
    .select({ applicationId: applications.id, name: users.name })
    .from(applications)
    .innerJoin(users, eq(users.id, applications.userId))
    .where(
      and(
        eq(applications.organizationId, application.organizationId),
        eq(applications.cohortId, application.cohortId),
        ne(applications.role, application.role),
        eq(applications.status, 'approved'),
      ),
    )
    .orderBy(asc(users.name), asc(applications.id));
}

async function view(db: Queryable, record: ApplicationRecord, maxRankings: number): Promise<RankingsView> {
  const ranked = await db
    .select({ applicationId: rankings.rankedApplicationId, name: users.name, rank: rankings.rank })
    .from(rankings)
    .innerJoin(applications, eq(applications.id, rankings.rankedApplicationId))
    .innerJoin(users, eq(users.id, applications.userId))
    .where(eq(rankings.applicationId, record.application.id))
    .orderBy(asc(rankings.rank));
  return {
    rankings: ranked,
    candidates: await candidatesFor(db, record),
    maxRankings,
    canEdit: canRankFrom(record.viewer, record.application, record.program),
  };
}

/** The rankings made from an application, with its candidates (its applicant, or coordinators). */
export async function getRankings(ctx: AppContext, input: { applicationId: string }): Promise<RankingsView> {
  const { record, scope } = await loadApplication(ctx, input.applicationId);
  return view(ctx.db, record, scope.program.maxRankings);
}

/**
 * The applicant ranks candidates of the other side, first choice first (replacing earlier rankings):
 * only approved applicants, when the program has rankings on (mentors only when mentors rank), at most
 * the program's number, and only candidates from the approved pool of the same cohort.
 */
export async function setRankings(
  ctx: AppContext,
  input: { applicationId: string; rankedApplicationIds: string[] },
): Promise<RankingsView> {
  return ctx.transaction(async (tx) => {
    const { record, scope } = await loadApplication(tx, input.applicationId, { lock: true });
    const application = record.application;
    if (application.userId !== tx.actor!.userId) {
      throw new AppError('FORBIDDEN', 'Only the applicant ranks from their application');
    }
    if (!scope.program.rankingsEnabled || (application.role === 'mentor' && !scope.program.mentorsRank)) {
      throw new AppError('INVALID_STATE', `${scope.program.name} does not ask ${application.role}s to rank`);
    }
    if (application.status !== 'approved') {
      throw new AppError(
        'INVALID_STATE',
        `An application that is ${application.status.replace('_', ' ')} cannot rank; only approved ones can`,
      );
    }
    const maxRankings = scope.program.maxRankings;
    if (input.rankedApplicationIds.length > maxRankings) {
      throw AppError.validation([
        { path: 'rankedApplicationIds', message: `rank at most ${maxRankings} candidates` },
      ]);
    }
    const candidates = new Set(
      (await candidatesFor(tx.db, record)).map((candidate) => candidate.applicationId),
    );
    const outside = input.rankedApplicationIds.findIndex((id) => !candidates.has(id));
    if (outside >= 0) {
      throw AppError.validation([
        { path: `rankedApplicationIds.${outside}`, message: 'is not an approved candidate of this cohort' },
      ]);
    }
    await tx.db.delete(rankings).where(eq(rankings.applicationId, application.id));
    if (input.rankedApplicationIds.length > 0) {
      const now = tx.clock.now();
      await tx.db.insert(rankings).values(
        input.rankedApplicationIds.map((rankedApplicationId, index) => ({
          organizationId: application.organizationId,
          applicationId: application.id,
          rankedApplicationId,
          rank: index + 1,
          createdAt: now,
        })),
      );
    }
    return view(tx.db, record, maxRankings);
  });
}
