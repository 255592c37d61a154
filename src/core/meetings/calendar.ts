/**
 * iCalendar for meetings, built with ical-generator (pure: it returns text). An invitation is one event
 * with METHOD:REQUEST, or METHOD:CANCEL when the meeting is called off; its UID never changes and its
 * SEQUENCE grows with every change the use cases store, so a calendar updates the entry it already has.
 * A participant's feed lists all their meetings without a METHOD, for a webcal subscription.
 *
 * Times are written in UTC (DTSTART:…Z): every calendar shows them in its owner's zone, and no VTIMEZONE
 * rules have to be generated (ADR 019). The zone the meeting was scheduled in is named in the text.
 */
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
  type ICalEventData,
} from 'ical-generator';
import { AppError } from '../errors.ts';
import { meetingTimeIn, type MeetingFormat, type MeetingTime } from './meeting-times.ts';

/** Someone on an invitation. */
export interface CalendarPerson {
  name: string;
  email: string;
}

/** A meeting as the calendar sees it. */
export interface CalendarMeeting extends MeetingTime {
  /** The meeting's id; the UID is derived from it and never changes. */
  id: string;
  /** Starts at 0 and grows by one on every reschedule, change and cancellation the use cases store. */
  sequence: number;
  title: string;
  format: MeetingFormat;
  /** In person: where. */
  place?: string | null;
  /** Video: the Jitsi room or the pasted link. */
  videoUrl?: string | null;
  /** Phone: the number to call (or who calls whom). */
  phone?: string | null;
  /** The agenda, one item a line (plan activities, goals, a discussion guide). */
  agenda: readonly string[];
  /** The meeting's page in Second Chair. */
  url?: string | null;
  organizer: CalendarPerson;
  attendees: readonly CalendarPerson[];
  isCancelled?: boolean;
}

/** What every calendar needs besides the meetings. */
export interface CalendarOptions {
  /** The installation's host name (from PUBLIC_URL), so UIDs are globally unique. */
  uidDomain: string;
  /** DTSTAMP: when this text was made (the caller's clock). */
  stamp: Date;
}

/** An .ics file: its text and how to send it (nodemailer's `icalEvent` takes method and content). */
export interface CalendarFile {
  method: 'REQUEST' | 'CANCEL';
  filename: string;
  contentType: string;
  content: string;
}

const PRODUCT = { company: 'Second Chair', product: 'Second Chair', language: 'EN' } as const;

/** The stable UID of a meeting: the same for its invitation, every update, its cancellation and feeds. */
export function meetingUid(meetingId: string, uidDomain: string): string {
  return `meeting-${meetingId}@${uidDomain}`;
}

function assertSequence(meeting: CalendarMeeting): void {
  if (!Number.isInteger(meeting.sequence) || meeting.sequence < 0) {
    throw new AppError('INTERNAL', `A meeting's calendar sequence must be a whole number ≥ 0`);
  }
}

function locationOf(meeting: CalendarMeeting): string | null {
  switch (meeting.format) {
    case 'in_person':
      return meeting.place?.trim() || null;
    case 'video':
      return meeting.videoUrl ?? null;
    case 'phone':
      return meeting.phone ? `Phone: ${meeting.phone}` : 'Phone call';
  }
}

function descriptionOf(meeting: CalendarMeeting): string {
  const home = meetingTimeIn(meeting, meeting.timeZone);
  const lines: string[] = [];
  if (meeting.agenda.length > 0) {
    lines.push('Agenda:', ...meeting.agenda.map((item) => `- ${item}`), '');
  }
  if (meeting.format === 'video' && meeting.videoUrl) lines.push(`Join the video call: ${meeting.videoUrl}`);
  if (meeting.format === 'phone' && meeting.phone) lines.push(`Phone: ${meeting.phone}`);
  if (meeting.format === 'in_person' && meeting.place) lines.push(`Place: ${meeting.place}`);
  lines.push(
    `Scheduled for ${home.dateLabel}, ${home.timeLabel} ${home.timeZoneAbbreviation} (${meeting.timeZone}).`,
  );
  if (meeting.url) lines.push('', `In Second Chair: ${meeting.url}`);
  return lines.join('\n');
}

function eventData(meeting: CalendarMeeting, options: CalendarOptions, isCancelled: boolean): ICalEventData {
  assertSequence(meeting);
  return {
    id: meetingUid(meeting.id, options.uidDomain),
    sequence: meeting.sequence,
    stamp: options.stamp,
    start: meeting.startsAt,
    end: meeting.endsAt,
    summary: meeting.title,
    description: descriptionOf(meeting),
    location: locationOf(meeting),
    url: meeting.url ?? (meeting.format === 'video' ? (meeting.videoUrl ?? null) : null),
    status: isCancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: meeting.organizer.name, email: meeting.organizer.email },
    attendees: meeting.attendees.map((person) => ({
      name: person.name,
      email: person.email,
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
      rsvp: !isCancelled,
    })),
  };
}

/**
 * The invitation for one meeting: METHOD:REQUEST for a new or changed meeting, METHOD:CANCEL (with
 * STATUS:CANCELLED) when it is called off. Pass the sequence the use case stored with the change.
 */
export function meetingInvitation(
  meeting: CalendarMeeting,
  method: 'REQUEST' | 'CANCEL',
  options: CalendarOptions,
): CalendarFile {
  const calendar = ical({
    prodId: PRODUCT,
    method: method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    events: [eventData(meeting, options, method === 'CANCEL' || meeting.isCancelled === true)],
  });
  return {
    method,
    filename: method === 'CANCEL' ? 'meeting-cancelled.ics' : 'meeting.ics',
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    content: calendar.toString(),
  };
}

/** A participant's subscription feed: every meeting (cancelled ones marked so), no METHOD. */
export function calendarFeed(
  feed: { name: string; meetings: readonly CalendarMeeting[] },
  options: CalendarOptions,
): string {
  const calendar = ical({
    prodId: PRODUCT,
    name: feed.name,
    // How often subscribed calendars should fetch again (X-PUBLISHED-TTL), in seconds.
    ttl: 60 * 60,
    events: feed.meetings.map((meeting) => eventData(meeting, options, meeting.isCancelled === true)),
  });
  return calendar.toString();
}
