import { describe, expect, it } from 'vitest';
import {
  canDecideApplication,
  canRankFrom,
  canUpdateApplication,
  canViewApplication,
  canViewReviewQueue,
  canWithdrawApplication,
} from './enrolment.ts';

const coordinator = { userId: 'coordinator', canManageProgram: true };
const applicant = { userId: 'applicant', canManageProgram: false };
const otherMentor = { userId: 'mentor', canManageProgram: false };
const application = { userId: 'applicant', role: 'mentee' as const, status: 'submitted' as const };

describe('enrolment policies', () => {
  it('lets coordinators see and decide every application, the applicant their own, and nobody else', () => {
    expect(canViewApplication(coordinator, application)).toBe(true);
    expect(canViewApplication(applicant, application)).toBe(true);
    expect(canViewApplication(otherMentor, application)).toBe(false);
    expect(canViewReviewQueue(applicant)).toBe(false);
    expect(canDecideApplication(applicant)).toBe(false);
    expect(canDecideApplication(coordinator)).toBe(true);
  });

  it('lets only the applicant update (while open) and withdraw (while live)', () => {
    expect(canUpdateApplication(applicant, application)).toBe(true);
    expect(canUpdateApplication(coordinator, application)).toBe(false);
    expect(canUpdateApplication(applicant, { ...application, status: 'approved' })).toBe(false);
    expect(canWithdrawApplication(applicant, { ...application, status: 'approved' })).toBe(true);
    expect(canWithdrawApplication(applicant, { ...application, status: 'withdrawn' })).toBe(false);
    expect(canWithdrawApplication(otherMentor, application)).toBe(false);
  });

  it('lets approved mentees rank when rankings are on, and mentors only when mentors rank', () => {
    const approved = { ...application, status: 'approved' as const };
    const on = { rankingsEnabled: true, mentorsRank: false };
    expect(canRankFrom(applicant, approved, on)).toBe(true);
    expect(canRankFrom(applicant, application, on)).toBe(false);
    expect(canRankFrom(applicant, approved, { rankingsEnabled: false, mentorsRank: true })).toBe(false);
    expect(canRankFrom(applicant, { ...approved, role: 'mentor' }, on)).toBe(false);
    expect(canRankFrom(applicant, { ...approved, role: 'mentor' }, { ...on, mentorsRank: true })).toBe(true);
  });
});
