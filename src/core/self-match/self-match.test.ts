import { describe, expect, it } from 'vitest';
import { type AppError } from '../errors.ts';
import {
  canAcceptMatchRequest,
  canViewMatchRequest,
  canWithdrawMatchRequest,
  matchRequestPermissions,
} from '../policies/self-match.ts';
import {
  assertMentorHasSeat,
  assertPendingLimit,
  assertRequestTransition,
  assertSelfMatchOpen,
  effectiveRequestStatus,
  isDueForExpiry,
  isSelfMatchOpen,
  matchesDirectoryFilters,
  pageOf,
  publicAnswers,
  rankRecommendations,
  remainingRequests,
  remainingSeats,
  requestExpiresAt,
  type DirectoryMentor,
} from './index.ts';

const NOW = new Date('2027-03-01T12:00:00Z');
const later = (days: number) => new Date(NOW.getTime() + days * 86_400_000);

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('did not throw');
}

describe('when self-match is open', () => {
  it('needs a self-match mode and a matching or running cohort', () => {
    expect(isSelfMatchOpen('self_match', 'matching')).toBe(true);
    expect(isSelfMatchOpen('both', 'running')).toBe(true);
    expect(isSelfMatchOpen('coordinator', 'matching')).toBe(false);
    expect(isSelfMatchOpen('both', 'enrolling')).toBe(false);
    expect(isSelfMatchOpen('self_match', 'closed')).toBe(false);
  });

  it('names the state when it is not', () => {
    const error = thrown(() =>
      assertSelfMatchOpen({ name: 'P', matchingMode: 'both' }, { name: '2027', state: 'enrolling' }),
    );
    expect(error.code).toBe('INVALID_STATE');
    expect(error.message).toContain('enrolling');
    expect(error.details).toMatchObject({ state: 'enrolling' });
    expect(
      thrown(() =>
        assertSelfMatchOpen({ name: 'P', matchingMode: 'coordinator' }, { name: 'c', state: 'running' }),
      ).message,
    ).toContain('coordinator');
  });
});

describe('request rules', () => {
  it('expires requests a number of days after they were sent', () => {
    expect(requestExpiresAt(NOW, 14)).toEqual(later(14));
    expect(thrown(() => requestExpiresAt(NOW, 0)).code).toBe('INVALID_STATE');
  });

  it('treats a pending request past its expiry as expired before the job marks it', () => {
    const request = { status: 'pending' as const, expiresAt: later(1) };
    expect(effectiveRequestStatus(request, NOW)).toBe('pending');
    expect(effectiveRequestStatus(request, later(1))).toBe('expired');
    expect(isDueForExpiry(request, later(2))).toBe(true);
    expect(isDueForExpiry({ ...request, status: 'accepted' }, later(2))).toBe(false);
  });

  it('limits pending requests', () => {
    expect(() => assertPendingLimit(2, 3)).not.toThrow();
    const error = thrown(() => assertPendingLimit(3, 3));
    expect(error.code).toBe('CAPACITY_REACHED');
    expect(error.message).toContain('(3)');
    expect(remainingRequests(1, 3)).toBe(2);
    expect(remainingRequests(5, 3)).toBe(0);
  });

  it('refuses a mentor with every seat taken', () => {
    expect(() => assertMentorHasSeat(2, 1)).not.toThrow();
    expect(thrown(() => assertMentorHasSeat(2, 2)).code).toBe('CAPACITY_REACHED');
    expect(remainingSeats(2, 3)).toBe(0);
  });

  it('allows actions on pending requests only, naming the state otherwise', () => {
    const pending = { status: 'pending' as const, expiresAt: later(3) };
    expect(() => assertRequestTransition(pending, 'accept', NOW)).not.toThrow();
    const declined = thrown(() => assertRequestTransition({ ...pending, status: 'declined' }, 'accept', NOW));
    expect(declined.code).toBe('INVALID_STATE');
    expect(declined.message).toContain('declined');
    expect(declined.details).toMatchObject({ state: 'declined' });
    expect(thrown(() => assertRequestTransition(pending, 'withdraw', later(4))).message).toContain('expired');
    expect(() => assertRequestTransition(pending, 'expire', later(4))).not.toThrow();
    expect(thrown(() => assertRequestTransition(pending, 'expire', NOW)).code).toBe('INVALID_STATE');
  });
});

describe('request policies', () => {
  const request = { status: 'pending' as const, expiresAt: later(3), menteeUserId: 'e', mentorUserId: 'm' };
  it('lets only the addressed mentor accept and only the mentee withdraw', () => {
    expect(matchRequestPermissions({ userId: 'm', canManageProgram: false }, request, NOW)).toEqual({
      accept: true,
      decline: true,
      withdraw: false,
    });
    expect(matchRequestPermissions({ userId: 'e', canManageProgram: false }, request, NOW)).toEqual({
      accept: false,
      decline: false,
      withdraw: true,
    });
    expect(canAcceptMatchRequest({ userId: 'x', canManageProgram: true }, request, NOW)).toBe(false);
    expect(canAcceptMatchRequest({ userId: 'm', canManageProgram: false }, request, later(3))).toBe(false);
    expect(
      canWithdrawMatchRequest(
        { userId: 'e', canManageProgram: false },
        { ...request, status: 'accepted' },
        NOW,
      ),
    ).toBe(false);
  });
  it('shows a request to its two people and the coordinators only', () => {
    expect(canViewMatchRequest({ userId: 'x', canManageProgram: false }, request)).toBe(false);
    expect(canViewMatchRequest({ userId: 'x', canManageProgram: true }, request)).toBe(true);
    expect(canViewMatchRequest({ userId: 'e', canManageProgram: false }, request)).toBe(true);
  });
});

describe('the directory', () => {
  const mentor = (
    name: string,
    extra: Partial<DirectoryMentor['answers']> = {},
    seats = 1,
  ): DirectoryMentor => ({
    name,
    remainingSeats: seats,
    answers: {
      practice_areas: ['employment'],
      jurisdictions_of_admission: ['US-OR'],
      practice_jurisdictions: ['US-WA'],
      languages: ['es-MX', 'en'],
      meeting_format: 'hybrid',
      availability: [{ day: 'tue', startMinute: 600, endMinute: 720 }],
      time_zone: 'America/Los_Angeles',
      location: 'Portland',
      ...extra,
    },
  });

  it('shows only public answers, never affinity or custom ones', () => {
    const shown = publicAnswers({
      practice_areas: ['tax'],
      affinity: [{ topic: 'veteran', answer: true }],
      admission_date: '2001-01-01',
      custom_q1: 'secret',
    });
    expect(shown).toEqual({ practice_areas: ['tax'] });
  });

  it('applies every filter', () => {
    const m = mentor('Ada Lovelace');
    expect(matchesDirectoryFilters(m, {})).toBe(true);
    expect(matchesDirectoryFilters(m, { practiceArea: 'employment' })).toBe(true);
    expect(matchesDirectoryFilters(m, { practiceArea: 'tax' })).toBe(false);
    expect(matchesDirectoryFilters(m, { jurisdiction: 'US-WA' })).toBe(true);
    expect(matchesDirectoryFilters(m, { jurisdiction: 'US-CA' })).toBe(false);
    expect(matchesDirectoryFilters(m, { language: 'es' })).toBe(true);
    expect(matchesDirectoryFilters(m, { language: 'fr' })).toBe(false);
    expect(matchesDirectoryFilters(m, { format: 'video' })).toBe(true);
    expect(matchesDirectoryFilters(mentor('B', { meeting_format: 'video' }), { format: 'in-person' })).toBe(
      false,
    );
    expect(matchesDirectoryFilters(mentor('B', { meeting_format: 'video' }), { format: 'hybrid' })).toBe(
      false,
    );
    expect(matchesDirectoryFilters(m, { availabilityDay: 'tue' })).toBe(true);
    expect(matchesDirectoryFilters(m, { availabilityDay: 'wed' })).toBe(false);
    expect(matchesDirectoryFilters(m, { timeZone: 'America/Los_Angeles' })).toBe(true);
    expect(matchesDirectoryFilters(m, { timeZone: 'Europe/London' })).toBe(false);
    expect(matchesDirectoryFilters(m, { hasCapacity: true })).toBe(true);
    expect(matchesDirectoryFilters(mentor('Full', {}, 0), { hasCapacity: true })).toBe(false);
    expect(matchesDirectoryFilters(m, { search: 'love' })).toBe(true);
    expect(matchesDirectoryFilters(m, { search: 'portland' })).toBe(true);
    expect(matchesDirectoryFilters(m, { search: 'zzz' })).toBe(false);
    expect(matchesDirectoryFilters(mentor('Blank', { languages: undefined }), { language: 'en' })).toBe(
      false,
    );
  });

  it('pages', () => {
    const page = pageOf([1, 2, 3, 4, 5], 2, 2);
    expect(page).toEqual({ items: [3, 4], total: 5, page: 2, pageSize: 2 });
    expect(pageOf([1], 3, 2).items).toEqual([]);
  });

  it('ranks recommendations by score, then open seats, then name', () => {
    const ranked = rankRecommendations(
      [
        { id: 'a', name: 'Cy', score: 700, remainingSeats: 1 },
        { id: 'b', name: 'Bo', score: 900, remainingSeats: 1 },
        { id: 'c', name: 'Al', score: 700, remainingSeats: 2 },
        { id: 'd', name: 'Ab', score: 700, remainingSeats: 1 },
      ],
      3,
    );
    expect(ranked.map((c) => c.id)).toEqual(['b', 'c', 'd']);
  });
});
