/** Request settings → program columns (objectives get stable ids, names and texts are trimmed). */
import { randomUUID } from 'node:crypto';
import type { CreateProgramRequest } from '../../contracts/programs.ts';
import type { ProgramObjective } from '../../core/programs/settings.ts';

export type ProgramSettingsRequest = Omit<CreateProgramRequest, 'cohort'>;

/** The name of an evergreen program's one cohort. */
export const ROLLING_COHORT_NAME = 'Rolling cohort';

/** Objectives as stored: each with an id (kept when given) and a threshold or null. */
export function objectiveValues(objectives: ProgramSettingsRequest['objectives']): ProgramObjective[] {
  return objectives.map((objective) => ({
    id: objective.id ?? randomUUID(),
    label: objective.label,
    metric: objective.metric,
    target: objective.target,
    threshold: objective.threshold ?? null,
  }));
}

/** The program columns a settings request writes. */
export function programValues(settings: ProgramSettingsRequest) {
  return {
    name: settings.name.trim(),
    description: settings.description,
    objectives: objectiveValues(settings.objectives),
    format: settings.format,
    groupSize: settings.groupSize,
    allowsCoMentors: settings.allowsCoMentors,
    jurisdictions: [...new Set(settings.jurisdictions)],
    isEvergreen: settings.isEvergreen,
    startsOn: settings.startsOn,
    endsOn: settings.endsOn,
    meetingCadence: settings.meetingCadence,
    meetingLengthMinutes: settings.meetingLengthMinutes,
    minimumMeetings: settings.minimumMeetings,
    relationshipMonths: settings.relationshipMonths,
    defaultMentorCapacity: settings.defaultMentorCapacity,
    insideOutsideRule: settings.insideOutsideRule,
    enrolmentMode: settings.enrolmentMode,
    matchingMode: settings.matchingMode,
    maxPendingRequests: settings.maxPendingRequests,
    requestExpiryDays: settings.requestExpiryDays,
    rankingsEnabled: settings.rankingsEnabled,
    mentorsRank: settings.mentorsRank,
    maxRankings: settings.maxRankings,
    expectations: settings.expectations,
  };
}
