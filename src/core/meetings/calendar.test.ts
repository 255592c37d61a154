/** The invitations and feeds are read back with node-ical, a parser independent of ical-generator. */
import ical, { type CalendarResponse, type VEvent } from 'node-ical';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { calendarFeed, meetingInvitation, meetingUid, type CalendarMeeting } from './calendar.ts';
import { instantFromLocalTime, meetingTimeIn } from './meeting-times.ts';

const OPTIONS = { uidDomain: 'secondchair.example', stamp: new Date('2027-03-01T09:00:00Z') };
const MENTOR = { name: 'Ana Ortiz', email: 'ana@ortiz-law.example' };
const MENTEE = { name: 'Ben O’Neill', email: 'ben@chambers.example' };

/** A video meeting a New York mentor schedules for 10:00 her time on Tuesday 16 March 2027. */
function scheduled(overrides: Partial<CalendarMeeting> = {}): CalendarMeeting {
  const startsAt = instantFromLocalTime({ date: '2027-03-16', time: '10:00', timeZone: 'America/New_York' });
  return {
    id: '5b0f6c1e-2a4d-4c59-9d8e-0d6f3f6c9a10',
    sequence: 0,
    title: 'Monthly meeting: ethics, client intake',
    format: 'video',
    videoUrl: 'https://meet.jit.si/SecondChair-3kq7m9xd2p5t8v4w6y1z0abcde',
    agenda: ['Plan: Conflicts of interest check', 'Goal: First deposition'],
    url: 'https://secondchair.example/relationships/r1/meetings/m1',
    organizer: MENTOR,
    attendees: [MENTOR, MENTEE],
    startsAt,
    endsAt: new Date(startsAt.getTime() + 60 * 60_000),
    timeZone: 'America/New_York',
    ...overrides,
  };
}

function onlyEvent(parsed: CalendarResponse): VEvent {
  const events = Object.values(parsed).filter((entry): entry is VEvent => entry?.type === 'VEVENT');
  expect(events).toHaveLength(1);
  return events[0];
}

function timesOf(event: VEvent): { startsAt: Date; endsAt: Date } {
  if (!event.end) throw new Error('the event has no DTEND');
  return { startsAt: event.start, endsAt: event.end };
}

function methodOf(text: string): string | undefined {
  return /^METHOD:(.*)$/m.exec(text)?.[1]?.trim();
}

describe('meeting invitations', () => {
  it('is a METHOD:REQUEST with the stable UID, sequence 0, organizer, attendees, link and agenda', () => {
    const file = meetingInvitation(scheduled(), 'REQUEST', OPTIONS);
    expect(file.contentType).toBe('text/calendar; charset=utf-8; method=REQUEST');
    expect(methodOf(file.content)).toBe('REQUEST');
    const event = onlyEvent(ical.sync.parseICS(file.content));
    expect(event.uid).toBe('meeting-5b0f6c1e-2a4d-4c59-9d8e-0d6f3f6c9a10@secondchair.example');
    expect(Number(event.sequence)).toBe(0);
    expect(event.summary).toBe('Monthly meeting: ethics, client intake');
    expect(event.location).toBe('https://meet.jit.si/SecondChair-3kq7m9xd2p5t8v4w6y1z0abcde');
    expect(event.description).toContain('- Plan: Conflicts of interest check\n- Goal: First deposition');
    expect(event.description).toContain('Join the video call: https://meet.jit.si/');
    expect(event.status).toBe('CONFIRMED');
    const organizer = event.organizer as { val: string; params: { CN: string } };
    expect(organizer.val).toBe('mailto:ana@ortiz-law.example');
    expect(organizer.params.CN).toBe('Ana Ortiz');
    const attendees = (Array.isArray(event.attendee) ? event.attendee : [event.attendee]) as {
      val: string;
      params: { CN: string; RSVP: boolean | string };
    }[];
    expect(attendees.map((attendee) => attendee.val.toLowerCase())).toEqual([
      'mailto:ana@ortiz-law.example',
      'mailto:ben@chambers.example',
    ]);
    expect(attendees[1]?.params.CN).toBe('Ben O’Neill');
  });

  it('puts a New York 10:00 meeting at 14:00 in London the week US clocks have changed and UK clocks have not', () => {
    const event = onlyEvent(ical.sync.parseICS(meetingInvitation(scheduled(), 'REQUEST', OPTIONS).content));
    expect(event.start.toISOString()).toBe('2027-03-16T14:00:00.000Z');
    expect(event.end?.toISOString()).toBe('2027-03-16T15:00:00.000Z');
    const parsedMeeting = { ...timesOf(event), timeZone: 'America/New_York' };
    expect(meetingTimeIn(parsedMeeting, 'America/New_York').timeLabel).toBe('10:00 AM – 11:00 AM');
    expect(meetingTimeIn(parsedMeeting, 'Europe/London', 'en-GB').timeLabel).toBe('14:00 – 15:00');
    // The same wall-clock time a week earlier, before the US change, is 15:00 in London.
    const earlierStart = instantFromLocalTime({
      date: '2027-03-09',
      time: '10:00',
      timeZone: 'America/New_York',
    });
    const earlier = onlyEvent(
      ical.sync.parseICS(
        meetingInvitation(
          scheduled({ startsAt: earlierStart, endsAt: new Date(earlierStart.getTime() + 3_600_000) }),
          'REQUEST',
          OPTIONS,
        ).content,
      ),
    );
    const earlierMeeting = { ...timesOf(earlier), timeZone: 'America/New_York' };
    expect(meetingTimeIn(earlierMeeting, 'Europe/London', 'en-GB').timeLabel).toBe('15:00 – 16:00');
    // And the description names the zone it was scheduled in.
    expect(
      onlyEvent(ical.sync.parseICS(meetingInvitation(scheduled(), 'REQUEST', OPTIONS).content)).description,
    ).toContain('10:00 AM – 11:00 AM EDT (America/New_York)');
  });

  it('keeps the UID and raises SEQUENCE when the meeting is rescheduled, so calendars update the entry', () => {
    const first = onlyEvent(ical.sync.parseICS(meetingInvitation(scheduled(), 'REQUEST', OPTIONS).content));
    const newStart = instantFromLocalTime({
      date: '2027-03-18',
      time: '16:30',
      timeZone: 'America/New_York',
    });
    const rescheduled = scheduled({
      sequence: 1,
      startsAt: newStart,
      endsAt: new Date(newStart.getTime() + 90 * 60_000),
    });
    const second = onlyEvent(
      ical.sync.parseICS(
        meetingInvitation(rescheduled, 'REQUEST', { ...OPTIONS, stamp: new Date('2027-03-02T10:00:00Z') })
          .content,
      ),
    );
    expect(second.uid).toBe(first.uid);
    expect(Number(second.sequence)).toBe(1);
    expect(Number(second.sequence)).toBeGreaterThan(Number(first.sequence));
    expect(second.start.toISOString()).toBe('2027-03-18T20:30:00.000Z');
    expect(second.end?.toISOString()).toBe('2027-03-18T22:00:00.000Z');
  });

  it('cancels with METHOD:CANCEL, the same UID, a higher SEQUENCE and STATUS:CANCELLED', () => {
    const file = meetingInvitation(scheduled({ sequence: 2 }), 'CANCEL', OPTIONS);
    expect(methodOf(file.content)).toBe('CANCEL');
    expect(file.contentType).toBe('text/calendar; charset=utf-8; method=CANCEL');
    const event = onlyEvent(ical.sync.parseICS(file.content));
    expect(event.uid).toBe(meetingUid('5b0f6c1e-2a4d-4c59-9d8e-0d6f3f6c9a10', 'secondchair.example'));
    expect(Number(event.sequence)).toBe(2);
    expect(event.status).toBe('CANCELLED');
  });

  it('writes the place for an in-person meeting and the number for a phone call', () => {
    const inPerson = onlyEvent(
      ical.sync.parseICS(
        meetingInvitation(
          scheduled({ format: 'in_person', videoUrl: null, place: 'Café Luna, 5th Ave; corner table' }),
          'REQUEST',
          OPTIONS,
        ).content,
      ),
    );
    expect(inPerson.location).toBe('Café Luna, 5th Ave; corner table');
    const phone = onlyEvent(
      ical.sync.parseICS(
        meetingInvitation(
          scheduled({ format: 'phone', videoUrl: null, phone: '+1 503 555 0100' }),
          'REQUEST',
          OPTIONS,
        ).content,
      ),
    );
    expect(phone.location).toBe('Phone: +1 503 555 0100');
  });

  it('refuses a negative or fractional sequence', () => {
    expect(() => meetingInvitation(scheduled({ sequence: -1 }), 'REQUEST', OPTIONS)).toThrow(AppError);
    expect(() => meetingInvitation(scheduled({ sequence: 1.5 }), 'REQUEST', OPTIONS)).toThrow(AppError);
  });
});

describe('a participant’s calendar feed', () => {
  it('lists every meeting with its UID and no METHOD, cancelled meetings marked cancelled', () => {
    const nextStart = instantFromLocalTime({
      date: '2027-04-13',
      time: '10:00',
      timeZone: 'America/New_York',
    });
    const feed = calendarFeed(
      {
        name: 'Second Chair — Ben O’Neill',
        meetings: [
          scheduled(),
          scheduled({
            id: 'b8e4c2a0-0000-4000-8000-000000000002',
            sequence: 3,
            startsAt: nextStart,
            endsAt: new Date(nextStart.getTime() + 3_600_000),
            isCancelled: true,
          }),
        ],
      },
      OPTIONS,
    );
    expect(methodOf(feed)).toBeUndefined();
    expect(feed).toContain('X-WR-CALNAME:Second Chair — Ben O’Neill');
    const parsed = ical.sync.parseICS(feed);
    const events = Object.values(parsed).filter((entry): entry is VEvent => entry?.type === 'VEVENT');
    expect(events.map((event) => [event.uid, event.status, event.start.toISOString()])).toEqual([
      [
        'meeting-5b0f6c1e-2a4d-4c59-9d8e-0d6f3f6c9a10@secondchair.example',
        'CONFIRMED',
        '2027-03-16T14:00:00.000Z',
      ],
      [
        'meeting-b8e4c2a0-0000-4000-8000-000000000002@secondchair.example',
        'CANCELLED',
        '2027-04-13T14:00:00.000Z',
      ],
    ]);
  });
});
