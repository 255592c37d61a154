/** The only way programs, cohorts and program coordinators leave the server, with what the viewer may do. */
import type { ProgramCoordinatorRecord } from '../../app/programs/list-program-coordinators.ts';
import type { ProgramOverview } from '../../app/programs/get-program-overview.ts';
import { currentCohort, type CohortView, type ProgramView } from '../../app/programs/records.ts';
import type {
  Cohort,
  Program,
  ProgramCoordinator,
  ProgramOverviewResponse,
} from '../../contracts/programs.ts';
import { objectiveMetric } from '../../core/programs/settings.ts';

/** A program as its viewer sees it (settings, current cohort, counts and `can`). */
export function presentProgram(view: ProgramView): Program {
  const { program } = view;
  const current = currentCohort(view.cohorts);
  const { view: _view, ...can } = view.can;
  return {
    id: program.id,
    organizationId: program.organizationId,
    name: program.name,
    description: program.description,
    objectives: program.objectives.map((objective) => ({
      id: objective.id,
      label: objective.label,
      metric: objective.metric,
      target: objective.target,
      threshold: objective.threshold ?? null,
      unit: objectiveMetric(objective.metric)?.unit ?? null,
    })),
    format: program.format,
    groupSize: program.groupSize,
    allowsCoMentors: program.allowsCoMentors,
    jurisdictions: program.jurisdictions,
    isEvergreen: program.isEvergreen,
    startsOn: program.startsOn,
    endsOn: program.endsOn,
    meetingCadence: program.meetingCadence,
    meetingLengthMinutes: program.meetingLengthMinutes,
    minimumMeetings: program.minimumMeetings,
    relationshipMonths: program.relationshipMonths,
    defaultMentorCapacity: program.defaultMentorCapacity,
    insideOutsideRule: program.insideOutsideRule,
    enrolmentMode: program.enrolmentMode,
    matchingMode: program.matchingMode,
    maxPendingRequests: program.maxPendingRequests,
    requestExpiryDays: program.requestExpiryDays,
    rankingsEnabled: program.rankingsEnabled,
    mentorsRank: program.mentorsRank,
    maxRankings: program.maxRankings,
    expectations: program.expectations,
    duplicatedFromProgramId: program.duplicatedFromProgramId,
    archivedAt: program.archivedAt?.toISOString() ?? null,
    createdAt: program.createdAt.toISOString(),
    updatedAt: program.updatedAt.toISOString(),
    currentCohort: current ? { id: current.id, name: current.name, state: current.state } : null,
    counts: view.counts,
    can,
  };
}

/** A cohort with the moves the viewer may make. */
export function presentCohort({ cohort, transitions, can }: CohortView): Cohort {
  return {
    id: cohort.id,
    programId: cohort.programId,
    name: cohort.name,
    state: cohort.state,
    isRolling: cohort.isRolling,
    startsOn: cohort.startsOn,
    endsOn: cohort.endsOn,
    enrolmentOpensOn: cohort.enrolmentOpensOn,
    enrolmentClosesOn: cohort.enrolmentClosesOn,
    createdAt: cohort.createdAt.toISOString(),
    updatedAt: cohort.updatedAt.toISOString(),
    transitions,
    can,
  };
}

/** The program overview: program, cohorts with counts, forms and next steps. */
export function presentProgramOverview(overview: ProgramOverview): ProgramOverviewResponse {
  return {
    program: presentProgram(overview.view),
    cohorts: overview.cohorts.map((view) => ({ ...presentCohort(view), counts: view.counts })),
    forms: overview.forms,
    nextSteps: overview.nextSteps,
  };
}

/** A program coordinator; `canManage` is whether the viewer may remove them. */
export function presentProgramCoordinator(
  coordinator: ProgramCoordinatorRecord,
  canManage: boolean,
): ProgramCoordinator {
  return {
    membershipId: coordinator.membershipId,
    userId: coordinator.userId,
    name: coordinator.name,
    email: coordinator.email,
    addedAt: coordinator.addedAt.toISOString(),
    can: { remove: canManage },
  };
}
