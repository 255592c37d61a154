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
import type { AppContext, Queryable } from '../context.ts';
import { matchPublishedEmail } from '../email/templates.ts';
import type { ProgramRow } from '../programs/program-access.ts';
import {
  createRelationships,
  joinRelationships,
  type RelationshipPerson,
} from '../relationships/create-relationships.ts';
import { countMentorSeats, listMatchedMentees, mentorCapacity } from '../relationships/mentor-seats.ts';
import { lockPeople } from '../relationships/person-locks.ts';
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

interface Person {
  applicationId: string;
  userId: string;
  name: string;
  email: string;
  role: 'mentor' | 'mentee';
  capacity: number | null;
}

/** A relationship to write: a new one, or a running circle that gains mentees (incremental runs). */
interface Planned {
  /** The running relationship newcomers join; null for a new one. */
  runningId: string | null;
  people: Person[];
  newcomers: Set<string>;
}

/**
 * Publishes a draft run, all in one transaction: a relationship with its participants for every pair
 * (a circle of a group program becomes one relationship with several participants; an incremental run
 * adds newcomers to the running circle of their mentor), the run marked published (immutable from then
 * on), the cohort moved from matching to running, and every participant emailed. Under the people's
 * locks it first re-checks seats, which self-match may have taken since the draft was made: a mentor
 * over capacity or a mentee who already has a mentor refuses the whole publication (INVALID_STATE,
 * naming them). Any failure leaves nothing written.
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
          capacity: applications.capacity,
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
    // The per-person locks self-match takes to send and accept a request (ADR 017): a publication and
    // an acceptance involving the same people run one after the other, so the re-check below sees the
    // other's relationships, and nothing can take a seat between the check and the writes.
    await lockPeople(
      tx.db,
      [...people.values()].map((person) => person.userId),
    );
    await assertSeatsStillOpen(tx.db, program, fresh, people);

    // Group the new pairs into relationships.
    const plans: Planned[] = [];
    const isGroup = program.format === 'group' || fresh.some((pair) => pair.circle !== null);
    // An incremental run's newcomers join their mentor's running circle.
    const running = isGroup
      ? await tx.db
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
          )
      : [];
    const runningCircleOf = new Map<string, string>();
    for (const row of running)
      if (row.role === 'mentor') runningCircleOf.set(row.applicationId, row.relationshipId);
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
        plans.push({ runningId: existingId, people: known, newcomers: new Set(newcomers) });
      } else {
        plans.push({ runningId: null, people: ids.map((id) => people.get(id)!), newcomers: new Set(ids) });
      }
    }

    const now = tx.clock.now();
    const seated = (plan: Planned, role: Person['role']): RelationshipPerson[] =>
      plan.people
        .filter((person) => person.role === role && plan.newcomers.has(person.applicationId))
        .map(({ applicationId, userId }) => ({ applicationId, userId }));
    const created = plans.filter((plan) => plan.runningId === null);
    await createRelationships(tx.db, {
      organizationId: run.organizationId,
      programId: run.programId,
      cohortId: run.cohortId,
      origin: { matchRunId: run.id },
      startedAt: now,
      relationships: created.map((plan) => ({
        mentors: seated(plan, 'mentor'),
        mentees: seated(plan, 'mentee'),
      })),
    });
    await joinRelationships(tx.db, {
      organizationId: run.organizationId,
      joinedAt: now,
      joins: plans.flatMap((plan) =>
        plan.runningId === null
          ? []
          : [
              {
                relationshipId: plan.runningId,
                mentors: seated(plan, 'mentor'),
                mentees: seated(plan, 'mentee'),
              },
            ],
      ),
    });
    const participantCount = plans.reduce((sum, plan) => sum + plan.newcomers.size, 0);

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
      details: { relationshipsCreated: created.length, participants: participantCount, emailsSent },
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
        capacity: applications.capacity,
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

/** A mentor the draft would put over capacity, as the refusal names them. */
interface FullMentor {
  applicationId: string;
  name: string;
  capacity: number;
  seatsTaken: number;
  newMentees: number;
}

/**
 * Re-checks, under the people's locks, what may have changed since the draft was made (a self-match
 * acceptance, another publication): no mentor goes over capacity (seats counted like everywhere else,
 * plus the run's new mentees, less the seats a coordinator knowingly overrode) and no mentee of the run
 * already has a mentor. Refuses with INVALID_STATE naming everyone at fault, before anything is written.
 */
async function assertSeatsStillOpen(
  db: Queryable,
  program: ProgramRow,
  fresh: readonly MatchRunPairRow[],
  people: ReadonlyMap<string, Person>,
): Promise<void> {
  const matched = await listMatchedMentees(
    db,
    fresh.map((pair) => pair.menteeApplicationId),
  );
  const byMentor = new Map<string, { mentees: Set<string>; overridden: number }>();
  for (const pair of fresh) {
    const entry = byMentor.get(pair.mentorApplicationId) ?? { mentees: new Set<string>(), overridden: 0 };
    entry.mentees.add(pair.menteeApplicationId);
    if (pair.overrideReason !== null && breaksSeats(pair.brokenConstraints)) entry.overridden += 1;
    byMentor.set(pair.mentorApplicationId, entry);
  }
  const seats = await countMentorSeats(
    db,
    [...byMentor.keys()].map((id) => people.get(id)!.userId),
  );
  const full: FullMentor[] = [];
  for (const [applicationId, entry] of byMentor) {
    const mentor = people.get(applicationId)!;
    const capacity = mentorCapacity(mentor, program);
    const seatsTaken = seats.get(mentor.userId) ?? 0;
    if (seatsTaken + entry.mentees.size > capacity + entry.overridden) {
      full.push({ applicationId, name: mentor.name, capacity, seatsTaken, newMentees: entry.mentees.size });
    }
  }
  if (matched.size === 0 && full.length === 0) return;
  const alreadyMatched = [...matched].map((id) => ({ applicationId: id, name: people.get(id)!.name }));
  const problems = [
    ...full.map(
      (mentor) =>
        `${mentor.name} has ${mentor.seatsTaken} of ${mentor.capacity} seats taken and this run adds ${mentor.newMentees}`,
    ),
    ...(alreadyMatched.length === 0
      ? []
      : [
          `${alreadyMatched.map((mentee) => mentee.name).join(', ')} already ${alreadyMatched.length === 1 ? 'has' : 'have'} a mentor`,
        ]),
  ];
  throw new AppError(
    'INVALID_STATE',
    `Nothing was published: since this draft was made, ${problems.join('; ')}. Remove or replace their pairs, or make a new run (an incremental run once the cohort is running).`,
    { overCapacity: full, alreadyMatched },
  );
}

/** Whether a pair's stored broken constraints include the mentor's seats. */
function breaksSeats(broken: readonly unknown[]): boolean {
  return broken.some(
    (reason) =>
      typeof reason === 'object' &&
      reason !== null &&
      (reason as { code?: unknown }).code === 'mentor-no-open-seats',
  );
}
