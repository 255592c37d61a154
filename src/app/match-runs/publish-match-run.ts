import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import {
  applications,
  cohorts,
  matchRunEvents,
  matchRunPairs,
  matchRuns,
  organizations,
  relationshipParticipants,
  relationships,
  users,
} from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import { matchPublishedEmail } from '../email/templates.ts';
import { lockPeople } from '../self-match/self-match-data.ts';
import {
  requireDraft,
  requireMatchRun,
  viewMatchRuns,
  type MatchRunPairRow,
  type MatchRunView,
} from './records.ts';

export interface PublishedMatchRun {
  run: MatchRunView;
  relationshipsCreated: number;
  emailsSent: number;
}

/** Rows per INSERT. */
const CHUNK = 500;

interface Person {
  applicationId: string;
  userId: string;
  name: string;
  email: string;
  role: 'mentor' | 'mentee';
}

/** A relationship to write: a new one, or a running circle that gains mentees (incremental runs). */
interface Planned {
  relationshipId: string;
  isNew: boolean;
  people: Person[];
  newcomers: Set<string>;
}

/**
 * Publishes a draft run, all in one transaction: a relationship with its participants for every pair
 * (a circle of a group program becomes one relationship with several participants; an incremental run
 * adds newcomers to the running circle of their mentor), the run marked published (immutable from then
 * on), the cohort moved from matching to running, and every participant emailed. Any failure leaves
 * nothing written.
 */
export async function publishMatchRun(ctx: AppContext, input: { runId: string }): Promise<PublishedMatchRun> {
  return ctx.transaction(async (tx) => {
    const { run, scope } = await requireMatchRun(tx, input.runId, { forUpdate: true });
    requireDraft(run);
    const program = scope.program;
    const [cohort] = await tx.db.select().from(cohorts).where(eq(cohorts.id, run.cohortId)).for('update');
    const allowed = run.isIncremental ? 'running' : 'matching';
    if (!cohort || cohort.state !== allowed) {
      throw new AppError(
        'INVALID_STATE',
        `Cohort ${cohort?.name ?? ''} is ${cohort?.state ?? 'gone'}; this run can be published only while it is ${allowed}${
          run.isIncremental ? '' : ' (start an incremental run to fill open seats of a running cohort)'
        }`,
        { state: cohort?.state, allowed: [allowed] },
      );
    }

    const pairs = await tx.db.select().from(matchRunPairs).where(eq(matchRunPairs.runId, run.id));
    const fresh = pairs.filter((pair) => pair.origin !== 'existing');
    const applicationIds = [...new Set(fresh.flatMap((p) => [p.menteeApplicationId, p.mentorApplicationId]))];
    const people = new Map<string, Person>();
    if (applicationIds.length > 0) {
      const rows = await tx.db
        .select({
          applicationId: applications.id,
          userId: applications.userId,
          role: applications.role,
          status: applications.status,
          name: users.name,
          email: users.email,
        })
        .from(applications)
        .innerJoin(users, eq(users.id, applications.userId))
        .where(
          and(eq(applications.organizationId, run.organizationId), inArray(applications.id, applicationIds)),
        );
      const withdrawn = rows.filter((row) => row.status !== 'approved');
      if (withdrawn.length > 0) {
        throw new AppError(
          'INVALID_STATE',
          `${withdrawn.map((row) => row.name).join(', ')} ${withdrawn.length === 1 ? 'is' : 'are'} no longer approved; remove their pairs or run again`,
        );
      }
      for (const row of rows) people.set(row.applicationId, row);
    }
    // The per-person locks self-match takes to accept a request (ADR 017): a publication and an
    // acceptance involving the same people run one after the other, so the checks below see the other's
    // relationships.
    await lockPeople(
      tx.db,
      [...people.values()].map((person) => person.userId),
    );

    // Mentees already in a running relationship of this cohort (another run was published since).
    const menteeIds = [...new Set(fresh.map((pair) => pair.menteeApplicationId))];
    const running = await tx.db
      .select({
        relationshipId: relationshipParticipants.relationshipId,
        applicationId: relationshipParticipants.applicationId,
        role: relationshipParticipants.role,
      })
      .from(relationshipParticipants)
      .innerJoin(relationships, eq(relationships.id, relationshipParticipants.relationshipId))
      .where(
        and(
          eq(relationships.organizationId, run.organizationId),
          eq(relationships.cohortId, run.cohortId),
          eq(relationshipParticipants.isActive, true),
        ),
      );
    const alreadyMatched = running.filter(
      (row) => row.role === 'mentee' && menteeIds.includes(row.applicationId),
    );
    if (alreadyMatched.length > 0) {
      throw new AppError(
        'INVALID_STATE',
        `${alreadyMatched.length} mentee(s) of this run are already in a running relationship of this cohort; start a new (incremental) run`,
      );
    }

    // Group the new pairs into relationships.
    const plans: Planned[] = [];
    const isGroup = program.format === 'group' || fresh.some((pair) => pair.circle !== null);
    const runningCircleOf = new Map<string, string>();
    if (isGroup) {
      for (const row of running)
        if (row.role === 'mentor') runningCircleOf.set(row.applicationId, row.relationshipId);
    }
    const groups = new Map<string, MatchRunPairRow[]>();
    for (const pair of fresh) {
      const key = isGroup && pair.circle !== null ? `circle:${pair.circle}` : `pair:${pair.id}`;
      groups.set(key, [...(groups.get(key) ?? []), pair]);
    }
    for (const group of groups.values()) {
      const ids = [...new Set(group.flatMap((p) => [p.mentorApplicationId, p.menteeApplicationId]))];
      const mentorIds = [...new Set(group.map((p) => p.mentorApplicationId))];
      const existingId = mentorIds.map((id) => runningCircleOf.get(id)).find((id) => id !== undefined);
      if (existingId) {
        const members = running
          .filter((row) => row.relationshipId === existingId)
          .map((row) => row.applicationId);
        const newcomers = ids.filter((id) => !members.includes(id));
        const everyone = [...new Set([...members, ...ids])];
        const known = await knownPeople(tx, run.organizationId, everyone, people);
        plans.push({
          relationshipId: existingId,
          isNew: false,
          people: known,
          newcomers: new Set(newcomers),
        });
      } else {
        plans.push({
          relationshipId: randomUUID(),
          isNew: true,
          people: ids.map((id) => people.get(id)!),
          newcomers: new Set(ids),
        });
      }
    }

    const now = tx.clock.now();
    const created = plans.filter((plan) => plan.isNew);
    for (let k = 0; k < created.length; k += CHUNK) {
      await tx.db.insert(relationships).values(
        created.slice(k, k + CHUNK).map((plan) => ({
          id: plan.relationshipId,
          organizationId: run.organizationId,
          programId: run.programId,
          cohortId: run.cohortId,
          status: 'starting' as const,
          matchRunId: run.id,
          startedAt: now,
          createdAt: now,
          updatedAt: now,
        })),
      );
    }
    const participantRows = plans.flatMap((plan) =>
      plan.people
        .filter((person) => plan.newcomers.has(person.applicationId))
        .map((person) => ({
          organizationId: run.organizationId,
          relationshipId: plan.relationshipId,
          applicationId: person.applicationId,
          userId: person.userId,
          role: person.role,
          isActive: true,
          createdAt: now,
        })),
    );
    for (let k = 0; k < participantRows.length; k += CHUNK) {
      await tx.db.insert(relationshipParticipants).values(participantRows.slice(k, k + CHUNK));
    }

    const actorUserId = tx.actor?.userId ?? null;
    const [published] = await tx.db
      .update(matchRuns)
      .set({ status: 'published', publishedByUserId: actorUserId, publishedAt: now })
      .where(eq(matchRuns.id, run.id))
      .returning();
    if (cohort.state === 'matching') {
      await tx.db.update(cohorts).set({ state: 'running', updatedAt: now }).where(eq(cohorts.id, cohort.id));
    }

    const [organization] = await tx.db
      .select({ name: organizations.name })
      .from(organizations)
      .where(eq(organizations.id, run.organizationId));
    const url = `${tx.config.publicUrl}/o/${run.organizationId}/my/relationships`;
    let emailsSent = 0;
    for (const plan of plans) {
      for (const person of plan.people) {
        // A running circle's members hear only when someone joins; the newcomers hear about everyone.
        const others = plan.people.filter(
          (other) =>
            other.applicationId !== person.applicationId &&
            (plan.newcomers.has(person.applicationId) || plan.newcomers.has(other.applicationId)),
        );
        if (others.length === 0) continue;
        await tx.mailer.enqueue(
          matchPublishedEmail({
            to: person.email,
            name: person.name,
            role: person.role,
            programName: program.name,
            organizationName: organization?.name ?? '',
            others: others.map((other) => ({ name: other.name, role: other.role })),
            url,
          }),
        );
        emailsSent += 1;
      }
    }

    await tx.db.insert(matchRunEvents).values({
      id: randomUUID(),
      organizationId: run.organizationId,
      runId: run.id,
      actorUserId,
      action: 'published',
      details: { relationshipsCreated: created.length, participants: participantRows.length, emailsSent },
      createdAt: now,
    });
    const [view] = await viewMatchRuns(tx.db, [published], scope.canManage);
    return { run: view, relationshipsCreated: created.length, emailsSent };
  });
}

/** People by application id, reading those not yet known (members of a running circle). */
async function knownPeople(
  tx: AppContext,
  organizationId: string,
  applicationIds: string[],
  people: Map<string, Person>,
): Promise<Person[]> {
  const missing = applicationIds.filter((id) => !people.has(id));
  if (missing.length > 0) {
    const rows = await tx.db
      .select({
        applicationId: applications.id,
        userId: applications.userId,
        role: applications.role,
        name: users.name,
        email: users.email,
      })
      .from(applications)
      .innerJoin(users, eq(users.id, applications.userId))
      .where(and(eq(applications.organizationId, organizationId), inArray(applications.id, missing)));
    for (const row of rows) people.set(row.applicationId, row);
  }
  return applicationIds.flatMap((id) => (people.has(id) ? [people.get(id)!] : []));
}
