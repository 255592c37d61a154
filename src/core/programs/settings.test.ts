import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import {
  assertValidProgramSettings,
  cohortDateIssues,
  OBJECTIVE_METRIC_IDS,
  programSettingsIssues,
  type ProgramSettings,
} from './settings.ts';

const VALID: ProgramSettings = {
  name: 'New Lawyer Mentoring',
  format: 'one_to_one',
  groupSize: null,
  allowsCoMentors: false,
  isEvergreen: false,
  startsOn: '2027-02-01',
  endsOn: '2027-12-15',
  meetingCadence: 'monthly',
  meetingLengthMinutes: 90,
  minimumMeetings: 6,
  relationshipMonths: 10,
  defaultMentorCapacity: 2,
  insideOutsideRule: 'must_be_outside',
  enrolmentMode: 'approval_required',
  matchingMode: 'coordinator',
  maxPendingRequests: 3,
  requestExpiryDays: 14,
  rankingsEnabled: false,
  mentorsRank: false,
  maxRankings: 5,
  objectives: [
    { id: 'meet6', label: '90% meet 6+ times', metric: 'mentees_meeting_at_least', target: 90, threshold: 6 },
    { id: 'sat', label: 'Satisfied mentees', metric: 'mentee_satisfaction', target: 4.2 },
  ],
};

const paths = (changes: Partial<ProgramSettings>) =>
  programSettingsIssues({ ...VALID, ...changes }).map((issue) => issue.path);

describe('program settings', () => {
  it('accepts settings that hold together', () => {
    expect(programSettingsIssues(VALID)).toEqual([]);
    expect(() => assertValidProgramSettings(VALID)).not.toThrow();
  });

  it('needs a group size of at least 2 for a group program, and none otherwise', () => {
    expect(paths({ format: 'group', groupSize: null })).toEqual(['groupSize']);
    expect(paths({ format: 'group', groupSize: 1 })).toEqual(['groupSize']);
    expect(paths({ format: 'group', groupSize: 4, allowsCoMentors: true })).toEqual([]);
    expect(paths({ groupSize: 4 })).toEqual(['groupSize']);
  });

  it('allows co-mentors only in group programs', () => {
    expect(paths({ allowsCoMentors: true })).toEqual(['allowsCoMentors']);
  });

  it('orders the dates, and gives an evergreen program no end date', () => {
    expect(paths({ endsOn: '2027-01-31' })).toEqual(['endsOn']);
    expect(paths({ endsOn: '2027-02-01' })).toEqual(['endsOn']);
    expect(paths({ isEvergreen: true })).toEqual(['endsOn']);
    expect(paths({ isEvergreen: true, endsOn: null })).toEqual([]);
  });

  it('keeps the numbers in their ranges', () => {
    expect(paths({ meetingLengthMinutes: 5 })).toEqual(['meetingLengthMinutes']);
    expect(paths({ relationshipMonths: 0, minimumMeetings: 0 })).toEqual(['relationshipMonths']);
    expect(paths({ defaultMentorCapacity: 0 })).toEqual(['defaultMentorCapacity']);
    expect(paths({ defaultMentorCapacity: 2.5 })).toEqual(['defaultMentorCapacity']);
    expect(paths({ maxRankings: 21 })).toEqual(['maxRankings']);
  });

  it('refuses more minimum meetings than the cadence allows', () => {
    const issues = programSettingsIssues({
      ...VALID,
      meetingCadence: 'quarterly',
      relationshipMonths: 12,
      minimumMeetings: 6,
    });
    expect(issues).toEqual([
      { path: 'minimumMeetings', message: expect.stringContaining('at most 4 meetings') },
    ]);
  });

  it('lets mentors rank only when rankings are on', () => {
    expect(paths({ mentorsRank: true })).toEqual(['mentorsRank']);
    expect(paths({ mentorsRank: true, rankingsEnabled: true })).toEqual([]);
  });

  it('checks each objective: a known metric, a target in its unit, a threshold where the metric takes one', () => {
    expect(OBJECTIVE_METRIC_IDS).toContain('completion_rate');
    const objectives = [
      { id: 'a', label: 'Unknown', metric: 'happiness', target: 50 },
      { id: 'b', label: 'Too high', metric: 'completion_rate', target: 120 },
      { id: 'c', label: 'No threshold', metric: 'mentees_meeting_at_least', target: 80 },
      { id: 'd', label: 'Stray threshold', metric: 'match_rate', target: 80, threshold: 3 },
      { id: 'd', label: '', metric: 'mentee_satisfaction', target: 6 },
    ];
    expect(paths({ objectives })).toEqual([
      'objectives.0.metric',
      'objectives.1.target',
      'objectives.2.threshold',
      'objectives.3.threshold',
      'objectives.4.id',
      'objectives.4.label',
      'objectives.4.target',
    ]);
  });

  it('throws VALIDATION_FAILED naming the field', () => {
    let error: unknown;
    try {
      assertValidProgramSettings({ ...VALID, format: 'group' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: 'groupSize' }] } });
  });
});

describe('cohort dates', () => {
  it('orders the cohort and the enrolment window', () => {
    expect(
      cohortDateIssues({
        startsOn: '2027-03-01',
        endsOn: '2027-02-01',
        enrolmentOpensOn: null,
        enrolmentClosesOn: null,
      }),
    ).toEqual([{ path: 'endsOn', message: expect.any(String) }]);
    expect(
      cohortDateIssues({
        startsOn: '2027-03-01',
        endsOn: null,
        enrolmentOpensOn: '2027-02-01',
        enrolmentClosesOn: '2027-01-01',
      }).map((i) => i.path),
    ).toEqual(['enrolmentClosesOn']);
    expect(
      cohortDateIssues({
        startsOn: '2027-03-01',
        endsOn: null,
        enrolmentOpensOn: null,
        enrolmentClosesOn: '2027-03-02',
      }).map((i) => i.path),
    ).toEqual(['enrolmentClosesOn']);
  });
});
