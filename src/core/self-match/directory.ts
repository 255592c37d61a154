/**
 * The mentor directory and recommendations, pure: what of a mentor's application is public, how the
 * directory filters are applied, how recommendations are ranked, and paging.
 */
import type { BuiltInAnswers, StoredAnswers } from '../enrolment/built-in-questions.ts';
import type { MeetingFormat, Weekday } from '../matching/profile.ts';

/**
 * The built-in answers a mentor's directory card shows. Sensitive answers (affinity) and custom
 * questions are never public: custom questions may ask anything, and nothing on a form says a custom
 * answer is meant for other participants.
 */
export const PUBLIC_ANSWER_IDS = [
  'practice_areas',
  'skills',
  'career_goals',
  'years_of_practice',
  'jurisdictions_of_admission',
  'practice_jurisdictions',
  'languages',
  'location',
  'time_zone',
  'availability',
  'meeting_format',
  'communication_style',
] as const satisfies ReadonlyArray<keyof BuiltInAnswers>;
export type PublicAnswerId = (typeof PUBLIC_ANSWER_IDS)[number];

/** A mentor's public answers. */
export type PublicAnswers = Partial<Pick<BuiltInAnswers, PublicAnswerId>>;

/** Only the public built-in answers of `answers`; everything else is dropped. */
export function publicAnswers(answers: StoredAnswers): PublicAnswers {
  const result: Record<string, unknown> = {};
  for (const id of PUBLIC_ANSWER_IDS) {
    if (answers[id] !== undefined && answers[id] !== null) result[id] = answers[id];
  }
  return result;
}

/** The directory's filters; an absent filter lets everyone through. */
export interface DirectoryFilters {
  /** A word of the mentor's name, location or a practice area. */
  search?: string;
  practiceArea?: string;
  /** Admitted in or practising in this jurisdiction. */
  jurisdiction?: string;
  /** Mentors in this language; `es` also finds `es-MX`. */
  language?: string;
  format?: MeetingFormat;
  /** Available at some time on this weekday. */
  availabilityDay?: Weekday;
  timeZone?: string;
  /** Only mentors with at least one open seat. */
  hasCapacity?: boolean;
}

/** One mentor as the directory filters see them. */
export interface DirectoryMentor {
  name: string;
  answers: PublicAnswers;
  remainingSeats: number;
}

const lower = (value: string) => value.toLowerCase();

function languageMatches(wanted: string, offered: readonly string[]): boolean {
  const base = lower(wanted);
  return offered.some((code) => {
    const have = lower(code);
    return have === base || have.startsWith(`${base}-`) || base.startsWith(`${have}-`);
  });
}

/** Whether a mentor passes every filter. A mentor who left a filtered question blank does not. */
export function matchesDirectoryFilters(mentor: DirectoryMentor, filters: DirectoryFilters): boolean {
  const a = mentor.answers;
  if (filters.hasCapacity && mentor.remainingSeats <= 0) return false;
  if (filters.practiceArea && !(a.practice_areas ?? []).includes(filters.practiceArea)) return false;
  if (filters.jurisdiction) {
    const all = [...(a.jurisdictions_of_admission ?? []), ...(a.practice_jurisdictions ?? [])];
    if (!all.includes(filters.jurisdiction)) return false;
  }
  if (filters.language && !languageMatches(filters.language, a.languages ?? [])) return false;
  // A hybrid mentor meets in person and by video; asking for hybrid finds hybrid mentors only.
  if (filters.format && a.meeting_format !== filters.format && a.meeting_format !== 'hybrid') return false;
  if (filters.availabilityDay && !(a.availability ?? []).some((w) => w.day === filters.availabilityDay)) {
    return false;
  }
  if (filters.timeZone && a.time_zone !== filters.timeZone) return false;
  if (filters.search) {
    const needle = lower(filters.search.trim());
    const haystack = [mentor.name, a.location ?? '', ...(a.practice_areas ?? [])].map(lower);
    if (needle && !haystack.some((text) => text.includes(needle))) return false;
  }
  return true;
}

/** A page of a list: `page` counts from 1. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** The `page`-th page of `items` (an empty page past the end). */
export function pageOf<T>(items: readonly T[], page: number, pageSize: number): Page<T> {
  const start = (page - 1) * pageSize;
  return { items: items.slice(start, start + pageSize), total: items.length, page, pageSize };
}

/** A scored candidate for recommendations. */
export interface ScoredCandidate {
  id: string;
  name: string;
  score: number;
  remainingSeats: number;
}

/**
 * Recommendations: best score first; among equal scores the mentor with more open seats (spreads
 * requests), then by name and id so the order is the same on every call. At most `limit`.
 */
export function rankRecommendations<T extends ScoredCandidate>(candidates: readonly T[], limit: number): T[] {
  return [...candidates]
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.remainingSeats - a.remainingSeats ||
        a.name.localeCompare(b.name) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .slice(0, limit);
}
