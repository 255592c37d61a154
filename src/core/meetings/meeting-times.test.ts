import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import {
  assertMeetingCanBeLogged,
  assertValidMeetingTime,
  canEditMeetingLog,
  instantFromLocalTime,
  isKnownTimeZone,
  meetingDurationMinutes,
  meetingTimeIn,
  meetingTimeIssues,
  meetingTimesForParticipants,
} from './meeting-times.ts';

const NOW = new Date('2027-03-01T12:00:00Z');

function meeting(startsAt: string, endsAt: string, timeZone = 'America/New_York') {
  return { startsAt: new Date(startsAt), endsAt: new Date(endsAt), timeZone };
}

function thrown(action: () => unknown): AppError {
  try {
    action();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('meeting time validation', () => {
  it('accepts an hour-long meeting next week', () => {
    const valid = meeting('2027-03-08T15:00:00Z', '2027-03-08T16:00:00Z');
    expect(meetingTimeIssues(valid, NOW)).toEqual([]);
    expect(meetingDurationMinutes(valid)).toBe(60);
  });

  it('refuses a meeting that ends before it starts, naming endsAt', () => {
    const error = thrown(() =>
      assertValidMeetingTime(meeting('2027-03-08T15:00:00Z', '2027-03-08T14:00:00Z'), NOW),
    );
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details?.issues).toEqual([{ path: 'endsAt', message: 'must be after the start' }]);
    expect(error.message).toBe('endsAt: must be after the start');
  });

  it('refuses durations outside 15 minutes to 8 hours', () => {
    expect(meetingTimeIssues(meeting('2027-03-08T15:00:00Z', '2027-03-08T15:10:00Z'))).toEqual([
      { path: 'endsAt', message: 'a meeting lasts at least 15 minutes' },
    ]);
    expect(meetingTimeIssues(meeting('2027-03-08T08:00:00Z', '2027-03-08T16:15:00Z'))).toEqual([
      { path: 'endsAt', message: 'a meeting lasts at most 8 hours' },
    ]);
  });

  it('refuses an unknown time zone, naming timeZone', () => {
    const error = thrown(() =>
      assertValidMeetingTime(meeting('2027-03-08T15:00:00Z', '2027-03-08T16:00:00Z', 'Mars/Olympus_Mons')),
    );
    expect(error.details?.issues).toEqual([
      { path: 'timeZone', message: 'unknown IANA time zone "Mars/Olympus_Mons"' },
    ]);
    expect(isKnownTimeZone('Europe/London')).toBe(true);
    expect(isKnownTimeZone('Europe/Londres')).toBe(false);
  });

  it('refuses invalid dates, a start in the past and one more than two years ahead when scheduling', () => {
    expect(meetingTimeIssues(meeting('not a date', '2027-03-08T16:00:00Z'))).toEqual([
      { path: 'startsAt', message: 'is not a valid date and time' },
    ]);
    expect(meetingTimeIssues(meeting('2027-02-28T15:00:00Z', '2027-02-28T16:00:00Z'), NOW)).toEqual([
      { path: 'startsAt', message: 'is in the past' },
    ]);
    expect(meetingTimeIssues(meeting('2029-03-08T15:00:00Z', '2029-03-08T16:00:00Z'), NOW)).toEqual([
      { path: 'startsAt', message: 'is more than 730 days ahead' },
    ]);
    // Without a clock (a log of a past meeting), the past is fine.
    expect(meetingTimeIssues(meeting('2027-02-28T15:00:00Z', '2027-02-28T16:00:00Z'))).toEqual([]);
  });
});

describe('wall-clock times and daylight saving', () => {
  it('reads 10:00 in New York as 14:00 UTC the week after US clocks changed (15:00 UTC the week before)', () => {
    // 2027: US clocks go forward on 14 March, UK clocks on 28 March.
    expect(
      instantFromLocalTime({ date: '2027-03-16', time: '10:00', timeZone: 'America/New_York' }).toISOString(),
    ).toBe('2027-03-16T14:00:00.000Z');
    expect(
      instantFromLocalTime({ date: '2027-03-09', time: '10:00', timeZone: 'America/New_York' }).toISOString(),
    ).toBe('2027-03-09T15:00:00.000Z');
  });

  it('refuses a time the spring-forward change skips, naming time', () => {
    const error = thrown(() =>
      instantFromLocalTime({ date: '2027-03-14', time: '02:30', timeZone: 'America/New_York' }),
    );
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details?.issues?.[0]?.path).toBe('time');
    expect(error.message).toContain('does not exist in America/New_York');
  });

  it('takes the first of a time that occurs twice when clocks go back', () => {
    expect(
      instantFromLocalTime({ date: '2027-11-07', time: '01:30', timeZone: 'America/New_York' }).toISOString(),
    ).toBe('2027-11-07T05:30:00.000Z');
  });

  it('refuses malformed dates, times and zones with the field named', () => {
    const paths = [
      { date: '2027-02-30', time: '10:00', timeZone: 'Europe/London' },
      { date: '16/03/2027', time: '10:00', timeZone: 'Europe/London' },
      { date: '2027-03-16', time: '25:00', timeZone: 'Europe/London' },
      { date: '2027-03-16', time: '10:00', timeZone: 'Nowhere/Special' },
    ].map((input) => thrown(() => instantFromLocalTime(input)).details?.issues?.[0]?.path);
    expect(paths).toEqual(['date', 'date', 'time', 'timeZone']);
  });
});

describe('a meeting in each participant’s time zone', () => {
  // Scheduled by a mentor in New York for 10:00 on Tuesday 16 March 2027.
  const scheduled = meeting('2027-03-16T14:00:00Z', '2027-03-16T15:00:00Z');

  it('shows the New York mentor 10:00 EDT and the London mentee 14:00 GMT, four hours apart not five', () => {
    const views = meetingTimesForParticipants(scheduled, [
      { id: 'mentor', timeZone: 'America/New_York' },
      { id: 'mentee', timeZone: 'Europe/London', locale: 'en-GB' },
    ]);
    expect(views.get('mentor')).toMatchObject({
      startsAt: '2027-03-16T10:00:00.000-04:00',
      utcOffset: 'UTC−04:00',
      timeZoneAbbreviation: 'EDT',
      dateLabel: 'Tuesday, March 16, 2027',
      timeLabel: '10:00 AM – 11:00 AM',
      dayOffset: 0,
    });
    expect(views.get('mentee')).toMatchObject({
      startsAt: '2027-03-16T14:00:00.000+00:00',
      utcOffset: 'UTC+00:00',
      timeZoneAbbreviation: 'GMT',
      timeLabel: '14:00 – 15:00',
    });
    expect(views.get('mentee')?.dateLabel).toMatch(/^Tuesday,? 16 March 2027$/);
  });

  it('shows the London mentee 15:00 for the same wall-clock meeting a week earlier', () => {
    const weekBefore = meeting('2027-03-09T15:00:00Z', '2027-03-09T16:00:00Z');
    expect(meetingTimeIn(weekBefore, 'Europe/London', 'en-GB').timeLabel).toBe('15:00 – 16:00');
  });

  it('says when the meeting falls on the next day for a reader in Sydney', () => {
    const view = meetingTimeIn(scheduled, 'Australia/Sydney', 'en-AU');
    expect(view).toMatchObject({ startsAt: '2027-03-17T01:00:00.000+11:00', dayOffset: 1 });
    expect(view.dateLabel).toMatch(/^Wednesday,? 17 March 2027$/);
  });

  it('puts the end date in the label when the meeting crosses midnight for the reader', () => {
    const late = meeting('2027-03-16T23:30:00Z', '2027-03-17T00:30:00Z', 'UTC');
    expect(meetingTimeIn(late, 'UTC', 'en-GB').timeLabel).toBe('23:30 – 17 Mar 2027, 00:30');
  });

  it('refuses an unknown reader time zone', () => {
    expect(thrown(() => meetingTimeIn(scheduled, 'Europe/Atlantis')).details?.issues?.[0]?.path).toBe(
      'timeZone',
    );
  });
});

describe('logging a meeting', () => {
  it('refuses a log for a meeting that has not started and allows it once it has', () => {
    const error = thrown(() => assertMeetingCanBeLogged({ startsAt: new Date('2027-03-01T12:00:01Z') }, NOW));
    expect(error.code).toBe('INVALID_STATE');
    expect(() => assertMeetingCanBeLogged({ startsAt: NOW }, NOW)).not.toThrow();
  });

  it('lets a log be edited for 14 days and not after', () => {
    const loggedAt = new Date('2027-03-01T12:00:00Z');
    expect(canEditMeetingLog(loggedAt, new Date('2027-03-15T12:00:00Z'))).toBe(true);
    expect(canEditMeetingLog(loggedAt, new Date('2027-03-15T12:00:01Z'))).toBe(false);
  });
});
