import { describe, expect, it } from 'vitest';
import {
  availabilityBitmap,
  formatUtcOffset,
  localToUtcMs,
  overlapMinutes,
  timeZoneDistanceMinutes,
  utcOffsetMinutes,
  weekStartUtcMs,
} from './time.ts';

const at = (iso: string) => Date.parse(iso);

describe('utcOffsetMinutes', () => {
  it('follows daylight saving time in both hemispheres', () => {
    expect(utcOffsetMinutes('America/Los_Angeles', at('2025-01-15T12:00:00Z'))).toBe(-480);
    expect(utcOffsetMinutes('America/Los_Angeles', at('2025-07-15T12:00:00Z'))).toBe(-420);
    expect(utcOffsetMinutes('Europe/London', at('2025-01-15T12:00:00Z'))).toBe(0);
    expect(utcOffsetMinutes('Europe/London', at('2025-07-15T12:00:00Z'))).toBe(60);
    expect(utcOffsetMinutes('Australia/Sydney', at('2025-01-15T12:00:00Z'))).toBe(660);
    expect(utcOffsetMinutes('Australia/Sydney', at('2025-07-15T12:00:00Z'))).toBe(600);
    expect(utcOffsetMinutes('Asia/Kolkata', at('2025-07-15T12:00:00Z'))).toBe(330);
    expect(utcOffsetMinutes('Asia/Kathmandu', at('2025-07-15T12:00:00Z'))).toBe(345);
    expect(utcOffsetMinutes('UTC', at('2025-07-15T12:00:00Z'))).toBe(0);
  });

  it('sees the weeks when the US has changed clocks and Europe has not', () => {
    // 2025: US springs forward on 9 March, the UK on 30 March.
    const portland = utcOffsetMinutes('America/Los_Angeles', at('2025-03-20T12:00:00Z'));
    const london = utcOffsetMinutes('Europe/London', at('2025-03-20T12:00:00Z'));
    expect(timeZoneDistanceMinutes(portland, london)).toBe(7 * 60);
    expect(timeZoneDistanceMinutes(-480, 0)).toBe(8 * 60);
  });

  it('throws a validation error for an unknown zone', () => {
    expect(() => utcOffsetMinutes('Mars/Olympus_Mons', 0)).toThrow(/unknown IANA time zone/);
  });
});

describe('timeZoneDistanceMinutes', () => {
  it('goes the short way round the clock across the date line', () => {
    expect(timeZoneDistanceMinutes(13 * 60, -10 * 60)).toBe(60); // Auckland summer vs Honolulu
    expect(timeZoneDistanceMinutes(330, -240)).toBe(570);
  });
});

describe('formatUtcOffset', () => {
  it('writes signed hours and minutes', () => {
    expect(formatUtcOffset(-420)).toBe('UTC−07:00');
    expect(formatUtcOffset(330)).toBe('UTC+05:30');
  });
});

describe('localToUtcMs', () => {
  it('converts wall-clock time on both sides of a DST change', () => {
    expect(localToUtcMs('America/New_York', at('2025-03-08T09:00:00Z'))).toBe(at('2025-03-08T14:00:00Z'));
    expect(localToUtcMs('America/New_York', at('2025-03-10T09:00:00Z'))).toBe(at('2025-03-10T13:00:00Z'));
  });
});

describe('weekStartUtcMs', () => {
  it('returns Monday 00:00 UTC, also for a Sunday', () => {
    expect(new Date(weekStartUtcMs(at('2025-06-11T12:00:00Z'))).toISOString()).toBe(
      '2025-06-09T00:00:00.000Z',
    );
    expect(new Date(weekStartUtcMs(at('2025-06-15T23:59:00Z'))).toISOString()).toBe(
      '2025-06-09T00:00:00.000Z',
    );
  });
});

describe('availabilityBitmap', () => {
  const june = at('2025-06-11T12:00:00Z');

  it('finds the overlap between Portland mornings and London afternoons', () => {
    // Portland 08:00–10:00 PDT = 15:00–17:00 UTC; London 15:00–18:00 BST = 14:00–17:00 UTC → 2 h.
    const portland = availabilityBitmap(
      'America/Los_Angeles',
      [{ day: 'tue', startMinute: 480, endMinute: 600 }],
      june,
    );
    const london = availabilityBitmap(
      'Europe/London',
      [{ day: 'tue', startMinute: 900, endMinute: 1080 }],
      june,
    );
    expect(overlapMinutes(portland, 0, london, 0)).toBe(120);
  });

  it('moves a window into the next UTC day', () => {
    // Portland Monday 20:00–22:00 PDT is Tuesday 03:00–05:00 UTC, Sydney Tuesday 13:00–15:00 AEST.
    const portland = availabilityBitmap(
      'America/Los_Angeles',
      [{ day: 'mon', startMinute: 1200, endMinute: 1320 }],
      june,
    );
    const sydney = availabilityBitmap(
      'Australia/Sydney',
      [{ day: 'tue', startMinute: 780, endMinute: 900 }],
      june,
    );
    expect(overlapMinutes(portland, 0, sydney, 0)).toBe(120);
  });

  it('runs a window past local midnight into the next day', () => {
    const late = availabilityBitmap('UTC', [{ day: 'wed', startMinute: 23 * 60, endMinute: 60 }], june);
    const early = availabilityBitmap('UTC', [{ day: 'thu', startMinute: 0, endMinute: 120 }], june);
    expect(overlapMinutes(late, 0, early, 0)).toBe(60);
  });

  it('wraps Sunday night into Monday morning of the recurring week', () => {
    // Sydney Monday 08:00–09:00 AEST is Sunday 22:00–23:00 UTC, the end of the UTC week.
    const sydney = availabilityBitmap(
      'Australia/Sydney',
      [{ day: 'mon', startMinute: 480, endMinute: 540 }],
      june,
    );
    const london = availabilityBitmap(
      'Europe/London',
      [{ day: 'sun', startMinute: 23 * 60, endMinute: 1440 }],
      june,
    );
    expect(overlapMinutes(sydney, 0, london, 0)).toBe(60);
    const sundayNight = availabilityBitmap(
      'UTC',
      [{ day: 'sun', startMinute: 23 * 60, endMinute: 120 }],
      june,
    );
    const mondayMorning = availabilityBitmap('UTC', [{ day: 'mon', startMinute: 0, endMinute: 60 }], june);
    expect(overlapMinutes(sundayNight, 0, mondayMorning, 0)).toBe(60);
  });

  it('uses the offset in force on each day of a week with a DST change', () => {
    // Week of 3–9 March 2025: New York changes on Sunday 9 March. Saturday 09:00 EST = 14:00 UTC,
    // Sunday 09:00 EDT = 13:00 UTC.
    const march = at('2025-03-05T12:00:00Z');
    const ny = availabilityBitmap(
      'America/New_York',
      [
        { day: 'sat', startMinute: 540, endMinute: 600 },
        { day: 'sun', startMinute: 540, endMinute: 600 },
      ],
      march,
    );
    const utc = availabilityBitmap(
      'UTC',
      [
        { day: 'sat', startMinute: 14 * 60, endMinute: 15 * 60 },
        { day: 'sun', startMinute: 13 * 60, endMinute: 14 * 60 },
      ],
      march,
    );
    expect(overlapMinutes(ny, 0, utc, 0)).toBe(120);
  });

  it('counts only 15-minute slots a window covers completely', () => {
    const partial = availabilityBitmap('UTC', [{ day: 'mon', startMinute: 5, endMinute: 50 }], june);
    const full = availabilityBitmap('UTC', [{ day: 'mon', startMinute: 0, endMinute: 60 }], june);
    expect(overlapMinutes(partial, 0, full, 0)).toBe(30);
  });

  it('handles half-hour zones', () => {
    const delhi = availabilityBitmap(
      'Asia/Kolkata',
      [{ day: 'fri', startMinute: 18 * 60, endMinute: 19 * 60 }],
      june,
    );
    const utc = availabilityBitmap('UTC', [{ day: 'fri', startMinute: 12 * 60, endMinute: 14 * 60 }], june);
    expect(overlapMinutes(delhi, 0, utc, 0)).toBe(60); // 12:30–13:30 UTC
  });
});
