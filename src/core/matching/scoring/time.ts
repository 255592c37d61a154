/**
 * Time zones and weekly availability without I/O: offsets come from the JavaScript runtime's own time zone
 * data through Intl (pure, no clock read) and always for an instant the caller passes in.
 */
import { AppError } from '../../errors.ts';
import { WEEKDAYS, type AvailabilityWindow } from '../profile.ts';

export const SLOT_MINUTES = 15;
export const SLOTS_PER_WEEK = (7 * 24 * 60) / SLOT_MINUTES; // 672
export const WEEK_WORDS = SLOTS_PER_WEEK / 32; // 21
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const WEEK_MINUTES = 7 * 24 * 60;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset', year: 'numeric' });
    } catch {
      throw AppError.validation([{ path: 'timeZone', message: `unknown IANA time zone "${timeZone}"` }]);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The UTC offset of `timeZone` at `instantMs`, in minutes east of UTC (America/Los_Angeles in July: -420). */
export function utcOffsetMinutes(timeZone: string, instantMs: number): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instantMs));
  const name = parts.find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  // "GMT", "GMT+05:30", "GMT-08:00"
  const match = /^GMT(?:([+-])(\d{1,2})(?::(\d{2}))?)?$/.exec(name);
  if (!match || !match[1]) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

/** `+05:30` / `−08:00` style text for an offset in minutes. */
export function formatUtcOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '−' : '+';
  const abs = Math.abs(offsetMinutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * Clock distance between two UTC offsets, in minutes, going the short way round the day: Auckland (+13)
 * and Honolulu (−10) are 1 hour apart on the clock even though their dates differ.
 */
export function timeZoneDistanceMinutes(offsetA: number, offsetB: number): number {
  const diff = Math.abs(offsetA - offsetB) % 1440;
  return Math.min(diff, 1440 - diff);
}

/** Monday 00:00 UTC of the week that contains `instantMs`. */
export function weekStartUtcMs(instantMs: number): number {
  const dayStart = Math.floor(instantMs / DAY_MS) * DAY_MS;
  const weekday = (new Date(dayStart).getUTCDay() + 6) % 7; // Monday = 0
  return dayStart - weekday * DAY_MS;
}

/** Converts a local wall-clock time (given as if it were UTC) to the real UTC instant in `timeZone`. */
export function localToUtcMs(timeZone: string, localAsUtcMs: number): number {
  // Two passes settle the offset on both sides of a DST transition.
  const first = localAsUtcMs - utcOffsetMinutes(timeZone, localAsUtcMs) * MINUTE_MS;
  return localAsUtcMs - utcOffsetMinutes(timeZone, first) * MINUTE_MS;
}

/**
 * Weekly availability as a bitmap of 15-minute UTC slots, Monday 00:00 UTC = slot 0, in 21 words.
 * Each window is placed on its date in the week containing `referenceMs` with the offset in force then, so
 * a DST change during that week is honoured. A slot counts only when the window covers it completely;
 * windows that leave the UTC week wrap around, because availability recurs every week.
 */
export function availabilityBitmap(
  timeZone: string,
  windows: readonly AvailabilityWindow[],
  referenceMs: number,
  out: Uint32Array = new Uint32Array(WEEK_WORDS),
  outOffset = 0,
  /** Per time zone: its offset if constant over the reference week, else null. Reuse across people. */
  weekOffsets: Map<string, number | null> = new Map(),
): Uint32Array {
  if (windows.length === 0) return out;
  const weekStart = weekStartUtcMs(referenceMs);
  // Most zones keep one offset all week; check once per zone and avoid per-window Intl calls.
  let weekOffset = weekOffsets.get(timeZone);
  if (weekOffset === undefined) {
    const before = utcOffsetMinutes(timeZone, weekStart - DAY_MS);
    weekOffset = before === utcOffsetMinutes(timeZone, weekStart + 8 * DAY_MS) ? before : null;
    weekOffsets.set(timeZone, weekOffset);
  }
  const offsetBefore = weekOffset ?? 0;
  const isConstant = weekOffset !== null;
  for (const window of windows) {
    const dayIndex = WEEKDAYS.indexOf(window.day);
    const localStart = dayIndex * 1440 + window.startMinute;
    const length =
      window.endMinute > window.startMinute
        ? window.endMinute - window.startMinute
        : window.endMinute + 1440 - window.startMinute;
    const offset = isConstant
      ? offsetBefore
      : (weekStart + localStart * MINUTE_MS - localToUtcMs(timeZone, weekStart + localStart * MINUTE_MS)) /
        MINUTE_MS;
    const utcStart = localStart - offset;
    const firstSlot = Math.ceil(utcStart / SLOT_MINUTES);
    const endSlot = Math.floor((utcStart + length) / SLOT_MINUTES);
    for (let slot = firstSlot; slot < endSlot; slot++) {
      const s = ((slot % SLOTS_PER_WEEK) + SLOTS_PER_WEEK) % SLOTS_PER_WEEK;
      out[outOffset + (s >>> 5)] |= 1 << (s & 31);
    }
  }
  return out;
}

/** Number of set bits in a 32-bit word. */
export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Minutes both bitmaps are free, given the row offsets of each person's 21 words. */
export function overlapMinutes(a: Uint32Array, aOffset: number, b: Uint32Array, bOffset: number): number {
  let count = 0;
  for (let w = 0; w < WEEK_WORDS; w++) count += popcount(a[aOffset + w] & b[bOffset + w]);
  return count * SLOT_MINUTES;
}

/** Minutes from Monday 00:00 UTC for a slot index (for tests and reasons). */
export function slotToUtcMinute(slot: number): number {
  return (slot * SLOT_MINUTES) % WEEK_MINUTES;
}
