/**
 * Meeting times, pure: whether a meeting's time is acceptable, how a wall-clock time in the scheduler's
 * time zone becomes an instant (refusing times a daylight-saving change skips), and how one meeting reads
 * in each participant's own time zone. Time zone rules come from luxon over the runtime's ICU data; the
 * current time is always passed in.
 */
import { DateTime, IANAZone } from 'luxon';
import { AppError, type FieldIssue } from '../errors.ts';
import { isTimeZoneName } from '../vocabulary.ts';

/** How a meeting is held. */
export const MEETING_FORMATS = ['in_person', 'video', 'phone'] as const;
export type MeetingFormat = (typeof MEETING_FORMATS)[number];

/** Limits on a meeting's time, shared by the contracts, the web form and the validation. */
export const MEETING_LIMITS = {
  /** Shortest and longest meeting, in minutes. */
  durationMinutes: { min: 15, max: 480 },
  /** How far ahead a meeting may be scheduled, in days. */
  maxDaysAhead: 730,
  /** How long after a meeting its log may still be edited, in days (issue 8: 14 days, audited). */
  logEditableDays: 14,
} as const;

/** A meeting's time: an instant range and the time zone it was scheduled in. */
export interface MeetingTime {
  startsAt: Date;
  endsAt: Date;
  /** IANA time zone of the person who scheduled it; the invitation and emails name it. */
  timeZone: string;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Whether `name` is an IANA time zone both the runtime and luxon know (Europe/London, UTC). */
export function isKnownTimeZone(name: string): boolean {
  return isTimeZoneName(name) && IANAZone.isValidZone(name);
}

/** The meeting's length in whole minutes. */
export function meetingDurationMinutes(meeting: Pick<MeetingTime, 'startsAt' | 'endsAt'>): number {
  return Math.round((meeting.endsAt.getTime() - meeting.startsAt.getTime()) / MINUTE_MS);
}

/**
 * Every problem with a meeting's time, each naming its field: an unknown time zone, an end not after the
 * start, a duration outside MEETING_LIMITS, and (when `now` is given, as when scheduling or rescheduling)
 * a start in the past or too far ahead.
 */
export function meetingTimeIssues(meeting: MeetingTime, now?: Date): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!isKnownTimeZone(meeting.timeZone)) {
    issues.push({ path: 'timeZone', message: `unknown IANA time zone "${meeting.timeZone}"` });
  }
  const start = meeting.startsAt.getTime();
  const end = meeting.endsAt.getTime();
  if (Number.isNaN(start)) issues.push({ path: 'startsAt', message: 'is not a valid date and time' });
  if (Number.isNaN(end)) issues.push({ path: 'endsAt', message: 'is not a valid date and time' });
  if (issues.some((issue) => issue.path !== 'timeZone')) return issues;

  const { min, max } = MEETING_LIMITS.durationMinutes;
  if (end <= start) {
    issues.push({ path: 'endsAt', message: 'must be after the start' });
  } else {
    const minutes = (end - start) / MINUTE_MS;
    if (minutes < min) issues.push({ path: 'endsAt', message: `a meeting lasts at least ${min} minutes` });
    if (minutes > max) {
      issues.push({ path: 'endsAt', message: `a meeting lasts at most ${max / 60} hours` });
    }
  }
  if (now) {
    if (start < now.getTime()) issues.push({ path: 'startsAt', message: 'is in the past' });
    else if (start > now.getTime() + MEETING_LIMITS.maxDaysAhead * DAY_MS) {
      issues.push({
        path: 'startsAt',
        message: `is more than ${MEETING_LIMITS.maxDaysAhead} days ahead`,
      });
    }
  }
  return issues;
}

/** Throws VALIDATION_FAILED naming the first problem with a meeting's time (see meetingTimeIssues). */
export function assertValidMeetingTime(meeting: MeetingTime, now?: Date): void {
  const issues = meetingTimeIssues(meeting, now);
  if (issues.length > 0) throw AppError.validation(issues);
}

/** A wall-clock time as a person types it: a date, a time and their time zone. */
export interface LocalMeetingStart {
  /** YYYY-MM-DD */
  date: string;
  /** HH:mm (24-hour) */
  time: string;
  timeZone: string;
}

/**
 * The instant a wall-clock time names in its time zone. A time that a daylight-saving change skips
 * (02:30 in New York on the second Sunday of March) names no instant and is refused; a time that occurs
 * twice (01:30 on the first Sunday of November) is the first, earlier occurrence.
 */
export function instantFromLocalTime(local: LocalMeetingStart): Date {
  if (!isKnownTimeZone(local.timeZone)) {
    throw AppError.validation([{ path: 'timeZone', message: `unknown IANA time zone "${local.timeZone}"` }]);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(local.date) || !DateTime.fromISO(local.date, { zone: 'UTC' }).isValid) {
    throw AppError.validation([{ path: 'date', message: `"${local.date}" is not a date (YYYY-MM-DD)` }]);
  }
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(local.time)) {
    throw AppError.validation([{ path: 'time', message: `"${local.time}" is not a time (HH:mm)` }]);
  }
  const wallClock = `${local.date}T${local.time}`;
  const parsed = DateTime.fromISO(wallClock, { zone: local.timeZone });
  // luxon moves a skipped wall-clock time forward; reading it back tells whether it existed.
  if (parsed.toFormat("yyyy-MM-dd'T'HH:mm") !== wallClock) {
    throw AppError.validation([
      {
        path: 'time',
        message: `${local.time} on ${local.date} does not exist in ${local.timeZone}: the clocks change that night`,
      },
    ]);
  }
  // A wall-clock time the autumn change repeats has two offsets; take the earlier instant.
  const [first] = parsed.getPossibleOffsets().sort((a, b) => a.toMillis() - b.toMillis());
  return (first ?? parsed).toJSDate();
}

/** How one meeting reads in one time zone. */
export interface MeetingTimeView {
  timeZone: string;
  /** ISO 8601 with the offset in force then, e.g. 2027-03-15T14:00:00.000+00:00. */
  startsAt: string;
  endsAt: string;
  /** The offset in force at the start, e.g. UTC−04:00. */
  utcOffset: string;
  /** The zone's short name at the start where the locale has one (EDT, GMT), else the offset. */
  timeZoneAbbreviation: string;
  /** e.g. "Monday, March 15, 2027" (en-US) or "Monday 15 March 2027" (en-GB). */
  dateLabel: string;
  /** e.g. "2:00 – 3:00 PM" or "14:00–15:00"; the end carries its date when it falls on another day. */
  timeLabel: string;
  /** Days between this view's start date and the scheduler's (−1, 0, +1): "the next day" in Sydney. */
  dayOffset: number;
}

/**
 * The meeting as it reads in `timeZone` for a reader of `locale` (en-US, en-GB, en-AU): the same
 * instants, that zone's dates and offsets. Email and the web page show it to each participant.
 */
export function meetingTimeIn(meeting: MeetingTime, timeZone: string, locale = 'en-US'): MeetingTimeView {
  if (!isKnownTimeZone(timeZone)) {
    throw AppError.validation([{ path: 'timeZone', message: `unknown IANA time zone "${timeZone}"` }]);
  }
  const start = DateTime.fromJSDate(meeting.startsAt, { zone: timeZone }).setLocale(locale);
  const end = DateTime.fromJSDate(meeting.endsAt, { zone: timeZone }).setLocale(locale);
  const home = DateTime.fromJSDate(meeting.startsAt, { zone: meeting.timeZone });
  const sameDay = start.hasSame(end, 'day');
  const offset = start.offset;
  const sign = offset < 0 ? '−' : '+';
  const abs = Math.abs(offset);
  const utcOffset = `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  const abbreviation = start.offsetNameShort ?? utcOffset;
  return {
    timeZone,
    startsAt: start.toISO() ?? '',
    endsAt: end.toISO() ?? '',
    utcOffset,
    timeZoneAbbreviation: /^GMT[+-]/.test(abbreviation) ? utcOffset : abbreviation,
    dateLabel: start.toLocaleString(DateTime.DATE_HUGE),
    timeLabel: sameDay
      ? `${start.toLocaleString(DateTime.TIME_SIMPLE)} – ${end.toLocaleString(DateTime.TIME_SIMPLE)}`
      : `${start.toLocaleString(DateTime.TIME_SIMPLE)} – ${end.toLocaleString(DateTime.DATETIME_MED)}`,
    dayOffset: calendarDaysBetween(home.toISODate() ?? '', start.toISODate() ?? ''),
  };
}

function calendarDaysBetween(fromIsoDate: string, toIsoDate: string): number {
  const from = DateTime.fromISO(fromIsoDate, { zone: 'UTC' });
  const to = DateTime.fromISO(toIsoDate, { zone: 'UTC' });
  return Math.round(to.diff(from, 'days').days);
}

/** A participant and the time zone they read times in. */
export interface MeetingReader {
  id: string;
  timeZone: string;
  locale?: string;
}

/** The meeting as each participant reads it, keyed by participant id. */
export function meetingTimesForParticipants(
  meeting: MeetingTime,
  readers: readonly MeetingReader[],
): Map<string, MeetingTimeView> {
  return new Map(
    readers.map((reader) => [reader.id, meetingTimeIn(meeting, reader.timeZone, reader.locale ?? 'en-US')]),
  );
}

/**
 * Whether a meeting may be logged now: only once it has started (a meeting that has not happened cannot
 * be logged). Throws INVALID_STATE naming the start otherwise.
 */
export function assertMeetingCanBeLogged(meeting: Pick<MeetingTime, 'startsAt'>, now: Date): void {
  if (meeting.startsAt.getTime() > now.getTime()) {
    throw new AppError('INVALID_STATE', 'A meeting cannot be logged before it has taken place', {
      issues: [{ path: 'startsAt', message: 'is in the future' }],
    });
  }
}

/** Whether a meeting's log, first written at `loggedAt`, may still be edited at `now` (14 days). */
export function canEditMeetingLog(loggedAt: Date, now: Date): boolean {
  return now.getTime() - loggedAt.getTime() <= MEETING_LIMITS.logEditableDays * DAY_MS;
}
